import { describe, expect, it } from 'vitest';
import {
  CALL_TIMING,
  decide,
  describeCall,
  firstGeneration,
  isNewerSnapshot,
  mediaPeersOf,
  nextDeadlineAt,
  nextGeneration,
  offererOf,
  participantView,
  type CallCommand,
  type EngineCall,
  type EngineParticipant,
} from '../src/index.js';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const ids = { clinician: 'c', parent: 'p', interpreter: 'i', paediatrician: 'd', third: 'x' } as const;

function person(role: EngineParticipant['role'], patch: Partial<EngineParticipant> = {}): EngineParticipant {
  return {
    id: role === 'clinician' ? ids.clinician : role === 'parent' ? ids.parent : role === 'interpreter' ? ids.interpreter : ids.paediatrician,
    role,
    name: role,
    state: role === 'clinician' ? 'admitted' : 'invited',
    reason: null,
    present: false,
    endpoint: null,
    epoch: 0,
    admittedAt: role === 'clinician' ? T0 : null,
    waitingSince: null,
    closing: false,
    deadline: null,
    media: {},
    ...patch,
  };
}

function call(participants: EngineParticipant[], patch: Partial<EngineCall> = {}): EngineCall {
  return { state: 'invited', reason: null, deadline: null, participants, ...patch };
}

/** Runs commands in order from `start`, each at its own time; fails on a refusal. */
function run(start: EngineCall, steps: [number, CallCommand][]) {
  let current = start;
  const audit: string[] = [];
  for (const [at, command] of steps) {
    const result = decide(current, command, T0 + at);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.code} ${result.message}`);
    current = result.call;
    audit.push(...result.audit.map((a) => a.action));
  }
  return { call: current, audit };
}

const by = (c: EngineCall, id: string) => c.participants.find((p) => p.id === id)!;

/** A call with the clinician's tab open and the parent in it, media flowing. */
function inCall(): EngineCall {
  return run(call([person('clinician'), person('parent')]), [
    [0, { type: 'INVITE_SENT', linkExpiresAt: T0 + 600_000 }],
    [0, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-1', takeover: false, holderAlive: false }],
    [1_000, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }],
    [2_000, { type: 'ADMIT', by: ids.clinician, participantId: ids.parent, parentAgreed: false }],
    [3_000, { type: 'MEDIA', participantId: ids.clinician, peers: { [ids.parent]: 'connected' } }],
  ]).call;
}

describe('who offers, who peers with whom, generations and seq', () => {
  const at = (s: string) => new Date(s).toISOString();
  it.each([
    ['the clinician, whoever else', { id: 'z', role: 'clinician', admittedAt: at('2026-12-02T10:05:00Z') }, { id: 'a', role: 'parent', admittedAt: at('2026-12-02T10:00:00Z') }, 'z'],
    ['the earlier admitted of two', { id: 'z', role: 'interpreter', admittedAt: at('2026-12-02T10:00:00Z') }, { id: 'a', role: 'parent', admittedAt: at('2026-12-02T10:01:00Z') }, 'z'],
    ['the admitted one over one not yet admitted', { id: 'a', role: 'parent', admittedAt: null }, { id: 'z', role: 'paediatrician', admittedAt: at('2026-12-02T10:01:00Z') }, 'z'],
    ['the lower id on a tie', { id: 'b', role: 'parent', admittedAt: null }, { id: 'a', role: 'interpreter', admittedAt: null }, 'a'],
  ] as const)('offers: %s', (_label, a, b, expected) => {
    expect(offererOf(a, b)).toBe(expected);
    expect(offererOf(b, a)).toBe(expected);
  });

  it('peers only between participants in media, and none while self is not', () => {
    const people = [
      { id: 'c', state: 'connected' },
      { id: 'p', state: 'reconnecting' },
      { id: 'i', state: 'waiting' },
      { id: 'd', state: 'admitted' },
      { id: 'x', state: 'left' },
    ] as const;
    expect(mediaPeersOf('c', people).map((p) => p.id)).toEqual(['p', 'd']);
    expect(mediaPeersOf('i', people)).toEqual([]);
  });

  it('numbers generations so a reloaded offerer outranks everything its earlier page sent', () => {
    const firstPage = nextGeneration(nextGeneration(firstGeneration(1), 1), 1);
    expect(firstPage).toBe(firstGeneration(1) + 2);
    expect(firstGeneration(2)).toBeGreaterThan(firstPage);
    expect(nextGeneration(firstPage, 2)).toBe(firstGeneration(2));
  });

  it('applies a snapshot only when its seq is newer', () => {
    expect(isNewerSnapshot(null, { seq: 1 })).toBe(true);
    expect(isNewerSnapshot({ seq: 5 }, { seq: 6 })).toBe(true);
    expect(isNewerSnapshot({ seq: 5 }, { seq: 5 })).toBe(false);
    expect(isNewerSnapshot({ seq: 5 }, { seq: 4 })).toBe(false);
  });
});

describe('decide: the parent', () => {
  it('walks link → waiting → admitted → connected, arming and clearing deadlines, and audits the admission', () => {
    let c = call([person('clinician'), person('parent')]);
    let result = run(c, [[0, { type: 'INVITE_SENT', linkExpiresAt: T0 + 600_000 }]]);
    expect(result.call.deadline).toEqual({ kind: 'link_expiry', at: T0 + 600_000 });

    result = run(result.call, [
      [0, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-1', takeover: false, holderAlive: false }],
      [1_000, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }],
    ]);
    c = result.call;
    expect(describeCall(c)).toBe('parent_waiting');
    expect(by(c, ids.parent)).toMatchObject({ state: 'waiting', present: true, epoch: 1 });
    expect(c.deadline).toBeNull();

    result = run(c, [[2_000, { type: 'ADMIT', by: ids.clinician, participantId: ids.parent, parentAgreed: false }]]);
    expect(describeCall(result.call)).toBe('admitted');
    expect(result.audit).toEqual(['call_admitted']);
    expect(result.call.deadline).toEqual({ kind: 'media', at: T0 + 2_000 + CALL_TIMING.mediaMs });
    expect(by(result.call, ids.parent)).toMatchObject({ state: 'admitted', admittedAt: T0 + 2_000 });

    result = run(result.call, [
      [2_100, { type: 'MEDIA', participantId: ids.clinician, peers: { [ids.parent]: 'connecting' } }],
      [3_000, { type: 'MEDIA', participantId: ids.parent, peers: { [ids.clinician]: 'connected' } }],
    ]);
    expect(describeCall(result.call)).toBe('connected');
    expect(result.call.deadline).toBeNull();
    expect(by(result.call, ids.parent).state).toBe('connected');
  });

  it('refuses to admit without the clinician present, or someone who is not waiting', () => {
    const c = run(call([person('clinician'), person('parent')]), [
      [0, { type: 'INVITE_SENT', linkExpiresAt: T0 + 600_000 }],
      [0, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }],
    ]).call;
    expect(decide(c, { type: 'ADMIT', by: ids.clinician, participantId: ids.parent, parentAgreed: false }, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decide(c, { type: 'ADMIT', by: ids.parent, participantId: ids.parent, parentAgreed: false }, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const live = inCall();
    expect(decide(live, { type: 'ADMIT', by: ids.clinician, participantId: ids.parent, parentAgreed: false }, T0)).toMatchObject({ ok: false, code: 'CALL_STATE_CONFLICT' });
  });

  it('keeps peers when the same page comes back after a socket drop, and starts afresh for a new page', () => {
    let c = inCall();
    c = run(c, [[4_000, { type: 'ENDPOINT_LOST', participantId: ids.parent, endpoint: 'phone-1' }]]).call;
    expect(by(c, ids.parent)).toMatchObject({ state: 'reconnecting', present: false, deadline: { kind: 'gone', at: T0 + 4_000 + CALL_TIMING.goneMs } });
    // The socket dropping says nothing about media: the call is still connected until a peer says otherwise.
    expect(describeCall(c)).toBe('connected');

    const back = run(c, [[5_000, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }]]).call;
    expect(by(back, ids.parent)).toMatchObject({ present: true, epoch: 1, deadline: null });
    expect(by(back, ids.clinician).media).toEqual({ [ids.parent]: 'connected' });

    const reloaded = run(c, [[5_000, { type: 'READY', participantId: ids.parent, endpoint: 'phone-2' }]]).call;
    expect(by(reloaded, ids.parent)).toMatchObject({ present: true, epoch: 2 });
    expect(by(reloaded, ids.clinician).media).toEqual({});
    expect(describeCall(reloaded)).toBe('reconnecting');
  });

  it('treats End as leaving: failed parent_left, then Rejoin puts the parent back in the waiting room', () => {
    const left = run(inCall(), [[5_000, { type: 'LEAVE', participantId: ids.parent, reason: 'left' }]]);
    expect(describeCall(left.call)).toBe('failed:parent_left');
    expect(by(left.call, ids.parent)).toMatchObject({ state: 'left', reason: 'parent_left', present: false });
    expect(by(left.call, ids.clinician).media).toEqual({});
    expect(left.audit).toEqual(['participant_left', 'call_failed']);

    const rejoined = run(left.call, [[6_000, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }]]).call;
    expect(describeCall(rejoined)).toBe('parent_waiting');
    expect(by(rejoined, ids.parent)).toMatchObject({ state: 'waiting', reason: null });
  });

  it('lets the parent choose the phone: failed phone_fallback', () => {
    const left = run(inCall(), [[5_000, { type: 'LEAVE', participantId: ids.parent, reason: 'phone_fallback' }]]).call;
    expect(describeCall(left)).toBe('failed:phone_fallback');
    expect(by(left, ids.parent).reason).toBe('phone_fallback');
  });

  it('fires the gone deadline once: the parent has left, and a second sweep changes nothing', () => {
    let c = run(inCall(), [
      [4_000, { type: 'ENDPOINT_LOST', participantId: ids.parent, endpoint: 'phone-1' }],
      [4_100, { type: 'CLOSING', participantId: ids.parent, endpoint: 'phone-1' }],
    ]).call;
    expect(by(c, ids.parent).deadline).toEqual({ kind: 'gone', at: T0 + 4_100 + CALL_TIMING.closingMs });
    expect(nextDeadlineAt(c)).toBe(T0 + 4_100 + CALL_TIMING.closingMs);

    const early = decide(c, { type: 'TICK' }, T0 + 4_100 + CALL_TIMING.closingMs - 1);
    expect(early).toMatchObject({ ok: true, changed: false });

    const fired = decide(c, { type: 'TICK' }, T0 + 4_100 + CALL_TIMING.closingMs);
    if (!fired.ok) throw new Error(fired.code);
    c = fired.call;
    expect(describeCall(c)).toBe('failed:parent_left');
    expect(fired.audit.map((a) => a.action)).toEqual(['participant_left', 'call_failed']);
    expect(decide(c, { type: 'TICK' }, T0 + 20_000)).toMatchObject({ ok: true, changed: false, audit: [] });
  });

  it('fails a call without media at the media deadline, unless someone keeps trying', () => {
    const admitted = run(call([person('clinician'), person('parent')]), [
      [0, { type: 'INVITE_SENT', linkExpiresAt: T0 + 600_000 }],
      [0, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-1', takeover: false, holderAlive: false }],
      [0, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }],
      [0, { type: 'ADMIT', by: ids.clinician, participantId: ids.parent, parentAgreed: false }],
    ]).call;
    const kept = run(admitted, [[30_000, { type: 'KEEP_TRYING', by: ids.parent }]]).call;
    expect(kept.deadline).toEqual({ kind: 'media', at: T0 + 30_000 + CALL_TIMING.mediaMs });
    expect(run(kept, [[CALL_TIMING.mediaMs, { type: 'TICK' }]]).call.state).toBe('admitted');

    const timedOut = run(admitted, [[CALL_TIMING.mediaMs, { type: 'TICK' }]]).call;
    expect(describeCall(timedOut)).toBe('failed:timeout');
    expect(by(timedOut, ids.parent).state).toBe('invited');
  });

  it('expires an unused link at its expiry, and ends a call nobody comes back to', () => {
    const invited = run(call([person('clinician'), person('parent')]), [[0, { type: 'INVITE_SENT', linkExpiresAt: T0 + 600_000 }]]).call;
    const expired = run(invited, [[600_000, { type: 'TICK' }]]).call;
    expect(describeCall(expired)).toBe('failed:link_expired');
    expect(expired.deadline).toEqual({ kind: 'abandon', at: T0 + 600_000 + CALL_TIMING.abandonMs });
    const abandoned = run(expired, [[600_000 + CALL_TIMING.abandonMs, { type: 'TICK' }]]);
    expect(describeCall(abandoned.call)).toBe('ended:abandoned');
    expect(abandoned.call.participants.map((p) => p.state)).toEqual(['left', 'left']);
  });

  it('fails the call when a side reports its peer failed (no WebRTC)', () => {
    const failed = run(inCall(), [[5_000, { type: 'MEDIA', participantId: ids.parent, peers: { [ids.clinician]: 'failed' } }]]).call;
    expect(describeCall(failed)).toBe('failed:ice_failed');
  });

  it('ends the call for everyone on the clinician’s End; a page that comes back changes nothing', () => {
    const ended = run(inCall(), [[5_000, { type: 'END', by: ids.clinician, reason: 'clinician_ended' }]]);
    expect(describeCall(ended.call)).toBe('ended:clinician_ended');
    expect(ended.call.participants.map((p) => p.state)).toEqual(['left', 'left']);
    expect(ended.audit).toEqual(['call_ended']);
    expect(decide(ended.call, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }, T0 + 6_000)).toMatchObject({ ok: true, changed: false });
    expect(decide(ended.call, { type: 'END', by: ids.parent, reason: 'clinician_ended' }, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('stops the link expiring once the parent has tapped it (they may still be at the camera prompt)', () => {
    const invited = run(call([person('clinician'), person('parent')]), [[0, { type: 'INVITE_SENT', linkExpiresAt: T0 + 600_000 }]]).call;
    const used = run(invited, [[1_000, { type: 'LINK_USED' }]]).call;
    // Nobody has a page on the call here, so only the (much later) abandon deadline is left.
    expect(used.deadline).toEqual({ kind: 'abandon', at: T0 + 1_000 + CALL_TIMING.abandonMs });
    expect(describeCall(run(used, [[600_500, { type: 'TICK' }]]).call)).toBe('invited');
  });

  it('ends, in time, a call left invited with nobody on it (the parent closed the waiting room, the desk closed the case)', () => {
    const c = run(call([person('clinician'), person('parent')]), [
      [0, { type: 'INVITE_SENT', linkExpiresAt: T0 + 600_000 }],
      [0, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-1', takeover: false, holderAlive: false }],
      [1_000, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }],
      [2_000, { type: 'ENDPOINT_LOST', participantId: ids.parent, endpoint: 'phone-1' }],
      [3_000, { type: 'ENDPOINT_LOST', participantId: ids.clinician, endpoint: 'desk-1' }],
    ]).call;
    expect(describeCall(c)).toBe('invited');
    expect(c.deadline).toEqual({ kind: 'abandon', at: T0 + 3_000 + CALL_TIMING.abandonMs });
  });

  it('keeps who offers stable: a parent let in again keeps their first admission time', () => {
    const again = run(inCall(), [
      [5_000, { type: 'LEAVE', participantId: ids.parent, reason: 'left' }],
      [6_000, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }],
      [7_000, { type: 'ADMIT', by: ids.clinician, participantId: ids.parent, parentAgreed: false }],
    ]).call;
    expect(by(again, ids.parent).admittedAt).toBe(T0 + 2_000);
  });

  it('answers a second End with no change', () => {
    const ended = run(inCall(), [[5_000, { type: 'END', by: ids.clinician, reason: 'clinician_ended' }]]).call;
    expect(decide(ended, { type: 'END', by: ids.clinician, reason: 'phone_fallback' }, T0 + 6_000)).toMatchObject({ ok: true, changed: false });
  });

  it('does not change the call it was given', () => {
    const before = inCall();
    const copy = JSON.parse(JSON.stringify(before)) as EngineCall;
    decide(before, { type: 'LEAVE', participantId: ids.parent, reason: 'left' }, T0 + 9_000);
    expect(before).toEqual(copy);
  });
});

/** The clinician's tab open and the parent in the waiting room since T0 + 1 s. */
function waiting(): EngineCall {
  return run(call([person('clinician'), person('parent')]), [
    [0, { type: 'INVITE_SENT', linkExpiresAt: T0 + 600_000 }],
    [0, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-1', takeover: false, holderAlive: false }],
    [500, { type: 'LINK_USED' }],
    [1_000, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }],
  ]).call;
}

const LEAVE: CallCommand = { type: 'LEAVE', participantId: ids.parent, reason: 'left' };
const REJOIN: CallCommand = { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' };
const ADMIT: CallCommand = { type: 'ADMIT', by: ids.clinician, participantId: ids.parent, parentAgreed: false };
const CLINICIAN_END: CallCommand = { type: 'END', by: ids.clinician, reason: 'clinician_ended' };

describe('decide: a parent who leaves by mistake may rejoin until the clinician ends the call', () => {
  it.each([
    ['from the waiting room', waiting],
    ['from the call', inCall],
  ] as const)('%s: Leave → failed:parent_left → Rejoin → waiting (counting afresh) → admitted again', (_label, start) => {
    const left = run(start(), [[5_000, LEAVE]]).call;
    expect(describeCall(left)).toBe('failed:parent_left');
    expect(by(left, ids.parent)).toMatchObject({ state: 'left', reason: 'parent_left', waitingSince: null });
    // No deadline kills the link meanwhile: the clinician is there, so the call simply waits.
    expect(left.deadline).toBeNull();

    const back = run(left, [[9_000, REJOIN]]).call;
    expect(describeCall(back)).toBe('parent_waiting');
    expect(by(back, ids.parent)).toMatchObject({ state: 'waiting', present: true, waitingSince: T0 + 9_000 });

    const admitted = run(back, [[10_000, ADMIT]]).call;
    expect(describeCall(admitted)).toBe('admitted');
    expect(by(admitted, ids.parent)).toMatchObject({ state: 'admitted', waitingSince: null });
  });

  it.each([
    ['Leave, Rejoin, Leave, Rejoin', [LEAVE, REJOIN, LEAVE, REJOIN], 'parent_waiting', 'waiting'],
    ['Leave twice (a double tap)', [LEAVE, LEAVE], 'failed:parent_left', 'left'],
    ['Leave, then the clinician ends', [LEAVE, CLINICIAN_END], 'ended:clinician_ended', 'left'],
    ['Leave, the clinician ends, then Rejoin', [LEAVE, CLINICIAN_END, REJOIN], 'ended:clinician_ended', 'left'],
    ['the clinician ends while waiting, then Rejoin', [CLINICIAN_END, REJOIN], 'ended:clinician_ended', 'left'],
  ] as const)('%s → %s, parent %s', (_label, commands, expectedCall, expectedParent) => {
    const end = run(waiting(), commands.map((command, i) => [5_000 + i * 1_000, command] as [number, CallCommand])).call;
    expect(describeCall(end)).toBe(expectedCall);
    expect(by(end, ids.parent).state).toBe(expectedParent);
  });

  it('counts the wait from when the parent came into the waiting room, through a dropped signal', () => {
    const c = waiting();
    expect(by(c, ids.parent).waitingSince).toBe(T0 + 1_000);
    expect(participantView(by(c, ids.parent)).waitingSince).toBe(new Date(T0 + 1_000).toISOString());
    const dropped = run(c, [[3_000, { type: 'ENDPOINT_LOST', participantId: ids.parent, endpoint: 'phone-1' }]]).call;
    expect(describeCall(dropped)).toBe('invited');
    const back = run(dropped, [[4_000, REJOIN]]).call;
    expect(by(back, ids.parent)).toMatchObject({ state: 'waiting', waitingSince: T0 + 1_000 });
  });
});

describe('decide: guests and the clinician', () => {
  const withGuests = () =>
    run(
      call([person('clinician'), person('parent'), person('interpreter', { name: 'Ana' }), person('paediatrician', { name: 'Dr Patel' })]),
      [
        [0, { type: 'INVITE_SENT', linkExpiresAt: T0 + 600_000 }],
        [0, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-1', takeover: false, holderAlive: false }],
        [0, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }],
        [0, { type: 'ADMIT', by: ids.clinician, participantId: ids.parent, parentAgreed: false }],
        [1_000, { type: 'READY', participantId: ids.interpreter, endpoint: 'guest-1' }],
      ],
    ).call;

  it('admits a guest only once the parent has agreed, and audits the agreement', () => {
    const c = withGuests();
    expect(by(c, ids.interpreter).state).toBe('waiting');
    expect(describeCall(c)).toBe('admitted');
    const refused = decide(c, { type: 'ADMIT', by: ids.clinician, participantId: ids.interpreter, parentAgreed: false }, T0 + 2_000);
    expect(refused).toMatchObject({ ok: false, code: 'PARENT_AGREEMENT_REQUIRED' });
    const admitted = decide(c, { type: 'ADMIT', by: ids.clinician, participantId: ids.interpreter, parentAgreed: true }, T0 + 2_000);
    if (!admitted.ok) throw new Error(admitted.code);
    expect(admitted.audit).toEqual([{ action: 'guest_admitted', detail: { participantId: ids.interpreter, role: 'interpreter', parentAgreed: true } }]);
    expect(by(admitted.call, ids.interpreter)).toMatchObject({ state: 'admitted', admittedAt: T0 + 2_000 });
    // Guests do not move the call: it is still the clinician ↔ parent connection.
    expect(describeCall(admitted.call)).toBe('admitted');
  });

  it('sends guests back to waiting when the clinician’s page has been gone a while, and lets them in again on return', () => {
    let c = run(withGuests(), [
      [2_000, { type: 'ADMIT', by: ids.clinician, participantId: ids.interpreter, parentAgreed: true }],
      [3_000, { type: 'ENDPOINT_LOST', participantId: ids.clinician, endpoint: 'desk-1' }],
    ]).call;
    expect(by(c, ids.clinician)).toMatchObject({ state: 'reconnecting', deadline: { kind: 'away', at: T0 + 3_000 + CALL_TIMING.awayMs } });
    c = run(c, [[3_000 + CALL_TIMING.awayMs, { type: 'TICK' }]]).call;
    expect(by(c, ids.interpreter)).toMatchObject({ state: 'waiting', reason: 'clinician_away' });
    expect(by(c, ids.parent).state).toBe('admitted');

    c = run(c, [[20_000, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-2', takeover: false, holderAlive: false }]]).call;
    expect(by(c, ids.interpreter)).toMatchObject({ state: 'admitted', reason: null });
    expect(by(c, ids.clinician)).toMatchObject({ state: 'admitted', present: true, epoch: 2 });
  });

  it('lets a guest leave and the clinician remove one; a removed guest cannot come back', () => {
    const c = run(withGuests(), [[2_000, { type: 'ADMIT', by: ids.clinician, participantId: ids.interpreter, parentAgreed: true }]]).call;
    const left = run(c, [[3_000, { type: 'LEAVE', participantId: ids.interpreter, reason: 'left' }]]).call;
    expect(by(left, ids.interpreter)).toMatchObject({ state: 'left', reason: 'guest_left' });
    expect(describeCall(left)).toBe('admitted');

    const removed = run(c, [[3_000, { type: 'REMOVE', by: ids.clinician, participantId: ids.interpreter }]]);
    expect(by(removed.call, ids.interpreter)).toMatchObject({ state: 'removed', reason: 'guest_removed', present: false });
    expect(removed.audit).toEqual(['guest_removed']);
    expect(decide(removed.call, { type: 'READY', participantId: ids.interpreter, endpoint: 'guest-1' }, T0 + 4_000)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decide(c, { type: 'REMOVE', by: ids.clinician, participantId: ids.parent }, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decide(c, { type: 'REMOVE', by: ids.interpreter, participantId: ids.paediatrician }, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('holds at most four in media', () => {
    const c = run(
      call([person('clinician'), person('parent'), person('interpreter'), person('paediatrician'), person('paediatrician', { id: ids.third })]),
      [
        [0, { type: 'INVITE_SENT', linkExpiresAt: T0 + 600_000 }],
        [0, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-1', takeover: false, holderAlive: false }],
        [0, { type: 'READY', participantId: ids.parent, endpoint: 'phone-1' }],
        [0, { type: 'ADMIT', by: ids.clinician, participantId: ids.parent, parentAgreed: false }],
        [0, { type: 'READY', participantId: ids.interpreter, endpoint: 'g1' }],
        [0, { type: 'ADMIT', by: ids.clinician, participantId: ids.interpreter, parentAgreed: true }],
        [0, { type: 'READY', participantId: ids.paediatrician, endpoint: 'g2' }],
        [0, { type: 'ADMIT', by: ids.clinician, participantId: ids.paediatrician, parentAgreed: true }],
        [0, { type: 'READY', participantId: ids.third, endpoint: 'g3' }],
      ],
    ).call;
    expect(decide(c, { type: 'ADMIT', by: ids.clinician, participantId: ids.third, parentAgreed: true }, T0)).toMatchObject({ ok: false, code: 'CALL_FULL' });
  });

  it('keeps a second tab from taking the call silently; "Use this tab" moves it, audited, and media starts afresh', () => {
    const c = inCall();
    expect(decide(c, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-2', takeover: false, holderAlive: true }, T0 + 5_000)).toMatchObject({
      ok: false,
      code: 'CALL_HELD_ELSEWHERE',
    });
    // A holder whose page died without its disconnect being seen (a crashed node) does not block a new tab.
    const stale = decide(c, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-2', takeover: false, holderAlive: false }, T0 + 5_000);
    expect(stale).toMatchObject({ ok: true, audit: [] });
    const moved = run(c, [[5_000, { type: 'CLAIM', participantId: ids.clinician, endpoint: 'desk-2', takeover: true, holderAlive: true }]]);
    expect(moved.audit).toEqual(['call_moved']);
    expect(by(moved.call, ids.clinician)).toMatchObject({ endpoint: 'desk-2', epoch: 2, present: true, media: {} });
    expect(describeCall(moved.call)).toBe('reconnecting');
    // The parent is not dropped: still in media, waiting for the new tab's offer.
    expect(by(moved.call, ids.parent)).toMatchObject({ state: 'admitted', present: true });
    // The old tab's socket closing later changes nothing: it no longer holds the call.
    expect(decide(moved.call, { type: 'ENDPOINT_LOST', participantId: ids.clinician, endpoint: 'desk-1' }, T0 + 6_000)).toMatchObject({ changed: false });
  });

  it('shows the public view of a participant with its admission time', () => {
    expect(participantView(by(inCall(), ids.parent))).toEqual({
      id: ids.parent,
      role: 'parent',
      name: 'parent',
      state: 'connected',
      reason: null,
      present: true,
      epoch: 1,
      admittedAt: new Date(T0 + 2_000).toISOString(),
      waitingSince: null,
    });
  });
});
