import type { Logger } from 'pino';
import { WakeTimer } from '../jobs/wake-timer.js';
import type { Clock } from '../http/context.js';
import type { DeskMetrics } from '../metrics/metrics.js';
import type { CallService } from './service.js';

/**
 * How long the sweeper may go without asking the database. A deadline this node wrote is fired on
 * time (the write hints the sweeper); one another node wrote is fired by that node, or, if that node
 * is gone, by this one within this long.
 */
export const SWEEP_POLL_MS = 5_000;
/** Calls handled per sweep; the next sweep takes the rest at once. */
const SWEEP_BATCH = 100;

/**
 * Enforces call deadlines (link expiry, media, gone, away, abandon) stored on the rows. Every node
 * runs one. Two sweepers seeing the same due call both send TICK, and the call's version check lets
 * exactly one write succeed, the other finding nothing left to do. A restart loses nothing: the
 * timer is only a hint of when to look; the rows are the truth.
 */
export class CallSweeper {
  private readonly wake: WakeTimer;
  private running: Promise<number> | null = null;
  private started = false;
  private offDeadline: (() => void) | null = null;
  /** TICKs (or the sweep's own query) that failed in the last sweep. */
  private failures = 0;

  constructor(
    private readonly deps: { calls: CallService; clock: Clock; logger: Logger; metrics: Pick<DeskMetrics, 'sweeperLagSeconds' | 'sweeps'> },
    private readonly pollMs = SWEEP_POLL_MS,
  ) {
    this.wake = new WakeTimer(deps.clock, () => void this.cycle());
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.offDeadline = this.deps.calls.onDeadline((at) => this.wakeBy(at.getTime()));
    void this.cycle();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.offDeadline?.();
    this.wake.cancel();
    await this.running?.catch(() => undefined);
  }

  /** One sweep: fires every deadline due now. Resolves with how many calls changed. */
  runOnce(): Promise<number> {
    this.running ??= this.sweep().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Sweep, then sleep until the next deadline the database knows of, or the poll interval. */
  private async cycle(): Promise<void> {
    if (!this.started) return;
    const changed = await this.runOnce();
    const now = this.deps.clock.now().getTime();
    let next = now + this.pollMs;
    // A deadline whose TICK keeps failing stays due: look again at the poll interval, not at once.
    if (this.failures > 0) return this.schedule(next);
    try {
      const due = await this.deps.calls.nextDeadline();
      if (due) next = Math.min(next, due.getTime());
    } catch (error) {
      this.deps.logger.error({ err: error }, 'call sweep failed');
    }
    // A full batch may have left more due: go again at once.
    this.schedule(changed >= SWEEP_BATCH ? 0 : next);
  }

  private wakeBy(at: number): void {
    if (this.started) this.wake.by(at);
  }

  private schedule(at: number): void {
    if (this.started) this.wake.at(at);
  }

  private async sweep(): Promise<number> {
    let changed = 0;
    this.failures = 0;
    try {
      const due = await this.deps.calls.dueCalls(this.deps.clock.now(), SWEEP_BATCH);
      for (const { callId, dueAt } of due) {
        try {
          if ((await this.deps.calls.applyAndSay(callId, { type: 'TICK' }, 'system')).changed) {
            changed += 1;
            // Only the sweeper whose TICK changed the call fired it: another node's find of the same deadline is not lag.
            this.deps.metrics.sweeperLagSeconds.observe(Math.max(0, this.deps.clock.now().getTime() - dueAt.getTime()) / 1000);
          }
        } catch (error) {
          this.failures += 1;
          this.deps.logger.error({ err: error, callId }, 'call deadline failed');
        }
      }
    } catch (error) {
      this.failures += 1;
      this.deps.logger.error({ err: error }, 'call sweep failed');
    }
    this.deps.metrics.sweeps.inc({ result: this.failures > 0 ? 'failed' : 'ok' });
    return changed;
  }
}
