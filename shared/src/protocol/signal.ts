import { z } from 'zod';

/** An offer is about 6 KB; a mesh call's renegotiated offer a little more. Anything over this is refused. */
export const SIGNAL_MAX_BYTES = 64 * 1024;

/**
 * What two browsers say to each other through the server to set up a peer connection. A typed
 * union, not an opaque record: the server checks the shape (and size) of every message it relays.
 */
export const signalDataSchema = z.discriminatedUnion('kind', [
  /** An SDP offer or answer. Only a pair's offerer sends offers (participants.ts `offererOf`). */
  z.object({ kind: z.literal('description'), type: z.enum(['offer', 'answer']), sdp: z.string().max(SIGNAL_MAX_BYTES) }).strict(),
  /** A trickled ICE candidate. */
  z
    .object({
      kind: z.literal('candidate'),
      candidate: z.string().max(2048),
      sdpMid: z.string().max(64).nullable(),
      sdpMLineIndex: z.number().int().min(0).max(1024).nullable(),
    })
    .strict(),
  /** The answerer asks the offerer for a new offer (its tracks changed). */
  z.object({ kind: z.literal('renegotiate') }).strict(),
  /** The answerer's media stalled: it asks the offerer to restart ICE, or (rebuild) to start a new connection. */
  z.object({ kind: z.literal('restart'), rebuild: z.boolean() }).strict(),
]);
export type SignalData = z.infer<typeof signalDataSchema>;

const id = z.string().uuid();

/** A signal, addressed: from one participant to another of the same call, for one generation of their connection. */
export const signalSchema = z
  .object({
    callId: id,
    from: id,
    to: id,
    generation: z.number().int().positive(),
    data: signalDataSchema,
  })
  .strict();
export type Signal = z.infer<typeof signalSchema>;

/** Whether a raw payload carries an SDP longer than the limit (answered PAYLOAD_TOO_LARGE, not VALIDATION_FAILED). */
export function isOversizedSignal(raw: unknown): boolean {
  const data = (raw as { data?: { sdp?: unknown } } | null)?.data;
  return typeof data?.sdp === 'string' && data.sdp.length > SIGNAL_MAX_BYTES;
}
