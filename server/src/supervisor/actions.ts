import { assignmentResultSchema, type CallState, type DeskNotice } from '@desk/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { staffActor, writeAudit } from '../audit/audit.js';
import type { StaffPrincipal } from '../auth/sessions.js';
import { findCase, type CaseRow } from '../cases/service.js';
import type { Db } from '../db/client.js';
import { callParticipants, calls, cases, decisionDrafts, decisions, users } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { AppError, notFound } from '../http/errors.js';
import { addNotices, announceNotices } from '../notices/service.js';

/**
 * What a supervisor does to the shift (issue 10): give a case to another clinician, and ask a
 * clinician to take a waiting parent. Neither touches a call or a decision: supervisors never see
 * or join video and never change decisions.
 */

type AssignmentResult = z.infer<typeof assignmentResultSchema>;

/** Someone is waiting for, or on, the call's media: its host cannot change under them. */
const LIVE_CALL_STATES: ReadonlySet<CallState> = new Set(['parent_waiting', 'admitted', 'connecting', 'connected', 'reconnecting']);

/** A case that is signed is closed: nobody is given it any more. */
async function refuseClosed(db: Db, row: CaseRow): Promise<void> {
  const [signed] = await db.select({ id: decisions.id }).from(decisions).where(eq(decisions.caseId, row.id)).limit(1);
  if (row.status !== 'open' || signed) throw new AppError('CASE_CLOSED', 'This case is decided and closed: it cannot be given to anyone else.');
}

/** The active clinician with that id, or 422 NOT_A_CLINICIAN (unknown, disabled, a supervisor or an admin). */
async function activeClinician(db: Db, userId: string): Promise<{ id: string; displayName: string }> {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, 'clinician'), eq(users.disabled, false)));
  if (!row) throw new AppError('NOT_A_CLINICIAN', 'That person is not an active clinician on the desk.');
  return row;
}

/**
 * Gives an open case to another clinician, in one transaction: the assignment, the unsigned
 * decision drafts (the previous clinician's replace any the new one had), the audit row and both
 * clinicians' notices; then the board, both case lists and both desks hear of it. Refused while a
 * parent waits or is in the call (they would be left with someone who no longer has the case); a
 * call nobody is on yet moves with the case. The same clinician again changes nothing.
 */
export async function reassignCase(deps: Deps, supervisor: StaffPrincipal, caseId: string, clinicianId: string): Promise<AssignmentResult> {
  await findCase(deps, caseId);
  const outcome = await deps.db.transaction(async (tx) => {
    // Two supervisors reassigning at once: the second waits here and sees the first's clinician.
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!row) throw notFound('That case');
    await refuseClosed(tx, row);
    const target = await activeClinician(tx, clinicianId);
    const previous = row.assignedClinicianId;
    if (previous === target.id) return { result: { caseId, clinicianId: target.id, previousClinicianId: previous }, noticeIds: [] };
    const [call] = await tx.select({ id: calls.id, state: calls.state }).from(calls).where(eq(calls.caseId, caseId)).orderBy(desc(calls.createdAt)).limit(1).for('update');
    if (call && LIVE_CALL_STATES.has(call.state)) {
      throw new AppError('CALL_IN_PROGRESS', 'This case has a video call in progress (a parent waiting, or in the call). Reassign it when the call has ended.');
    }
    const now = deps.clock.now();
    await tx.update(cases).set({ assignedClinicianId: target.id, updatedAt: now }).where(eq(cases.id, caseId));
    // A call nobody is on yet (link sent, or a join problem the parent may still fix) gets the new clinician as its
    // host, so the parent's link still works and the new clinician is the one who lets them in. The new version
    // makes any write the previous clinician's page was making at this moment start again from this.
    const movedCall = call && call.state !== 'ended' ? call.id : null;
    let movedHost: string | null = null;
    if (movedCall) {
      const [host] = await tx
        .update(callParticipants)
        .set({ userId: target.id, displayName: target.displayName, present: false, endpoint: null, epoch: sql`${callParticipants.epoch} + 1` })
        .where(and(eq(callParticipants.callId, movedCall), eq(callParticipants.role, 'clinician')))
        .returning({ id: callParticipants.id });
      movedHost = host?.id ?? null;
      await tx.update(calls).set({ version: sql`nextval('call_seq')`, updatedAt: now }).where(eq(calls.id, movedCall));
    }
    if (previous) await moveDrafts(tx, caseId, previous, target.id);
    await writeAudit(tx, { actor: staffActor(supervisor.userId), action: 'case_reassigned', subject: `case:${caseId}`, detail: { from: previous, to: target.id }, at: now });
    const noticeIds = await addNotices(tx, [
      { userId: target.id, kind: 'case_assigned', caseId, fromUserId: supervisor.userId, at: now },
      ...(previous ? [{ userId: previous, kind: 'case_unassigned' as const, caseId, fromUserId: supervisor.userId, at: now }] : []),
    ]);
    return { result: { caseId, clinicianId: target.id, previousClinicianId: previous }, noticeIds, movedCall, movedHost };
  });
  if ('movedCall' in outcome && outcome.movedCall) {
    if (outcome.movedHost) deps.events.callHostMoved(outcome.movedHost);
    const update = await deps.calls.update(outcome.movedCall);
    if (update) deps.events.callChanged(update);
  }
  if (outcome.noticeIds.length) {
    deps.events.caseChanged(caseId);
    await announceNotices(deps, outcome.noticeIds);
  }
  return outcome.result;
}

/** The unsigned draft follows the case: the previous clinician's rows become the new one's, replacing theirs. */
async function moveDrafts(tx: Db, caseId: string, from: string, to: string): Promise<void> {
  await tx.delete(decisionDrafts).where(and(eq(decisionDrafts.caseId, caseId), eq(decisionDrafts.userId, to)));
  await tx
    .update(decisionDrafts)
    .set({ userId: to })
    .where(and(eq(decisionDrafts.caseId, caseId), eq(decisionDrafts.userId, from)));
}

/** Asks the case's clinician to take the parent waiting on it: a notice on their desk, audited. 409 unless a parent waits now and the clinician is the case's. */
export async function askToTakeParent(deps: Deps, supervisor: StaffPrincipal, caseId: string, clinicianId: string): Promise<DeskNotice> {
  const row = await findCase(deps, caseId);
  await refuseClosed(deps.db, row);
  const target = await activeClinician(deps.db, clinicianId);
  const call = await deps.calls.latestForCase(caseId);
  if (call?.state !== 'parent_waiting') throw new AppError('NO_PARENT_WAITING', 'No parent is waiting on this case now.');
  // The call's host is the case's clinician: nobody else can admit (and the case cannot move while the parent waits).
  if (row.assignedClinicianId && row.assignedClinicianId !== target.id) {
    throw new AppError('NOT_CASE_CLINICIAN', 'Only the clinician on this case can let the parent in: ask them, or reassign the case once the call has ended.');
  }
  const now = deps.clock.now();
  const [noticeId] = await deps.db.transaction(async (tx) => {
    await writeAudit(tx, { actor: staffActor(supervisor.userId), action: 'take_parent_requested', subject: `case:${caseId}`, detail: { clinicianId: target.id }, at: now });
    return addNotices(tx, [{ userId: target.id, kind: 'take_waiting_parent', caseId, fromUserId: supervisor.userId, at: now }]);
  });
  const [notice] = await announceNotices(deps, [noticeId!]);
  return notice!;
}
