import { assertNever, type DeskNotice } from '@desk/shared';

/**
 * The desk's notices as pure functions (table-tested in client/test/supervisor-actions.test.tsx):
 * how a list takes a new one, and what each says.
 */

/** Newest first, each once (the same notice may come by the socket and in a reload). */
export function mergeNotices(list: readonly DeskNotice[], incoming: readonly DeskNotice[]): DeskNotice[] {
  const byId = new Map(list.map((n) => [n.id, n]));
  for (const notice of incoming) byId.set(notice.id, notice);
  return [...byId.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.id.localeCompare(b.id));
}

/** What the notice says, in a sentence. The case's link follows it where the case is the clinician's to open. */
export function noticeText(notice: DeskNotice): string {
  const kase = `case ${notice.reference} (${notice.childFirstName})`;
  switch (notice.kind) {
    case 'case_assigned':
      return `${notice.from} gave you ${kase}.`;
    case 'case_unassigned':
      return `${notice.from} gave ${kase} to another clinician. It is no longer yours.`;
    case 'take_waiting_parent':
      return `${notice.from} asks you to take the waiting parent on ${kase}.`;
    default:
      return assertNever(notice.kind);
  }
}

/** The take-parent notice is urgent (a parent is waiting now): it is shown as a warning callout. */
export const isUrgent = (notice: DeskNotice): boolean => notice.kind === 'take_waiting_parent';

/** A case the clinician should open from the notice (not one taken away from them). */
export const linksToCase = (notice: DeskNotice): boolean => notice.kind !== 'case_unassigned';
