import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { deskReaders } from '../../lib/deskReaders';
import { getSocket } from '../../lib/socket';
import { createBoardFeed, createCaseListFeed, type BoardFeed, type BoardFeedState, type LiveFeed, type LiveFeedState } from './boardFeed';
import type { LiveRows } from './boardState';

/** The page's board feed: one per mounted board, started and stopped with it. */
export function useBoard(): BoardFeedState {
  const [feed] = useState<BoardFeed>(() => createBoardFeed(getSocket('staff', deskReaders)));
  useEffect(() => feed.start(), [feed]);
  return useStore(feed.store);
}

/** The clinician's case list, live from the same rows. */
export function useCaseList(): LiveFeedState<LiveRows> {
  const [feed] = useState<LiveFeed<LiveRows>>(() => createCaseListFeed(getSocket('staff', deskReaders)));
  useEffect(() => feed.start(), [feed]);
  return useStore(feed.store);
}

/** The time now, moved on every `intervalMs` (the board's counters tick once a second). */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
