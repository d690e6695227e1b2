import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { createAsks, serverNowMs, type Asks, type AsksView } from './asks';
import type { CallSocket } from './channel';

const NO_ASKS: AsksView = { ask: null, clockOffsetMs: 0, busy: false, error: null };

/** The asks of one call for the component's lifetime (none without a call). */
export function useAsks(socket: CallSocket, callId: string | null): { asks: Asks | null; view: AsksView } {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- one store per call; the socket is the page's one socket
  const asks = useMemo(() => (callId ? createAsks({ socket, callId }) : null), [callId]);
  useEffect(() => () => asks?.stop(), [asks]);
  const view = useStore(asks?.store ?? EMPTY, (state) => state);
  return { asks, view };
}

const EMPTY = { getState: () => NO_ASKS, getInitialState: () => NO_ASKS, subscribe: () => () => undefined, setState: () => undefined };

export type Countdown = {
  /** Whole seconds left, rounded up; 0 once time is up. */
  secondsLeft: number;
  done: boolean;
  /** Whole seconds since time was up (capillary refill counts from the release). */
  secondsSinceDone: number;
};

const TICK_MS = 250;

/** A shared timer counted on the server's clock: every page shows the same seconds, whatever its own clock says. */
export function useCountdown(timer: { startedAt: string; durationMs: number } | null, clockOffsetMs: number, now: () => number = Date.now): Countdown | null {
  const [, setTick] = useState(0);
  const endMs = timer ? Date.parse(timer.startedAt) + timer.durationMs : null;
  useEffect(() => {
    if (endMs === null) return;
    const id = setInterval(() => setTick((tick) => tick + 1), TICK_MS);
    return () => clearInterval(id);
  }, [endMs]);
  if (endMs === null) return null;
  const leftMs = endMs - serverNowMs({ clockOffsetMs }, now());
  return { secondsLeft: Math.max(0, Math.ceil(leftMs / 1000)), done: leftMs <= 0, secondsSinceDone: leftMs <= 0 ? Math.floor(-leftMs / 1000) : 0 };
}
