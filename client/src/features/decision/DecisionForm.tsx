import { DISPOSITION_LABEL, dispositions, type Decision, type Disposition } from '@desk/shared';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Radios, SelectField, TextareaField } from '../../components/Fields';
import { needsTimeframe, timeframeOptions } from './decisionDraft';
import { useDecisionForm } from './useDecisionForm';

const DISPOSITION_OPTIONS = dispositions.map((value) => ({ value, label: DISPOSITION_LABEL[value] }));

type Props = {
  caseId: string;
  onSigned: (decision: Decision) => void;
  onAlreadySigned: (message: string) => void;
};

export function DecisionForm({ caseId, onSigned, onAlreadySigned }: Props) {
  const form = useDecisionForm(caseId, { onSigned, onAlreadySigned });
  const { draft, errors } = form;
  const summary = form.formError ? [{ fieldId: 'notes', message: form.formError }, ...form.errorList] : form.errorList;

  return (
    <form
      noValidate
      aria-labelledby="decision-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit();
      }}
    >
      <ErrorSummary errors={summary} focusKey={form.attempt} />
      <Radios
        id="disposition"
        name="disposition"
        legend="Disposition"
        options={DISPOSITION_OPTIONS}
        value={draft.disposition}
        error={errors.disposition}
        onChange={(value) => form.setDisposition(value as Disposition)}
      />
      {needsTimeframe(draft.disposition) ? (
        <SelectField
          id="timeframe"
          label="Timeframe"
          value={draft.timeframe}
          error={errors.timeframe}
          onChange={(event) => form.setTimeframe(event.target.value)}
        >
          <option value="">Select a timeframe</option>
          {timeframeOptions(draft.disposition).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextareaField
        id="notes"
        label="Clinical notes"
        hint="What you saw and heard, your reasoning, and the safety-netting advice given."
        rows={8}
        value={draft.notes}
        error={errors.notes}
        onChange={(event) => form.setNotes(event.target.value)}
      />
      <button type="submit" className="nhsuk-button" disabled={form.busy}>
        {form.busy ? 'Signing…' : 'Sign decision'}
      </button>
    </form>
  );
}
