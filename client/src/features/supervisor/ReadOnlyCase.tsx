import type { Case } from '@desk/shared';
import { useMemo } from 'react';
import { CaseSummary } from '../cases/CaseSummary';
import { DecisionRecord } from '../decision/DecisionRecord';
import { SafeguardingConcernPanel } from '../safeguarding/SafeguardingConcern';
import { CallRecord } from './CallRecord';
import { CaseActions } from './CaseActions';
import { useLiveCall } from './liveCall';

/**
 * A case as a supervisor or an administrator sees it: the details, the call in words and the
 * decision with its history, read-only (no video, no invite, no admit, no decision form); beside
 * them the supervisor's own actions. The server audits the viewing.
 */
export function ReadOnlyCase({ caseRecord: loaded, onChanged }: { caseRecord: Case; onChanged: () => void }) {
  const call = useLiveCall(loaded);
  const caseRecord = useMemo(() => (call === loaded.call ? loaded : { ...loaded, call }), [loaded, call]);
  return (
    <div className="desk-case" data-testid="read-only-case">
      {/* Not the clinician's sticky call column: there is no call to keep in view here. */}
      <div className="desk-case__actions">
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>You are viewing this case read-only, as a supervisor. Only the assigned clinician runs the call and signs the decision.</p>
        </div>
        {/* Flagged by the case's clinician: supervisors read it here and see it marked on the board. */}
        {loaded.safeguarding ? <SafeguardingConcernPanel concern={loaded.safeguarding} level={2} /> : null}
        <CaseActions caseRecord={caseRecord} onChanged={onChanged} />
        <CallRecord call={caseRecord.call} />
      </div>
      <div className="desk-case__record">
        <CaseSummary caseRecord={loaded} />
        {/* The loaded case: its decisions reload when the case is fetched again, not on each call update. */}
        <DecisionRecord caseRecord={loaded} />
      </div>
    </div>
  );
}
