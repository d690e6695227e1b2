import type { SessionTiming } from '@desk/shared';

/** The warning shows this long before the session would end. */
export const WARN_BEFORE_MS = 2 * 60_000;

/**
 * Where a staff session stands, from its timing and the clock: fine (look again at `checkAt`), a
 * warning (it ends at `endsAt`: idle, or the 12-hour limit "Stay signed in" cannot extend), or ended.
 */
export type IdleView =
  | { kind: 'fine'; checkAt: number }
  | { kind: 'warning'; endsAt: number; why: 'idle' | 'limit' }
  | { kind: 'ended'; why: 'idle' | 'limit' };

export function idleView(timing: SessionTiming, now: number): IdleView {
  const idleEnd = Date.parse(timing.lastActivityAt) + timing.idleTimeoutMs;
  const limit = Date.parse(timing.expiresAt);
  const endsAt = Math.min(idleEnd, limit);
  const why = idleEnd < limit ? 'idle' : 'limit';
  if (now >= endsAt) return { kind: 'ended', why };
  if (now >= endsAt - WARN_BEFORE_MS) return { kind: 'warning', endsAt, why };
  return { kind: 'fine', checkAt: endsAt - WARN_BEFORE_MS };
}
