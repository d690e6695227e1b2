import { decisionDraftSchema, draftKindSchema, type DraftKind, type SavedDraft } from '@desk/shared';
import { and, eq } from 'drizzle-orm';
import type { StaffPrincipal } from '../auth/sessions.js';
import { findCase } from '../cases/service.js';
import { decisionDrafts, decisions } from '../db/schema.js';
import type { Database } from '../db/client.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden, notFound, parseOrThrow } from '../http/errors.js';

/**
 * The clinician's unsigned decision form, kept so a closed tab, a crashed browser or another machine
 * does not lose it. Drafts live here, never in `decisions`, and are not clinical records: they are
 * replaced on every save and deleted on sign. Bodies are never logged (they hold clinical notes).
 */

type DraftRequest = { deps: Deps; staff: StaffPrincipal; caseId: string; kind: string };
type DraftRow = typeof decisionDrafts.$inferSelect;
type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

/** The same rule as signing: only the clinician assigned to the case keeps a draft for it. */
async function authorise({ deps, staff, caseId, kind }: DraftRequest): Promise<DraftKind> {
  const draftKind = parseOrThrow(draftKindSchema, kind);
  const caseRow = await findCase(deps, caseId);
  if (caseRow.assignedClinicianId !== staff.userId) throw forbidden('Only the clinician assigned to this case can keep a decision draft for it.');
  return draftKind;
}

const mine = (caseId: string, userId: string, kind: DraftKind) =>
  and(eq(decisionDrafts.caseId, caseId), eq(decisionDrafts.userId, userId), eq(decisionDrafts.kind, kind));

function toSavedDraft(row: DraftRow): SavedDraft {
  return { kind: row.kind, draft: decisionDraftSchema.parse(row.body), updatedAt: row.updatedAt.toISOString() };
}

export async function saveDecisionDraft(request: DraftRequest & { body: unknown }): Promise<SavedDraft> {
  const kind = await authorise(request);
  const draft = parseOrThrow(decisionDraftSchema, request.body);
  const { deps, staff, caseId } = request;
  // A late autosave must not resurrect a first-decision draft once the decision is signed.
  if (kind === 'sign') {
    const [signed] = await deps.db.select({ id: decisions.id }).from(decisions).where(eq(decisions.caseId, caseId)).limit(1);
    if (signed) throw new AppError('DECISION_EXISTS', 'This case already has a signed decision: amend it instead.');
  }
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(decisionDrafts)
    .values({ caseId, userId: staff.userId, kind, body: draft, updatedAt: now })
    .onConflictDoUpdate({ target: [decisionDrafts.caseId, decisionDrafts.userId, decisionDrafts.kind], set: { body: draft, updatedAt: now } })
    .returning();
  return toSavedDraft(row!);
}

export async function getDecisionDraft(request: DraftRequest): Promise<SavedDraft> {
  const kind = await authorise(request);
  const [row] = await request.deps.db.select().from(decisionDrafts).where(mine(request.caseId, request.staff.userId, kind));
  if (!row) throw notFound('That draft');
  return toSavedDraft(row);
}

export async function deleteDecisionDraft(request: DraftRequest): Promise<void> {
  const kind = await authorise(request);
  await request.deps.db.delete(decisionDrafts).where(mine(request.caseId, request.staff.userId, kind));
}

/** Signing or amending makes the clinician's draft for that form obsolete: called inside the signing transaction. */
export async function discardDraftOnSign(tx: Tx, caseId: string, userId: string, kind: DraftKind): Promise<void> {
  await tx.delete(decisionDrafts).where(mine(caseId, userId, kind));
}
