import type { Decision, Disposition, FeatureKey, SafetyNettingPreview } from '@desk/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiRequestError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { assessFindings, withFinding, type DescriptiveChoice, type TriagePatient } from '../triage/findings';
import { amendDecision, fetchServerDraft, previewSafetyNetting, signDecision } from './api';
import {
  clearDraft,
  draftFromDecision,
  draftStorageKey,
  emptyDraft,
  isBelowRoute,
  isNewerDraft,
  loadDraft,
  newIdempotencyKey,
  orderedErrors,
  parseDraft,
  saveDraft,
  storedAmendmentFor,
  toDecisionErrors,
  validateDecision,
  withDisposition,
  type DecisionDraft,
  type DecisionErrors,
} from './decisionDraft';
import { useDraftAutosave } from './useDraftAutosave';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; preview: SafetyNettingPreview; disposition: Disposition; timeframe: string }
  | { status: 'failed'; message: string };

type State = {
  draft: DecisionDraft;
  errors: DecisionErrors;
  formError: string | null;
  busy: boolean;
  /** Changes on every failed submit, so the error summary takes focus again. */
  attempt: number;
  /** The server refused without an override reason: ask for one whatever the banding here says. */
  overrideRequired: boolean;
  preview: PreviewState;
  /** A control to focus after the next render (the override reason after a 422). */
  focus: { fieldId: string; seq: number } | null;
};

type Options = {
  caseId: string;
  patient: TriagePatient;
  /** The latest version, when this form amends it; null for the first decision. */
  amends: Decision | null;
  onSigned: (decision: Decision) => void;
  /** The server holds something this form did not know (signed, amended, key used): reload and say why. */
  onConflict: (message: string) => void;
};

export type TextField = 'notes' | 'overrideReason' | 'hubName' | 'hubReason' | 'adviceSpecialist' | 'adviceGiven' | 'amendmentReason';

export const NETWORK_RETRY_MESSAGE =
  'Could not reach the server, so the decision may not be signed yet. Select "Sign decision" again: it will not be signed twice.';
export const ALREADY_SIGNED_MESSAGE = 'A decision was already signed for this case. It is shown below.';
export const SUPERSEDED_MESSAGE =
  'Someone else amended this decision while you were editing, so your amendment was not signed. The latest version is shown below: check it, and amend it again if it still needs to change.';
export const KEY_REUSED_MESSAGE = 'This form was already used to sign a decision. Check the signed decision below.';

function initialDraft(caseId: string, amends: Decision | null): DecisionDraft {
  if (amends) return storedAmendmentFor(caseId, amends.id) ?? draftFromDecision(amends);
  return loadDraft(draftStorageKey(caseId)) ?? emptyDraft();
}

/**
 * The decision form, for a first decision or an amendment. The draft (with its idempotency key) is
 * saved per case in sessionStorage on every change, so a reload or a retry reuses the same key, and
 * to the server shortly after, so a closed tab or another machine picks it up again.
 */
export function useDecisionForm({ caseId, patient, amends, onSigned, onConflict }: Options) {
  const kind = amends ? 'amend' : 'sign';
  const storageKey = draftStorageKey(caseId, kind);
  const autosave = useDraftAutosave(caseId, kind);
  const { schedule: scheduleServerSave, markSaved } = autosave;
  const amendsId = amends?.id ?? null;
  const [state, setState] = useState<State>(() => ({
    draft: initialDraft(caseId, amends),
    errors: {},
    formError: null,
    busy: false,
    attempt: 0,
    overrideRequired: false,
    preview: { status: 'idle' },
    focus: null,
  }));
  const { draft } = state;

  useEffect(() => {
    if (!state.focus) return;
    const control = document.getElementById(state.focus.fieldId);
    control?.focus();
    control?.scrollIntoView?.({ block: 'center' });
  }, [state.focus]);

  const assessment = useMemo(() => assessFindings(draft.findings, patient), [draft.findings, patient]);
  const belowRoute = isBelowRoute(draft, assessment) === true;

  // Stable setters, so the 43 checklist rows (memoised) re-render only when their own finding changes.
  const update = useCallback(
    (change: (draft: DecisionDraft) => DecisionDraft) =>
      setState((s) => {
        const next = { ...change(s.draft), savedAt: new Date().toISOString() };
        saveDraft(storageKey, next);
        scheduleServerSave(next);
        return { ...s, draft: next };
      }),
    [storageKey, scheduleServerSave],
  );

  // The server's copy is used when this tab has none or an older one (another machine, a closed tab);
  // when this tab's is newer, the server is brought up to date instead.
  useEffect(() => {
    const controller = new AbortController();
    fetchServerDraft(caseId, kind, controller.signal).then(
      (saved) => {
        // sessionStorage mirrors every change synchronously: it is this tab's copy.
        const local = amendsId === null ? loadDraft(storageKey) : storedAmendmentFor(caseId, amendsId);
        const restored = saved ? parseDraft(saved.draft) : null;
        if (saved && restored && (amendsId === null || restored.amends === amendsId) && isNewerDraft(saved, local)) {
          saveDraft(storageKey, restored);
          setState((s) => ({ ...s, draft: restored }));
          markSaved(saved.updatedAt);
        } else if (local?.savedAt) {
          scheduleServerSave(local);
        }
      },
      () => undefined, // Offline or aborted: the local copy stands, and the next change saves it.
    );
    return () => controller.abort();
  }, [caseId, kind, amendsId, storageKey, scheduleServerSave, markSaved]);

  const setFinding = useCallback(
    (feature: FeatureKey, value: DescriptiveChoice | string) => update((d) => ({ ...d, findings: withFinding(d.findings, feature, value) })),
    [update],
  );
  const setDisposition = useCallback((disposition: Disposition) => update((d) => withDisposition(d, disposition)), [update]);
  const setTimeframe = useCallback((timeframe: string) => update((d) => ({ ...d, timeframe })), [update]);
  const setText = useCallback((field: TextField, value: string) => update((d) => ({ ...d, [field]: value })), [update]);

  const fail = (errors: DecisionErrors, formError: string | null) =>
    setState((s) => ({ ...s, busy: false, errors, formError, attempt: s.attempt + 1 }));
  const settle = () => setState((s) => ({ ...s, busy: false }));

  const submit = async () => {
    if (state.busy) return;
    const result = validateDecision(draft, { patient, overrideRequired: state.overrideRequired });
    if (!result.ok) return fail(result.errors, null);
    saveDraft(storageKey, draft);
    setState((s) => ({ ...s, busy: true, errors: {}, formError: null }));
    try {
      const decision = amends
        ? await amendDecision(caseId, amends.id, draft.idempotencyKey, result.body)
        : await signDecision(caseId, draft.idempotencyKey, result.body);
      // The server deleted its copy on signing; asking again covers a save that was still under way.
      clearDraft(storageKey);
      autosave.discard();
      settle();
      onSigned(decision);
    } catch (error) {
      if (!(error instanceof ApiRequestError)) return fail({}, errorMessage(error));
      switch (error.code) {
        case 'NETWORK':
          return fail({}, NETWORK_RETRY_MESSAGE);
        case 'DECISION_EXISTS':
          settle();
          return onConflict(ALREADY_SIGNED_MESSAGE);
        case 'DECISION_SUPERSEDED':
          // This draft was built on a version that is no longer the latest: start again from the new one.
          clearDraft(storageKey);
          autosave.discard();
          settle();
          return onConflict(SUPERSEDED_MESSAGE);
        case 'IDEMPOTENCY_KEY_REUSED':
          // This form's key already signed something else: show what is signed; a new sign needs a new key.
          update((d) => ({ ...d, idempotencyKey: newIdempotencyKey() }));
          settle();
          return onConflict(KEY_REUSED_MESSAGE);
        case 'OVERRIDE_REASON_REQUIRED':
          // The server's banding has the last word: show the reason box, with its message, and go there.
          return setState((s) => ({
            ...s,
            busy: false,
            overrideRequired: true,
            errors: { overrideReason: error.message },
            formError: null,
            focus: { fieldId: 'overrideReason', seq: (s.focus?.seq ?? 0) + 1 },
          }));
        default: {
          const errors = toDecisionErrors(error.fields, result.body.findings);
          return fail(errors, Object.keys(errors).length ? null : error.message);
        }
      }
    }
  };

  /** Asks the server exactly what the parent would receive if this were signed now. */
  const loadPreview = async () => {
    if (state.preview.status === 'loading') return;
    const result = validateDecision(draft, { patient, purpose: 'preview' });
    if (!result.ok) return fail(result.errors, null);
    const { timeframe } = draft;
    setState((s) => ({ ...s, errors: {}, formError: null, preview: { status: 'loading' } }));
    try {
      const answer = await previewSafetyNetting(caseId, result.body);
      setState((s) => ({ ...s, preview: { status: 'ready', preview: answer, disposition: result.body.disposition, timeframe } }));
    } catch (error) {
      const errors = error instanceof ApiRequestError ? toDecisionErrors(error.fields, result.body.findings) : {};
      if (Object.keys(errors).length) {
        setState((s) => ({ ...s, preview: { status: 'idle' } }));
        return fail(errors, null);
      }
      setState((s) => ({ ...s, preview: { status: 'failed', message: errorMessage(error) } }));
    }
  };

  /** Drops an amendment in progress (its drafts here and on the server too). */
  const discard = () => {
    clearDraft(storageKey);
    autosave.discard();
  };

  const previewStale =
    state.preview.status === 'ready' && (state.preview.disposition !== draft.disposition || state.preview.timeframe !== draft.timeframe);

  return {
    ...state,
    assessment,
    belowRoute,
    showOverride: belowRoute || state.overrideRequired,
    previewStale,
    errorList: orderedErrors(state.errors),
    draftStatus: autosave.status,
    setFinding,
    setDisposition,
    setTimeframe,
    setText,
    submit,
    loadPreview,
    discard,
  };
}
