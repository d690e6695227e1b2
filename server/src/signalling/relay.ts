import { isInMedia, isOversizedSignal, signalSchema, type CallUpdate, type ErrorCode } from '@desk/shared';
import type { CallService } from '../calls/service.js';
import type { DeskMetrics } from '../metrics/metrics.js';
import { rooms, type DeskSocket } from './types.js';

/** Calls whose membership a node keeps; the oldest is forgotten first (and read again if needed). */
const MEMBERSHIP_MAX_CALLS = 20_000;

/**
 * Who is in media in each call, as this node last heard from the call service. A cache of the
 * database, refreshed by every snapshot the node broadcasts and read from the database on a miss:
 * the per-signal path reads nothing else.
 */
export class CallMembership {
  private readonly inMedia = new Map<string, { seq: number; members: ReadonlySet<string> }>();

  constructor(private readonly calls: Pick<CallService, 'update'>) {}

  update(update: CallUpdate): void {
    const known = this.inMedia.get(update.callId);
    // A slow read on a cache miss must not put back who was in media before a newer change (a guest removed).
    if (known && known.seq >= update.seq) return;
    this.inMedia.delete(update.callId);
    this.inMedia.set(update.callId, {
      seq: update.seq,
      members: new Set(update.snapshot.state === 'ended' ? [] : update.participants.filter(isInMedia).map((p) => p.id)),
    });
    if (this.inMedia.size > MEMBERSHIP_MAX_CALLS) this.inMedia.delete(this.inMedia.keys().next().value!);
  }

  cached(callId: string): ReadonlySet<string> | undefined {
    return this.inMedia.get(callId)?.members;
  }

  async load(callId: string): Promise<ReadonlySet<string>> {
    const update = await this.calls.update(callId);
    if (update) this.update(update);
    return this.inMedia.get(callId)?.members ?? new Set();
  }
}

/**
 * Relays a signal between two participants of one call who are both in media, from the socket that
 * holds the sender's media to the one that holds the addressee's. Fire-and-forget: a refusal comes
 * back to the sender as `signal:error` with a stable code.
 */
export function relaySignals(
  socket: DeskSocket,
  membership: CallMembership,
  metrics: Pick<DeskMetrics, 'signalRelaySeconds' | 'signalBytes' | 'signalsRefused'>,
): void {
  const refuse = (raw: unknown, code: ErrorCode, message: string) => {
    metrics.signalsRefused.inc({ code });
    const r = (raw ?? {}) as { callId?: unknown; to?: unknown; generation?: unknown };
    socket.emit('signal:error', {
      callId: typeof r.callId === 'string' ? r.callId : '',
      to: typeof r.to === 'string' ? r.to : '',
      generation: typeof r.generation === 'number' && Number.isInteger(r.generation) ? r.generation : 0,
      code,
      message,
    });
  };
  // While membership is being read (a cache miss), later signals wait behind it so none overtakes another.
  let pending: Promise<void> | null = null;
  socket.on('signal', (raw: unknown) => {
    const receivedAt = performance.now();
    if (isOversizedSignal(raw)) return refuse(raw, 'PAYLOAD_TOO_LARGE', 'That signal is too large.');
    const parsed = signalSchema.safeParse(raw);
    if (!parsed.success) return refuse(raw, 'VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'Invalid signal.');
    const signal = parsed.data;
    const held = socket.data.holds[signal.callId];
    if (!held || held.participantId !== signal.from || !socket.rooms.has(rooms.endpoint(signal.from))) {
      return refuse(raw, 'FORBIDDEN', 'This page does not hold that participant in this call.');
    }
    const bothIn = (members: ReadonlySet<string>) => members.has(signal.from) && members.has(signal.to);
    const relay = () => {
      socket.to(rooms.endpoint(signal.to)).emit('signal', signal);
      metrics.signalRelaySeconds.observe((performance.now() - receivedAt) / 1000);
      metrics.signalBytes.observe(Buffer.byteLength(JSON.stringify(signal.data)));
    };
    const members = pending ? undefined : membership.cached(signal.callId);
    if (members && bothIn(members)) return relay();
    // A miss, or a cache that says no: the database decides before a refusal (a change made on another
    // node a moment ago may not have reached this one's cache yet).
    const after: Promise<void> = (pending ?? Promise.resolve())
      .then(() => {
        const known = membership.cached(signal.callId);
        return known && bothIn(known) ? known : membership.load(signal.callId);
      })
      .then(
        (fresh) => {
          if (!bothIn(fresh)) return refuse(raw, 'CALL_STATE_CONFLICT', 'Both people must be in the call.');
          relay();
        },
        () => refuse(raw, 'INTERNAL', 'Could not check the call.'),
      )
      .finally(() => {
        if (pending === after) pending = null;
      });
    pending = after;
  });
}
