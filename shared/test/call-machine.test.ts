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

/** One snapshot per state the reducer can meet; `failed` appears with a reason that may be retried and one that may not. */
const STATES = {
  created: { state: 'created', reason: null, attempt: 0 },
  invited: { state: 'invited', reason: null, attempt: 0 },
  parent_waiting: { state: 'parent_waiting', reason: null, attempt: 0 },
  admitted: { state: 'admitted', reason: null, attempt: 1 },
  connecting: { state: 'connecting', reason: null, attempt: 1 },
  connected: { state: 'connected', reason: null, attempt: 1 },
  reconnecting: { state: 'reconnecting', reason: null, attempt: 2 },
  'ended:clinician_ended': { state: 'ended', reason: 'clinician_ended', attempt: 1 },
  'failed:link_expired': { state: 'failed', reason: 'link_expired', attempt: 0 },
  'failed:permission_denied': { state: 'failed', reason: 'permission_denied', attempt: 0 },
  'failed:ice_failed': { state: 'failed', reason: 'ice_failed', attempt: 1 },
} as const satisfies Record<string, CallSnapshot>;
type StateLabel = keyof typeof STATES;
const STATE_LABELS = Object.keys(STATES) as StateLabel[];

const EVENTS = {
  INVITE_SENT: { type: 'INVITE_SENT' },
  LINK_EXPIRED: { type: 'LINK_EXPIRED' },
  PARENT_READY: { type: 'PARENT_READY' },
  PARENT_LEFT_LOBBY: { type: 'PARENT_LEFT_LOBBY' },
  PARENT_FAILED: { type: 'PARENT_FAILED', reason: 'permission_denied' },
  ADMIT: { type: 'ADMIT' },
  SIGNALLING_STARTED: { type: 'SIGNALLING_STARTED' },
  MEDIA_CONNECTED: { type: 'MEDIA_CONNECTED' },
  PARTY_DROPPED: { type: 'PARTY_DROPPED' },
  PARTY_REJOINED: { type: 'PARTY_REJOINED' },
  MEDIA_FAILED: { type: 'MEDIA_FAILED' },
  TIMED_OUT: { type: 'TIMED_OUT' },
  END: { type: 'END', reason: 'parent_left' },
} as const satisfies { [K in CallEvent['type']]: Extract<CallEvent, { type: K }> };
type EventName = keyof typeof EVENTS;

/** Where an allowed event leads: the new state, its reason, and whether a new peer connection (attempt) begins. */
type Outcome = { to: CallState; reason?: CallReason; newAttempt?: true };

const IN_CALL = ['admitted', 'connecting', 'connected', 'reconnecting'] as const;
const FAILED = ['failed:link_expired', 'failed:permission_denied', 'failed:ice_failed'] as const;
const from = (labels: readonly StateLabel[], outcome: Outcome): Partial<Record<StateLabel, Outcome>> =>
  Object.fromEntries(labels.map((label) => [label, outcome]));

/**
 * The specification: for each event, the states it is allowed in and where it leads. Every pair not
 * listed must be refused.
 */
const ALLOWED: Record<EventName, Partial<Record<StateLabel, Outcome>>> = {
  INVITE_SENT: from(['created', 'invited', ...FAILED], { to: 'invited' }),
  LINK_EXPIRED: from(['invited'], { to: 'failed', reason: 'link_expired' }),
  PARENT_READY: {
    ...from(['invited', 'parent_waiting', 'failed:permission_denied', 'failed:ice_failed'], { to: 'parent_waiting' }),
    // The parent came back during the call (reload, new network): fresh peers.
    ...from(IN_CALL, { to: 'reconnecting', newAttempt: true }),
  },
  PARENT_LEFT_LOBBY: from(['parent_waiting'], { to: 'invited' }),
  // A dead link stays dead: a camera report cannot reopen it (then PARENT_READY would).
  PARENT_FAILED: from(['invited', 'parent_waiting', ...IN_CALL, 'failed:permission_denied', 'failed:ice_failed'], {
    to: 'failed',
    reason: 'permission_denied',
  }),
  ADMIT: from(['parent_waiting'], { to: 'admitted', newAttempt: true }),
  SIGNALLING_STARTED: from(['admitted'], { to: 'connecting' }),
  MEDIA_CONNECTED: from(['admitted', 'connecting', 'reconnecting'], { to: 'connected' }),
  PARTY_DROPPED: from(['admitted', 'connecting', 'connected'], { to: 'reconnecting' }),
  PARTY_REJOINED: from(IN_CALL, { to: 'reconnecting', newAttempt: true }),
  MEDIA_FAILED: from(IN_CALL, { to: 'failed', reason: 'ice_failed' }),
  TIMED_OUT: from(['admitted', 'connecting', 'reconnecting'], { to: 'failed', reason: 'timeout' }),
  END: from(
    STATE_LABELS.filter((label) => label !== 'created' && label !== 'ended:clinician_ended'),
    { to: 'ended', reason: 'parent_left' },
  ),
};

const cases = (Object.keys(EVENTS) as EventName[]).flatMap((eventName) =>
  STATE_LABELS.map((stateLabel) => ({ eventName, stateLabel, outcome: ALLOWED[eventName][stateLabel] ?? null })),
);

describe('nextCall', () => {
  it.each(cases.filter((c) => c.outcome))('$eventName in $stateLabel is allowed', ({ eventName, stateLabel, outcome }) => {
    const current = STATES[stateLabel];
    const result = nextCall(current, EVENTS[eventName]);
    expect(result).toEqual({
      ok: true,
      snapshot: {
        state: outcome!.to,
        reason: outcome!.reason ?? null,
        attempt: outcome!.newAttempt ? current.attempt + 1 : current.attempt,
      },
    });
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

  it('carries the reason of a parent failure and of an end', () => {
    expect(nextCall(STATES.parent_waiting, { type: 'PARENT_FAILED', reason: 'no_camera' })).toMatchObject({
      snapshot: { state: 'failed', reason: 'no_camera' },
    });
    expect(nextCall(STATES.connected, { type: 'END', reason: 'clinician_ended' })).toMatchObject({
      snapshot: { state: 'ended', reason: 'clinician_ended' },
    });
  });

  it('does not let PARENT_READY retry a call whose link expired: a new link is needed', () => {
    expect(nextCall(STATES['failed:link_expired'], EVENTS.PARENT_READY).ok).toBe(false);
    const resent = nextCall(STATES['failed:link_expired'], EVENTS.INVITE_SENT);
    expect(resent).toEqual({ ok: true, snapshot: { state: 'invited', reason: null, attempt: 0 } });
  });

  it('treats ended as terminal: every event is refused', () => {
    for (const event of Object.values(EVENTS)) {
      expect(nextCall(STATES['ended:clinician_ended'], event).ok).toBe(false);
    }
  });

  it('walks the happy path, a dropped parent and a reload, counting peer connections', () => {
    const steps: [CallEvent, string, number][] = [
      [{ type: 'INVITE_SENT' }, 'invited', 0],
      [{ type: 'PARENT_READY' }, 'parent_waiting', 0],
      [{ type: 'ADMIT' }, 'admitted', 1],
      [{ type: 'SIGNALLING_STARTED' }, 'connecting', 1],
      [{ type: 'MEDIA_CONNECTED' }, 'connected', 1],
      [{ type: 'PARTY_DROPPED' }, 'reconnecting', 1],
      [{ type: 'PARENT_READY' }, 'reconnecting', 2],
      [{ type: 'MEDIA_CONNECTED' }, 'connected', 2],
      [{ type: 'PARTY_REJOINED' }, 'reconnecting', 3],
      [{ type: 'MEDIA_FAILED' }, 'failed:ice_failed', 3],
      [{ type: 'PARENT_READY' }, 'parent_waiting', 3],
      [{ type: 'ADMIT' }, 'admitted', 4],
      [{ type: 'TIMED_OUT' }, 'failed:timeout', 4],
      [{ type: 'END', reason: 'clinician_ended' }, 'ended:clinician_ended', 4],
    ];
    let snapshot: CallSnapshot = INITIAL_CALL;
    for (const [event, described, attempt] of steps) {
      const result = nextCall(snapshot, event);
      if (!result.ok) throw new Error(`${event.type} refused in ${describeCall(snapshot)}`);
      snapshot = result.snapshot;
      expect([describeCall(snapshot), snapshot.attempt]).toEqual([described, attempt]);
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
