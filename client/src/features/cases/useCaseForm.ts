import type { Case } from '@desk/shared';
import { useState } from 'react';
import { ApiRequestError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { createCase } from './api';
import { CASE_FIELD_ORDER, EMPTY_CASE_FORM, toFormErrors, validateCaseForm, type CaseFieldId, type CaseFormValues } from './caseForm';

type State = {
  values: CaseFormValues;
  errors: Partial<Record<CaseFieldId, string>>;
  formError: string | null;
  busy: boolean;
  attempt: number;
};

/** The new-case form: typed values survive every error (client or server). */
export function useCaseForm(onCreated: (created: Case) => void) {
  const [state, setState] = useState<State>({ values: EMPTY_CASE_FORM, errors: {}, formError: null, busy: false, attempt: 0 });

  const setValue = <K extends keyof CaseFormValues>(name: K, value: CaseFormValues[K]) =>
    setState((s) => ({ ...s, values: { ...s.values, [name]: value } }));

  const fail = (errors: State['errors'], formError: string | null) =>
    setState((s) => ({ ...s, busy: false, errors, formError, attempt: s.attempt + 1 }));

  const submit = async () => {
    if (state.busy) return;
    const result = validateCaseForm(state.values);
    if (!result.ok) return fail(result.errors, null);
    setState((s) => ({ ...s, busy: true, errors: {}, formError: null }));
    try {
      const created = await createCase(result.body);
      setState((s) => ({ ...s, busy: false }));
      onCreated(created);
    } catch (error) {
      const fields = error instanceof ApiRequestError ? toFormErrors(error.fields, state.values) : {};
      fail(fields, Object.keys(fields).length ? null : errorMessage(error));
    }
  };

  const errorList = CASE_FIELD_ORDER.filter((id) => state.errors[id]).map((id) => ({
    fieldId: id,
    message: state.errors[id] ?? '',
  }));

  return { ...state, errorList, setValue, submit };
}
