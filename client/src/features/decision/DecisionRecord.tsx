import type { Case } from '@desk/shared';
import { errorMessage } from '../../lib/errors';
import { DecisionHistory } from './DecisionHistory';
import { DecisionView } from './DecisionView';
import { useCaseDecisions } from './useCaseDecisions';
import { mergeVersions } from './versions';

/**
 * The decision as a supervisor reads it: the latest signed version and the history, with no form
 * and no Amend (supervisors never change decisions).
 */
export function DecisionRecord({ caseRecord }: { caseRecord: Case }) {
  const decisions = useCaseDecisions(caseRecord);
  const versions = mergeVersions(decisions.data ?? [], null);
  const latest = versions[0] ?? null;
  const context = { ageMonths: caseRecord.childAgeMonths, callerPhoneKind: caseRecord.callerPhoneKind };

  let body;
  if (latest) {
    body = (
      <>
        <DecisionView decision={latest} earlierVersions={versions.length - 1} context={context} />
        <DecisionHistory versions={versions} context={context} />
      </>
    );
  } else if (decisions.error) {
    body = (
      <p className="nhsuk-error-message" role="alert">
        <span className="nhsuk-u-visually-hidden">Error:</span> Cannot load the decision: {errorMessage(decisions.error)}
      </p>
    );
  } else if (decisions.loading) {
    body = (
      <p className="nhsuk-body" role="status">
        Loading the decision…
      </p>
    );
  } else {
    body = <p className="nhsuk-body">No decision is signed yet. The clinician signs it on their desk.</p>;
  }

  return (
    <section aria-labelledby="decision-heading" className="nhsuk-u-margin-top-6" data-testid="decision-record">
      <h2 className="nhsuk-heading-m" id="decision-heading">
        Decision
      </h2>
      {body}
    </section>
  );
}
