import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionStatus, DeskSocket } from '../../lib/socket';
import { errorMessage } from '../../lib/errors';
import { applyDelta, fromSnapshot, type BoardData } from './boardState';

/**
 * The board's live feed, framework-free: on every (re)connection it asks `board:watch` for a
 * snapshot, then applies `board:delta`s in order; a gap asks for a snapshot again. Deltas that
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

export type BoardFeedState = {
  connection: BoardConnection;
  /** Why it is not live, when it says more than the connection ("Signed out", a refused watch). */
  problem: string | null;
  data: BoardData | null;
};

const STOPPED: Partial<Record<ConnectionStatus, string>> = {
  protocol_mismatch: 'The desk was updated. Reload the page.',
  unauthenticated: 'Signed out. Sign in again.',
  disconnected: 'Disconnected. Reload the page.',
};

const RETRY_MS = 3_000;

export type BoardFeed = { store: StoreApi<BoardFeedState>; start(): () => void };

export function createBoardFeed(socket: DeskSocket, now: () => number = Date.now): BoardFeed {
  const store = createStore<BoardFeedState>()(() => ({ connection: 'connecting', problem: null, data: null }));
  let syncing = false;
  /** Each request for a snapshot has a number: an answer to an older one (a dropped connection's) is ignored. */
  let generation = 0;
  let held: Parameters<typeof applyDelta>[1][] = [];

  let retry: ReturnType<typeof setTimeout> | undefined;
  const resync = () => {
    clearTimeout(retry);
    if (syncing) return;
    syncing = true;
    held = [];
    const mine = ++generation;
    if (store.getState().data) store.setState({ connection: 'reconnecting' });
    socket.request('board:watch', {}).then(
      (snapshot) => {
        if (mine !== generation) return;
        syncing = false;
        let data = fromSnapshot(snapshot, now());
        const waiting = held;
        held = [];
        for (const delta of waiting) {
          const result = applyDelta(data, delta, now());
          if (result.kind === 'applied') data = result.data;
          else if (result.kind === 'gap') return resync();
        }
        store.setState({ connection: 'live', problem: null, data });
      },
      (error: unknown) => {
        if (mine !== generation) return;
        syncing = false;
        store.setState({ problem: `Could not load the board: ${errorMessage(error)}. Trying again…` });
        // Refused for now (the database is down, say): ask again shortly; a reconnection asks by itself.
        retry = setTimeout(resync, RETRY_MS);
      },
    );
  };

  return {
    store,
    start() {
      const offDelta = socket.on('board:delta', (delta) => {
        const { data } = store.getState();
        if (syncing || !data) {
          held.push(delta);
          return;
        }
        const result = applyDelta(data, delta, now());
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
