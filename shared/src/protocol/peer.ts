import { z } from 'zod';

/**
 * Messages the browsers send each other over the WebRTC data channel (never through the server).
 * A black or frozen tile must not be mistaken for a broken call or a still child: each side says
 * when it mutes, turns its camera off, or sends audio only, and why.
 */

/** What a side sends (or wants to receive): full video, low-data video (≤ 15 fps, ≤ 360p), or audio only. */
export const mediaModes = ['full', 'low', 'audio'] as const;
export const mediaModeSchema = z.enum(mediaModes);
export type MediaMode = z.infer<typeof mediaModeSchema>;

export const peerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('media'),
    audioMuted: z.boolean(),
    videoOff: z.boolean(),
    /** What this side is sending to the receiver. */
    sending: mediaModeSchema,
    /** Why it sends audio only: the person chose it, or the connection could not carry video. */
    audioOnlyReason: z.enum(['chosen', 'poor_network']).nullable(),
  }),
  /** What this side asks the other to send it (low-data mode). */
  z.object({ type: z.literal('prefs'), receive: mediaModeSchema }),
]);
export type PeerMessage = z.infer<typeof peerMessageSchema>;
