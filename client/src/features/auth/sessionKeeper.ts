import { staffSessionSchema, type SessionTiming } from '@desk/shared';
import { useEffect } from 'react';
import { create } from 'zustand';
import { ApiRequestError, api } from '../../lib/api';
import { idleView, type IdleView } from './idle';

/**
 * Keeps a staff session alive while the person is here, and warns before it ends (docs/security.md,
 * "Sessions"). Here means: they typed or clicked (told to the server at most once a minute), or a
 * live call, a watched board or an open decision draft holds the desk (told every minute while
 * it does). The server decides; this only reports activity and shows what the server said.
 */

/** At most one activity report a minute, however busy the keyboard. */
export const REPORT_EVERY_MS = 60_000;

type KeeperState = {
  timing: SessionTiming | null;
  view: IdleView | null;
};

export const useSessionKeeper = create<KeeperState>()(() => ({ timing: null, view: null }));

export type KeeperDeps = {
  now(): number;
  /** Reports activity; answers the session's timing (null: signed out). */
  report(): Promise<SessionTiming | null>;
  /** Reads the timing without reporting (another tab may have been active). */
  read(): Promise<SessionTiming | null>;
  onEnded(): void;
};

export class SessionKeeper {
  private lastReport = Number.NEGATIVE_INFINITY;
  private readonly busy = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private busyTimer: ReturnType<typeof setInterval> | null = null;
  private reporting: Promise<void> | null = null;

  constructor(private readonly deps: KeeperDeps) {}

  start(timing: SessionTiming): void {
    this.apply(timing);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.busyTimer) clearInterval(this.busyTimer);
    this.timer = null;
    this.busyTimer = null;
    useSessionKeeper.setState({ timing: null, view: null });
  }

  /** A key press or a click: reported unless one was this minute (the report, when one is made). */
  activity(): Promise<void> | null {
    return this.deps.now() - this.lastReport >= REPORT_EVERY_MS ? this.report() : null;
  }

  /** "Stay signed in": reported at once. */
  stay(): Promise<void> {
    return this.report();
  }

  /** A call, a board or a draft holds the desk (`on`), or no longer does. */
  setBusy(reason: string, on: boolean): void {
    if (on) this.busy.add(reason);
    else this.busy.delete(reason);
    if (this.busy.size && !this.busyTimer) {
      void this.report();
      this.busyTimer = setInterval(() => void this.report(), REPORT_EVERY_MS);
    } else if (!this.busy.size && this.busyTimer) {
      clearInterval(this.busyTimer);
      this.busyTimer = null;
    }
  }

  private report(): Promise<void> {
    this.lastReport = this.deps.now();
    this.reporting ??= this.deps
      .report()
      .then((timing) => (timing ? this.apply(timing) : this.ended()))
      .catch(() => undefined)
      .finally(() => {
        this.reporting = null;
      });
    return this.reporting;
  }

  private apply(timing: SessionTiming): void {
    const view = idleView(timing, this.deps.now());
    useSessionKeeper.setState({ timing, view });
    if (this.timer) clearTimeout(this.timer);
    if (view.kind === 'ended') return this.ended();
    const at = view.kind === 'fine' ? view.checkAt : view.endsAt;
    this.timer = setTimeout(() => void this.check(), Math.max(0, at - this.deps.now()));
  }

  /** Before warning or ending, ask the server: another tab may have kept the session alive. */
  private async check(): Promise<void> {
    try {
      const timing = await this.deps.read();
      if (timing) this.apply(timing);
      else this.ended();
    } catch {
      const { timing } = useSessionKeeper.getState();
      if (timing) this.apply(timing);
    }
  }

  private ended(): void {
    this.stop();
    this.deps.onEnded();
  }
}

const timingOf = async (method: 'GET' | 'POST', path: string): Promise<SessionTiming | null> => {
  try {
    return (await api(method, path, staffSessionSchema)).timing ?? null;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
};

export const fetchTiming = {
  report: () => timingOf('POST', '/api/auth/activity'),
  read: () => timingOf('GET', '/api/auth/session'),
};

let current: SessionKeeper | null = null;

/** The desk's keeper while someone is signed in (set by `SessionTimeout`). */
export function setCurrentKeeper(keeper: SessionKeeper | null): void {
  current = keeper;
}

/** For features that hold the desk (a live call, a watched board, an open draft): activity while `on`. */
export function keepAlive(reason: string, on: boolean): void {
  current?.setBusy(reason, on);
}

/** React: the desk is held (counts as activity) while `on` and the component is mounted. */
export function useKeepAlive(reason: string, on: boolean): void {
  useEffect(() => {
    if (!on) return;
    keepAlive(reason, true);
    return () => keepAlive(reason, false);
  }, [reason, on]);
}
