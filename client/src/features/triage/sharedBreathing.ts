/**
 * The breathing exam's shared timer, told to the desk's breath counter: when the parent is ready,
 * the counter counts 30 s from the server's start time (on this page's clock), so the clinician
 * taps breaths while the parent's phone counts down the same seconds. A page-wide channel because
 * the call panel and the triage checklist are far apart on the case page.
 */
export type SharedBreathingTimer = {
  /** The ask and its start: the same start told twice starts one count. */
  key: string;
  /** When the shared timer started, on this page's clock (ms). */
  startedAtMs: number;
};

const listeners = new Set<(timer: SharedBreathingTimer) => void>();
let lastKey: string | null = null;

export function shareBreathingTimer(timer: SharedBreathingTimer): void {
  if (timer.key === lastKey) return;
  lastKey = timer.key;
  for (const listener of listeners) listener(timer);
}

export function onSharedBreathingTimer(listener: (timer: SharedBreathingTimer) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
