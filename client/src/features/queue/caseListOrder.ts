import type { BoardCase, Case } from '@desk/shared';

/**
 * The clinician's case list order: their own open cases first, then everyone else's (and the
 * unassigned), each group newest first. A case reassigned to or away from them moves group with
 * the delta that says so. Signed cases leave the list. Pure: table-tested.
 */
const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

export function caseListOrder(rows: readonly BoardCase[], userId: string | null): { mine: BoardCase[]; others: BoardCase[] } {
  const open = rows.filter((row) => row.state !== 'decided');
  return {
    mine: open.filter((row) => userId !== null && row.clinician?.id === userId).sort(newestFirst),
    others: open.filter((row) => userId === null || row.clinician?.id !== userId).sort(newestFirst),
  };
}

/**
 * "Next case" after signing: the first of the clinician's own open cases in the case list's order
 * (newest first), other than the one just signed; null when they have none left.
 */
export function nextOwnCase(cases: readonly Case[], userId: string, currentCaseId: string): Case | null {
  const mine = cases.filter((c) => c.status === 'open' && c.assignedClinicianId === userId && c.id !== currentCaseId);
  return [...mine].sort(newestFirst)[0] ?? null;
}
