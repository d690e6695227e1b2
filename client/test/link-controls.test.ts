import { callStates, type CallReason, type CallState, type ParticipantState } from '@desk/shared';
import { describe, expect, it } from 'vitest';
import { callAnnouncement, linkControls, sendLinkName, type CallFacts, type LinkControls } from '../src/features/call/linkControls';

/** The call in `state`, with the parent in the participant state that goes with it. */
function facts(state: CallState, reason: CallReason | null = null, parent: ParticipantState = 'invited', guest?: ParticipantState): CallFacts {
  const participants = [
    { role: 'clinician', state: 'admitted' as ParticipantState },
    { role: 'parent', state: parent },
    ...(guest ? [{ role: 'interpreter', state: guest }] : []),
  ];
  return { state, reason, participants };
}

type Row = [string, CallFacts | null, boolean, LinkControls];
const row = (
  live: boolean,
  send: LinkControls['send'],
  showJoinLink: boolean,
  expired: boolean,
  end: LinkControls['end'],
  linkUnused: boolean,
): LinkControls => ({
  live,
  send,
  // Never a new link while the parent waits or is on the video.
  sendBlocked: live,
  showJoinLink,
  expired,
  end,
  linkUnused,
});

// Every call state (and the failed reasons that change a control) × link sent or not.
const table: Row[] = [
  ['no call, no link', null, false, row(false, 'send', false, false, 'none', false)],
  ['created, no link', facts('created'), false, row(false, 'send', false, false, 'none', false)],
  ['created, a guest joined first', facts('created', null, 'invited', 'connected'), false, row(false, 'send', false, false, 'end_call', false)],
  ['invited, link sent', facts('invited'), true, row(false, 'send_again', true, false, 'cancel_link', true)],
  ['invited, SMS not known yet', facts('invited'), false, row(false, 'send_again', false, false, 'cancel_link', true)],
  ['invited, a guest on the video', facts('invited', null, 'invited', 'connected'), true, row(false, 'send_again', true, false, 'end_call', true)],
  ['parent waiting', facts('parent_waiting', null, 'waiting'), true, row(true, 'send_again', false, false, 'end_call', false)],
  ['admitted', facts('admitted', null, 'admitted'), true, row(true, 'send_again', false, false, 'end_call', false)],
  ['connecting', facts('connecting', null, 'admitted'), true, row(true, 'send_again', false, false, 'end_call', false)],
  ['connected', facts('connected', null, 'connected'), true, row(true, 'send_again', false, false, 'end_call', false)],
  ['reconnecting', facts('reconnecting', null, 'reconnecting'), true, row(true, 'send_again', false, false, 'end_call', false)],
  ['ended by the clinician', facts('ended', 'clinician_ended', 'left'), true, row(false, 'send', false, false, 'none', false)],
  ['ended, carrying on by phone', facts('ended', 'phone_fallback', 'left'), true, row(false, 'send', false, false, 'none', false)],
  ['ended, abandoned', facts('ended', 'abandoned', 'left'), true, row(false, 'send', false, false, 'none', false)],
  ['link expired unused', facts('failed', 'link_expired'), true, row(false, 'send_again', false, true, 'none', false)],
  ['opened in an app browser (link still unused)', facts('failed', 'in_app_browser'), true, row(false, 'send_again', true, false, 'cancel_link', true)],
  ['opened in a browser with no video', facts('failed', 'unsupported_browser'), true, row(false, 'send_again', true, false, 'cancel_link', true)],
  ['parent left the call', facts('failed', 'parent_left', 'left'), true, row(false, 'send_again', false, false, 'end_call', false)],
  ['camera blocked', facts('failed', 'permission_denied', 'waiting'), true, row(false, 'send_again', false, false, 'end_call', false)],
  ['connection failed', facts('failed', 'ice_failed', 'left'), true, row(false, 'send_again', false, false, 'end_call', false)],
  ['timed out', facts('failed', 'timeout', 'left'), true, row(false, 'send_again', false, false, 'end_call', false)],
];

describe('linkControls', () => {
  it.each(table)('%s', (_name, call, linkSent, expected) => {
    expect(linkControls(call, linkSent)).toEqual(expected);
  });

  it('covers every call state', () => {
    const covered = new Set(table.map(([, call]) => call?.state).filter(Boolean));
    expect([...covered].sort()).toEqual([...callStates].sort());
  });

  it('never offers a new link, nor the dead QR code, while the parent is waiting or on the video', () => {
    for (const [, call, linkSent] of table) {
      const controls = linkControls(call, linkSent);
      if (controls.live) expect([controls.sendBlocked, controls.showJoinLink]).toEqual([true, false]);
    }
  });
});

describe('sendLinkName', () => {
  it.each([
    ['send', 'Send video link to 07700 900123'],
    ['send_again', 'Send video link again to 07700 900123'],
  ] as const)('%s → %s', (send, name) => {
    expect(sendLinkName(send, '07700 900123')).toBe(name);
  });
});

describe('callAnnouncement', () => {
  it.each([
    [null, null],
    [{ state: 'created', reason: null }, null],
    [{ state: 'invited', reason: null }, 'Video link sent: waiting for the parent to join'],
    [{ state: 'parent_waiting', reason: null }, 'The parent is waiting'],
    [{ state: 'admitted', reason: null }, 'Connecting the video'],
    [{ state: 'connecting', reason: null }, 'Connecting the video'],
    [{ state: 'connected', reason: null }, 'The parent is in the call'],
    [{ state: 'reconnecting', reason: null }, 'The video is reconnecting'],
    [{ state: 'failed', reason: 'link_expired' }, 'The video link expired'],
    [{ state: 'failed', reason: 'parent_left' }, 'The parent left the video call'],
    [{ state: 'failed', reason: 'ice_failed' }, 'The video failed: carry on by phone'],
    [{ state: 'ended', reason: 'clinician_ended' }, 'The video call ended'],
  ] as const)('%o → %s', (call, words) => {
    expect(callAnnouncement(call)).toBe(words);
  });
});
