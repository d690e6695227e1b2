import { SAFEGUARDING_REASON_MAX, safeguardingInputSchema, type Case, type SafeguardingConcern } from '@desk/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextareaField } from '../../components/Fields';
import { ApiRequestError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatTimeOnDate } from '../../lib/format';
import { flagSafeguarding } from './api';

/** "Safeguarding concern flagged by Nurse Demo at 14:05 on 3 December 2026: <reason>", for the clinician and the supervisor alike. */
export function SafeguardingConcernPanel({ concern, level = 3, focusOnShow = false }: { concern: SafeguardingConcern; level?: 2 | 3; focusOnShow?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const Heading = level === 2 ? 'h2' : 'h3';
  useEffect(() => {
    if (focusOnShow) heading.current?.focus();
  }, [focusOnShow, concern]);
  return (
    <div className="nhsuk-warning-callout desk-safeguarding" data-testid="safeguarding-concern">
      <Heading className="nhsuk-warning-callout__label" tabIndex={-1} ref={heading}>
        <span className="nhsuk-u-visually-hidden">Important: </span>
        Safeguarding concern
      </Heading>
      <p className="desk-safeguarding__text">
        Safeguarding concern flagged by {concern.flaggedBy} at <time dateTime={concern.flaggedAt}>{formatTimeOnDate(concern.flaggedAt)}</time>:{' '}
        {concern.reason}
      </p>
    </div>
  );
}

/** The reason's error, in the NHS.UK style: what to do, not what went wrong. */
function reasonError(reason: string): string | null {
  const parsed = safeguardingInputSchema.safeParse({ reason });
  if (parsed.success) return null;
  return reason.trim() === '' ? 'Enter the reason for the safeguarding concern' : `The reason must be ${SAFEGUARDING_REASON_MAX} characters or fewer`;
}

/**
 * The clinician's "Flag a safeguarding concern": a disclosure opening a form with a required reason
 * (NHS.UK error summary and field error), then the concern as stored. The server audits it and the
 * supervisor's board marks the case. A concern can be replaced with a new reason (audited again).
 */
export function SafeguardingSection({ caseRecord, onFlagged }: { caseRecord: Case; onFlagged: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  // The concern just stored, shown at once (the case's reload then carries the same).
  const [flagged, setFlagged] = useState<SafeguardingConcern | null>(null);
  const id = useId();
  const fieldId = `${id}-reason`;
  const concern = caseRecord.safeguarding ?? flagged;
  const toggle = useRef<HTMLButtonElement>(null);
  // Keyboard first: opening the form puts the cursor in the reason; Cancel puts focus back on the button.
  const [returnFocus, setReturnFocus] = useState(false);
  useEffect(() => {
    if (open) document.getElementById(fieldId)?.focus();
    else if (returnFocus) toggle.current?.focus();
  }, [open, returnFocus, fieldId]);

  const submit = async () => {
    setFormError(null);
    const problem = reasonError(reason);
    setError(problem);
    if (problem) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      setFlagged(await flagSafeguarding(caseRecord.id, reason.trim()));
      setOpen(false);
      setReason('');
      onFlagged();
    } catch (failure) {
      if (failure instanceof ApiRequestError && failure.code === 'VALIDATION_FAILED') setError(reasonError('') ?? errorMessage(failure));
      else setFormError(errorMessage(failure));
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-h`} className="nhsuk-u-margin-top-5 desk-safeguarding-section" data-testid="safeguarding-section">
      <h2 className="nhsuk-heading-m" id={`${id}-h`}>
        Safeguarding
      </h2>
      {concern ? <SafeguardingConcernPanel concern={concern} focusOnShow={flagged !== null} /> : null}
      {!open ? (
        <button type="button" className="nhsuk-button nhsuk-button--secondary" ref={toggle} onClick={() => setOpen(true)}>
          {concern ? 'Change the safeguarding concern' : 'Flag a safeguarding concern'}
        </button>
      ) : (
        <form
          aria-labelledby={`${id}-form-h`}
          noValidate
          data-testid="safeguarding-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <h3 className="nhsuk-heading-s" id={`${id}-form-h`}>
            {concern ? 'Change the safeguarding concern' : 'Flag a safeguarding concern'}
          </h3>
          <ErrorSummary errors={error ? [{ fieldId, message: error }] : formError ? [{ fieldId, message: formError }] : []} focusKey={focusKey} />
          <TextareaField
            id={fieldId}
            label="Reason for the concern"
            hint={`What you saw or heard that worries you, in up to ${SAFEGUARDING_REASON_MAX} characters. It is kept on the case and in the audit, and shown to supervisors.`}
            error={error ?? undefined}
            rows={4}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              // A fixed field loses its old error (the summary goes with it).
              if (error && !reasonError(event.target.value)) setError(null);
            }}
          />
          <div className="desk-safeguarding-section__actions">
            <button type="submit" className="nhsuk-button nhsuk-button--warning" disabled={busy} aria-busy={busy}>
              Flag the concern
            </button>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => {
                setOpen(false);
                setReturnFocus(true);
                setError(null);
                setFormError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
