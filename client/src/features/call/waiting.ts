import { formatElapsed } from '../board/labels';
import type { Participant } from '@desk/shared';

/** Someone at the door: waiting to be let in, with a live page (a closed tab is not waiting for anyone). */
export type Waiting = Pick<Participant, 'id' | 'role' | 'waitingSince'>;

export function waitingNow(participants: readonly Pick<Participant, 'id' | 'role' | 'state' | 'present' | 'waitingSince'>[]): Waiting[] {
  return participants.filter((p) => p.role !== 'clinician' && p.state === 'waiting' && p.present);
}

/**
 * One key per wait: the same person waiting again later (after a drop, or after being let in and
 * leaving) is a new wait to alert about; the same wait seen in every call update is not.
 */
export function waitKey(waiting: Waiting): string {
  return `${waiting.id}@${waiting.waitingSince ?? ''}`;
}

/** The waits that began since the last look: each one chimes and notifies once. */
export function newWaits(alerted: ReadonlySet<string>, waiting: readonly Waiting[]): Waiting[] {
  return waiting.filter((w) => !alerted.has(waitKey(w)));
}

/** "0:42", "12:05", "1:02:10": how long someone has waited, counting up (the board's clock format; never below 0:00). */
export function formatWait(ms: number): string {
  return formatElapsed(Math.max(0, Math.floor(ms / 1000)));
}

/** The same wait in words for a screen reader ("waiting 2 minutes"), at minute precision so it does not chatter. */
export function waitInWords(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'waiting less than a minute';
  return `waiting ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The tab's title: a waiting parent shows first, so a clinician in another tab sees it in the tab strip. */
export function deskTabTitle(page: string, waitingCount: number): string {
  const base = `${page} – NHS 111 paediatric video desk`;
  if (waitingCount <= 0) return base;
  return `(${waitingCount}) ${waitingCount === 1 ? 'Parent waiting' : 'Parents waiting'} – ${base}`;
}
