import type { Decision } from '@desk/shared';
import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { fetchDecisions } from '../cases/api';
import { DecisionForm } from './DecisionForm';
import { DecisionView } from './DecisionView';

/** Newest version first, whatever order the server used. */
function newestFirst(decisions: readonly Decision[]): Decision[] {
  return [...decisions].sort((a, b) => b.version - a.version);
}

export function DecisionSection({ caseId }: { caseId: string }) {
  const decisions = useResource(`/api/cases/${caseId}/decisions`, (signal) => fetchDecisions(caseId, signal));
  const [justSigned, setJustSigned] = useState<Decision | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const list = newestFirst([...(decisions.data ?? []), ...(justSigned && !decisions.data?.some((d) => d.id === justSigned.id) ? [justSigned] : [])]);
  const latest = list[0] ?? null;

  let body;
  if (latest) {
    body = <DecisionView decision={latest} earlierVersions={list.length - 1} />;
  } else if (!decisions.data && decisions.loading) {
    body = (
      <p className="nhsuk-body" role="status">
        Loading the decision…
      </p>
    );
  } else {
    body = (
      <>
        {decisions.error ? (
          <p className="nhsuk-error-message" role="alert">
            <span className="nhsuk-u-visually-hidden">Error:</span> Cannot check for a signed decision:{' '}
            {errorMessage(decisions.error)}
          </p>
        ) : null}
        <DecisionForm
          caseId={caseId}
          onSigned={(decision) => {
            setJustSigned(decision);
            decisions.reload();
          }}
          onAlreadySigned={(message) => {
            setNotice(message);
            decisions.reload();
          }}
        />
      </>
    );
  }

  return (
    <section aria-labelledby="decision-heading" className="nhsuk-u-margin-top-6">
      <h2 className="nhsuk-heading-m" id="decision-heading">
        Decision
      </h2>
      <p className="nhsuk-body">The software does not decide: the clinician decides.</p>
      {notice ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{notice}</p>
        </div>
      ) : null}
      {body}
    </section>
  );
}
