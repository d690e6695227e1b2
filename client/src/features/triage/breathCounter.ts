/**
 * The "Count breaths" tool: the clinician taps once per breath seen on video for 30 s (rate = taps
 * × 2) or 60 s (rate = taps). Pure state functions, plus a small controller that owns the timer
 * through an injected clock, so tests drive time without waiting.
 */

export const BREATH_COUNT_DURATIONS_S = [30, 60] as const;
export type BreathCountDurationS = (typeof BREATH_COUNT_DURATIONS_S)[number];

/** How often the countdown is checked; the display changes once a second. */
export const BREATH_COUNT_TICK_MS = 200;
/** The one mid-count announcement: often enough to pace, not so often it talks over the call. */
export const BREATH_COUNT_ANNOUNCE_AT_S = 10;

export type BreathCount =
  | { phase: 'idle' }
  | { phase: 'counting'; durationS: BreathCountDurationS; startedAtMs: number; breaths: number }
  | { phase: 'done'; durationS: BreathCountDurationS; breaths: number; ratePerMin: number };

export const IDLE_COUNT: BreathCount = { phase: 'idle' };

/**
 * Below this a count is almost certainly taps missed (the clinician looked away), not a child's
 * breathing: the result is shown but not written into the field.
 */
export const PLAUSIBLE_RATE_MIN_PER_MIN = 10;

export function isPlausibleRate(ratePerMin: number): boolean {
  return ratePerMin >= PLAUSIBLE_RATE_MIN_PER_MIN;
}

export function breathsPerMinute(breaths: number, durationS: BreathCountDurationS): number {
  return Math.round((breaths * 60) / durationS);
}

export function startCount(durationS: BreathCountDurationS, nowMs: number): BreathCount {
  return { phase: 'counting', durationS, startedAtMs: nowMs, breaths: 0 };
}

function endMs(count: Extract<BreathCount, { phase: 'counting' }>): number {
  return count.startedAtMs + count.durationS * 1000;
}

function finish(count: Extract<BreathCount, { phase: 'counting' }>): BreathCount {
  return { phase: 'done', durationS: count.durationS, breaths: count.breaths, ratePerMin: breathsPerMinute(count.breaths, count.durationS) };
}

/** The count is over once its time is up, whether or not a tick came exactly then. */
export function tickCount(count: BreathCount, nowMs: number): BreathCount {
  if (count.phase !== 'counting' || nowMs < endMs(count)) return count;
  return finish(count);
}

/** A tap after time is up does not count: it finishes the count instead. */
export function tapBreath(count: BreathCount, nowMs: number): BreathCount {
  if (count.phase !== 'counting') return count;
  if (nowMs >= endMs(count)) return finish(count);
  return { ...count, breaths: count.breaths + 1 };
}

/** Whole seconds left, rounded up ("30" at the start, "1" in the last second). */
export function secondsLeft(count: BreathCount, nowMs: number): number {
  if (count.phase !== 'counting') return 0;
  return Math.max(0, Math.ceil((endMs(count) - nowMs) / 1000));
}

/** What the polite live region holds for this state (it speaks when the text changes), or null. */
export function countAnnouncement(count: BreathCount, left: number): string | null {
  if (count.phase === 'done') {
    const times = count.durationS === 30 ? ' (times 2)' : '';
    const counted = `${count.breaths} breath${count.breaths === 1 ? '' : 's'} in ${count.durationS} seconds${times}, ${count.ratePerMin} breaths per minute`;
    return isPlausibleRate(count.ratePerMin)
      ? `Count finished: ${counted}. Breathing rate filled in.`
      : `Count finished: only ${counted}. Too few to be a breathing rate: the field was not changed. Count again or type the rate.`;
  }
  if (count.phase !== 'counting') return null;
  // The text changes twice during a count, so the region speaks twice: at the start and near the end.
  if (left <= BREATH_COUNT_ANNOUNCE_AT_S) return `${BREATH_COUNT_ANNOUNCE_AT_S} seconds left`;
  return `Counting for ${count.durationS} seconds. Tap for each breath.`;
}

export type CountClock = {
  now(): number;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
};

export const systemClock: CountClock = {
  now: () => Date.now(),
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};

export type BreathCounterSnapshot = { count: BreathCount; secondsLeft: number };

export type BreathCounter = {
  /** `startedAtMs`: a count that began earlier (the shared timer of the breathing exam), so it ends with that timer. */
  start(durationS: BreathCountDurationS, startedAtMs?: number): void;
  tap(): void;
  cancel(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): BreathCounterSnapshot;
  /** Called with the rate when a count's time is up (not on cancel). */
  onDone(listener: (ratePerMin: number, count: BreathCount) => void): () => void;
};

/**
 * Owns one count and its timer. `onDone` listeners get the rate when time is up. Listeners hear a
 * change only when what is shown changes (phase, breaths, whole seconds left), not on every tick.
 */
export function createBreathCounter(clock: CountClock): BreathCounter {
  let snapshot: BreathCounterSnapshot = { count: IDLE_COUNT, secondsLeft: 0 };
  let stopTimer: (() => void) | null = null;
  const listeners = new Set<() => void>();
  const doneListeners = new Set<(ratePerMin: number, count: BreathCount) => void>();

  const set = (count: BreathCount) => {
    const left = secondsLeft(count, clock.now());
    if (count === snapshot.count && left === snapshot.secondsLeft) return;
    snapshot = { count, secondsLeft: left };
    for (const listener of listeners) listener();
  };
  const stop = () => {
    stopTimer?.();
    stopTimer = null;
  };
  const advance = (next: BreathCount) => {
    const finished = next.phase === 'done' && snapshot.count.phase === 'counting';
    if (finished) stop();
    set(next);
    if (finished && next.phase === 'done') for (const listener of doneListeners) listener(next.ratePerMin, next);
  };

  return {
    start(durationS, startedAtMs = clock.now()) {
      stop();
      set(startCount(durationS, Math.min(startedAtMs, clock.now())));
      stopTimer = clock.every(BREATH_COUNT_TICK_MS, () => advance(tickCount(snapshot.count, clock.now())));
    },
    tap() {
      advance(tapBreath(snapshot.count, clock.now()));
    },
    cancel() {
      stop();
      set(IDLE_COUNT);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    onDone(listener) {
      doneListeners.add(listener);
      return () => doneListeners.delete(listener);
    },
  };
}
