import { useEffect, useMemo, useState } from 'react';
import { createCallController, type CallController, type CallControllerOptions } from './controller';

/**
 * One controller per page identity (a desk case, or a join page's participant) for the component's
 * lifetime: started on mount, stopped on unmount (which closes its connections). `options` is read
 * once: pass getters for values that change.
 */
export function useCallController(options: CallControllerOptions): CallController {
  const key = options.page.kind === 'desk' ? `desk:${options.page.caseId}` : `join:${options.page.participantId}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new controller only for a new case or participant
  const controller = useMemo(() => createCallController(options), [key]);
  useEffect(() => {
    controller.start();
    return () => controller.stop();
  }, [controller]);
  return controller;
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
