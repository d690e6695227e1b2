import type { BoardCase } from '@desk/shared';

/**
 * The clinician's case list order: their own open cases first, then everyone else's (and the
 * unassigned), each group newest first. A case reassigned to or away from them moves group with
 * the delta that says so. Signed cases leave the list. Pure: table-tested.
 */
export function caseListOrder(rows: readonly BoardCase[], userId: string | null): { mine: BoardCase[]; others: BoardCase[] } {
  const newestFirst = (a: BoardCase, b: BoardCase) => Date.parse(b.createdAt) - Date.parse(a.createdAt);
  const open = rows.filter((row) => row.state !== 'decided');
  return {
    mine: open.filter((row) => userId !== null && row.clinician?.id === userId).sort(newestFirst),
    others: open.filter((row) => userId === null || row.clinician?.id !== userId).sort(newestFirst),
  };
}
