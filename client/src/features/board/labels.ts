import type { BoardState, ClinicianStatus } from '@desk/shared';
import type { TagColour } from '../queue/callStateTag';
import { REASON_LABEL } from '../queue/callStateTag';

export const BOARD_STATE_LABEL: Record<BoardState, string> = {
  new: 'New',
  link_sent: 'Link sent',
  parent_waiting: 'Parent waiting',
  in_call: 'In call',
  reconnecting: 'Reconnecting',
  abandoned: 'Call abandoned: nobody on it',
  call_back_due: 'Call back due',
  wrap_up: 'Wrap-up',
  decided: 'Decided',
};

export const BOARD_STATE_COLOUR: Record<BoardState, TagColour> = {
  new: 'white',
  link_sent: 'blue',
  parent_waiting: 'orange',
  in_call: 'green',
  reconnecting: 'yellow',
  abandoned: 'red',
  call_back_due: 'red',
  wrap_up: 'grey',
  decided: 'grey',
};

/** Urgency first when sorting by state: what needs someone now sits on top. */
export const BOARD_STATE_ORDER: readonly BoardState[] = [
  'parent_waiting',
  'abandoned',
  'call_back_due',
  'reconnecting',
  'link_sent',
  'new',
  'in_call',
  'wrap_up',
  'decided',
];

export const CLINICIAN_STATUS_LABEL: Record<ClinicianStatus, string> = {
  available: 'Available',
  in_call: 'In a call',
  wrap_up: 'Wrap-up',
  away: 'Away',
};

export const CLINICIAN_STATUS_COLOUR: Record<ClinicianStatus, TagColour> = {
  available: 'green',
  in_call: 'blue',
  wrap_up: 'grey',
  away: 'white',
};

export { REASON_LABEL };

/** "4:05" for seconds under an hour, "1:04:05" beyond. */
export function formatElapsed(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Spoken form of an elapsed time for screen readers: "4 minutes 5 seconds". */
export function spokenElapsed(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const part = (n: number, unit: string) => (n ? `${n} ${unit}${n === 1 ? '' : 's'}` : '');
  return [part(h, 'hour'), part(m, 'minute'), h ? '' : part(s, 'second')].filter(Boolean).join(' ') || '0 seconds';
}
