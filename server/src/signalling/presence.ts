import type { Deps } from '../http/context.js';
import { rooms, type DeskServer } from './types.js';

/** How often a node asks Redis how many nodes there are (one NUMSUB): a node that died shows at the next ask. */
export const NODE_COUNT_CHECK_MS = 2_000;
/** A dead node's pages get this long to reconnect to a live node before the sweep looks for them. */
export const RECONNECT_GRACE_MS = 5_000;
/** And the sweep runs this often anyway, whatever the count did (a missed drop, a node restarted in between). */
export const PRESENCE_SWEEP_MS = 60_000;
/** One node sweeps per round: the turn is a Redis key this long-lived (longer than a sweep takes). */
const SWEEP_TURN_MS = 10_000;
const SWEEP_TURN_KEY = 'desk:presence-sweep';

/**
 * Presence across nodes. A page's socket that closes tells its own node, which marks the participant
 * gone (`releaseEndpoint`); a node that dies (SIGKILL, power) tells nobody, and its participants
 * would stay "present" for ever, their deadlines never starting. So the surviving nodes watch the
 * node count; when it drops (and every `PRESENCE_SWEEP_MS` in any case), one of them, after a grace
 * for the dead node's pages to reconnect elsewhere, compares who the database says is present with
 * the endpoint rooms of every live socket on every node, and sends ENDPOINT_LOST for each
 * participant no socket holds — exactly what that page's own disconnect would have sent.
 * A node alone has nothing to do (its own disconnects always run).
 */
export function sweepPresence(io: DeskServer, deps: Pick<Deps, 'calls' | 'cluster' | 'logger' | 'config'>, options: { checkMs?: number; graceMs?: number; sweepMs?: number } = {}) {
  const redis = deps.cluster.redis;
  if (!redis) return { runOnce: async () => 0, stop: () => undefined };
  let lastCount: number | null = null;
  let graceTimer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function sweep(): Promise<number> {
    const turn = await redis!.set(SWEEP_TURN_KEY, deps.cluster.nodeId, { condition: 'NX', expiration: { type: 'PX', value: SWEEP_TURN_MS } });
    if (turn !== 'OK') return 0;
    try {
      // The database first, the sockets second: a page that takes its media in between is seen holding it, not lost.
      const present = await deps.calls.presentEndpoints();
      if (!present.length) return 0;
      // Only the sockets in those participants' endpoint rooms, from every node.
      const sockets = await io.in(present.map((p) => rooms.endpoint(p.participantId))).fetchSockets();
      const held = new Set<string>();
      for (const socket of sockets) for (const room of socket.rooms) if (room.startsWith(rooms.endpoint(''))) held.add(room);
      let lost = 0;
      for (const p of present) {
        if (held.has(rooms.endpoint(p.participantId))) continue;
        const changed = await deps.calls.applyIfValid(p.callId, { type: 'ENDPOINT_LOST', participantId: p.participantId, endpoint: p.endpoint }, 'system');
        if (changed) lost += 1;
      }
      if (lost) deps.logger.warn({ lost }, 'participants whose node went away marked gone');
      return lost;
    } finally {
      await redis!.del(SWEEP_TURN_KEY).catch(() => undefined);
    }
  }

  const runOnce = (): Promise<number> => {
    running ??= sweep()
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'presence sweep failed');
        return 0;
      })
      .finally(() => (running = null));
    return running;
  };

  const afterGrace = () => {
    if (graceTimer || stopped) return;
    graceTimer = setTimeout(() => {
      graceTimer = null;
      void runOnce();
    }, options.graceMs ?? RECONNECT_GRACE_MS);
    graceTimer.unref();
  };

  const check = setInterval(() => {
    void io
      .of('/')
      .adapter.serverCount()
      .then((count) => {
        if (lastCount !== null && count < lastCount) afterGrace();
        lastCount = count;
      })
      .catch(() => undefined);
  }, options.checkMs ?? NODE_COUNT_CHECK_MS);
  check.unref();
  const backstop = setInterval(() => void runOnce(), options.sweepMs ?? PRESENCE_SWEEP_MS);
  backstop.unref();

  return {
    runOnce,
    stop() {
      stopped = true;
      clearInterval(check);
      clearInterval(backstop);
      if (graceTimer) clearTimeout(graceTimer);
    },
  };
}
