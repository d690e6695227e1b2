import { assertNever, IN_CALL_STATES, IN_MEDIA_STATES, isBrowserFailure, type CallReason, type CallState, type ParticipantState } from '@desk/shared';

/** The call as the case page knows it: the socket's latest `call:state`, or the case's own summary until one comes. */
export type CallFacts = {
  state: CallState;
  reason: CallReason | null;
  participants: readonly { role: string; state: ParticipantState }[];
};

/**
 * `cancel_link`: nobody has joined yet, so ending means taking the link back (a secondary button,
 * not a red End call); `none`: nothing to end (no link, the link expired, the call is over).
 */
export type EndControl = 'none' | 'cancel_link' | 'end_call';

export type LinkControls = {
  /** The parent is waiting or in the call: this page must not text them a new link, nor be left without asking. */
  live: boolean;
  /** `send_again` once a link went for this call (a new call after one ended starts at `send`). */
  send: 'send' | 'send_again';
  /** Mid-call: a new link would text a parent who is already on video. */
  sendBlocked: boolean;
  /** The link's QR code and "open on this computer" link: only while the link can still be used. */
  showJoinLink: boolean;
  /** The link expired before the parent used it. */
  expired: boolean;
  end: EndControl;
  /** The call's link is out and still usable (sent, not yet opened, or opened only in a browser that cannot hold the call): when it expires is worth saying. */
  linkUnused: boolean;
};

/** The rule behind every link and call control on the case page (tested as a table over each call state). */
export function linkControls(call: CallFacts | null, linkSent: boolean): LinkControls {
  if (!call) return { live: false, send: 'send', sendBlocked: false, showJoinLink: false, expired: false, end: 'none', linkUnused: false };
  const { state, reason } = call;
  const live = state === 'parent_waiting' || IN_CALL_STATES.has(state);
  // A guest who joined before the parent is someone to end the call with.
  const someoneJoined = call.participants.some((p) => p.role !== 'clinician' && IN_MEDIA_STATES.has(p.state));
  // Unused: sent and not yet opened, or opened only in a browser that cannot hold the call (it can still be opened elsewhere).
  const linkUnused = state === 'invited' || (state === 'failed' && isBrowserFailure(reason));
  const expired = state === 'failed' && reason === 'link_expired';
  // A new call starts once the last one ended: its first link is not "again".
  const sentForThisCall = state !== 'created' && state !== 'ended';

  let end: EndControl;
  if (state === 'ended') end = 'none';
  else if (live || someoneJoined) end = 'end_call';
  else if (linkUnused) end = 'cancel_link';
  else if (state === 'created' || expired) end = 'none';
  else end = 'end_call';

  return {
    live,
    send: sentForThisCall ? 'send_again' : 'send',
    sendBlocked: live,
    showJoinLink: linkSent && linkUnused,
    expired,
    end,
    linkUnused,
  };
}

/** The send button's accessible name: it reads the number back. */
export function sendLinkName(send: LinkControls['send'], phone: string): string {
  return send === 'send_again' ? `Send video link again to ${phone}` : `Send video link to ${phone}`;
}

/** What the one polite live region on the case page says for each call state (null: nothing worth announcing). */
export function callAnnouncement(call: Pick<CallFacts, 'state' | 'reason'> | null): string | null {
  if (!call) return null;
  switch (call.state) {
    case 'created':
      return null;
    case 'invited':
      return 'Video link sent: waiting for the parent to join';
    case 'parent_waiting':
      return 'The parent is waiting';
    case 'admitted':
    case 'connecting':
      return 'Connecting the video';
    case 'connected':
      return 'The parent is in the call';
    case 'reconnecting':
      return 'The video is reconnecting';
    case 'failed':
      if (call.reason === 'link_expired') return 'The video link expired';
      if (call.reason === 'parent_left' || call.reason === 'phone_fallback') return 'The parent left the video call';
      return 'The video failed: carry on by phone';
    case 'ended':
      return 'The video call ended';
    default:
      return assertNever(call.state);
  }
}
