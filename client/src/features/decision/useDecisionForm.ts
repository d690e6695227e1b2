import { IDEMPOTENCY_HEADER, decisionSchema, type Decision, type Disposition } from '@desk/shared';
import { useState } from 'react';
import { ApiRequestError, api } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import {
  DECISION_FIELD_ORDER,
  clearDraft,
  loadDraft,
  newIdempotencyKey,
  saveDraft,
  toDecisionErrors,
  validateDecision,
  withDisposition,
  type DecisionDraft,
  type DecisionErrors,
} from './decisionDraft';

type State = { draft: DecisionDraft; errors: DecisionErrors; formError: string | null; busy: boolean; attempt: number };

type Callbacks = {
  onSigned: (decision: Decision) => void;
  /** The server already holds a signed decision for this case (another tab, or a lost answer). */
  onAlreadySigned: (message: string) => void;
};

export const NETWORK_RETRY_MESSAGE =
  'Could not reach the server, so the decision may not be signed yet. Select "Sign decision" again: it will not be signed twice.';

export function signDecision(caseId: string, draft: DecisionDraft, body: unknown): Promise<Decision> {
  return api('POST', `/api/cases/${encodeURIComponent(caseId)}/decisions`, decisionSchema, {
    body,
    headers: { [IDEMPOTENCY_HEADER]: draft.idempotencyKey },
  });
}

/**
 * The decision form. The draft (with its idempotency key) is saved per case in sessionStorage on
 * every change, so a reload or a retry after a network failure reuses the same key.
 */
export function useDecisionForm(caseId: string, { onSigned, onAlreadySigned }: Callbacks) {
  const [state, setState] = useState<State>(() => ({
    draft: loadDraft(caseId),
    errors: {},
    formError: null,
    busy: false,
    attempt: 0,
  }));

  const update = (change: (draft: DecisionDraft) => DecisionDraft) =>
    setState((s) => {
      const draft = change(s.draft);
      saveDraft(caseId, draft);
      return { ...s, draft };
    });

  const setDisposition = (disposition: Disposition) => update((d) => withDisposition(d, disposition));
  const setTimeframe = (timeframe: string) => update((d) => ({ ...d, timeframe }));
  const setNotes = (notes: string) => update((d) => ({ ...d, notes }));

  const fail = (errors: DecisionErrors, formError: string | null) =>
    setState((s) => ({ ...s, busy: false, errors, formError, attempt: s.attempt + 1 }));

  const submit = async () => {
    if (state.busy) return;
    const draft = state.draft;
    const result = validateDecision(draft);
    if (!result.ok) return fail(result.errors, null);
    setState((s) => ({ ...s, busy: true, errors: {}, formError: null }));
    try {
      const decision = await signDecision(caseId, draft, result.body);
      clearDraft(caseId);
      setState((s) => ({ ...s, busy: false }));
      onSigned(decision);
    } catch (error) {
      if (!(error instanceof ApiRequestError)) return fail({}, errorMessage(error));
      switch (error.code) {
        case 'NETWORK':
          return fail({}, NETWORK_RETRY_MESSAGE);
        case 'DECISION_EXISTS':
          setState((s) => ({ ...s, busy: false }));
          return onAlreadySigned('A decision was already signed for this case. It is shown below.');
        case 'IDEMPOTENCY_KEY_REUSED':
          // This form's key already signed something else: show what is signed; a new sign needs a new key.
          update((d) => ({ ...d, idempotencyKey: newIdempotencyKey() }));
          setState((s) => ({ ...s, busy: false }));
          return onAlreadySigned('This form was already used to sign a decision. Check the signed decision below.');
        default: {
          const errors = toDecisionErrors(error.fields);
          return fail(errors, Object.keys(errors).length ? null : error.message);
        }
      }
    }
  };

  const errorList = DECISION_FIELD_ORDER.filter((id) => state.errors[id]).map((id) => ({
    fieldId: id,
    message: state.errors[id] ?? '',
  }));

  return { ...state, errorList, setDisposition, setTimeframe, setNotes, submit };
}
