import { assertNever, type CallReason, type CallSnapshot } from '@desk/shared';

export type TagColour = 'grey' | 'blue' | 'orange' | 'aqua-green' | 'green' | 'yellow' | 'red' | 'white';
export type CallTag = { label: string; colour: TagColour; prominent: boolean };

export const REASON_LABEL: Record<CallReason, string> = {
  clinician_ended: 'ended by clinician',
  parent_left: 'parent left',
  link_expired: 'link expired',
  permission_denied: 'camera blocked',
  no_camera: 'no camera',
  ice_failed: 'connection failed',
  timeout: 'timed out',
  phone_fallback: 'continued by phone',
  guest_removed: 'guest removed',
  abandoned: 'abandoned',
  in_app_browser: 'opened in an app',
  unsupported_browser: 'browser cannot do video',
};

/** How a call's state reads in the queue and the case list. No call means phone only. */
export function callStateTag(call: CallSnapshot | null): CallTag {
  if (!call) return { label: 'Phone only', colour: 'white', prominent: false };
  const state = call.state;
  switch (state) {
    case 'created':
      return { label: 'Phone only', colour: 'white', prominent: false };
    case 'invited':
      return { label: 'Link sent', colour: 'blue', prominent: false };
    case 'parent_waiting':
      return { label: 'Parent waiting', colour: 'orange', prominent: true };
    case 'admitted':
    case 'connecting':
      return { label: 'Connecting', colour: 'aqua-green', prominent: false };
    case 'connected':
      return { label: 'In call', colour: 'green', prominent: false };
    case 'reconnecting':
      return { label: 'Reconnecting', colour: 'yellow', prominent: false };
    case 'ended':
      return { label: 'Call ended', colour: 'grey', prominent: false };
    case 'failed':
      return {
        label: call.reason ? `Video failed: ${REASON_LABEL[call.reason]}` : 'Video failed',
        colour: 'red',
        prominent: false,
      };
    default:
      return assertNever(state);
  }
}
