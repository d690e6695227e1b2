import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { createCallController, type CallController, type CallControllerOptions, type CallView } from './controller';

/**
 * One controller per (role, case) for the component's lifetime; started on mount and stopped on
 * unmount (which destroys the peer). `options` is read once: pass getters for values that change.
 */
export function useCallController(options: CallControllerOptions): CallController {
  const { role, caseId } = options;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new controller only for a new case or role
  const controller = useMemo(() => createCallController(options), [role, caseId]);
  useEffect(() => {
    controller.start();
    return () => controller.stop();
  }, [controller]);
  return controller;
}

export function useCallView<T>(controller: CallController, selector: (view: CallView) => T): T {
  return useStore(controller.store, selector);
}

/** True once `active` has held for `afterMs` since `since` (re-renders when the time comes). */
export function useElapsed(active: boolean, since: number, afterMs: number, now: () => number = Date.now): boolean {
  const [, setTick] = useState(0);
  const elapsed = active && now() - since >= afterMs;
  useEffect(() => {
    if (!active || elapsed) return;
    const timer = setTimeout(() => setTick((tick) => tick + 1), Math.max(0, since + afterMs - now()));
    return () => clearTimeout(timer);
  }, [active, elapsed, since, afterMs, now]);
  return elapsed;
}
