import { createHash } from 'node:crypto';
import {
  adviceLanguageShown,
  adviceTopicForComplaint,
  amendmentInputSchema,
  assessBand,
  decisionInputSchema,
  meetsRoute,
  safetyNettingSms,
  suggestedRoute,
  type Band,
  type Complaint,
  type Decision,
  type Disposition,
  type ParsedDecision,
  type SafetyNettingPreview,
} from '@desk/shared';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { staffActor, writeAudit } from '../audit/audit.js';
import type { StaffPrincipal } from '../auth/sessions.js';
import { findCase, type CaseRow } from '../cases/service.js';
import { cases, decisions, smsOutbox, users } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden, validationError } from '../http/errors.js';
import { adviceLink } from '../http/links.js';
import { discardDraftOnSign } from './drafts.js';
import { ADVICE_TOKEN_PLACEHOLDER, adviceChangedForParent, newAdviceToken, storeAdviceLink } from '../advice/recap.js';
import { enqueueSms, toSmsSummary } from '../sms/outbox.js';

type DecisionRow = typeof decisions.$inferSelect;
type Referral = { hubReferral?: { hub: string; reason: string }; adviceLine?: { specialist: string; advice: string } };

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,128}$/;

/** Dispositions after which the parent looks after the child at home for now, so gets safety-netting advice by SMS. */
export const SAFETY_NETTED: ReadonlySet<Disposition> = new Set(['self_care', 'pharmacy', 'primary_care']);

/** Key order must not matter when comparing a replayed body with the first one. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHashOf(body: object & { timeframeHours?: number | null }): string {
  return createHash('sha256')
    .update(canonicalJson({ ...body, timeframeHours: body.timeframeHours ?? null }))
    .digest('hex');
}

export async function toDecisions(deps: Pick<Deps, 'db'>, rows: DecisionRow[]): Promise<Decision[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [signers, successors, sms] = await Promise.all([
    deps.db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, [...new Set(rows.map((r) => r.signedBy))])),
    deps.db.select({ id: decisions.id, supersedesId: decisions.supersedesId }).from(decisions).where(inArray(decisions.supersedesId, ids)),
    deps.db.select().from(smsOutbox).where(inArray(smsOutbox.decisionId, ids)).orderBy(desc(smsOutbox.createdAt)),
  ]);
  return rows.map((row) => {
    const referral = (row.referral ?? {}) as Referral;
    const sent = sms.find((s) => s.decisionId === row.id);
    return {
      id: row.id,
      caseId: row.caseId,
      version: row.version,
      supersedesId: row.supersedesId,
      supersededById: successors.find((s) => s.supersedesId === row.id)?.id ?? null,
      amendmentReason: row.amendmentReason,
      disposition: row.disposition as Disposition,
      timeframeHours: row.timeframeHours,
      notes: row.notes,
      findings: row.findings as Decision['findings'],
      band: row.band as Band,
      overridden: row.overridden,
      overrideReason: row.overrideReason,
      hubReferral: referral.hubReferral ?? null,
      adviceLine: referral.adviceLine ?? null,
      safetyNettingTopic: row.safetyNettingTopic,
      safetyNettingSms: sent ? toSmsSummary(sent) : null,
      signedBy: signers.find((s) => s.id === row.signedBy)?.displayName ?? 'Unknown',
      signedAt: row.signedAt.toISOString(),
    };
  });
}

export async function listDecisions(deps: Deps, caseId: string): Promise<Decision[]> {
  await findCase(deps, caseId);
  const rows = await deps.db.select().from(decisions).where(eq(decisions.caseId, caseId)).orderBy(desc(decisions.version));
  return toDecisions(deps, rows);
}

export async function latestDecisionRow(deps: Pick<Deps, 'db'>, caseId: string): Promise<DecisionRow | null> {
  const [row] = await deps.db.select().from(decisions).where(eq(decisions.caseId, caseId)).orderBy(desc(decisions.version)).limit(1);
  return row ?? null;
}

/** The server's own banding and guardrail: the client's display is never trusted for either. */
function assess(caseRow: CaseRow, input: ParsedDecision & { overrideReason?: string }) {
  const assessment = assessBand({ findings: input.findings, ageMonths: caseRow.childAgeMonths, complaint: caseRow.complaint as Complaint });
  const emergency = assessment.emergencyReasons.length > 0;
  const meets = meetsRoute({ band: assessment.band, emergency, disposition: input.disposition, timeframeHours: input.timeframeHours ?? null });
  if (!meets && !input.overrideReason) {
    throw new AppError(
      'OVERRIDE_REASON_REQUIRED',
      `This disposition is less urgent than the NG143 route for the recorded findings (${suggestedRoute(assessment.band, emergency).text}). Give an override reason to sign it.`,
      { overrideReason: 'Give the reason for choosing a less urgent disposition' },
    );
  }
  return { band: assessment.band, overridden: !meets };
}

/** What the parent would receive if this decision were signed now: shown to the clinician before signing. */
export async function previewSafetyNetting(deps: Deps, caseId: string, body: unknown): Promise<SafetyNettingPreview> {
  const caseRow = await findCase(deps, caseId);
  const parsed = decisionInputSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const assessment = assessBand({ findings: parsed.data.findings, ageMonths: caseRow.childAgeMonths, complaint: caseRow.complaint as Complaint });
  const meets = meetsRoute({
    band: assessment.band,
    emergency: assessment.emergencyReasons.length > 0,
    disposition: parsed.data.disposition,
    timeframeHours: parsed.data.timeframeHours ?? null,
  });
  // The link's own code is made at signing: the preview shows a stand-in of the same length.
  const complaint = caseRow.complaint as Complaint;
  const language = caseRow.preferredLanguage;
  return safetyNettingPlan(
    deps,
    caseRow,
    { disposition: parsed.data.disposition, timeframeHours: parsed.data.timeframeHours ?? null },
    { page: adviceLink(deps.config, complaint, undefined, language), sms: adviceLink(deps.config, complaint, ADVICE_TOKEN_PLACEHOLDER, language) },
    !meets,
  );
}

/**
 * Home care, pharmacy and GP send advice. A referral chosen by override below the NG143 route also
 * leaves the child at home for now, so the parent still gets safety-netting (CLINICAL.md). The SMS
 * is in the case's language as it is now (an amendment uses the language at its own signing),
 * or English while that translation is unreviewed and DRAFT_TRANSLATIONS=english.
 */
function safetyNettingPlan(
  deps: Pick<Deps, 'config'>,
  caseRow: CaseRow,
  decision: { disposition: Disposition; timeframeHours: number | null },
  /** The topic's page (what the desk may open), and the link the SMS carries (with its code). */
  links: { page: string; sms: string },
  overridden: boolean,
): SafetyNettingPreview {
  const url = links.page;
  const { disposition } = decision;
  const topic = adviceTopicForComplaint(caseRow.complaint as Complaint);
  const language = caseRow.preferredLanguage;
  const { translation } = adviceLanguageShown(language, deps.config.draftTranslations);
  const none = { to: null, body: null, adviceUrl: url, topic, language, translation, bodyInEnglish: null };
  const staysHome = SAFETY_NETTED.has(disposition) || (overridden && (disposition === 'hub_referral' || disposition === 'advice_line'));
  if (!staysHome) return { ...none, willSend: false, reason: 'No safety-netting SMS for this disposition: give advice by phone.' };
  if (caseRow.callerPhoneKind !== 'mobile') {
    return { ...none, willSend: false, reason: 'The caller is on a landline: no SMS can be sent. Read the advice to the parent.' };
  }
  const sms = safetyNettingSms(links.sms, decision, language, deps.config.draftTranslations);
  return { willSend: true, reason: null, to: caseRow.callerPhone, body: sms.body, adviceUrl: url, topic, language, translation: sms.translation, bodyInEnglish: sms.bodyInEnglish };
}

type SignRequest = {
  deps: Deps;
  staff: StaffPrincipal;
  caseId: string;
  idempotencyKey: string | undefined;
  body: unknown;
};

/**
 * Signs the first decision on a case. Idempotent per (case, key): a replay with the same body gets
 * the stored decision back before any other check; the same key with another body is refused.
 */
export async function signDecision(request: SignRequest): Promise<{ decision: Decision; replayed: boolean }> {
  return storeVersion(request, decisionInputSchema, async (caseRow) => {
    const [existing] = await request.deps.db.select({ id: decisions.id }).from(decisions).where(eq(decisions.caseId, caseRow.id)).limit(1);
    if (existing) throw new AppError('DECISION_EXISTS', 'This case already has a signed decision. Amend it instead.');
    return { version: 1, supersedes: null };
  });
}

/** A new version that supersedes `decisionId`, which must be the latest. The old row is never touched. */
export async function amendDecision(request: SignRequest & { decisionId: string }): Promise<{ decision: Decision; replayed: boolean }> {
  return storeVersion(request, amendmentInputSchema, async (caseRow) => {
    const latest = await latestDecisionRow(request.deps, caseRow.id);
    const target = latest && (latest.id === request.decisionId ? latest : null);
    if (!latest || (!target && !(await rowExists(request.deps, caseRow.id, request.decisionId)))) {
      throw new AppError('NOT_FOUND', 'That decision was not found on this case.');
    }
    if (!target) throw new AppError('DECISION_SUPERSEDED', 'A newer version of this decision exists. Amend the latest version.');
    return { version: target.version + 1, supersedes: target };
  });
}

async function rowExists(deps: Pick<Deps, 'db'>, caseId: string, decisionId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(decisionId)) return false;
  const [row] = await deps.db.select({ id: decisions.id }).from(decisions).where(and(eq(decisions.caseId, caseId), eq(decisions.id, decisionId)));
  return !!row;
}

async function storeVersion<S extends typeof decisionInputSchema | typeof amendmentInputSchema>(
  request: SignRequest,
  schema: S,
  place: (caseRow: CaseRow) => Promise<{ version: number; supersedes: DecisionRow | null }>,
): Promise<{ decision: Decision; replayed: boolean }> {
  const { deps, staff, caseId, idempotencyKey, body } = request;
  if (!idempotencyKey) throw new AppError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header with the decision.');
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key must be 8–128 letters, digits or -_:.');
  }
  const parsed = schema.safeParse(body) as z.ZodSafeParseResult<z.output<typeof amendmentInputSchema> | z.output<typeof decisionInputSchema>>;
  const caseRow = await findCase(deps, caseId);
  const replay = await findByKey(deps, caseId, idempotencyKey);
  if (replay) {
    if (!parsed.success || replay.requestHash !== requestHashOf(parsed.data)) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different decision.');
    }
    return { decision: (await toDecisions(deps, [replay]))[0]!, replayed: true };
  }
  if (!parsed.success) throw validationError(parsed.error);
  if (caseRow.assignedClinicianId !== staff.userId) throw forbidden('Only the clinician assigned to this case can sign its decision.');
  const input = parsed.data;
  const { band, overridden } = assess(caseRow, input);
  const { version, supersedes } = await place(caseRow);
  const amendmentReason = 'reason' in input ? input.reason : null;
  const referral: Referral | null = input.hubReferral ? { hubReferral: input.hubReferral } : input.adviceLine ? { adviceLine: input.adviceLine } : null;
  // One code per version that sends an SMS: the link shows this case's latest advice (advice/recap.ts).
  const adviceToken = newAdviceToken();
  const complaint = caseRow.complaint as Complaint;
  const language = caseRow.preferredLanguage;
  const smsLink = adviceLink(deps.config, complaint, adviceToken, language);
  const plan = safetyNettingPlan(
    deps,
    caseRow,
    { disposition: input.disposition, timeframeHours: input.timeframeHours ?? null },
    { page: adviceLink(deps.config, complaint, undefined, language), sms: smsLink },
    overridden,
  );
  const now = deps.clock.now();
  // The parent hears about a first decision, and about an amendment that changes what they should do.
  const adviceChanged =
    !supersedes || adviceChangedForParent(supersedes, { disposition: input.disposition, timeframeHours: input.timeframeHours ?? null, safetyNettingTopic: plan.topic });
  const safetyNetting = plan.willSend && plan.body && adviceChanged ? plan.body : null;

  let row: DecisionRow;
  try {
    row = await deps.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(decisions)
        .values({
          caseId,
          version,
          supersedesId: supersedes?.id ?? null,
          disposition: input.disposition,
          timeframeHours: input.timeframeHours ?? null,
          findings: input.findings,
          band,
          overridden,
          overrideReason: input.overrideReason ?? null,
          referral,
          safetyNettingTopic: plan.topic,
          notes: input.notes,
          amendmentReason,
          signedBy: staff.userId,
          signedAt: now,
          idempotencyKey,
          requestHash: requestHashOf(input),
        })
        .returning();
      await tx.update(cases).set({ status: 'closed', updatedAt: now }).where(eq(cases.id, caseId));
      // The signer's unsigned draft of this form is done with; it goes in the same commit, so a failed sign keeps it.
      await discardDraftOnSign(tx, caseId, staff.userId, supersedes ? 'amend' : 'sign');
      // Signed with its safety-netting SMS or not at all: the advice cannot be lost between the two.
      if (safetyNetting) {
        await storeAdviceLink(tx, inserted!.id, adviceToken);
        await enqueueSms(tx, deps, { caseId, decisionId: inserted!.id, to: caseRow.callerPhone, body: safetyNetting, link: smsLink, template: 'safety_netting' });
      }
      // Audited in the same commit: a crash between two writes cannot leave a signed decision without its audit row.
      await writeAudit(tx, {
        actor: staffActor(staff.userId),
        action: supersedes ? 'decision_amended' : 'decision_signed',
        subject: `case:${caseId}`,
        detail: {
          decisionId: inserted!.id,
          version: inserted!.version,
          supersedesId: inserted!.supersedesId,
          disposition: inserted!.disposition,
          timeframeHours: inserted!.timeframeHours,
          band: inserted!.band,
          overridden: inserted!.overridden,
          ...(inserted!.overridden ? { overrideReason: inserted!.overrideReason } : {}),
        },
      });
      return inserted!;
    });
  } catch (error) {
    // Two submissions raced: the unique indexes decide, and the loser is answered as a replay or a conflict.
    if (await findByKey(deps, caseId, idempotencyKey)) return storeVersion(request, schema, place);
    const latest = await latestDecisionRow(deps, caseId);
    if (latest && !supersedes) throw new AppError('DECISION_EXISTS', 'This case already has a signed decision. Amend it instead.');
    if (latest && supersedes && latest.id !== supersedes.id) {
      throw new AppError('DECISION_SUPERSEDED', 'A newer version of this decision exists. Amend the latest version.');
    }
    throw error;
  }

  if (safetyNetting) deps.events.smsQueued();
  deps.events.caseChanged(caseId);
  return { decision: (await toDecisions(deps, [row]))[0]!, replayed: false };
}

async function findByKey(deps: Pick<Deps, 'db'>, caseId: string, key: string): Promise<DecisionRow | null> {
  const [row] = await deps.db
    .select()
    .from(decisions)
    .where(and(eq(decisions.caseId, caseId), eq(decisions.idempotencyKey, key)));
  return row ?? null;
}
