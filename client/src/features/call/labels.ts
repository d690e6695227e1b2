import type { CallReason, CallState, CallUpdate } from '@desk/shared';

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
      return reason === 'parent_left' ? 'Call ended by the parent' : 'Call ended';
    case 'failed':
      return `Video failed: ${reason ? CLINICIAN_REASON[reason] : 'unknown reason'}`;
  }
}

const CLINICIAN_REASON: Record<CallReason, string> = {
  clinician_ended: 'you ended the call',
  parent_left: 'the parent ended the call',
  link_expired: 'the link expired before the parent used it',
  permission_denied: "the parent's phone blocked the camera or microphone",
  no_camera: "the parent's phone could not start a camera",
  ice_failed: 'the connection could not be made',
  timeout: 'the video did not connect in time',
};

/** States in which media should be flowing soon; stuck in one too long means video is not working. */
export const SETTLING_STATES: ReadonlySet<CallState> = new Set(['admitted', 'connecting', 'reconnecting']);

/** After this long without connecting, the desk offers the phone fallback. */
export const VIDEO_STALLED_MS = 20_000;

/** What to say over the other side's video when they mute or turn their camera off. */
export function remoteMediaNotice(remote: { audioMuted: boolean; videoOff: boolean } | null, who: string): string | null {
  if (!remote) return null;
  if (remote.videoOff && remote.audioMuted) return `${who} turned their camera off and muted their microphone`;
  if (remote.videoOff) return `${who} turned their camera off`;
  if (remote.audioMuted) return `${who} muted their microphone`;
  return null;
}
