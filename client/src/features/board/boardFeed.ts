import type { DeskCasesDelta, DeskCasesSnapshot } from '@desk/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionStatus, DeskSocket } from '../../lib/socket';
import { errorMessage } from '../../lib/errors';
import { applyDelta, applyRowsDelta, fromSnapshot, rowsFromSnapshot, type BoardData, type DeltaResult, type LiveRows } from './boardState';

/**
 * A live feed of rows, framework-free: on every (re)connection it asks for a snapshot
 * (`board:watch` for the board, `cases:watch` for the case list), then applies the deltas in
 * order; a gap asks for a snapshot again. Deltas that
 * arrive while a snapshot is on its way wait for it (they may be the ones after it). React only
 * renders the store (useBoard.ts).
 */
export type BoardConnection =
  /** First connection, no board yet. */
  | 'connecting'
  | 'live'
  /** Lost the connection (or resyncing after a gap): what is shown may be out of date. */
  | 'reconnecting'
  /** The page must be reloaded or signed in again: it will not come back on its own. */
  | 'stopped';

export type LiveFeedState<T> = {
  connection: BoardConnection;
  /** Why it is not live, when it says more than the connection ("Signed out", a refused watch). */
  problem: string | null;
  data: T | null;
};
export type BoardFeedState = LiveFeedState<BoardData>;

const STOPPED: Partial<Record<ConnectionStatus, string>> = {
  protocol_mismatch: 'The desk was updated. Reload the page.',
  unauthenticated: 'Signed out. Sign in again.',
  disconnected: 'Disconnected. Reload the page.',
};

const RETRY_MS = 3_000;

export type LiveFeed<T> = { store: StoreApi<LiveFeedState<T>>; start(): () => void };
export type BoardFeed = LiveFeed<BoardData>;

type Source<T, S, D> = {
  watch(): Promise<S>;
  subscribe(handler: (delta: D) => void): () => void;
  fromSnapshot(snapshot: S, localNowMs: number): T;
  apply(data: T, delta: D, localNowMs: number): DeltaResult<T>;
};

/** The supervisor's board: rows, clinicians and figures. */
export function createBoardFeed(socket: DeskSocket, now: () => number = Date.now): BoardFeed {
  return createLiveFeed(socket, now, {
    watch: () => socket.request('board:watch', {}),
    subscribe: (handler) => socket.on('board:delta', handler),
    fromSnapshot,
    apply: applyDelta,
  });
}

/** The clinician's case list: the same rows, nothing else. */
export function createCaseListFeed(socket: DeskSocket, now: () => number = Date.now): LiveFeed<LiveRows> {
  return createLiveFeed<LiveRows, DeskCasesSnapshot, DeskCasesDelta>(socket, now, {
    watch: () => socket.request('cases:watch', {}),
    subscribe: (handler) => socket.on('cases:delta', handler),
    fromSnapshot: rowsFromSnapshot,
    apply: applyRowsDelta,
  });
}

function createLiveFeed<T extends LiveRows, S, D>(socket: DeskSocket, now: () => number, source: Source<T, S, D>): LiveFeed<T> {
  const store = createStore<LiveFeedState<T>>()(() => ({ connection: 'connecting', problem: null, data: null }));
  let syncing = false;
  /** Each request for a snapshot has a number: an answer to an older one (a dropped connection's) is ignored. */
  let generation = 0;
  let held: D[] = [];

  let retry: ReturnType<typeof setTimeout> | undefined;
  const resync = () => {
    clearTimeout(retry);
    if (syncing) return;
    syncing = true;
    held = [];
    const mine = ++generation;
    if (store.getState().data) store.setState({ connection: 'reconnecting' });
    source.watch().then(
      (snapshot) => {
        if (mine !== generation) return;
        syncing = false;
        let data = source.fromSnapshot(snapshot, now());
        const waiting = held;
        held = [];
        for (const delta of waiting) {
          const result = source.apply(data, delta, now());
          if (result.kind === 'applied') data = result.data;
          else if (result.kind === 'gap') return resync();
        }
        store.setState({ connection: 'live', problem: null, data });
      },
      (error: unknown) => {
        if (mine !== generation) return;
        syncing = false;
        store.setState({ problem: `Could not load the live list: ${errorMessage(error)}. Trying again…` });
        // Refused for now (the database is down, say): ask again shortly; a reconnection asks by itself.
        retry = setTimeout(resync, RETRY_MS);
      },
    );
  };

  return {
    store,
    start() {
      const offDelta = source.subscribe((delta) => {
        const { data } = store.getState();
        if (syncing || !data) {
          held.push(delta);
          return;
        }
        const result = source.apply(data, delta, now());
        if (result.kind === 'applied') store.setState({ data: result.data });
        else if (result.kind === 'gap') resync();
      });
      const offStatus = socket.onStatus((status) => {
        const stopped = STOPPED[status];
        if (stopped) return store.setState({ connection: 'stopped', problem: stopped });
        if (status === 'connected') {
          // A new connection has joined no room yet: ask again, and replace whatever is shown.
          syncing = false;
          resync();
        } else {
          store.setState({ connection: store.getState().data ? 'reconnecting' : 'connecting' });
        }
      });
      return () => {
        clearTimeout(retry);
        generation += 1;
        offDelta();
        offStatus();
      };
    },
  };
}
