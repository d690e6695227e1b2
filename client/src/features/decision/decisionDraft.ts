import {
  TIMEFRAME_HOURS,
  decisionInputSchema,
  dispositionSchema,
  fieldErrors,
  type DecisionInput,
  type Disposition,
} from '@desk/shared';
import { z } from 'zod';

/** The decision form as typed, its checks, and its per-case draft in sessionStorage. Pure apart from storage. */

export type DecisionFieldId = 'disposition' | 'timeframe' | 'notes';
export const DECISION_FIELD_ORDER: readonly DecisionFieldId[] = ['disposition', 'timeframe', 'notes'];

const draftSchema = z.object({
  disposition: z.union([dispositionSchema, z.literal('')]),
  /** '' (not chosen), 'routine' (null hours) or a number of hours. */
  timeframe: z.string(),
  notes: z.string(),
  /** One key per form session: a retry after a lost answer is recognised, not signed twice. */
  idempotencyKey: z.string().min(1),
});
export type DecisionDraft = z.infer<typeof draftSchema>;

export const ROUTINE = 'routine';

export function timeframeValue(hours: number | null): string {
  return hours === null ? ROUTINE : String(hours);
}

export function timeframeLabel(hours: number | null): string {
  if (hours === null) return 'Routine';
  return `Within ${hours} hour${hours === 1 ? '' : 's'}`;
}

/** The clinician chooses a timeframe only when the disposition allows more than one. */
export function needsTimeframe(disposition: Disposition | ''): disposition is Disposition {
  return disposition !== '' && TIMEFRAME_HOURS[disposition].length > 1;
}

export function timeframeOptions(disposition: Disposition): { value: string; label: string }[] {
  return TIMEFRAME_HOURS[disposition].map((hours) => ({ value: timeframeValue(hours), label: timeframeLabel(hours) }));
}

/** Keeps the timeframe only if the new disposition offers it. */
export function withDisposition(draft: DecisionDraft, disposition: Disposition): DecisionDraft {
  const keep = needsTimeframe(disposition) && timeframeOptions(disposition).some((o) => o.value === draft.timeframe);
  return { ...draft, disposition, timeframe: keep ? draft.timeframe : '' };
}

function timeframeHours(draft: DecisionDraft): number | null | undefined {
  if (draft.disposition === '') return undefined;
  if (!needsTimeframe(draft.disposition)) return TIMEFRAME_HOURS[draft.disposition][0] ?? null;
  if (draft.timeframe === '') return undefined;
  return draft.timeframe === ROUTINE ? null : Number(draft.timeframe);
}

export type DecisionBody = DecisionInput & { timeframeHours: number | null; findings: [] };
export type DecisionErrors = Partial<Record<DecisionFieldId, string>>;

export function validateDecision(draft: DecisionDraft): { ok: true; body: DecisionBody } | { ok: false; errors: DecisionErrors } {
  const errors: DecisionErrors = {};
  const hours = timeframeHours(draft);
  if (draft.disposition === '') errors.disposition = 'Select a disposition';
  else if (hours === undefined) errors.timeframe = 'Select a timeframe';
  if (!draft.notes.trim()) errors.notes = 'Enter your clinical notes';
  if (draft.disposition === '' || hours === undefined || errors.notes) return { ok: false, errors };

  const body: DecisionBody = { disposition: draft.disposition, timeframeHours: hours, notes: draft.notes, findings: [] };
  const parsed = decisionInputSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: toDecisionErrors(fieldErrors(parsed.error)) };
  return { ok: true, body };
}

/** Maps API field paths onto the form's controls. */
export function toDecisionErrors(fields: Record<string, string>): DecisionErrors {
  const errors: DecisionErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const field: DecisionFieldId | null =
      path === 'timeframeHours' ? 'timeframe' : path === 'disposition' || path === 'notes' ? path : null;
    if (field) errors[field] ??= message;
  }
  return errors;
}

/** crypto.randomUUID needs a secure context; a desk opened over plain http on the LAN has none. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const draftStorageKey = (caseId: string) => `desk:decision-draft:${caseId}`;

export function emptyDraft(): DecisionDraft {
  return { disposition: '', timeframe: '', notes: '', idempotencyKey: newIdempotencyKey() };
}

export function loadDraft(caseId: string, storage: Storage = sessionStorage): DecisionDraft {
  try {
    const text = storage.getItem(draftStorageKey(caseId));
    const parsed = text ? draftSchema.safeParse(JSON.parse(text)) : null;
    if (parsed?.success) return parsed.data;
  } catch {
    // Unreadable or blocked storage: start an empty draft.
  }
  return emptyDraft();
}

export function saveDraft(caseId: string, draft: DecisionDraft, storage: Storage = sessionStorage): void {
  try {
    storage.setItem(draftStorageKey(caseId), JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the draft only lives in memory.
  }
}

export function clearDraft(caseId: string, storage: Storage = sessionStorage): void {
  try {
    storage.removeItem(draftStorageKey(caseId));
  } catch {
    // Nothing to clear.
  }
}
