import { z } from 'zod';
import { adviceTranslationSchema, parentLanguageSchema, smsSummarySchema } from '../protocol/rest.js';
import { FEATURES, featureKeySchema } from './catalogue.js';
import { dispositionSchema, isTimeframeAllowed, TIMEFRAME_HOURS } from './disposition.js';

export const findingSchema = z
  .object({
    feature: featureKeySchema,
    status: z.enum(['present', 'absent']).default('present'),
    value: z.number().finite().optional(),
  })
  .strict()
  .superRefine((finding, ctx) => {
    const definition = FEATURES[finding.feature];
    if (definition.kind === 'numeric') {
      if (finding.value === undefined) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `Enter the ${definition.label.toLowerCase()} as a number` });
      } else if (finding.value < definition.min || finding.value > definition.max) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `${definition.label} must be between ${definition.min} and ${definition.max} ${definition.unit}` });
      }
      if (finding.status === 'absent') ctx.addIssue({ code: 'custom', path: ['status'], message: 'A measured value cannot be absent' });
    } else if (finding.value !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${definition.label} takes no value` });
    }
  });
export type Finding = z.output<typeof findingSchema>;

export const bandSchema = z.enum(['not_assessed', 'green', 'amber', 'red']);
export type Band = z.infer<typeof bandSchema>;

export const NOTES_MAX = 5000;
const REASON_MAX = 1000;
const requiredText = (what: string, max = REASON_MAX) =>
  z.string().trim().min(1, `Enter ${what}`).max(max, `Must be ${max} characters or fewer`);

export const hubReferralSchema = z.object({ hub: requiredText('the preferred hub', 120), reason: requiredText('the reason for referral') }).strict();
export const adviceLineSchema = z.object({ specialist: requiredText('who you spoke to', 120), advice: requiredText('the advice given') }).strict();

const decisionFields = {
  disposition: dispositionSchema,
  timeframeHours: z.number().int().positive().nullable().optional(),
  notes: z.string().max(NOTES_MAX, `Notes must be ${NOTES_MAX} characters or fewer`),
  findings: z.array(findingSchema).max(100).default([]),
  overrideReason: requiredText('why this disposition is right despite the band').optional(),
  hubReferral: hubReferralSchema.optional(),
  adviceLine: adviceLineSchema.optional(),
};

type DecisionShape = {
  disposition: z.infer<typeof dispositionSchema>;
  timeframeHours?: number | null;
  findings: { feature: string }[];
  hubReferral?: unknown;
  adviceLine?: unknown;
};

/** Rules that span fields: the timeframe fits the disposition, referral details go with their referral, no feature twice. */
function checkDecision(decision: DecisionShape, ctx: z.RefinementCtx): void {
  const timeframe = decision.timeframeHours ?? null;
  if (!isTimeframeAllowed(decision.disposition, timeframe)) {
    const allowed = TIMEFRAME_HOURS[decision.disposition].map((h) => (h === null ? 'none' : `${h} h`));
    ctx.addIssue({ code: 'custom', path: ['timeframeHours'], message: `Choose a timeframe for this disposition: ${allowed.join(', ')}` });
  }
  if (decision.disposition === 'hub_referral' && !decision.hubReferral) {
    ctx.addIssue({ code: 'custom', path: ['hubReferral'], message: "Enter the hub and the reason for the Children's Hub referral" });
  }
  if (decision.disposition !== 'hub_referral' && decision.hubReferral) {
    ctx.addIssue({ code: 'custom', path: ['hubReferral'], message: 'Hub details go only with a hub referral' });
  }
  if (decision.disposition === 'advice_line' && !decision.adviceLine) {
    ctx.addIssue({ code: 'custom', path: ['adviceLine'], message: 'Enter the specialist you spoke to and their advice' });
  }
  if (decision.disposition !== 'advice_line' && decision.adviceLine) {
    ctx.addIssue({ code: 'custom', path: ['adviceLine'], message: 'Advice line details go only with an advice line referral' });
  }
  const seen = new Set<string>();
  decision.findings.forEach((finding, index) => {
    if (seen.has(finding.feature)) ctx.addIssue({ code: 'custom', path: ['findings', index, 'feature'], message: `${finding.feature} is recorded twice` });
    seen.add(finding.feature);
  });
}

/** The body of `POST /api/cases/:id/decisions`: what the clinician signs. */
export const decisionInputSchema = z.object(decisionFields).strict().superRefine(checkDecision);
export type DecisionInput = z.input<typeof decisionInputSchema>;
export type ParsedDecision = z.output<typeof decisionInputSchema>;

/** `POST …/decisions/:decisionId/amendments`: the full decision again, plus why it changed. */
export const amendmentInputSchema = z
  .object({ ...decisionFields, reason: requiredText('the reason for the amendment') })
  .strict()
  .superRefine(checkDecision);
export type AmendmentInput = z.input<typeof amendmentInputSchema>;
export type ParsedAmendment = z.output<typeof amendmentInputSchema>;

export const decisionSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  version: z.number().int().positive(),
  supersedesId: z.string().nullable(),
  /** Set once a newer version supersedes this one. */
  supersededById: z.string().nullable(),
  amendmentReason: z.string().nullable(),
  disposition: dispositionSchema,
  timeframeHours: z.number().int().nullable(),
  notes: z.string(),
  findings: z.array(
    z.object({ feature: featureKeySchema, status: z.enum(['present', 'absent']), value: z.number().optional() }),
  ),
  band: bandSchema,
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
  hubReferral: hubReferralSchema.nullable(),
  adviceLine: adviceLineSchema.nullable(),
  safetyNettingTopic: z.string().nullable(),
  /** The safety-netting SMS sent for this version, if any. */
  safetyNettingSms: smsSummarySchema.nullable(),
  signedBy: z.string(),
  signedAt: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const safetyNettingPreviewSchema = z.object({
  willSend: z.boolean(),
  /** Why no SMS goes (landline, disposition not home care…), for the clinician to act on. */
  reason: z.string().nullable(),
  to: z.string().nullable(),
  body: z.string().nullable(),
  adviceUrl: z.string().nullable(),
  topic: z.string(),
  /** The case's language: the SMS and the advice page are meant for it. */
  language: parentLanguageSchema,
  /** Whether the SMS is in that language, a draft of it, or English while the translation is unreviewed (`withheld`). */
  translation: adviceTranslationSchema,
  /** The same SMS in English when `body` is in another language, for the clinician to read; else null. */
  bodyInEnglish: z.string().nullable(),
});
export type SafetyNettingPreview = z.infer<typeof safetyNettingPreviewSchema>;

/** A signed decision as the supervisor's wall shows it: overrides and referrals stand out. */
export const recentDecisionSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  childFirstName: z.string(),
  childAgeMonths: z.number().int(),
  decision: decisionSchema,
});
export type RecentDecision = z.infer<typeof recentDecisionSchema>;

/** Which unsigned form a draft belongs to: the first decision, or an amendment of the latest version. */
export const draftKindSchema = z.enum(['sign', 'amend']);
export type DraftKind = z.infer<typeof draftKindSchema>;

export const DRAFT_TEXT_MAX = NOTES_MAX;
export const DRAFT_FINDINGS_MAX = 100;
const draftText = z.string().max(DRAFT_TEXT_MAX, `Must be ${DRAFT_TEXT_MAX} characters or fewer`);

/**
 * The decision form as typed, kept on the server so a closed tab or another machine does not lose it
 * (`decision_drafts`). Work in progress need not be a valid decision: only types and sizes are checked.
 */
export const decisionDraftSchema = z
  .object({
    disposition: z.union([dispositionSchema, z.literal('')]),
    /** '' (not chosen), 'routine' or a number of hours, as the form's select holds it. */
    timeframe: z.string().max(20),
    notes: draftText,
    /** Feature key → 'present' | 'absent' | the typed measurement. */
    findings: z
      .record(z.string().max(64), z.string().max(32))
      .refine((findings) => Object.keys(findings).length <= DRAFT_FINDINGS_MAX, `At most ${DRAFT_FINDINGS_MAX} findings`),
    overrideReason: draftText,
    hubName: draftText,
    hubReason: draftText,
    adviceSpecialist: draftText,
    adviceGiven: draftText,
    amendmentReason: draftText,
    amends: z.string().max(64).nullable(),
    idempotencyKey: z.string().min(1).max(128),
    /** When the clinician last changed it, by their own clock: which of two copies is newer. */
    savedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type DecisionDraftBody = z.infer<typeof decisionDraftSchema>;

/** A decision form with nothing typed yet; `fields` fills in what has been. */
export function blankDraft(idempotencyKey: string, fields: Partial<DecisionDraftBody> = {}): DecisionDraftBody {
  return {
    disposition: '',
    timeframe: '',
    notes: '',
    findings: {},
    overrideReason: '',
    hubName: '',
    hubReason: '',
    adviceSpecialist: '',
    adviceGiven: '',
    amendmentReason: '',
    amends: null,
    idempotencyKey,
    ...fields,
  };
}

/** `GET|PUT /api/cases/:id/decisions/drafts/:kind`: the clinician's own draft and when the server stored it. */
export const savedDraftSchema = z.object({ kind: draftKindSchema, draft: decisionDraftSchema, updatedAt: z.string() });
export type SavedDraft = z.infer<typeof savedDraftSchema>;
