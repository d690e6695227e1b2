import type { Clock } from '../http/context.js';

/**
 * One pending wake-up at a time, on the injected clock: `at` replaces it, `by` only brings it
 * earlier. Background jobs (the call sweeper, the SMS worker) use it as a hint of when to look
 * again; the database rows stay the truth. Unref'd, so it never keeps the process alive.
 */
export class WakeTimer {
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly fire: () => void,
  ) {}

  /** Wake at `at` (epoch ms), instead of whenever was planned. */
  at(at: number): void {
    this.cancel();
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.fire();
    }, Math.max(0, at - this.clock.now().getTime()));
    this.timer.unref();
  }

  /** Wake by `at` at the latest: a later time than already planned changes nothing. */
  by(at: number): void {
    if (at < this.timerAt) this.at(at);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
