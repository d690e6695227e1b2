import { londonDate, type Case } from '@desk/shared';
import { useState } from 'react';
import { dateBoxId } from '../../components/DateInput';
import { ApiRequestError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { createCase } from './api';
import {
  CASE_FIELD_ORDER,
  EMPTY_CASE_FORM,
  errorsAfterEdit,
  readDateOfBirth,
  toFormErrors,
  validateCaseForm,
  type CaseFieldId,
  type CaseFormValues,
  type ErrorSource,
} from './caseForm';

type State = {
  values: CaseFormValues;
  errors: Partial<Record<CaseFieldId, string>>;
  errorSource: ErrorSource;
  formError: string | null;
  busy: boolean;
  attempt: number;
};

/** The new-case form: typed values survive every error (client or server); an error goes once its field is fixed. */
export function useCaseForm(onCreated: (created: Case) => void) {
  const [state, setState] = useState<State>({ values: EMPTY_CASE_FORM, errors: {}, errorSource: 'client', formError: null, busy: false, attempt: 0 });

  const setValue = <K extends keyof CaseFormValues>(name: K, value: CaseFormValues[K]) =>
    setState((s) => {
      const values = { ...s.values, [name]: value };
      return { ...s, values, errors: errorsAfterEdit(s.errors, s.errorSource, name, values) };
    });

  const fail = (errors: State['errors'], errorSource: ErrorSource, formError: string | null) =>
    setState((s) => ({ ...s, busy: false, errors, errorSource, formError, attempt: s.attempt + 1 }));

  const submit = async () => {
    if (state.busy) return;
    const result = validateCaseForm(state.values);
    if (!result.ok) return fail(result.errors, 'client', null);
    setState((s) => ({ ...s, busy: true, errors: {}, formError: null }));
    try {
      const created = await createCase(result.body);
      setState((s) => ({ ...s, busy: false }));
      onCreated(created);
    } catch (error) {
      const fields = error instanceof ApiRequestError ? toFormErrors(error.fields, state.values) : {};
      fail(fields, 'server', Object.keys(fields).length ? null : errorMessage(error));
    }
  };

  // The date of birth's error names the boxes it is about: its summary link goes to the first of them.
  const dateRead = state.errors.dateOfBirth ? readDateOfBirth(state.values.dateOfBirth, londonDate(new Date())) : null;
  const dateParts = dateRead && 'error' in dateRead ? dateRead.parts : undefined;
  const errorList = CASE_FIELD_ORDER.filter((id) => state.errors[id]).map((id) => ({
    fieldId: id === 'dateOfBirth' ? dateBoxId(id, dateParts?.[0] ?? 'day') : id,
    message: state.errors[id] ?? '',
  }));

  return { ...state, errorList, dateOfBirthErrorParts: dateParts, setValue, submit };
}
