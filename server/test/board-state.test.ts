import type { BoardState, CallReason, CallState } from '@desk/shared';
import { describe, expect, it } from 'vitest';
import { boardCaseAfterCall, boardCliniciansOf, boardStateOf, clinicianStatusOf, liveCounts, boardCaseOf, type BoardInputs } from '../src/supervisor/boardState.js';

const CREATED = new Date('2026-12-03T09:00:00Z');
const CONNECTED = new Date('2026-12-03T09:04:00Z');
const SINCE = new Date('2026-12-03T09:05:00Z');
const WAITING = new Date('2026-12-03T09:06:00Z');
const SIGNED = new Date('2026-12-03T09:20:00Z');
/** A call-back recorded after the call failed (SINCE), and one recorded for an earlier call, before this one failed. */
const CALLED_BACK = new Date('2026-12-03T09:10:00Z');
const EARLIER_CALL_BACK = new Date('2026-12-03T09:01:00Z');

/** `neverConnected`: video never connected on the call, so the desk never asked the parent to hang up. */
type Row = [string, CallState | null, CallReason | null, { present?: boolean; decided?: boolean; calledBackAt?: Date; neverConnected?: boolean }, BoardState, Date];

/** Issue 10: what the board calls a case, from its latest call, who is on it and its decision. */
const TABLE: Row[] = [
  ['no link yet', null, null, {}, 'new', CREATED],
  ['a call row before the first SMS', 'created', null, {}, 'new', CREATED],
  ['link sent, not opened', 'invited', null, {}, 'link_sent', SINCE],
  ['parent in the waiting room (counted from their arrival)', 'parent_waiting', null, { present: true }, 'parent_waiting', WAITING],
  ['admitted', 'admitted', null, { present: true }, 'in_call', SINCE],
  ['connected', 'connected', null, { present: true }, 'in_call', SINCE],
  ['reconnecting', 'reconnecting', null, { present: true }, 'reconnecting', SINCE],
  ['connected on paper, nobody on it', 'connected', null, { present: false }, 'abandoned', SINCE],
  ['reconnecting, nobody on it', 'reconnecting', null, { present: false }, 'abandoned', SINCE],
  ['camera blocked: the parent can still fix it', 'failed', 'permission_denied', {}, 'link_sent', SINCE],
  ['opened in an app browser', 'failed', 'in_app_browser', {}, 'link_sent', SINCE],
  ['link expired unused', 'failed', 'link_expired', {}, 'link_sent', SINCE],
  ['media failed', 'failed', 'ice_failed', {}, 'call_back_due', SINCE],
  ['media timed out', 'failed', 'timeout', {}, 'call_back_due', SINCE],
  ['the parent left', 'failed', 'parent_left', {}, 'call_back_due', SINCE],
  ['carried on by phone', 'ended', 'phone_fallback', {}, 'call_back_due', SINCE],
  ['left empty until the abandon deadline', 'ended', 'abandoned', {}, 'call_back_due', SINCE],
  ['ended by the clinician', 'ended', 'clinician_ended', {}, 'wrap_up', SINCE],
  // Issue 11: the clinician recorded phoning the parent back. It counts only if after the call entered its state.
  ['media failed, parent phoned back since: wrap-up from the call-back', 'failed', 'ice_failed', { calledBackAt: CALLED_BACK }, 'wrap_up', CALLED_BACK],
  ['carried on by phone, parent phoned back since', 'ended', 'phone_fallback', { calledBackAt: CALLED_BACK }, 'wrap_up', CALLED_BACK],
  ['left empty, parent phoned back since', 'ended', 'abandoned', { calledBackAt: CALLED_BACK }, 'wrap_up', CALLED_BACK],
  ['media failed again after a call-back for an earlier call', 'failed', 'timeout', { calledBackAt: EARLIER_CALL_BACK }, 'call_back_due', SINCE],
  ['the parent left after a call-back for an earlier call', 'failed', 'parent_left', { calledBackAt: EARLIER_CALL_BACK }, 'call_back_due', SINCE],
  ['a new link after a call-back: the link is the story', 'invited', null, { calledBackAt: CALLED_BACK }, 'link_sent', SINCE],
  ['camera blocked after a call-back', 'failed', 'permission_denied', { calledBackAt: CALLED_BACK }, 'link_sent', SINCE],
  // Video never connected: the parent was never asked to hang up and is still on the 111 phone call.
  ['the parent left the waiting room: the link is the story', 'failed', 'parent_left', { neverConnected: true }, 'link_sent', SINCE],
  ['media timed out before it connected', 'failed', 'timeout', { neverConnected: true }, 'link_sent', SINCE],
  ['media failed before it connected', 'failed', 'ice_failed', { neverConnected: true }, 'link_sent', SINCE],
  ['carried on by phone before video connected', 'ended', 'phone_fallback', { neverConnected: true }, 'wrap_up', SINCE],
  ['left empty before video connected', 'ended', 'abandoned', { neverConnected: true }, 'wrap_up', SINCE],
  ['signed, whatever the call', 'connected', null, { present: true, decided: true }, 'decided', SIGNED],
];

describe('boardStateOf', () => {
  it.each(TABLE)('%s → %s', (_name, callState, reason, opts, state, since) => {
    const inputs: Parameters<typeof boardStateOf>[0] = {
      call: callState ? { id: 'c', state: callState, reason, stateSince: SINCE, connectedAt: opts.neverConnected ? null : CONNECTED } : null,
      participants: [
        { role: 'clinician', present: opts.present ?? false, state: 'admitted', waitingSince: null },
        { role: 'parent', present: opts.present ?? false, state: 'waiting', waitingSince: callState === 'parent_waiting' ? WAITING : null },
      ],
      decision: opts.decided ? { signedAt: SIGNED, band: 'green', overridden: false } : null,
      calledBackAt: opts.calledBackAt ?? null,
    };
    expect(boardStateOf(inputs, CREATED)).toEqual({ state, since });
  });
});

describe('boardCaseAfterCall (a row from the call the engine just wrote, without a read)', () => {
  const CASE = { id: '00000000-0000-4000-8000-000000000001', reference: '111-1', childFirstName: 'A', childAgeMonths: 30, complaint: 'fever' as const, language: 'en' as const, createdAt: CREATED, clinician: null, safeguarding: false, calledBackAt: null };
  it.each(TABLE.filter(([, callState, , opts]) => callState && !opts.decided))('%s: the same row as read from the database', (_name, callState, reason, opts) => {
    // The row carries the case's own fields (a safeguarding flag, the call-back) into the state it works out.
    const flagged = { ...CASE, safeguarding: true, calledBackAt: opts.calledBackAt ?? null };
    const before = boardCaseOf({ case: flagged, call: null, participants: [], decision: null });
    const call = { id: '00000000-0000-4000-8000-0000000000c1', state: callState!, reason, stateSince: SINCE, connectedAt: opts.neverConnected ? null : CONNECTED };
    const participants = [
      { role: 'clinician', present: opts.present ?? false, state: 'admitted', waitingSince: null },
      { role: 'parent', present: opts.present ?? false, state: 'waiting', waitingSince: callState === 'parent_waiting' ? WAITING : null },
    ];
    expect(boardCaseAfterCall(before, call, participants)).toEqual(boardCaseOf({ case: flagged, call, participants, decision: null }));
  });

  it('keeps a signed case decided, with the call detail updated', () => {
    const decided = boardCaseOf({ case: CASE, call: null, participants: [], decision: { signedAt: SIGNED, band: 'green', overridden: false } });
    const call = { id: '00000000-0000-4000-8000-0000000000c1', state: 'ended' as const, reason: 'parent_left' as const, stateSince: SINCE, connectedAt: CONNECTED };
    expect(boardCaseAfterCall(decided, call, [])).toEqual({ ...decided, call: { id: call.id, state: 'ended', reason: 'parent_left' } });
  });
});

describe('clinicians and counts', () => {
  const row = (id: string, state: BoardState, clinicianId: string | null) => ({
    ...boardCaseOf({
      case: { id, reference: id, childFirstName: 'A', childAgeMonths: 2, complaint: 'fever', language: 'en', createdAt: CREATED, clinician: clinicianId ? { id: clinicianId, name: clinicianId } : null, safeguarding: false, calledBackAt: null },
      call: null,
      participants: [],
      decision: null,
    }),
    state,
  });

  it('says a clinician is in a call or wrapping up from their cases, and otherwise what they set', () => {
    expect(clinicianStatusOf('available', [{ state: 'in_call' }, { state: 'wrap_up' }])).toBe('in_call');
    expect(clinicianStatusOf('away', [{ state: 'parent_waiting' }])).toBe('in_call');
    expect(clinicianStatusOf('available', [{ state: 'call_back_due' }])).toBe('wrap_up');
    expect(clinicianStatusOf('away', [{ state: 'new' }])).toBe('away');
    expect(clinicianStatusOf('available', [])).toBe('available');
  });

  it('lists clinicians by name with their open cases (decided ones do not count)', () => {
    const rows = [row('1', 'in_call', 'u1'), row('2', 'decided', 'u1'), row('3', 'new', 'u2')];
    expect(
      boardCliniciansOf(
        [
          { id: 'u2', name: 'Zara', availability: 'away', handledThisShift: 0 },
          { id: 'u1', name: 'Abe', availability: 'available', handledThisShift: 3 },
        ],
        rows,
      ),
    ).toEqual([
      { id: 'u1', name: 'Abe', status: 'in_call', openCases: 1, handledThisShift: 3 },
      { id: 'u2', name: 'Zara', status: 'away', openCases: 1, handledThisShift: 0 },
    ]);
  });

  it('counts open, waiting, in call and call-back-due from the rows', () => {
    const rows = [row('1', 'in_call', null), row('2', 'reconnecting', null), row('3', 'parent_waiting', null), row('4', 'decided', null), row('5', 'call_back_due', null)];
    expect(liveCounts(rows)).toEqual({ open: 4, waiting: 1, inCall: 2, callBackDue: 1 });
  });

  it('bands the row from the latest decision, never from "not assessed"', () => {
    const base: BoardInputs = { case: { id: 'x', reference: 'r', childFirstName: 'A', childAgeMonths: 200, complaint: 'rash', language: 'en', createdAt: CREATED, clinician: null, safeguarding: false, calledBackAt: null }, call: null, participants: [], decision: null };
    expect(boardCaseOf({ ...base, decision: { signedAt: SIGNED, band: 'amber', overridden: true } })).toMatchObject({ band: 'amber', overridden: true, ageBand: '12_years_and_over' });
    expect(boardCaseOf({ ...base, decision: { signedAt: SIGNED, band: 'not_assessed', overridden: false } }).band).toBeNull();
  });
});
