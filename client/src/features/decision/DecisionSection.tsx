import type { Case, Decision } from '@desk/shared';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../../lib/errors';
import type { CountClock } from '../triage/breathCounter';
import { clinicalRecordText } from './clinicalRecord';
import { CopyForRecord } from './CopyForRecord';
import { DecisionForm } from './DecisionForm';
import { DecisionHistory } from './DecisionHistory';
import { DecisionView } from './DecisionView';
import { fetchServerDraft } from './api';
import { draftStorageKey, loadDraft } from './decisionDraft';
import { useCaseDecisions } from './useCaseDecisions';
import { mergeVersions } from './versions';

type Props = {
  caseRecord: Case;
  clock?: CountClock;
  /** "Next case" (it needs the router, which the page has), shown with the signed decision. */
  nextCase?: ReactNode;
};

/** Where focus goes after the form opens, closes or signs. */
type FocusTarget = 'signed' | 'amendmentReason' | 'amendButton' | 'decision-notice' | null;

export function DecisionSection({ caseRecord, clock, nextCase }: Props) {
  const caseId = caseRecord.id;
  const patient = useMemo(
    () => ({ ageMonths: caseRecord.childAgeMonths, complaint: caseRecord.complaint }),
    [caseRecord.childAgeMonths, caseRecord.complaint],
  );
  const context = { ageMonths: caseRecord.childAgeMonths, callerPhoneKind: caseRecord.callerPhoneKind };
  const decisions = useCaseDecisions(caseRecord);
  const [justSigned, setJustSigned] = useState<Decision | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflicted, setConflicted] = useState(false);
  // An amendment in progress survives a reload: its draft names the version it amends.
  const [amending, setAmending] = useState<string | null>(() => loadDraft(draftStorageKey(caseId, 'amend'))?.amends ?? null);
  const pendingFocus = useRef<FocusTarget>(null);
  const signedHeading = useRef<HTMLHeadingElement>(null);
  const amendButton = useRef<HTMLButtonElement>(null);

  const versions = mergeVersions(decisions.data ?? [], justSigned);
  const latest = versions[0] ?? null;
  const amendOpen = latest !== null && amending === latest.id;

  // An amendment started in a closed tab or on another machine reopens from the server's copy (once per version).
  const latestId = latest?.id ?? null;
  const serverAmendChecked = useRef<string | null>(null);
  useEffect(() => {
    if (latestId === null || amending !== null || serverAmendChecked.current === latestId) return;
    const controller = new AbortController();
    fetchServerDraft(caseId, 'amend', controller.signal).then(
      (saved) => {
        serverAmendChecked.current = latestId;
        if (saved?.draft.amends === latestId) setAmending((current) => current ?? latestId);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [caseId, latestId, amending]);

  // After every render: a handler that changed what is shown may have asked for focus somewhere.
  useEffect(() => {
    const focusTarget = pendingFocus.current;
    if (!focusTarget) return;
    pendingFocus.current = null;
    const target =
      focusTarget === 'signed' ? signedHeading.current : focusTarget === 'amendButton' ? amendButton.current : document.getElementById(focusTarget);
    target?.focus();
  });

  const signed = (decision: Decision) => {
    setJustSigned(decision);
    setAmending(null);
    setNotice(decision.version > 1 ? `Version ${decision.version} signed. Earlier versions stay in the history.` : null);
    setConflicted(false);
    pendingFocus.current = 'signed';
    decisions.reload();
  };
  const conflict = (message: string) => {
    setNotice(message);
    setConflicted(true);
    setAmending(null);
    // The conflict is the news: move there so it is seen and read out, not left above the fold.
    pendingFocus.current = 'decision-notice';
    decisions.reload();
  };

  let body;
  if (latest) {
    body = (
      <>
        <DecisionView
          decision={latest}
          earlierVersions={versions.length - 1}
          context={context}
          headingRef={signedHeading}
          actions={
            <div className="desk-decision-actions">
              <CopyForRecord key={latest.id} text={clinicalRecordText(caseRecord, latest)} />
              {nextCase}
            </div>
          }
          amendButton={
            amendOpen ? null : (
              <button
                type="button"
                ref={amendButton}
                className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                onClick={() => {
                  setNotice(null);
                  setAmending(latest.id);
                  pendingFocus.current = 'amendmentReason';
                }}
              >
                Amend decision
              </button>
            )
          }
        />
        {amendOpen ? (
          <section aria-labelledby="amend-heading" className="nhsuk-u-margin-top-5">
            <h3 className="nhsuk-heading-m" id="amend-heading">
              Amend decision (version {latest.version + 1})
            </h3>
            <p className="nhsuk-body">
              The signed version is never changed: your amendment becomes a new version, and the parent is texted again if what
              they should do changes.
            </p>
            <DecisionForm
              key={latest.id}
              caseId={caseId}
              patient={patient}
              amends={latest}
              onSigned={signed}
              onConflict={conflict}
              onCancel={() => {
                setAmending(null);
                pendingFocus.current = 'amendButton';
              }}
              clock={clock}
            />
          </section>
        ) : null}
        <DecisionHistory versions={versions} context={context} />
      </>
    );
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
        <DecisionForm caseId={caseId} patient={patient} onSigned={signed} onConflict={conflict} clock={clock} />
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
        <div
          id="decision-notice"
          className={conflicted ? 'nhsuk-warning-callout' : 'nhsuk-inset-text'}
          role={conflicted ? 'alert' : 'status'}
          tabIndex={-1}
        >
          <span className="nhsuk-u-visually-hidden">{conflicted ? 'Important: ' : 'Information: '}</span>
          <p>{notice}</p>
        </div>
      ) : null}
      {body}
    </section>
  );
}
