import type { Case } from '@desk/shared';
import { useEffect, useRef } from 'react';
import { useResource } from '../../lib/useResource';
import { fetchDecisions } from '../cases/api';

/**
 * The case's signed versions. The case page fetches the case again when the server says it changed
 * (the safety-netting SMS went, or failed, or was delivered): the decisions, which show that SMS,
 * come again with it.
 */
export function useCaseDecisions(caseRecord: Case) {
  const caseId = caseRecord.id;
  const decisions = useResource(`/api/cases/${caseId}/decisions`, (signal) => fetchDecisions(caseId, signal));
  const { reload } = decisions;
  const shownCase = useRef(caseRecord);
  useEffect(() => {
    if (shownCase.current === caseRecord) return;
    shownCase.current = caseRecord;
    reload();
  }, [caseRecord, reload]);
  return decisions;
}
