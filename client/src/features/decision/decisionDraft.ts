import {
  TIMEFRAME_HOURS,
  amendmentInputSchema,
  blankDraft,
  decisionInputSchema,
  dispositionSchema,
  featureKeys,
  fieldErrors,
  meetsRoute,
  type BandAssessment,
  type Decision,
  type Disposition,
  type DraftKind,
} from '@desk/shared';
import { z } from 'zod';
import {
  assessFindings,
  findingControlId,
  fromDecisionFindings,
  measurementErrors,
  sanitiseFindings,
  toFindingsPayload,
  type FindingInput,
  type TriagePatient,
} from '../triage/findings';

/**
 * The decision form as typed (findings, disposition, referral, reasons, notes), its checks, its
 * payload, and its per-case draft in sessionStorage. Pure apart from storage.
 */

const draftSchema = z.object({
  disposition: z.union([dispositionSchema, z.literal('')]),
  /** '' (not chosen), 'routine' (null hours) or a number of hours. */
  timeframe: z.string(),
  notes: z.string(),
  // Fields added with the triage checklist default, so a draft saved before it still loads.
  findings: z.record(z.string(), z.string()).default({}).transform(sanitiseFindings),
  overrideReason: z.string().default(''),
  hubName: z.string().default(''),
  hubReason: z.string().default(''),
  adviceSpecialist: z.string().default(''),
  adviceGiven: z.string().default(''),
  amendmentReason: z.string().default(''),
  /** The version an amendment supersedes; null for the first decision on a case. */
  amends: z.string().nullable().default(null),
  /** One key per form session: a retry after a lost answer is recognised, not signed twice. */
  idempotencyKey: z.string().min(1),
  /** When the clinician last changed it (ISO): decides whether the server's copy is newer than this tab's. */
  savedAt: z.string().optional(),
});
export type DecisionDraft = z.output<typeof draftSchema>;

/** Control ids of the form (findings are `finding-<feature>`), in page order for the error summary. */
export type DecisionFieldId = string;
export const DECISION_FIELD_ORDER: readonly DecisionFieldId[] = [
  'amendmentReason',
  ...featureKeys.map(findingControlId),
  'disposition',
  'timeframe',
  'hubName',
  'hubReason',
  'adviceSpecialist',
  'adviceGiven',
  'overrideReason',
  'notes',
];
export type DecisionErrors = Partial<Record<DecisionFieldId, string>>;

export const ROUTINE = 'routine';

export function timeframeValue(hours: number | null): string {
  return hours === null ? ROUTINE : String(hours);
}

/** "Routine" for primary care; an urgent treatment centre visit with no timeframe is just untimed. */
export function timeframeLabel(hours: number | null, disposition?: Disposition): string {
  if (hours === null) return disposition === 'urgent_treatment_centre' ? 'No timeframe' : 'Routine';
  return `Within ${hours} hour${hours === 1 ? '' : 's'}`;
}

/** The clinician chooses a timeframe only when the disposition allows more than one. */
export function needsTimeframe(disposition: Disposition | ''): disposition is Disposition {
  return disposition !== '' && TIMEFRAME_HOURS[disposition].length > 1;
}

export function timeframeOptions(disposition: Disposition): { value: string; label: string }[] {
  return TIMEFRAME_HOURS[disposition].map((hours) => ({ value: timeframeValue(hours), label: timeframeLabel(hours, disposition) }));
}

/** Keeps the timeframe only if the new disposition offers it. */
export function withDisposition(draft: DecisionDraft, disposition: Disposition): DecisionDraft {
  const keep = needsTimeframe(disposition) && timeframeOptions(disposition).some((o) => o.value === draft.timeframe);
  return { ...draft, disposition, timeframe: keep ? draft.timeframe : '' };
}

/** The hours to sign: undefined while the disposition or a needed timeframe is not chosen. */
export function draftTimeframeHours(draft: DecisionDraft): number | null | undefined {
  if (draft.disposition === '') return undefined;
  if (!needsTimeframe(draft.disposition)) return TIMEFRAME_HOURS[draft.disposition][0] ?? null;
  if (draft.timeframe === '') return undefined;
  return draft.timeframe === ROUTINE ? null : Number(draft.timeframe);
}

/**
 * Is the chosen disposition below the NG143 route for the recorded band? Null until a disposition
 * (and timeframe) is chosen. The server checks again and has the last word.
 */
export function isBelowRoute(draft: DecisionDraft, assessment: BandAssessment): boolean | null {
  const hours = draftTimeframeHours(draft);
  if (draft.disposition === '' || hours === undefined) return null;
  const emergency = assessment.emergencyReasons.length > 0;
  return !meetsRoute({ band: assessment.band, emergency, disposition: draft.disposition, timeframeHours: hours });
}

/** The body of a sign (or, with `reason`, an amendment) as the API takes it. */
export type DecisionBody = {
  disposition: Disposition;
  timeframeHours: number | null;
  notes: string;
  findings: FindingInput[];
  overrideReason?: string;
  hubReferral?: { hub: string; reason: string };
  adviceLine?: { specialist: string; advice: string };
  reason?: string;
};

export type ValidationContext = {
  /** Without the child's age the guardrail is left to the server. */
  patient?: TriagePatient;
  /** The server said this decision needs an override reason, whatever the banding here says. */
  overrideRequired?: boolean;
  /** A preview needs what decides the SMS; notes and reasons can wait until signing. */
  purpose?: 'sign' | 'preview';
};

const MISSING = {
  disposition: 'Select a disposition',
  timeframe: 'Select a timeframe',
  notes: 'Enter your clinical notes',
  hubName: 'Enter the preferred hub',
  hubReason: 'Enter the reason for the referral',
  adviceSpecialist: 'Enter who you spoke to',
  adviceGiven: 'Enter the advice given',
  overrideReason: 'Enter why this disposition is right despite the NG143 route',
  amendmentReason: 'Enter the reason for the amendment',
} as const;

export function validateDecision(
  draft: DecisionDraft,
  context: ValidationContext = {},
): { ok: true; body: DecisionBody } | { ok: false; errors: DecisionErrors } {
  const forSigning = (context.purpose ?? 'sign') === 'sign';
  const errors: DecisionErrors = {};
  const blank = (text: string) => text.trim() === '';
  const hours = draftTimeframeHours(draft);

  if (forSigning && draft.amends !== null && blank(draft.amendmentReason)) errors.amendmentReason = MISSING.amendmentReason;
  for (const [feature, message] of Object.entries(measurementErrors(draft.findings))) errors[`finding-${feature}`] = message;
  if (draft.disposition === '') errors.disposition = MISSING.disposition;
  else if (hours === undefined) errors.timeframe = MISSING.timeframe;
  if (draft.disposition === 'hub_referral') {
    if (blank(draft.hubName)) errors.hubName = MISSING.hubName;
    if (blank(draft.hubReason)) errors.hubReason = MISSING.hubReason;
  }
  if (draft.disposition === 'advice_line') {
    if (blank(draft.adviceSpecialist)) errors.adviceSpecialist = MISSING.adviceSpecialist;
    if (blank(draft.adviceGiven)) errors.adviceGiven = MISSING.adviceGiven;
  }
  const below = context.patient ? isBelowRoute(draft, assessFindings(draft.findings, context.patient)) : null;
  const needsOverride = below === true || context.overrideRequired === true;
  if (forSigning && needsOverride && blank(draft.overrideReason)) errors.overrideReason = MISSING.overrideReason;
  if (forSigning && blank(draft.notes)) errors.notes = MISSING.notes;
  if (draft.disposition === '' || hours === undefined || Object.keys(errors).length) return { ok: false, errors };

  const findings = toFindingsPayload(draft.findings);
  const body: DecisionBody = { disposition: draft.disposition, timeframeHours: hours, notes: draft.notes, findings };
  // An override reason is sent only when one is needed, so a decision on the route is never flagged.
  if (needsOverride && !blank(draft.overrideReason)) body.overrideReason = draft.overrideReason.trim();
  if (draft.disposition === 'hub_referral') body.hubReferral = { hub: draft.hubName.trim(), reason: draft.hubReason.trim() };
  if (draft.disposition === 'advice_line') body.adviceLine = { specialist: draft.adviceSpecialist.trim(), advice: draft.adviceGiven.trim() };
  if (forSigning && draft.amends !== null) body.reason = draft.amendmentReason.trim();

  const schema = body.reason !== undefined ? amendmentInputSchema : decisionInputSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: toDecisionErrors(fieldErrors(parsed.error), findings) };
  return { ok: true, body };
}

/** Where an API field path (`findings.2.value`, `hubReferral.hub`) is fixed on the form. */
export function controlForPath(path: string, sentFindings: readonly FindingInput[]): DecisionFieldId | null {
  const [head, second] = path.split('.');
  switch (head) {
    case 'disposition':
    case 'notes':
    case 'overrideReason':
      return head;
    case 'timeframeHours':
      return 'timeframe';
    case 'reason':
      return 'amendmentReason';
    case 'hubReferral':
      return second === 'reason' ? 'hubReason' : 'hubName';
    case 'adviceLine':
      return second === 'advice' ? 'adviceGiven' : 'adviceSpecialist';
    case 'findings': {
      const finding = second === undefined ? undefined : sentFindings[Number(second)];
      return finding ? findingControlId(finding.feature) : null;
    }
    default:
      return null;
  }
}

/** Maps API field messages onto the form's controls (the first message per control wins). */
export function toDecisionErrors(fields: Record<string, string>, sentFindings: readonly FindingInput[] = []): DecisionErrors {
  const errors: DecisionErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const field = controlForPath(path, sentFindings);
    if (field) errors[field] ??= message;
  }
  return errors;
}

/** Errors in page order, for the error summary. */
export function orderedErrors(errors: DecisionErrors): { fieldId: string; message: string }[] {
  return DECISION_FIELD_ORDER.filter((id) => errors[id]).map((id) => ({ fieldId: id, message: errors[id] ?? '' }));
}

/** crypto.randomUUID needs a secure context; a desk opened over plain http on the LAN has none. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type { DraftKind };

/** One draft per case for the first decision, and one for an amendment in progress. */
export const draftStorageKey = (caseId: string, kind: DraftKind = 'sign') =>
  kind === 'sign' ? `desk:decision-draft:${caseId}` : `desk:decision-amendment-draft:${caseId}`;

export function emptyDraft(): DecisionDraft {
  return blankDraft(newIdempotencyKey());
}

/** An amendment starts as a copy of the version it supersedes, with a new key and no reason yet. */
export function draftFromDecision(decision: Decision): DecisionDraft {
  return {
    ...emptyDraft(),
    disposition: decision.disposition,
    timeframe: needsTimeframe(decision.disposition) ? timeframeValue(decision.timeframeHours) : '',
    notes: decision.notes,
    findings: fromDecisionFindings(decision.findings),
    overrideReason: decision.overrideReason ?? '',
    hubName: decision.hubReferral?.hub ?? '',
    hubReason: decision.hubReferral?.reason ?? '',
    adviceSpecialist: decision.adviceLine?.specialist ?? '',
    adviceGiven: decision.adviceLine?.advice ?? '',
    amends: decision.id,
  };
}

/** A draft the server kept, read as this tab would read its own (older shapes get their defaults). */
export function parseDraft(value: unknown): DecisionDraft | null {
  const parsed = draftSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The server's copy wins when this tab has none or has not been changed since the server's was. */
export function isNewerDraft(server: { draft: { savedAt?: string }; updatedAt: string }, local: DecisionDraft | null): boolean {
  if (!local?.savedAt) return true;
  // Both stamps come from a clinician's clock when they can, so server clock skew cannot reorder them.
  return Date.parse(server.draft.savedAt ?? server.updatedAt) > Date.parse(local.savedAt);
}

export function loadDraft(storageKey: string, storage: Storage = sessionStorage): DecisionDraft | null {
  try {
    const text = storage.getItem(storageKey);
    const parsed = text ? draftSchema.safeParse(JSON.parse(text)) : null;
    if (parsed?.success) return parsed.data;
  } catch {
    // Unreadable or blocked storage: start afresh.
  }
  return null;
}

export function saveDraft(storageKey: string, draft: DecisionDraft, storage: Storage = sessionStorage): void {
  try {
    storage.setItem(storageKey, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the draft only lives in memory.
  }
}

export function clearDraft(storageKey: string, storage: Storage = sessionStorage): void {
  try {
    storage.removeItem(storageKey);
  } catch {
    // Nothing to clear.
  }
}

/** The amendment draft of this case, if one was started from `decisionId` (the current latest). */
export function storedAmendmentFor(caseId: string, decisionId: string, storage: Storage = sessionStorage): DecisionDraft | null {
  const draft = loadDraft(draftStorageKey(caseId, 'amend'), storage);
  return draft?.amends === decisionId ? draft : null;
}
