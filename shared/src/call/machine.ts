import { z } from 'zod';

/**
 * The video call's lifecycle. Pure: the server applies events to the stored state (it is
 * authoritative) and broadcasts the result; clients only display it.
 *
 * created → invited → parent_waiting → admitted → connecting → connected ⇄ reconnecting → ended,
 * plus failed (retryable while the parent's session lives).
 */
export const callStates = [
  'created',
  'invited',
  'parent_waiting',
  'admitted',
  'connecting',
  'connected',
  'reconnecting',
  'ended',
  'failed',
] as const;
export const callStateSchema = z.enum(callStates);
export type CallState = z.infer<typeof callStateSchema>;

export const endReasons = ['clinician_ended', 'parent_left'] as const;
export const failReasons = ['link_expired', 'permission_denied', 'no_camera', 'ice_failed', 'timeout'] as const;
export const callReasonSchema = z.enum([...endReasons, ...failReasons]);
export type CallEndReason = (typeof endReasons)[number];
export type CallFailReason = (typeof failReasons)[number];
export type CallReason = z.infer<typeof callReasonSchema>;

/** A call's state as stored and broadcast. `attempt` counts peer connections: stale signals carry an old one. */
export const callSnapshotSchema = z.object({
  state: callStateSchema,
  reason: callReasonSchema.nullable(),
  attempt: z.number().int().nonnegative(),
});
export type CallSnapshot = z.infer<typeof callSnapshotSchema>;

export type CallEvent =
  | { type: 'INVITE_SENT' }
  | { type: 'LINK_EXPIRED' }
  | { type: 'PARENT_READY' }
  | { type: 'PARENT_LEFT_LOBBY' }
  | { type: 'PARENT_FAILED'; reason: 'permission_denied' | 'no_camera' }
  | { type: 'ADMIT' }
  | { type: 'SIGNALLING_STARTED' }
  | { type: 'MEDIA_CONNECTED' }
  | { type: 'PARTY_DROPPED' }
  | { type: 'PARTY_REJOINED' }
  | { type: 'MEDIA_FAILED' }
  | { type: 'TIMED_OUT' }
  | { type: 'END'; reason: CallEndReason };

export const INITIAL_CALL: CallSnapshot = { state: 'created', reason: null, attempt: 0 };

const TERMINAL: ReadonlySet<CallState> = new Set(['ended']);
/** States in which both parties have been let in and peers should exist. */
export const IN_CALL_STATES: ReadonlySet<CallState> = new Set(['admitted', 'connecting', 'connected', 'reconnecting']);

export function isCallOpen(state: CallState): boolean {
  return !TERMINAL.has(state);
}

/** The base state plus its reason, e.g. `failed:permission_denied`. */
export function describeCall(snapshot: CallSnapshot): string {
  return snapshot.reason ? `${snapshot.state}:${snapshot.reason}` : snapshot.state;
}

type Result = { ok: true; snapshot: CallSnapshot } | { ok: false; from: CallState; event: CallEvent['type'] };

function to(state: CallState, from: CallSnapshot, patch: Partial<CallSnapshot> = {}): Result {
  return { ok: true, snapshot: { state, reason: null, attempt: from.attempt, ...patch } };
}

/** Applies one event. An event that makes no sense in the current state is refused, never guessed. */
export function nextCall(current: CallSnapshot, event: CallEvent): Result {
  const refuse: Result = { ok: false, from: current.state, event: event.type };
  const s = current.state;
  switch (event.type) {
    case 'INVITE_SENT':
      return s === 'created' || s === 'invited' || s === 'failed' ? to('invited', current) : refuse;
    case 'LINK_EXPIRED':
      return s === 'invited' ? to('failed', current, { reason: 'link_expired' }) : refuse;
    case 'PARENT_READY':
      if (s === 'invited' || s === 'parent_waiting') return to('parent_waiting', current);
      if (s === 'failed' && current.reason !== 'link_expired') return to('parent_waiting', current);
      // The parent came back (reload, new network) while the call was on: start fresh peers.
      if (IN_CALL_STATES.has(s)) return to('reconnecting', current, { attempt: current.attempt + 1 });
      return refuse;
    case 'PARENT_LEFT_LOBBY':
      return s === 'parent_waiting' ? to('invited', current) : refuse;
    case 'PARENT_FAILED':
      // A dead link is not revived by a camera report: only a new link (INVITE_SENT) reopens it.
      if (s === 'failed' && current.reason === 'link_expired') return refuse;
      return s === 'invited' || s === 'parent_waiting' || s === 'failed' || IN_CALL_STATES.has(s)
        ? to('failed', current, { reason: event.reason })
        : refuse;
    case 'ADMIT':
      return s === 'parent_waiting' ? to('admitted', current, { attempt: current.attempt + 1 }) : refuse;
    case 'SIGNALLING_STARTED':
      return s === 'admitted' ? to('connecting', current) : refuse;
    case 'MEDIA_CONNECTED':
      return s === 'connecting' || s === 'reconnecting' || s === 'admitted' ? to('connected', current) : refuse;
    case 'PARTY_DROPPED':
      return s === 'admitted' || s === 'connecting' || s === 'connected' ? to('reconnecting', current) : refuse;
    case 'PARTY_REJOINED':
      return IN_CALL_STATES.has(s) ? to('reconnecting', current, { attempt: current.attempt + 1 }) : refuse;
    case 'MEDIA_FAILED':
      return s === 'connecting' || s === 'reconnecting' || s === 'connected' || s === 'admitted'
        ? to('failed', current, { reason: 'ice_failed' })
        : refuse;
    case 'TIMED_OUT':
      return s === 'admitted' || s === 'connecting' || s === 'reconnecting'
        ? to('failed', current, { reason: 'timeout' })
        : refuse;
    case 'END':
      return isCallOpen(s) && s !== 'created' ? to('ended', current, { reason: event.reason }) : refuse;
    default:
      return assertNever(event);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
