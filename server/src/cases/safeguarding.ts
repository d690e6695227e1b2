import { callBackDue, type CallBackResult, type SafeguardingConcern } from '@desk/shared';
import { desc, eq } from 'drizzle-orm';
import { staffActor, writeAudit } from '../audit/audit.js';
import type { StaffPrincipal } from '../auth/sessions.js';
import { calls, cases, users } from '../db/schema.js';
import type { Db } from '../db/client.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { findCase, type CaseRow } from './service.js';

/**
 * Issue 11: what the case's own clinician records on it beyond the decision — a safeguarding
 * concern, and that the parent was phoned back after video failed. Both are audited in the same
 * transaction, and the board and the case page hear of them at once (`caseChanged`).
 */

/** The case, locked for this write, if the caller is its clinician (anyone else: 403, whatever their role). */
async function ownCaseForUpdate(tx: Db, staff: StaffPrincipal, caseId: string, what: string): Promise<CaseRow> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  if (!row) throw notFound('That case');
  if (row.assignedClinicianId !== staff.userId) throw forbidden(`Only the clinician assigned to this case can ${what}.`);
  return row;
}

/**
 * Flags a safeguarding concern on the case. One concern per case: flagging again replaces the
 * reason (and who and when); every flag is its own audit row holding the reason's text, so the
 * earlier ones stay on the record. Allowed on a signed case too (a concern can come after).
 */
export async function flagSafeguarding(deps: Deps, staff: StaffPrincipal, caseId: string, reason: string): Promise<SafeguardingConcern> {
  await findCase(deps, caseId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await ownCaseForUpdate(tx, staff, caseId, 'flag a safeguarding concern on it');
    await tx
      .update(cases)
      .set({ safeguardingReason: reason, safeguardingFlaggedBy: staff.userId, safeguardingFlaggedAt: now, updatedAt: now })
      .where(eq(cases.id, caseId));
    await writeAudit(tx, {
      actor: staffActor(staff.userId),
      action: 'safeguarding_flagged',
      subject: `case:${caseId}`,
      detail: { reason, replaced: row.safeguardingReason !== null },
      at: now,
    });
  });
  deps.events.caseChanged(caseId);
  const [flagger] = await deps.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, staff.userId));
  return { reason, flaggedBy: flagger?.displayName ?? '', flaggedAt: now.toISOString() };
}

/** The case's concern as its view carries it, with the flagging clinician's name. */
export async function safeguardingOf(deps: Pick<Deps, 'db'>, row: CaseRow): Promise<SafeguardingConcern | null> {
  if (row.safeguardingReason === null || !row.safeguardingFlaggedAt) return null;
  const [flagger] = row.safeguardingFlaggedBy
    ? await deps.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, row.safeguardingFlaggedBy))
    : [];
  return { reason: row.safeguardingReason, flaggedBy: flagger?.displayName ?? '', flaggedAt: row.safeguardingFlaggedAt.toISOString() };
}

/**
 * Records that the clinician phoned the parent back. 409 CALL_BACK_NOT_DUE unless the parent is
 * owed one now (the latest call connected, then failed or ended for a call-back reason, and none
 * is recorded since it did): the same rule the board's `call_back_due` and the desk's callout use.
 */
export async function recordCallBack(deps: Deps, staff: StaffPrincipal, caseId: string): Promise<CallBackResult> {
  await findCase(deps, caseId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await ownCaseForUpdate(tx, staff, caseId, 'record a call-back');
    const [call] = await tx
      .select({ id: calls.id, state: calls.state, reason: calls.reason, stateSince: calls.stateSince, connectedAt: calls.connectedAt })
      .from(calls)
      .where(eq(calls.caseId, caseId))
      .orderBy(desc(calls.createdAt))
      .limit(1);
    if (!call || !callBackDue(call, row.calledBackAt)) {
      throw new AppError('CALL_BACK_NOT_DUE', 'The parent is not waiting for a call-back on this case: video has not failed after connecting since the last one was recorded.');
    }
    await tx.update(cases).set({ calledBackAt: now, updatedAt: now }).where(eq(cases.id, caseId));
    await writeAudit(tx, {
      actor: staffActor(staff.userId),
      action: 'parent_called_back',
      subject: `case:${caseId}`,
      detail: { callId: call.id, callState: call.state, callReason: call.reason },
      at: now,
    });
  });
  deps.events.caseChanged(caseId);
  return { caseId, calledBackAt: now.toISOString() };
}
