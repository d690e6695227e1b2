import type { Case } from '@desk/shared';

/**
 * Whether a parent is in the waiting room of the case's open call now: the only time a supervisor
 * can ask a clinician to take them (the server refuses NO_PARENT_WAITING otherwise).
 */
export function parentIsWaiting(caseRecord: Pick<Case, 'status' | 'call'>): boolean {
  const call = caseRecord.call;
  if (caseRecord.status !== 'open' || !call || call.state === 'ended' || call.state === 'failed') return false;
  return call.state === 'parent_waiting' || call.participants.some((p) => p.role === 'parent' && p.state === 'waiting');
}
