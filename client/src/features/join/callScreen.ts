import { useEffect, useState } from 'react';
import type { Messages } from '../i18n/types';

/**
 * What the phone's call screen needs from the browser beyond the call itself: the screen kept on,
 * media resumed when the page comes back to the foreground, and a clock for the waiting room.
 * Each is silently absent where the browser lacks it.
 */

type WakeLockSentinelLike = { release(): Promise<void>; addEventListener?(type: 'release', listener: () => void): void };
type WakeLockLike = { request(type: 'screen'): Promise<WakeLockSentinelLike> };

/** Keeps the screen on while `active` (a phone dims and locks in 30 s while the parent holds the child up to it). */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockLike }).wakeLock;
    if (!active || !wakeLock) return;
    let sentinel: WakeLockSentinelLike | null = null;
    let stopped = false;
    const acquire = () => {
      // The browser drops the lock whenever the page is hidden; it can only be asked for while visible.
      if (stopped || sentinel || document.visibilityState !== 'visible') return;
      wakeLock.request('screen').then(
        (lock) => {
          if (stopped) return void lock.release().catch(() => undefined);
          sentinel = lock;
          lock.addEventListener?.('release', () => {
            if (sentinel === lock) sentinel = null;
          });
        },
        () => undefined,
      );
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') acquire();
      else sentinel = null;
    };
    acquire();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisibility);
      void sentinel?.release().catch(() => undefined);
      sentinel = null;
    };
  }, [active]);
}

/** Calls `resume` each time the page comes back to the foreground (tab shown again, or restored from the back/forward cache). */
export function useForeground(resume: () => void): void {
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'visible') resume();
    };
    const onPageshow = (event: PageTransitionEvent) => {
      if (event.persisted) resume();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pageshow', onPageshow);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pageshow', onPageshow);
    };
  }, [resume]);
}

/** Plays every video in `root` that has a picture but stopped (a phone pauses media in the background). False if the browser wants a tap first. */
export async function resumeVideos(root: ParentNode | null): Promise<boolean> {
  if (!root) return true;
  const stalled = [...root.querySelectorAll('video')].filter((video) => video.srcObject && video.paused);
  const results = await Promise.all(
    stalled.map(async (video) => {
      try {
        await (video.play() as Promise<void> | undefined);
        return true;
      } catch (error) {
        return !(error instanceof DOMException && error.name === 'NotAllowedError');
      }
    }),
  );
  return results.every(Boolean);
}

/** Whole seconds since `since` (ms), ticking once a second; never negative (the phone's clock may be behind the server's). */
export function useSecondsSince(since: number | null, now: () => number = Date.now): number | null {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 1_000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? null : Math.max(0, Math.floor((now() - since) / 1_000));
}

/** "45 seconds", "1 minute 5 seconds", "12 minutes": plain words for the waiting room, each count in its language's plural. */
export function waitedWords(words: Pick<Messages['waiting'], 'seconds' | 'minutes' | 'minutesAndSeconds'>, seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return words.seconds(rest);
  if (minutes >= 10 || rest === 0) return words.minutes(minutes);
  return words.minutesAndSeconds(words.minutes(minutes), words.seconds(rest));
}
