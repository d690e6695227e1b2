import { createHash } from 'node:crypto';
import { decisionInputSchema, type Decision, type Disposition, type Finding, type ParsedDecision, type Band } from '@desk/shared';
import { and, desc, eq } from 'drizzle-orm';
import { staffActor, writeAudit } from '../audit/audit.js';
import type { StaffPrincipal } from '../auth/sessions.js';
import { findCase } from '../cases/service.js';
import { cases, decisions, users } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden, validationError } from '../http/errors.js';

type DecisionRow = typeof decisions.$inferSelect;

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,128}$/;

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

export function requestHashOf(decision: ParsedDecision): string {
  return createHash('sha256')
    .update(canonicalJson({ ...decision, timeframeHours: decision.timeframeHours ?? null }))
    .digest('hex');
}

async function toDecision(deps: Pick<Deps, 'db'>, row: DecisionRow): Promise<Decision> {
  const [signer] = await deps.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, row.signedBy));
  return {
    id: row.id,
    caseId: row.caseId,
    version: row.version,
    supersedesId: row.supersedesId,
    disposition: row.disposition as Disposition,
    timeframeHours: row.timeframeHours,
    notes: row.notes,
    findings: row.findings as Finding[],
    band: row.band as Band,
    overridden: row.overridden,
    signedBy: signer?.displayName ?? 'Unknown',
    signedAt: row.signedAt.toISOString(),
  };
}

export async function listDecisions(deps: Deps, caseId: string): Promise<Decision[]> {
  await findCase(deps, caseId);
  const rows = await deps.db.select().from(decisions).where(eq(decisions.caseId, caseId)).orderBy(desc(decisions.version));
  return Promise.all(rows.map((row) => toDecision(deps, row)));
}

/**
 * Signs the first decision on a case. Idempotent per (case, key): a replay with the same body gets
 * the stored decision back before any other check; the same key with another body is refused.
 */
export async function signDecision(
  deps: Deps,
  staff: StaffPrincipal,
  caseId: string,
  idempotencyKey: string | undefined,
  body: unknown,
): Promise<{ decision: Decision; replayed: boolean }> {
  if (!idempotencyKey) throw new AppError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header with the decision.');
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key must be 8–128 letters, digits or -_:.');
  }
  const parsed = decisionInputSchema.safeParse(body);
  const caseRow = await findCase(deps, caseId);
  const replay = await findByKey(deps, caseId, idempotencyKey);
  if (replay) {
    if (!parsed.success || replay.requestHash !== requestHashOf(parsed.data)) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different decision.');
    }
    return { decision: await toDecision(deps, replay), replayed: true };
  }
  if (!parsed.success) throw validationError(parsed.error);
  if (caseRow.assignedClinicianId !== staff.userId) throw forbidden('Only the clinician assigned to this case can sign its decision.');
  const [existing] = await deps.db.select({ id: decisions.id }).from(decisions).where(eq(decisions.caseId, caseId)).limit(1);
  if (existing) throw new AppError('DECISION_EXISTS', 'This case already has a signed decision. Amend it instead.');

  const input = parsed.data;
  const now = deps.clock.now();
  let row: DecisionRow;
  try {
    row = await deps.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(decisions)
        .values({
          caseId,
          version: 1,
          supersedesId: null,
          disposition: input.disposition,
          timeframeHours: input.timeframeHours ?? null,
          findings: input.findings,
          // Banding from findings arrives with the triage catalogue (issue 4); until then nothing is assessed.
          band: 'not_assessed' satisfies Band,
          overridden: false,
          notes: input.notes,
          signedBy: staff.userId,
          signedAt: now,
          idempotencyKey,
          requestHash: requestHashOf(input),
        })
        .returning();
      await tx.update(cases).set({ status: 'closed', updatedAt: now }).where(eq(cases.id, caseId));
      return inserted!;
    });
  } catch (error) {
    // Two submissions raced: the unique indexes decide, and the loser is answered as a replay or a conflict.
    const raced = await findByKey(deps, caseId, idempotencyKey);
    if (raced) return signDecision(deps, staff, caseId, idempotencyKey, body);
    const [other] = await deps.db.select({ id: decisions.id }).from(decisions).where(eq(decisions.caseId, caseId)).limit(1);
    if (other) throw new AppError('DECISION_EXISTS', 'This case already has a signed decision. Amend it instead.');
    throw error;
  }
  await writeAudit(deps.db, {
    actor: staffActor(staff.userId),
    action: 'decision_signed',
    subject: `case:${caseId}`,
    detail: { decisionId: row.id, version: row.version, disposition: row.disposition, timeframeHours: row.timeframeHours },
  });
  deps.events.caseChanged(caseId);
  return { decision: await toDecision(deps, row), replayed: false };
}

async function findByKey(deps: Pick<Deps, 'db'>, caseId: string, key: string): Promise<DecisionRow | null> {
  const [row] = await deps.db
    .select()
    .from(decisions)
    .where(and(eq(decisions.caseId, caseId), eq(decisions.idempotencyKey, key)));
  return row ?? null;
}
