import { ROLE_LABEL, type CallReason, type CallUpdate, type Participant, type ParticipantState } from '@desk/shared';
import type { RemoteMedia } from './peerManager';

/** How the desk names each call state. */
export function clinicianCallLabel(update: CallUpdate | null): string {
  if (!update) return 'No video call yet';
  const { state, reason } = update.snapshot;
  switch (state) {
    case 'created':
      return 'No video link sent yet';
    case 'invited':
      return 'Waiting for parent to join';
    case 'parent_waiting':
      return 'Parent waiting';
    case 'admitted':
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'ended':
      return reason === 'phone_fallback' ? 'Call ended: carrying on by phone' : reason === 'abandoned' ? 'Call ended: nobody came back' : 'Call ended';
    case 'failed':
      return `Video failed: ${reason ? CLINICIAN_REASON[reason] : 'unknown reason'}`;
  }
}

const CLINICIAN_REASON: Record<CallReason, string> = {
  clinician_ended: 'you ended the call',
  parent_left: 'the parent left the call',
  link_expired: 'the link expired before the parent used it',
  permission_denied: "the parent's phone blocked the camera or microphone",
  no_camera: "the parent's phone could not start a camera",
  ice_failed: 'the connection could not be made',
  timeout: 'the video did not connect in time',
  phone_fallback: 'the parent chose to carry on by phone',
  guest_removed: 'a guest was removed',
  abandoned: 'nobody came back to the call',
  in_app_browser: "the link opened inside an app's own browser; the parent has been shown how to open it in Safari or Chrome",
  unsupported_browser: "the parent's browser cannot do video calls; the parent has been asked to open the link in Safari or Chrome",
};

/** After this long without media, both sides are offered a choice: keep trying, or carry on by phone. */
export const CALL_STALLED_CHOICE_MS = 30_000;

const STATE_WORDS: Record<ParticipantState, string> = {
  invited: 'Link sent',
  waiting: 'Waiting to be let in',
  admitted: 'Joining the video',
  connected: 'On the video',
  reconnecting: 'Reconnecting…',
  left: 'Left the call',
  removed: 'Removed from the call',
};

/** "Mother · Parent", "Ana Kowalska · Interpreter". */
export function participantLabel(p: Pick<Participant, 'name' | 'role'>): string {
  return `${p.name} · ${ROLE_LABEL[p.role]}`;
}

export function participantStateWords(p: Pick<Participant, 'state' | 'reason' | 'present'>): string {
  if (p.state === 'waiting' && p.reason === 'clinician_away') return 'Waiting for you to return';
  if (p.state === 'left' && p.reason === 'phone_fallback') return 'Chose to carry on by phone';
  return STATE_WORDS[p.state];
}

/** The notices' words: the desk's English by default; the parent's page passes its locale's. */
export type MediaNoticeWords = {
  readonly audioOnlyPoor: (who: string) => string;
  readonly audioOnlyChosen: (who: string) => string;
  readonly cameraOffAndMuted: (who: string) => string;
  readonly cameraOff: (who: string) => string;
  readonly muted: (who: string) => string;
};

const DESK_NOTICES: MediaNoticeWords = {
  audioOnlyPoor: (who) => `Audio only: ${who.toLowerCase()}'s connection is too weak for video`,
  audioOnlyChosen: (who) => `${who} chose audio only`,
  cameraOffAndMuted: (who) => `${who} turned their camera off and muted their microphone`,
  cameraOff: (who) => `${who} turned their camera off`,
  muted: (who) => `${who} muted their microphone`,
};

/** What to say over the other side's video when they mute, turn their camera off or send audio only. */
export function remoteMediaNotice(remote: RemoteMedia | null, who: string, words: MediaNoticeWords = DESK_NOTICES): string | null {
  if (!remote) return null;
  if (remote.sending === 'audio') return remote.audioOnlyReason === 'poor_network' ? words.audioOnlyPoor(who) : words.audioOnlyChosen(who);
  if (remote.videoOff && remote.audioMuted) return words.cameraOffAndMuted(who);
  if (remote.videoOff) return words.cameraOff(who);
  if (remote.audioMuted) return words.muted(who);
  return null;
}
