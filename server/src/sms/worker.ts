import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { smsOutbox } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import type { OutboxRow } from './outbox.js';
import { SmsSendError } from './sender.js';
import { WakeTimer } from '../jobs/wake-timer.js';
import type { SmsOutcome } from '../metrics/metrics.js';

/** How long the worker goes without asking the database (this node's own SMS wake it at once; this catches other nodes' and retries). */
export const SMS_POLL_MS = 5_000;
/** Rows claimed per query; a full batch is followed by another at once. */
const SMS_BATCH = 20;
/** Backoff doubles from the configured base up to this. */
export const SMS_RETRY_MAX_MS = 5 * 60_000;
/** A claim outlives the slowest send by this much before another node may take the row. */
const CLAIM_MARGIN_MS = 30_000;
/** How long `stop()` lets a send in flight finish. */
const STOP_WAIT_MS = 5_000;

export type SmsWorkerOptions = {
  maxAttempts: number;
  retryBaseMs: number;
  sendTimeoutMs: number;
  pollMs?: number;
};

export type SmsRunResult = { sent: number; retrying: number; failed: number };
type Outcome = keyof SmsRunResult | 'skipped';
/** `desk_sms_total{status}` for each outcome of an attempt. */
const SMS_METRIC_STATUS: Record<keyof SmsRunResult, SmsOutcome> = { sent: 'sent', retrying: 'retried', failed: 'failed' };

/** The delay before the attempt after `attempts` failed ones: base, 2×base, 4×base… capped. */
export function retryDelayMs(attempts: number, retryBaseMs: number): number {
  return Math.min(retryBaseMs * 2 ** Math.max(0, attempts - 1), SMS_RETRY_MAX_MS);
}

/**
 * Sends what `sms_outbox` holds as `queued`. Every node runs one. A row is claimed by a single
 * UPDATE over `SELECT … FOR UPDATE SKIP LOCKED` that also sets a lease (`claimed_until`): two
 * workers on Postgres skip each other's rows, PGlite (one connection) runs the statements one at a
 * time, and either way a row is claimed by one worker until its lease runs out. A node that dies
 * mid-send leaves the row queued; once the lease has passed any worker tries it again (so an SMS is
 * sent at least once, and twice only if a node dies between the provider's acceptance and our
 * write). The rows are the truth; timers are only hints of when to look.
 */
export class SmsWorker {
  private readonly wake: WakeTimer;
  private started = false;
  private current: Promise<SmsRunResult> | null = null;
  private next: Promise<SmsRunResult> | null = null;
  private offQueued: (() => void) | null = null;
  private readonly pollMs: number;

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'sms' | 'clock' | 'logger' | 'events' | 'metrics'>,
    private readonly options: SmsWorkerOptions,
  ) {
    this.pollMs = options.pollMs ?? SMS_POLL_MS;
    this.wake = new WakeTimer(deps.clock, () => void this.cycle());
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.offQueued = this.deps.events.onSmsQueued(() => this.schedule(0));
    void this.cycle();
  }

  /**
   * Stops looking. A send in flight gets up to `STOP_WAIT_MS` to finish and be recorded; one that
   * takes longer is left to its lease (another node, or this one restarted, tries it again), so a
   * hanging provider cannot hold up a shutdown.
   */
  async stop(): Promise<void> {
    this.started = false;
    this.offQueued?.();
    this.offQueued = null;
    this.wake.cancel();
    let waited: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => {
      waited = setTimeout(resolve, STOP_WAIT_MS);
      waited.unref();
    });
    await Promise.race([Promise.allSettled([this.current, this.next]), giveUp]);
    clearTimeout(waited);
  }

  /**
   * One pass over every row due now. If a pass is already running, this one follows it, so when it
   * resolves everything due at the call has been tried (tests drive the worker with it).
   */
  runOnce(): Promise<SmsRunResult> {
    if (!this.current) return this.begin();
    this.next ??= this.current.then(
      () => this.afterCurrent(),
      () => this.afterCurrent(),
    );
    return this.next;
  }

  private afterCurrent(): Promise<SmsRunResult> {
    this.next = null;
    return this.begin();
  }

  private begin(): Promise<SmsRunResult> {
    const run: Promise<SmsRunResult> = this.drain().finally(() => {
      if (this.current === run) this.current = null;
    });
    this.current = run;
    return run;
  }

  private async cycle(): Promise<void> {
    if (!this.started) return;
    await this.runOnce();
    let next = this.deps.clock.now().getTime() + this.pollMs;
    try {
      const due = await this.nextDue();
      if (due) next = Math.min(next, due.getTime());
    } catch (error) {
      this.deps.logger.error({ err: error }, 'sms worker could not read the outbox');
    }
    this.schedule(next);
  }

  /** Only ever earlier: a queued SMS (at 0) must not be pushed back by a cycle's later plan. */
  private schedule(at: number): void {
    if (this.started) this.wake.by(at);
  }

  /** When the next queued row becomes claimable: its retry time, or the end of another worker's lease. */
  private async nextDue(): Promise<Date | null> {
    const [row] = await this.deps.db
      .select({ at: sql<Date | string | null>`min(greatest(${smsOutbox.nextAttemptAt}, ${smsOutbox.claimedUntil}))` })
      .from(smsOutbox)
      .where(eq(smsOutbox.status, 'queued'));
    return row?.at ? new Date(row.at) : null;
  }

  private async drain(): Promise<SmsRunResult> {
    const result: SmsRunResult = { sent: 0, retrying: 0, failed: 0 };
    // Rows rescheduled during this pass wait for the next one: a pass ends.
    const dueBy = this.deps.clock.now();
    try {
      for (;;) {
        const claimed = await this.claim(dueBy);
        const outcomes = await Promise.all(claimed.map((row) => this.attempt(row)));
        for (const outcome of outcomes) {
          if (outcome === 'skipped') continue;
          result[outcome] += 1;
          this.deps.metrics.sms.inc({ status: SMS_METRIC_STATUS[outcome] });
        }
        if (claimed.length < SMS_BATCH) break;
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, 'sms worker pass failed');
    }
    return result;
  }

  private async claim(dueBy: Date): Promise<OutboxRow[]> {
    const now = this.deps.clock.now();
    const claimable = and(
      eq(smsOutbox.status, 'queued'),
      lte(smsOutbox.nextAttemptAt, dueBy),
      or(isNull(smsOutbox.claimedUntil), lt(smsOutbox.claimedUntil, now)),
    );
    const ids = this.deps.db
      .select({ id: smsOutbox.id })
      .from(smsOutbox)
      .where(claimable)
      .orderBy(smsOutbox.nextAttemptAt)
      .limit(SMS_BATCH)
      .for('update', { skipLocked: true });
    return this.deps.db
      .update(smsOutbox)
      .set({
        claimedUntil: new Date(now.getTime() + this.options.sendTimeoutMs + CLAIM_MARGIN_MS),
        attempts: sql`${smsOutbox.attempts} + 1`,
      })
      // Checked again on the row itself: under READ COMMITTED another worker may have just taken it.
      .where(and(inArray(smsOutbox.id, ids), claimable))
      .returning();
  }

  private async attempt(row: OutboxRow): Promise<Outcome> {
    try {
      return await this.tryToSend(row);
    } catch (error) {
      // The outcome could not be written: the lease runs out and the row is tried again.
      this.deps.logger.error({ err: error, smsId: row.id }, 'sms outcome not recorded');
      return 'skipped';
    }
  }

  private async tryToSend(row: OutboxRow): Promise<Outcome> {
    const { maxAttempts } = this.options;
    // Attempts cut short by a dying node count too: a row that keeps killing its sender stops.
    if (row.attempts > maxAttempts) return this.settle(row, 'failed', { failureReason: row.failureReason ?? `Not sent after ${maxAttempts} attempts.` });
    if (row.sendBy && row.sendBy <= this.deps.clock.now()) {
      return this.settle(row, 'failed', { failureReason: 'Not sent: the link expired before it could go. Send a new link.' });
    }
    const text = row.secretBody ?? row.body;
    if (!text) return this.settle(row, 'failed', { failureReason: 'Not sent: the message text is no longer held.' });
    try {
      const result = await withTimeout(
        this.deps.sms.send({ to: row.to, body: text, template: row.template, reference: row.id }),
        this.options.sendTimeoutMs,
      );
      return await this.settle(row, 'sent', { providerId: result.providerId, sentAt: this.deps.clock.now(), failureReason: null });
    } catch (error) {
      const refusal = error instanceof SmsSendError ? error : new SmsSendError('The SMS provider failed', false);
      // The provider's words may carry the number: the log gets the row, the attempt and the kind, never the words.
      this.deps.logger.warn({ smsId: row.id, provider: this.deps.sms.provider, attempt: row.attempts, permanent: refusal.permanent, err: error }, 'sms attempt failed');
      if (refusal.permanent || row.attempts >= maxAttempts) return this.settle(row, 'failed', { failureReason: refusal.reason });
      const retryAt = new Date(this.deps.clock.now().getTime() + retryDelayMs(row.attempts, this.options.retryBaseMs));
      const [retrying] = await this.deps.db
        .update(smsOutbox)
        .set({ failureReason: refusal.reason, nextAttemptAt: retryAt, claimedUntil: null })
        .where(and(eq(smsOutbox.id, row.id), eq(smsOutbox.status, 'queued')))
        .returning({ id: smsOutbox.id });
      this.changed(row);
      return retrying ? 'retrying' : 'skipped';
    }
  }

  /**
   * The row leaves the queue. The words as sent (`secret_body`) go with it: the provider has them
   * now, or they will never be sent. Only a still-queued row is written, so a delivery receipt that
   * came first is not overwritten.
   */
  private async settle(
    row: OutboxRow,
    status: 'sent' | 'failed',
    fields: Partial<Pick<OutboxRow, 'providerId' | 'sentAt' | 'failureReason'>>,
  ): Promise<Outcome> {
    const [settled] = await this.deps.db
      .update(smsOutbox)
      .set({ ...fields, status, secretBody: null, claimedUntil: null, nextAttemptAt: null, updatedAt: this.deps.clock.now() })
      .where(and(eq(smsOutbox.id, row.id), eq(smsOutbox.status, 'queued')))
      .returning({ id: smsOutbox.id });
    this.changed(row);
    return settled ? status : 'skipped';
  }

  private changed(row: OutboxRow): void {
    if (row.caseId) this.deps.events.caseChanged(row.caseId);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new SmsSendError('The SMS provider did not answer in time', false)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
