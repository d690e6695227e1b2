import type { Decision } from '@desk/shared';
import { useMemo } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextareaField } from '../../components/Fields';
import type { CountClock } from '../triage/breathCounter';
import type { TriagePatient } from '../triage/findings';
import { TrafficLightSummary } from '../triage/TrafficLightSummary';
import { TriageChecklist } from '../triage/TriageChecklist';
import { useChecklistView } from '../triage/useChecklistView';
import { DispositionFields } from './DispositionFields';
import { SafetyNettingPreview } from './SafetyNettingPreview';
import { useDecisionForm } from './useDecisionForm';
import { draftStatusText } from './useDraftAutosave';

type Props = {
  caseId: string;
  patient: TriagePatient;
  /** The latest version, when amending it. */
  amends?: Decision | null;
  onSigned: (decision: Decision) => void;
  onConflict: (message: string) => void;
  /** Closes an amendment without signing. */
  onCancel?: () => void;
  clock?: CountClock;
};

/** Checklist, band, disposition, notes, preview and sign: one form, for a first decision or an amendment. */
export function DecisionForm({ caseId, patient, amends = null, onSigned, onConflict, onCancel, clock }: Props) {
  const form = useDecisionForm({ caseId, patient, amends, onSigned, onConflict });
  const { draft, errors } = form;
  const checklistView = useChecklistView();
  const summary = form.formError ? [{ fieldId: 'notes', message: form.formError }, ...form.errorList] : form.errorList;
  const findingErrors = useMemo(
    () =>
      Object.fromEntries(
        Object.entries(errors).flatMap(([id, message]) => (id.startsWith('finding-') ? [[id.slice('finding-'.length), message]] : [])),
      ),
    [errors],
  );

  return (
    <form
      noValidate
      aria-labelledby={amends ? 'amend-heading' : 'decision-heading'}
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit();
      }}
    >
      <ErrorSummary errors={summary} focusKey={form.attempt} />
      {amends ? (
        <TextareaField
          id="amendmentReason"
          label="Reason for amendment"
          hint={`What changed and why. Version ${amends.version} stays on the record, marked as superseded.`}
          rows={3}
          value={draft.amendmentReason}
          error={errors.amendmentReason}
          onChange={(event) => form.setText('amendmentReason', event.target.value)}
        />
      ) : null}

      <div className="desk-triage-layout">
        <TriageChecklist
          findings={draft.findings}
          patient={patient}
          errors={findingErrors}
          onChange={form.setFinding}
          view={checklistView}
          clock={clock}
        />
        <div className="desk-triage-layout__aside">
          <TrafficLightSummary assessment={form.assessment} onReveal={checklistView.reveal} />
        </div>
      </div>

      <DispositionFields
        draft={draft}
        errors={errors}
        assessment={form.assessment}
        showOverride={form.showOverride}
        setDisposition={form.setDisposition}
        setTimeframe={form.setTimeframe}
        setText={form.setText}
      />
      <TextareaField
        id="notes"
        label="Clinical notes"
        hint="What you saw and heard, your reasoning, and the safety-netting advice given."
        rows={8}
        value={draft.notes}
        error={errors.notes}
        onChange={(event) => form.setText('notes', event.target.value)}
      />

      <SafetyNettingPreview state={form.preview} stale={form.previewStale} onPreview={() => void form.loadPreview()} />

      <div className="nhsuk-button-group">
        <button type="submit" className="nhsuk-button" data-shortcut="sign" disabled={form.busy}>
          {form.busy ? 'Signing…' : amends ? 'Sign amended decision' : 'Sign decision'}
        </button>
        {amends && onCancel ? (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => {
              form.discard();
              onCancel();
            }}
          >
            Cancel amendment
          </button>
        ) : null}
      </div>
      <p className="nhsuk-body-s" role="status" data-testid="draft-status">
        {draftStatusText(form.draftStatus)}
      </p>
    </form>
  );
}
