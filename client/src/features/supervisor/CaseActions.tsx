import type { Case, StaffClinicians } from '@desk/shared';
import { useId, useState } from 'react';
import { SelectField } from '../../components/Fields';
import { errorMessage } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { CLINICIAN_STATUS_LABEL } from '../board/labels';
import { actionErrorText, type SupervisorAction } from './actionErrors';
import { askToTakeParent, fetchStaffClinicians, reassignCase } from './api';
import { parentIsWaiting } from './parentWaiting';

type Clinician = StaffClinicians['clinicians'][number];

/** "Nurse Second (signed in, available)": who can take the case now is read from the list itself. */
export function clinicianOption(clinician: Clinician, assignedName: string | null): string {
  const presence = clinician.signedIn ? `signed in, ${clinician.status ? CLINICIAN_STATUS_LABEL[clinician.status].toLowerCase() : 'status unknown'}` : 'not signed in';
  return `${clinician.name} (${presence}${clinician.name === assignedName ? ', has this case now' : ''})`;
}

type Props = { caseRecord: Case; onChanged: () => void };

/**
 * What a supervisor can do on a case: give it to another clinician, and, while a parent waits, ask
 * a clinician to take them. Both are audited by the server; neither touches the call or the decision.
 */
export function CaseActions({ caseRecord, onChanged }: Props) {
  const clinicians = useResource('/api/staff/clinicians', fetchStaffClinicians);
  const reference = caseRecord.reference;

  let body;
  if (caseRecord.status === 'closed') {
    body = <p className="nhsuk-body">This case is closed: its decision is signed. It cannot be reassigned.</p>;
  } else if (!clinicians.data) {
    body = clinicians.error ? (
      <>
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> Cannot load the clinicians: {errorMessage(clinicians.error)}
        </p>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={clinicians.reload}>
          Try again
        </button>
      </>
    ) : (
      <p className="nhsuk-body" role="status">
        Loading the clinicians…
      </p>
    );
  } else {
    const list = clinicians.data.clinicians;
    body = (
      <>
        <ClinicianActionForm
          action="reassign"
          clinicians={list}
          assignedName={caseRecord.assignedClinician}
          run={async (clinician) => {
            await reassignCase(caseRecord.id, clinician.id);
            onChanged();
            clinicians.reload();
            return `Case ${reference} is now assigned to ${clinician.name}. They have a notice on their desk.`;
          }}
        />
        {parentIsWaiting(caseRecord) ? (
          <ClinicianActionForm
            action="take_parent"
            // Only the case's clinician hosts the call and can let the parent in: they are the one asked.
            clinicians={list.filter((c) => c.id === caseRecord.assignedClinicianId)}
            fixed
            assignedName={caseRecord.assignedClinician}
            run={async (clinician) => {
              await askToTakeParent(caseRecord.id, clinician.id);
              return `${clinician.name} has been asked to take the waiting parent on case ${reference}.`;
            }}
          />
        ) : null}
      </>
    );
  }

  return (
    <section aria-labelledby="case-actions-h" className="nhsuk-u-margin-top-5 desk-case-actions" data-testid="case-actions">
      <h2 className="nhsuk-heading-m" id="case-actions-h">
        Supervisor actions
      </h2>
      <p className="nhsuk-body">
        Assigned clinician: <strong data-testid="assigned-clinician">{caseRecord.assignedClinician ?? 'Not assigned'}</strong>
      </p>
      {body}
    </section>
  );
}

/** The words of each action's form. */
const FORM_WORDS: Record<SupervisorAction, { heading: string; hint: string; label: string; button: string; choose: string; testId: string }> = {
  reassign: {
    heading: 'Reassign the case',
    hint: 'The case and its unsigned draft move to them, and they get a notice on their desk. A case with a call in progress cannot be reassigned.',
    label: 'Give the case to',
    button: 'Reassign case',
    choose: 'Choose the clinician to give the case to',
    testId: 'reassign-form',
  },
  take_parent: {
    heading: 'Ask the clinician to take this parent',
    hint: 'A parent is waiting to be let in. Only the clinician on this case can let them in: they get a prominent notice on their desk with a link to it.',
    label: 'Clinician to ask',
    button: 'Ask to take the parent',
    choose: 'Choose the clinician to ask',
    testId: 'take-parent-form',
  },
};

type FormProps = {
  action: SupervisorAction;
  clinicians: readonly Clinician[];
  assignedName: string | null;
  /** The one clinician it can be (the case's own): named, not chosen. */
  fixed?: boolean;
  /** Does the action; answers what to tell the supervisor. Throws the API's refusal. */
  run: (clinician: Clinician) => Promise<string>;
};

/** One clinician to choose and one button: the shape both actions share. */
function ClinicianActionForm({ action, clinicians, assignedName, fixed = false, run }: FormProps) {
  const { heading, hint, label, button, choose, testId } = FORM_WORDS[action];
  const id = useId();
  const [clinicianId, setClinicianId] = useState(fixed ? (clinicians[0]?.id ?? '') : '');
  const [choiceError, setChoiceError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setRefusal(null);
    setDone(null);
    const clinician = clinicians.find((c) => c.id === clinicianId);
    if (!clinician) {
      setChoiceError(choose);
      return;
    }
    setChoiceError(undefined);
    setBusy(true);
    try {
      setDone(await run(clinician));
    } catch (error) {
      setRefusal(actionErrorText(action, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="desk-case-actions__form"
      aria-labelledby={`${id}-h`}
      data-testid={testId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 className="nhsuk-heading-s" id={`${id}-h`}>
        {heading}
      </h3>
      {fixed ? (
        <>
          <p className="nhsuk-hint">{hint}</p>
          <p className="nhsuk-body" data-testid={`${testId}-clinician`}>
            {clinicians[0] ? `${label}: ${clinicianOption(clinicians[0], assignedName)}` : 'This case has no active clinician to ask: reassign it first.'}
          </p>
        </>
      ) : (
        <SelectField id={`${id}-clinician`} label={label} hint={hint} error={choiceError} value={clinicianId} onChange={(e) => setClinicianId(e.target.value)}>
          <option value="">Choose a clinician</option>
          {clinicians.map((c) => (
            <option key={c.id} value={c.id}>
              {clinicianOption(c, assignedName)}
            </option>
          ))}
        </SelectField>
      )}
      {refusal ? (
        <p className="nhsuk-error-message" role="alert" data-testid={`${testId}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {refusal}
        </p>
      ) : null}
      <p className="nhsuk-body" role="status" data-testid={`${testId}-done`}>
        {done}
      </p>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy || (fixed && !clinicians.length)}>
        {button}
      </button>
    </form>
  );
}
