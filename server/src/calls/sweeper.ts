import type { Logger } from 'pino';
import type { Clock } from '../http/context.js';
import type { CallService } from './service.js';

/** How often each node looks for due deadlines: a deadline fires within this long of falling due. */
export const SWEEP_INTERVAL_MS = 1_000;
/** Calls handled per sweep; the next sweep takes the rest. */
const SWEEP_BATCH = 100;

/**
 * Enforces call deadlines (link expiry, media, gone, away, abandon) stored on the rows. Every node
 * runs one; two sweepers seeing the same due call both send TICK, and the call's version check lets
 * exactly one write succeed, the other finding nothing left to do. A restart loses nothing.
 */
export class CallSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: { calls: CallService; clock: Clock; logger: Logger },
    private readonly intervalMs = SWEEP_INTERVAL_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      void this.runOnce();
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One sweep: fires every deadline due now. Resolves with how many calls changed. */
  runOnce(): Promise<number> {
    this.running ??= this.sweep().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweep(): Promise<number> {
    let changed = 0;
    try {
      const due = await this.deps.calls.dueCallIds(this.deps.clock.now(), SWEEP_BATCH);
      for (const callId of due) {
        try {
          const before = await this.deps.calls.byId(callId);
          const after = await this.deps.calls.apply(callId, { type: 'TICK' }, 'system');
          if (before && after.seq !== before.version) changed += 1;
        } catch (error) {
          this.deps.logger.error({ err: error, callId }, 'call deadline failed');
        }
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, 'call sweep failed');
    }
    return changed;
  }
}
