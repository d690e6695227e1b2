import { describe, expect, it } from 'vitest';
import {
  callSnapshotSchema,
  describeCall,
  INITIAL_CALL,
  isCallOpen,
  nextCall,
  type CallEvent,
  type CallReason,
  type CallSnapshot,
  type CallState,
} from '../src/index.js';

/** One snapshot per state the reducer can meet; `failed` appears with reasons that may be retried and one that may not. */
const STATES = {
  created: { state: 'created', reason: null },
  invited: { state: 'invited', reason: null },
  parent_waiting: { state: 'parent_waiting', reason: null },
  admitted: { state: 'admitted', reason: null },
  connecting: { state: 'connecting', reason: null },
  connected: { state: 'connected', reason: null },
  reconnecting: { state: 'reconnecting', reason: null },
  'ended:clinician_ended': { state: 'ended', reason: 'clinician_ended' },
  'failed:link_expired': { state: 'failed', reason: 'link_expired' },
  'failed:permission_denied': { state: 'failed', reason: 'permission_denied' },
  'failed:ice_failed': { state: 'failed', reason: 'ice_failed' },
  'failed:parent_left': { state: 'failed', reason: 'parent_left' },
  'failed:in_app_browser': { state: 'failed', reason: 'in_app_browser' },
} as const satisfies Record<string, CallSnapshot>;
type StateLabel = keyof typeof STATES;
const STATE_LABELS = Object.keys(STATES) as StateLabel[];

const EVENTS = {
  INVITE_SENT: { type: 'INVITE_SENT' },
  LINK_EXPIRED: { type: 'LINK_EXPIRED' },
  PARENT_READY: { type: 'PARENT_READY' },
  PARENT_LEFT_LOBBY: { type: 'PARENT_LEFT_LOBBY' },
  LINK_REOPENED: { type: 'LINK_REOPENED' },
  PARENT_FAILED: { type: 'PARENT_FAILED', reason: 'permission_denied' },
  ADMIT: { type: 'ADMIT' },
  PEER_REPLACED: { type: 'PEER_REPLACED' },
  MEDIA_CONNECTING: { type: 'MEDIA_CONNECTING' },
  MEDIA_CONNECTED: { type: 'MEDIA_CONNECTED' },
  MEDIA_INTERRUPTED: { type: 'MEDIA_INTERRUPTED' },
  MEDIA_FAILED: { type: 'MEDIA_FAILED' },
  TIMED_OUT: { type: 'TIMED_OUT' },
  PARENT_LEFT: { type: 'PARENT_LEFT', reason: 'parent_left' },
  END: { type: 'END', reason: 'clinician_ended' },
} as const satisfies { [K in CallEvent['type']]: Extract<CallEvent, { type: K }> };
type EventName = keyof typeof EVENTS;

/** Where an allowed event leads; `stay` keeps the state it was in. */
type Outcome = { to: CallState | 'stay'; reason?: CallReason };

const SETTLING = ['admitted', 'connecting', 'reconnecting'] as const;
const IN_CALL = [...SETTLING, 'connected'] as const;
const RETRYABLE = ['failed:permission_denied', 'failed:ice_failed', 'failed:parent_left', 'failed:in_app_browser'] as const;
const FAILED = ['failed:link_expired', ...RETRYABLE] as const;
const from = (labels: readonly StateLabel[], outcome: Outcome): Partial<Record<StateLabel, Outcome>> =>
  Object.fromEntries(labels.map((label) => [label, outcome]));

/**
 * The specification: for each event, the states it is allowed in and where it leads. Every pair not
 * listed must be refused.
 */
const ALLOWED: Record<EventName, Partial<Record<StateLabel, Outcome>>> = {
  INVITE_SENT: from(['created', 'invited', ...FAILED], { to: 'invited' }),
  // A link opened in a browser that cannot do video is still unused: it expires as an unopened one does.
  LINK_EXPIRED: from(['invited', 'failed:in_app_browser'], { to: 'failed', reason: 'link_expired' }),
  // The parent opened the same link again in Safari or Chrome: the desk no longer reads "opened in an app".
  LINK_REOPENED: from(['failed:in_app_browser'], { to: 'invited' }),
  // A parent who left, or whose camera or video failed, may come back without a new link.
  PARENT_READY: from(['invited', 'parent_waiting', ...RETRYABLE], { to: 'parent_waiting' }),
  PARENT_LEFT_LOBBY: from(['parent_waiting'], { to: 'invited' }),
  // A dead link stays dead: a camera report cannot reopen it (then PARENT_READY would).
  PARENT_FAILED: from(['invited', 'parent_waiting', ...IN_CALL, ...RETRYABLE], { to: 'failed', reason: 'permission_denied' }),
  ADMIT: from(['parent_waiting'], { to: 'admitted' }),
  // A reloaded page mid-call: media starts afresh, so a connected call is reconnecting.
  PEER_REPLACED: { ...from(SETTLING, { to: 'stay' }), connected: { to: 'reconnecting' } },
  MEDIA_CONNECTING: from(['admitted'], { to: 'connecting' }),
  MEDIA_CONNECTED: from(SETTLING, { to: 'connected' }),
  MEDIA_INTERRUPTED: from(['connected'], { to: 'reconnecting' }),
  MEDIA_FAILED: from(IN_CALL, { to: 'failed', reason: 'ice_failed' }),
  TIMED_OUT: from(SETTLING, { to: 'failed', reason: 'timeout' }),
  // The parent's End (or closing the page for good) is a retryable failure, never the end of the call.
  PARENT_LEFT: from(['parent_waiting', ...IN_CALL, ...RETRYABLE], { to: 'failed', reason: 'parent_left' }),
  END: from(
    STATE_LABELS.filter((label) => label !== 'ended:clinician_ended'),
    { to: 'ended', reason: 'clinician_ended' },
  ),
};

const cases = (Object.keys(EVENTS) as EventName[]).flatMap((eventName) =>
  STATE_LABELS.map((stateLabel) => ({ eventName, stateLabel, outcome: ALLOWED[eventName][stateLabel] ?? null })),
);

describe('nextCall', () => {
  it.each(cases.filter((c) => c.outcome))('$eventName in $stateLabel is allowed', ({ eventName, stateLabel, outcome }) => {
    const current = STATES[stateLabel];
    const result = nextCall(current, EVENTS[eventName]);
    const expected = outcome!.to === 'stay' ? current : { state: outcome!.to, reason: outcome!.reason ?? null };
    expect(result).toEqual({ ok: true, snapshot: expected });
    if (result.ok) expect(callSnapshotSchema.parse(result.snapshot)).toEqual(result.snapshot);
  });

  it.each(cases.filter((c) => !c.outcome))('$eventName in $stateLabel is refused', ({ eventName, stateLabel }) => {
    const current = STATES[stateLabel];
    expect(nextCall(current, EVENTS[eventName])).toEqual({ ok: false, from: current.state, event: eventName });
  });

  it('does not change the snapshot it was given', () => {
    const current = { ...STATES.parent_waiting };
    nextCall(current, EVENTS.ADMIT);
    expect(current).toEqual(STATES.parent_waiting);
  });

  it('carries the reason of a parent failure, of a parent leaving and of an end', () => {
    expect(nextCall(STATES.parent_waiting, { type: 'PARENT_FAILED', reason: 'no_camera' })).toMatchObject({
      snapshot: { state: 'failed', reason: 'no_camera' },
    });
    expect(nextCall(STATES.reconnecting, { type: 'PARENT_LEFT', reason: 'phone_fallback' })).toMatchObject({
      snapshot: { state: 'failed', reason: 'phone_fallback' },
    });
    expect(nextCall(STATES.connected, { type: 'END', reason: 'phone_fallback' })).toMatchObject({
      snapshot: { state: 'ended', reason: 'phone_fallback' },
    });
  });

  it('does not let PARENT_READY retry a call whose link expired: a new link is needed', () => {
    expect(nextCall(STATES['failed:link_expired'], EVENTS.PARENT_READY).ok).toBe(false);
    expect(nextCall(STATES['failed:link_expired'], EVENTS.INVITE_SENT)).toEqual({ ok: true, snapshot: { state: 'invited', reason: null } });
  });

  it('treats ended as terminal: every event is refused', () => {
    for (const event of Object.values(EVENTS)) {
      expect(nextCall(STATES['ended:clinician_ended'], event).ok).toBe(false);
    }
  });

  it('walks the happy path, an interruption, a reload, the parent leaving and rejoining', () => {
    const steps: [CallEvent, string][] = [
      [{ type: 'INVITE_SENT' }, 'invited'],
      [{ type: 'PARENT_READY' }, 'parent_waiting'],
      [{ type: 'ADMIT' }, 'admitted'],
      [{ type: 'MEDIA_CONNECTING' }, 'connecting'],
      [{ type: 'MEDIA_CONNECTED' }, 'connected'],
      [{ type: 'MEDIA_INTERRUPTED' }, 'reconnecting'],
      [{ type: 'MEDIA_CONNECTED' }, 'connected'],
      [{ type: 'PEER_REPLACED' }, 'reconnecting'],
      [{ type: 'MEDIA_CONNECTED' }, 'connected'],
      [{ type: 'PARENT_LEFT', reason: 'parent_left' }, 'failed:parent_left'],
      [{ type: 'PARENT_READY' }, 'parent_waiting'],
      [{ type: 'ADMIT' }, 'admitted'],
      [{ type: 'TIMED_OUT' }, 'failed:timeout'],
      [{ type: 'END', reason: 'clinician_ended' }, 'ended:clinician_ended'],
    ];
    let snapshot: CallSnapshot = INITIAL_CALL;
    for (const [event, described] of steps) {
      const result = nextCall(snapshot, event);
      if (!result.ok) throw new Error(`${event.type} refused in ${describeCall(snapshot)}`);
      snapshot = result.snapshot;
      expect(describeCall(snapshot)).toBe(described);
    }
  });
});

describe('isCallOpen and describeCall', () => {
  it('counts every state but ended as open', () => {
    const open = STATE_LABELS.filter((label) => isCallOpen(STATES[label].state));
    expect(open).not.toContain('ended:clinician_ended');
    expect(open).toHaveLength(STATE_LABELS.length - 1);
  });

  it('describes a state with its reason', () => {
    expect(describeCall(STATES.connected)).toBe('connected');
    expect(describeCall(STATES['failed:link_expired'])).toBe('failed:link_expired');
  });
});
