import { askTimerMs, type AskAnswer, type AskRequest, type ParentAsk } from '@desk/shared';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { writeAudit, type AuditAction } from '../audit/audit.js';
import type { Db } from '../db/client.js';
import { callAsks, calls } from '../db/schema.js';
import { AppError } from '../http/errors.js';

/**
 * What the desk asks the parent during a call. Every change is one transaction that locks the
 * call's row first (so two asks at once cannot both be current), writes the ask and its audit row.
 * The current ask is a row: any node, after any restart, answers `ask:watch` from here.
 */

type AskRow = typeof callAsks.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Who = { actor: string; caseId: string; now: Date };

export function toAsk(row: AskRow): ParentAsk {
  return {
    id: row.id,
    callId: row.callId,
    request: row.request,
    state: row.state,
    askedAt: row.askedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    timer: row.timerStartedAt && row.timerDurationMs ? { startedAt: row.timerStartedAt.toISOString(), durationMs: row.timerDurationMs } : null,
  };
}

/** The call's current ask (the one not closed), or null; none once the call has ended. */
export async function currentAsk(db: Db, callId: string): Promise<ParentAsk | null> {
  const [row] = await db
    .select({ ask: callAsks, callState: calls.state })
    .from(callAsks)
    .innerJoin(calls, eq(calls.id, callAsks.callId))
    .where(and(eq(callAsks.callId, callId), ne(callAsks.state, 'closed')))
    .orderBy(desc(callAsks.askedAt))
    .limit(1);
  return row && row.callState !== 'ended' ? toAsk(row.ask) : null;
}

/** Asks the parent; the ask that was current is closed in the same transaction. */
export async function sendAsk(db: Db, callId: string, askedBy: string, request: AskRequest, who: Who): Promise<ParentAsk> {
  return db.transaction(async (tx) => {
    await lockOpenCall(tx, callId);
    const replaced = await tx
      .update(callAsks)
      .set({ state: 'closed', closedAt: who.now })
      .where(and(eq(callAsks.callId, callId), ne(callAsks.state, 'closed')))
      .returning();
    for (const row of replaced) await audit(tx, 'ask_closed', row, who, { replaced: true });
    const [row] = await tx.insert(callAsks).values({ callId, kind: request.kind, request, state: 'open', askedBy, askedAt: who.now }).returning();
    if (!row) throw new Error('ask insert returned no row');
    await audit(tx, 'ask_sent', row, who);
    return toAsk(row);
  });
}

/** The parent's answer to the open ask; accepting a timed exam starts its timer at the server's now. */
export async function answerAsk(db: Db, callId: string, askId: string, answer: AskAnswer, who: Who): Promise<ParentAsk> {
  return change(db, callId, askId, ['open'], who, (row) => {
    // A photo ask is accepted only by the photo arriving (receivePhoto): a bare "accepted" would have
    // the desk read "photo received" with no image on the case.
    if (row.request.kind === 'photo' && answer === 'accepted') {
      throw new AppError('ASK_NOT_OPEN', 'A photo request is answered by sending the photo, or by declining it.');
    }
    const timerMs = answer === 'accepted' ? askTimerMs(row.request) : null;
    return { state: answer, answeredAt: who.now, ...(timerMs ? { timerStartedAt: who.now, timerDurationMs: timerMs } : {}) };
  }, (row) => ['ask_answered', { answer: row.state }]);
}

/** Starts the shared timer again (a recount), only for an accepted timed exam. */
export async function restartAskTimer(db: Db, callId: string, askId: string, who: Who): Promise<ParentAsk> {
  return change(db, callId, askId, ['accepted'], who, (row) => {
    const timerMs = askTimerMs(row.request);
    if (!timerMs) throw new AppError('ASK_NOT_OPEN', 'That ask has no timer.');
    return { timerStartedAt: who.now, timerDurationMs: timerMs };
  }, (row) => ['ask_timer_started', { durationMs: row.timerDurationMs }]);
}

/** Takes the ask off both screens. */
export async function closeAsk(db: Db, callId: string, askId: string, who: Who): Promise<ParentAsk> {
  return change(db, callId, askId, ['open', 'accepted', 'declined'], who, () => ({ state: 'closed', closedAt: who.now }), () => ['ask_closed', {}]);
}

async function change(
  db: Db,
  callId: string,
  askId: string,
  from: AskRow['state'][],
  who: Who,
  patch: (row: AskRow) => Partial<typeof callAsks.$inferInsert>,
  audited: (row: AskRow) => [AuditAction, Record<string, unknown>],
): Promise<ParentAsk> {
  return db.transaction(async (tx) => {
    await lockOpenCall(tx, callId);
    const [before] = await tx
      .select()
      .from(callAsks)
      .where(and(eq(callAsks.id, askId), eq(callAsks.callId, callId), inArray(callAsks.state, from)));
    if (!before) throw new AppError('ASK_NOT_OPEN', 'That request was already answered, closed or replaced.');
    const [row] = await tx.update(callAsks).set(patch(before)).where(eq(callAsks.id, askId)).returning();
    if (!row) throw new Error('ask update returned no row');
    const [action, detail] = audited(row);
    await audit(tx, action, row, who, detail);
    return toAsk(row);
  });
}

/** Serialises asks per call (the row lock) and refuses an ended call. */
async function lockOpenCall(tx: Tx, callId: string): Promise<void> {
  const [call] = await tx.select({ state: calls.state }).from(calls).where(eq(calls.id, callId)).for('update');
  if (!call) throw new AppError('NOT_FOUND', 'That call was not found.');
  if (call.state === 'ended') throw new AppError('CALL_STATE_CONFLICT', 'The call has ended.');
}

function audit(tx: Tx, action: AuditAction, row: AskRow, who: Who, extra: Record<string, unknown> = {}): Promise<void> {
  const exam = row.request.kind === 'exam' ? { exam: row.request.exam } : {};
  return writeAudit(tx, { actor: who.actor, action, subject: `case:${who.caseId}`, at: who.now, detail: { callId: row.callId, askId: row.id, kind: row.kind, ...exam, ...extra } });
}
