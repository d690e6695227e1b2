import { nextCall, type CallEvent, type CallSnapshot, type CallState } from '@desk/shared';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Logger } from 'pino';
import { writeAudit, type AuditAction } from '../audit/audit.js';
import type { Db } from '../db/client.js';
import { calls } from '../db/schema.js';
import type { Clock } from '../http/context.js';
import { AppError } from '../http/errors.js';
import type { DeskEvents } from '../http/events.js';

export type CallRow = typeof calls.$inferSelect;

/** A call that has been let in must reach `connected` (again) within this time, or it fails with `timeout`. */
export const CONNECT_TIMEOUT_MS = 45_000;

const TIMED_STATES: ReadonlySet<CallState> = new Set(['admitted', 'connecting', 'reconnecting']);

export function snapshotOf(row: CallRow): CallSnapshot {
  return { state: row.state as CallState, reason: (row.reason ?? null) as CallSnapshot['reason'], attempt: row.attempt };
}

/**
 * The authority on call state: applies events through the shared reducer, stores the result,
 * audits it and announces it. Events for one call are applied one at a time.
 */
export class CallService {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly deps: { db: Db; clock: Clock; logger: Logger; events: DeskEvents },
    private readonly connectTimeoutMs = CONNECT_TIMEOUT_MS,
  ) {}

  async latestForCase(caseId: string): Promise<CallRow | null> {
    const [row] = await this.deps.db.select().from(calls).where(eq(calls.caseId, caseId)).orderBy(desc(calls.createdAt)).limit(1);
    return row ?? null;
  }

  async byId(callId: string): Promise<CallRow | null> {
    const [row] = await this.deps.db.select().from(calls).where(eq(calls.id, callId));
    return row ?? null;
  }

  /** The case's call that is not over, or a new one in `created`. */
  async openCallForCase(caseId: string): Promise<CallRow> {
    const [open] = await this.deps.db
      .select()
      .from(calls)
      .where(and(eq(calls.caseId, caseId), ne(calls.state, 'ended')))
      .orderBy(desc(calls.createdAt))
      .limit(1);
    if (open) return open;
    const [created] = await this.deps.db
      .insert(calls)
      .values({ caseId, state: 'created', attempt: 0, createdAt: this.deps.clock.now(), updatedAt: this.deps.clock.now() })
      .onConflictDoNothing()
      .returning();
    // Lost a race with another request creating the case's call: use theirs.
    return created ?? this.openCallForCase(caseId);
  }

  /**
   * After a restart no timer is running: calls left mid-connection get the time they had left
   * (or fail at once), so none sits in `connecting` forever.
   */
  async resumeTimeouts(): Promise<void> {
    const pending = await this.deps.db.select().from(calls).where(inArray(calls.state, [...TIMED_STATES]));
    for (const row of pending) this.armTimeout(row);
  }

  /** Applies an event; refuses (409 CALL_STATE_CONFLICT) one that does not fit the current state. */
  apply(callId: string, event: CallEvent, actor: string): Promise<CallRow> {
    const previous = this.queues.get(callId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.applyNow(callId, event, actor));
    this.queues.set(callId, run);
    // The caller gets the rejection; this bookkeeping chain must not raise a second, unhandled one (it would crash the process).
    void run
      .catch(() => undefined)
      .finally(() => {
        if (this.queues.get(callId) === run) this.queues.delete(callId);
      });
    return run;
  }

  /** Like `apply`, but an event that does not fit is ignored (for best-effort events such as a socket dropping). */
  async applyIfValid(callId: string, event: CallEvent, actor: string): Promise<CallRow | null> {
    try {
      return await this.apply(callId, event, actor);
    } catch (error) {
      if (error instanceof AppError && error.code === 'CALL_STATE_CONFLICT') return null;
      throw error;
    }
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async applyNow(callId: string, event: CallEvent, actor: string): Promise<CallRow> {
    const current = await this.byId(callId);
    if (!current) throw new AppError('NOT_FOUND', 'That call was not found.');
    const result = nextCall(snapshotOf(current), event);
    if (!result.ok) {
      throw new AppError('CALL_STATE_CONFLICT', `The call is ${current.state}: cannot ${event.type.toLowerCase().replace(/_/g, ' ')} now.`);
    }
    const now = this.deps.clock.now();
    const next = result.snapshot;
    const [row] = await this.deps.db
      .update(calls)
      .set({
        state: next.state,
        reason: next.reason,
        attempt: next.attempt,
        updatedAt: now,
        ...(next.state === 'admitted' && !current.admittedAt ? { admittedAt: now } : {}),
        ...(next.state === 'connected' && !current.connectedAt ? { connectedAt: now } : {}),
        ...(next.state === 'ended' ? { endedAt: now } : {}),
      })
      .where(and(eq(calls.id, callId), eq(calls.updatedAt, current.updatedAt)))
      .returning();
    // Another node changed the call between our read and write: re-read and try once more.
    if (!row) return this.applyNow(callId, event, actor);

    const action = auditActionFor(next.state, current.state as CallState);
    if (action) {
      await writeAudit(this.deps.db, {
        actor,
        action,
        subject: `case:${row.caseId}`,
        detail: { callId, from: current.state, to: next.state, reason: next.reason, attempt: next.attempt },
      });
    }
    this.deps.logger.info({ callId, from: current.state, to: next.state, reason: next.reason, attempt: next.attempt }, 'call state');
    this.armTimeout(row);
    this.deps.events.callChanged({ caseId: row.caseId, callId, snapshot: next });
    return row;
  }

  private armTimeout(row: CallRow): void {
    const existing = this.timers.get(row.id);
    if (existing) clearTimeout(existing);
    this.timers.delete(row.id);
    if (!TIMED_STATES.has(row.state as CallState)) return;
    const { attempt, state } = row;
    const remainingMs = Math.max(0, row.updatedAt.getTime() + this.connectTimeoutMs - this.deps.clock.now().getTime());
    const timer = setTimeout(() => {
      this.timers.delete(row.id);
      void (async () => {
        const latest = await this.byId(row.id);
        if (latest && latest.state === state && latest.attempt === attempt) {
          await this.applyIfValid(row.id, { type: 'TIMED_OUT' }, 'system');
        }
      })().catch((error: unknown) => this.deps.logger.error({ err: error, callId: row.id }, 'call timeout failed'));
    }, remainingMs);
    timer.unref();
    this.timers.set(row.id, timer);
  }
}

function auditActionFor(to: CallState, from: CallState): AuditAction | null {
  if (to === from) return null;
  if (to === 'admitted') return 'call_admitted';
  if (to === 'ended') return 'call_ended';
  if (to === 'failed') return 'call_failed';
  return null;
}
