import { endedSessions, touchSessions } from '../auth/sessions.js';
import type { Deps } from '../http/context.js';
import { rooms, type DeskServer } from './types.js';

/** How often a node asks whether its sockets' sessions still count (a disable from another process). */
export const SESSION_RECHECK_MS = 30_000;

/**
 * A socket lives no longer than its session. Sign-out and disabling on this node close the
 * session's sockets at once (the `session:` room); every `recheckMs` the node also asks the database
 * about all the sessions it holds sockets for, so a session ended elsewhere (another node, the
 * users CLI, expiry) loses its sockets within that time. Each node closes only its own sockets.
 */
export function endSocketsWithSessions(io: DeskServer, deps: Deps, recheckMs = SESSION_RECHECK_MS): () => void {
  // Every node hears a session end (http/events.ts) and closes its own sockets of it.
  const close = (sessionIds: readonly string[]) => {
    for (const sessionId of sessionIds) io.local.in(rooms.session(sessionId)).disconnectSockets(true);
  };
  const off = deps.events.onSessionsEnded(close);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const sockets = [...io.of('/').sockets.values()];
    const held = [...new Set(sockets.map((socket) => socket.data.principal.sessionId))];
    // A live call or a watched board is activity: the person is there even without a click, and idle sign-out never ends a call.
    const busy = sockets
      .filter(({ data: { principal, holds }, rooms: joined }) => {
        if (principal.kind !== 'staff') return false;
        // A clinician's case list is live too; only a supervisor's board counts as watching.
        return Object.keys(holds).length > 0 || (principal.role !== 'clinician' && joined.has(rooms.board));
      })
      .map((socket) => socket.data.principal.sessionId);
    const now = deps.clock.now();
    touchSessions(deps.db, [...new Set(busy)], now)
      .then(() => endedSessions(deps.db, held, now, deps.config.staffSession.idleMs))
      .then(close, (error: unknown) => deps.logger.error({ err: error }, 'session recheck failed'))
      .finally(() => {
        running = false;
      });
  }, recheckMs);
  timer.unref();
  return () => {
    off();
    clearInterval(timer);
  };
}
