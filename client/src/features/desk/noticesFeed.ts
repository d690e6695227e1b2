import type { DeskNotice } from '@desk/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { errorMessage } from '../../lib/errors';
import type { DeskSocket } from '../../lib/socket';
import { dismissNotice, fetchNotices } from './api';
import { mergeNotices } from './notices';

/**
 * The clinician's notices, framework-free: loaded from `GET /api/me/notices` on every
 * (re)connection (so one sent while the connection was down is not missed), then live from the
 * socket's `notice` event. React only renders the store (DeskNotices.tsx).
 */
export type NoticesState = {
  notices: DeskNotice[];
  loaded: boolean;
  /** Why the list could not be loaded, or null. */
  problem: string | null;
  /** The notices that arrived since the page showed the list, newest first: read out politely. */
  arrived: DeskNotice[];
  /** Dismissals under way, by notice id. */
  dismissing: Record<string, true>;
  /** Dismissals the server refused, by notice id. */
  dismissErrors: Record<string, string>;
};

export type NoticesFeed = { store: StoreApi<NoticesState>; start(): () => void; reload(): void; dismiss(noticeId: string): Promise<void> };

type Client = { fetchNotices: typeof fetchNotices; dismissNotice: typeof dismissNotice };

export function createNoticesFeed(socket: DeskSocket, client: Client = { fetchNotices, dismissNotice }): NoticesFeed {
  const store = createStore<NoticesState>()(() => ({ notices: [], loaded: false, problem: null, arrived: [], dismissing: {}, dismissErrors: {} }));
  /** Each load has a number: an older one's answer is ignored. */
  let generation = 0;
  /** Live notices that came while a load was on its way: the load's answer may predate them. */
  let heardDuringLoad: DeskNotice[] = [];
  /** Dismissed on this page: never shown again, whatever an older answer says. */
  const dismissed = new Set<string>();
  let loading = false;

  const visible = (list: DeskNotice[]) => list.filter((n) => !dismissed.has(n.id));

  const reload = () => {
    const mine = ++generation;
    loading = true;
    heardDuringLoad = [];
    client.fetchNotices().then(
      ({ notices }) => {
        if (mine !== generation) return;
        loading = false;
        const before = store.getState();
        const next = visible(mergeNotices(notices, heardDuringLoad));
        const known = new Set(before.notices.map((n) => n.id));
        // On sign-in the list is simply shown; after a reconnect, what is new is read out like a live one.
        const fresh = before.loaded ? next.filter((n) => !known.has(n.id)) : [];
        store.setState({ notices: next, loaded: true, problem: null, arrived: fresh.length ? fresh : before.arrived });
      },
      (error: unknown) => {
        if (mine !== generation) return;
        loading = false;
        store.setState({ problem: `Could not load your notices: ${errorMessage(error)}` });
      },
    );
  };

  return {
    store,
    reload,
    start() {
      const offNotice = socket.on('notice', (notice) => {
        if (dismissed.has(notice.id)) return;
        if (loading) heardDuringLoad.push(notice);
        const { notices } = store.getState();
        store.setState({ notices: mergeNotices(notices, [notice]), arrived: [notice] });
      });
      const offStatus = socket.onStatus((status) => {
        if (status === 'connected') reload();
      });
      return () => {
        generation += 1;
        offNotice();
        offStatus();
      };
    },
    async dismiss(noticeId) {
      const { dismissing, dismissErrors } = store.getState();
      if (dismissing[noticeId]) return;
      const { [noticeId]: _cleared, ...otherErrors } = dismissErrors;
      store.setState({ dismissing: { ...dismissing, [noticeId]: true }, dismissErrors: otherErrors });
      try {
        await client.dismissNotice(noticeId);
        dismissed.add(noticeId);
        const state = store.getState();
        store.setState({ notices: state.notices.filter((n) => n.id !== noticeId), arrived: state.arrived.filter((n) => n.id !== noticeId) });
      } catch (error) {
        store.setState({ dismissErrors: { ...store.getState().dismissErrors, [noticeId]: `Could not dismiss it: ${errorMessage(error)}` } });
      } finally {
        const { [noticeId]: _done, ...rest } = store.getState().dismissing;
        store.setState({ dismissing: rest });
      }
    },
  };
}
