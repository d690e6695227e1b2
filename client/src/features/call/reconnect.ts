import { assertNever, type PeerStatus } from '@desk/shared';

/**
 * One peer connection's reconnect machine. Pure: the peer slot feeds it what the browser says (ICE
 * state, stats, network changes, timers) and carries out the action it answers with.
 *
 * connecting → connected ⇄ reconnecting, and failed when the browser cannot do WebRTC at all.
 * A stall (no packets for about a second) or ICE `disconnected` starts reconnecting; after a short
 * grace the offerer restarts ICE on the same connection (the answerer, later, asks it to); ICE
 * `failed` or a network change restarts at once; restarts back off, and after a few the
 * connection is rebuilt. A signalling socket that came back may have lost signals on the way, so
 * a connection that is not up is then rebuilt.
 */

export type SlotRole = 'offerer' | 'answerer';
export type SlotPhase = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export type SlotMachine = {
  role: SlotRole;
  phase: SlotPhase;
  /** When the phase began (ms). */
  since: number;
  /** Restarts and rebuilds tried since media last flowed. */
  tries: number;
  /** When the next try is due, if one is scheduled. */
  dueAt: number | null;
  /** When the last restart or rebuild was tried (or asked for). */
  lastTryAt: number | null;
};

export type SlotInput =
  /** ICE is connected and packets arrive. */
  | { type: 'FLOWING' }
  /** No packets for STALL_MS, or ICE `disconnected`. */
  | { type: 'STALLED' }
  | { type: 'ICE_FAILED' }
  /** The browser came online or its network changed. */
  | { type: 'NETWORK_CHANGED' }
  /** The signalling socket reconnected (and this page holds its participant again): signals may have been lost. */
  | { type: 'SIGNALLING_RESTORED' }
  /** The connection closed under us (its data channel died): only a rebuild helps. */
  | { type: 'CLOSED' }
  /** Offerer: the other side asked for a restart (or a whole new connection). */
  | { type: 'RESTART_REQUESTED'; rebuild: boolean }
  /** Answerer: an offer came (a restart or a new connection): the offerer is on it. */
  | { type: 'OFFER_RECEIVED' }
  /** No RTCPeerConnection here (some in-app browsers): nothing to retry. */
  | { type: 'UNSUPPORTED' }
  | { type: 'TIMER' };

/**
 * restart: the offerer restarts ICE (the answerer sends a restart request); rebuild: the offerer
 * starts a new connection (the answerer asks for one). `report` is the new state to tell the server.
 */
export type SlotStep = { machine: SlotMachine; action: 'restart' | 'rebuild' | null; report: PeerStatus | null };

/** How long a stall may last before the offerer's first restart: a blip should heal by itself. */
export const RESTART_GRACE_MS = 1_000;
/** The answerer waits longer, so the offerer (who can act directly) goes first. */
export const ANSWERER_GRACE_MS = 2_500;
/** Tries back off: 2 s, 4 s, 8 s, then every 8 s. */
export const RESTART_BACKOFF_MS = [2_000, 4_000, 8_000] as const;
/** Restarts that did not bring media back before the connection is rebuilt instead. */
export const RESTARTS_BEFORE_REBUILD = 2;
/** A first connection that has not flowed in this long is rebuilt. */
export const CONNECT_REBUILD_MS = 10_000;
/** A restart asked for within this long of our own is the same stall, seen from the other side. */
export const RESTART_MIN_GAP_MS = 1_500;
/** Rebuild requests closer together than this are one request (no rebuild storms). */
export const REBUILD_MIN_GAP_MS = 500;

export function initialSlot(role: SlotRole, now: number): SlotMachine {
  return { role, phase: 'connecting', since: now, tries: 0, dueAt: now + CONNECT_REBUILD_MS, lastTryAt: null };
}

const backoff = (tries: number) => RESTART_BACKOFF_MS[Math.min(tries, RESTART_BACKOFF_MS.length - 1)]!;

export function nextSlot(m: SlotMachine, input: SlotInput, now: number): SlotStep {
  const stay = (patch: Partial<SlotMachine> = {}, action: SlotStep['action'] = null): SlotStep => ({
    machine: { ...m, ...patch },
    action,
    report: null,
  });
  const enter = (phase: SlotPhase, patch: Partial<SlotMachine>, action: SlotStep['action'] = null): SlotStep => ({
    machine: { ...m, phase, since: now, ...patch },
    action,
    report: phase,
  });
  /** A try now; the next backs off; after a few restarts, a rebuild. A first connection is only ever rebuilt. */
  const tryAgain = (force?: 'rebuild'): SlotStep => {
    const connecting = m.phase === 'connecting';
    const action = force ?? (connecting || m.tries >= RESTARTS_BEFORE_REBUILD ? 'rebuild' : 'restart');
    const patch = { tries: m.tries + 1, dueAt: now + (connecting ? CONNECT_REBUILD_MS : backoff(m.tries)), lastTryAt: now };
    return m.phase === 'connected' ? enter('reconnecting', patch, action) : stay(patch, action);
  };

  if (m.phase === 'failed') return stay();
  switch (input.type) {
    case 'FLOWING':
      return m.phase === 'connected' ? stay() : enter('connected', { tries: 0, dueAt: null });
    case 'STALLED':
      // Grace first: most stalls (a lift, a tunnel, a busy cell) heal by themselves.
      return m.phase === 'connected'
        ? enter('reconnecting', { tries: 0, dueAt: now + (m.role === 'offerer' ? RESTART_GRACE_MS : ANSWERER_GRACE_MS) })
        : stay();
    case 'NETWORK_CHANGED':
      // Media still flows: restart ICE on the new network without calling it an interruption.
      if (m.phase === 'connected') return stay({ lastTryAt: now }, 'restart');
      return tryAgain();
    case 'SIGNALLING_RESTORED':
      if (m.phase === 'connected') return stay({ lastTryAt: now }, 'restart');
      return tryAgain('rebuild');
    case 'ICE_FAILED':
      return tryAgain();
    case 'CLOSED':
      return tryAgain('rebuild');
    case 'RESTART_REQUESTED': {
      // Both sides notice the same stall: a restart request just after our own try is about that try.
      // A rebuild request says our try never arrived (the other side's socket came back): only a
      // same-moment duplicate is ignored.
      const since = m.lastTryAt === null ? Number.POSITIVE_INFINITY : now - m.lastTryAt;
      if (since < (input.rebuild ? REBUILD_MIN_GAP_MS : RESTART_MIN_GAP_MS)) return stay();
      return input.rebuild ? tryAgain('rebuild') : tryAgain();
    }
    case 'OFFER_RECEIVED':
      // Give the offer time to work before asking again: a first connection over 4G or TURN can take seconds.
      if (m.phase === 'connected') return stay();
      return stay({ dueAt: now + (m.phase === 'connecting' ? CONNECT_REBUILD_MS : backoff(m.tries)) });
    case 'UNSUPPORTED':
      return enter('failed', { dueAt: null });
    case 'TIMER':
      if (m.dueAt === null || now < m.dueAt) return stay();
      if (m.phase === 'connected') return stay({ dueAt: null });
      return tryAgain();
    default:
      return assertNever(input);
  }
}
