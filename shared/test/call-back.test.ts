import { describe, expect, it } from 'vitest';
import { callBackDue, videoStoppedAfterHangUp, type CallReason, type CallState } from '../src/index.js';

const CONNECTED = '2026-12-03T09:55:00.000Z';
const FAILED = '2026-12-03T10:00:00.000Z';

/** Issue 11: one rule for the board's `call_back_due` and the desk's "Call the parent back". */
describe('callBackDue', () => {
  it.each<[string, CallState, CallReason | null, string | null, string | null, boolean]>([
    ['media failed, no call-back yet', 'failed', 'ice_failed', FAILED, null, true],
    ['timed out', 'failed', 'timeout', FAILED, null, true],
    ['the parent left', 'failed', 'parent_left', FAILED, null, true],
    ['carried on by phone', 'ended', 'phone_fallback', FAILED, null, true],
    ['left empty', 'ended', 'abandoned', FAILED, null, true],
    ['called back after it failed', 'failed', 'ice_failed', FAILED, '2026-12-03T10:03:00.000Z', false],
    ['called back the same moment', 'ended', 'phone_fallback', FAILED, FAILED, false],
    ['a call-back for an earlier call', 'failed', 'timeout', FAILED, '2026-12-03T09:58:00.000Z', true],
    ['camera blocked: the parent can fix it', 'failed', 'permission_denied', FAILED, null, false],
    ['link expired', 'failed', 'link_expired', FAILED, null, false],
    ['ended by the clinician', 'ended', 'clinician_ended', FAILED, null, false],
    ['in the call', 'connected', null, FAILED, null, false],
    ['an older server without the time, called back since', 'failed', 'ice_failed', null, '2026-12-03T10:03:00.000Z', false],
  ])('%s', (_name, state, reason, stateSince, calledBackAt, due) => {
    expect(callBackDue({ state, reason, stateSince, connectedAt: CONNECTED }, calledBackAt)).toBe(due);
  });

  // Video never connected, so the desk never asked the parent to hang up: they are still on the 111 phone call.
  it.each<[string, CallState, CallReason]>([
    ['the parent left the waiting room', 'failed', 'parent_left'],
    ['admitted, media timed out before it connected', 'failed', 'timeout'],
    ['media failed before it connected', 'failed', 'ice_failed'],
    ['carried on by phone before video connected', 'ended', 'phone_fallback'],
    ['left empty before video connected', 'ended', 'abandoned'],
  ])('owes nothing when video never connected: %s', (_name, state, reason) => {
    expect(callBackDue({ state, reason, stateSince: FAILED, connectedAt: null }, null)).toBe(false);
    expect(videoStoppedAfterHangUp({ state, reason, connectedAt: null })).toBe(false);
    expect(videoStoppedAfterHangUp({ state, reason, connectedAt: CONNECTED })).toBe(true);
  });

  it('owes nothing without a call', () => {
    expect(callBackDue(null, null)).toBe(false);
  });
});
