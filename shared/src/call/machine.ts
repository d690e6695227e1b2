/**
 * The video call's lifecycle, as the clinician and the parent see it. Pure: the server applies
 * events to the stored state (it is authoritative) and broadcasts the result; clients only display
 * it. Guests (paediatrician, interpreter) have participant states of their own (participants.ts).
 * Zod-free (the parent's page carries no zod): the schemas live in schemas.ts.
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
export type CallState = (typeof callStates)[number];

/** Every reason a call (or a participant's view of it) can give. Add new ones; never reuse one. */
export const callReasons = [
  'clinician_ended',
  'parent_left',
  'link_expired',
  'permission_denied',
  'no_camera',
  'ice_failed',
  'timeout',
  /** The people chose to carry on by phone. */
  'phone_fallback',
  /** A guest's own view: the clinician took them out of the call. */
  'guest_removed',
  /** Nobody came back to the call within the abandon deadline (docs/architecture.md). */
  'abandoned',
  /** The link opened inside an app's own browser (WhatsApp, Facebook, an SMS app…): the parent is shown how to open it in Safari or Chrome. */
  'in_app_browser',
  /** The browser that opened the link has no WebRTC or no camera access at all. */
  'unsupported_browser',
] as const;
export type CallReason = (typeof callReasons)[number];

export type CallEndReason = Extract<CallReason, 'clinician_ended' | 'phone_fallback' | 'abandoned'>;
export type ParentLeftReason = Extract<CallReason, 'parent_left' | 'phone_fallback'>;
export type CameraFailReason = Extract<CallReason, 'permission_denied' | 'no_camera'>;
/** Found as the link opens, before the parent taps Join (reported through the link preview). */
export type BrowserFailReason = Extract<CallReason, 'in_app_browser' | 'unsupported_browser'>;

export function isBrowserFailure(reason: CallReason | null): reason is BrowserFailReason {
  return reason === 'in_app_browser' || reason === 'unsupported_browser';
}

export type CallSnapshot = { state: CallState; reason: CallReason | null };

export type CallEvent =
  | { type: 'INVITE_SENT' }
  | { type: 'LINK_EXPIRED' }
  | { type: 'PARENT_READY' }
  | { type: 'PARENT_LEFT_LOBBY' }
  | { type: 'PARENT_FAILED'; reason: CameraFailReason | BrowserFailReason }
  /** The unused link opened again, now in a browser that can hold the call. */
  | { type: 'LINK_REOPENED' }
  | { type: 'ADMIT' }
  /** The clinician's or the parent's page was replaced mid-call (reload, "Use this tab"): their media starts afresh. */
  | { type: 'PEER_REPLACED' }
  | { type: 'MEDIA_CONNECTING' }
  | { type: 'MEDIA_CONNECTED' }
  | { type: 'MEDIA_INTERRUPTED' }
  | { type: 'MEDIA_FAILED' }
  | { type: 'TIMED_OUT' }
  | { type: 'PARENT_LEFT'; reason: ParentLeftReason }
  | { type: 'END'; reason: CallEndReason };

export const INITIAL_CALL: CallSnapshot = { state: 'created', reason: null };

/** States in which the parent has been let in and peers should exist. */
export const IN_CALL_STATES: ReadonlySet<CallState> = new Set(['admitted', 'connecting', 'connected', 'reconnecting']);
/** States in which media should be flowing soon; a deadline fails the call if it does not. */
export const SETTLING_STATES: ReadonlySet<CallState> = new Set(['admitted', 'connecting', 'reconnecting']);

export function isCallOpen(state: CallState): boolean {
  return state !== 'ended';
}

/** The base state plus its reason, e.g. `failed:permission_denied`. */
export function describeCall(snapshot: CallSnapshot): string {
  return snapshot.reason ? `${snapshot.state}:${snapshot.reason}` : snapshot.state;
}

export type CallTransition = { ok: true; snapshot: CallSnapshot } | { ok: false; from: CallState; event: CallEvent['type'] };

function to(state: CallState, reason: CallReason | null = null): CallTransition {
  return { ok: true, snapshot: { state, reason } };
}

/** Applies one event. An event that makes no sense in the current state is refused, never guessed. */
export function nextCall(current: CallSnapshot, event: CallEvent): CallTransition {
  const refuse: CallTransition = { ok: false, from: current.state, event: event.type };
  const s = current.state;
  // A dead link is not revived by the parent's page: only a new link (INVITE_SENT) reopens it.
  const retryable = s === 'failed' && current.reason !== 'link_expired';
  switch (event.type) {
    case 'INVITE_SENT':
      return s === 'created' || s === 'invited' || s === 'failed' ? to('invited') : refuse;
    case 'LINK_EXPIRED':
      // A link the parent opened in a browser that cannot do video is still unused: it can still expire.
      return s === 'invited' || (s === 'failed' && isBrowserFailure(current.reason)) ? to('failed', 'link_expired') : refuse;
    case 'PARENT_READY':
      return s === 'invited' || s === 'parent_waiting' || retryable ? to('parent_waiting') : refuse;
    case 'LINK_REOPENED':
      return s === 'failed' && isBrowserFailure(current.reason) ? to('invited') : refuse;
    case 'PARENT_LEFT_LOBBY':
      return s === 'parent_waiting' ? to('invited') : refuse;
    case 'PARENT_FAILED':
      return s === 'invited' || s === 'parent_waiting' || retryable || IN_CALL_STATES.has(s) ? to('failed', event.reason) : refuse;
    case 'ADMIT':
      return s === 'parent_waiting' ? to('admitted') : refuse;
    case 'PEER_REPLACED':
      if (s === 'connected') return to('reconnecting');
      return SETTLING_STATES.has(s) ? to(s) : refuse;
    case 'MEDIA_CONNECTING':
      return s === 'admitted' ? to('connecting') : refuse;
    case 'MEDIA_CONNECTED':
      return SETTLING_STATES.has(s) ? to('connected') : refuse;
    case 'MEDIA_INTERRUPTED':
      return s === 'connected' ? to('reconnecting') : refuse;
    case 'MEDIA_FAILED':
      return IN_CALL_STATES.has(s) ? to('failed', 'ice_failed') : refuse;
    case 'TIMED_OUT':
      return SETTLING_STATES.has(s) ? to('failed', 'timeout') : refuse;
    case 'PARENT_LEFT':
      return s === 'parent_waiting' || IN_CALL_STATES.has(s) || retryable ? to('failed', event.reason) : refuse;
    case 'END':
      return isCallOpen(s) ? to('ended', event.reason) : refuse;
    default:
      return assertNever(event);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
