import { isNewerSnapshot, type CallUpdate, type ClientToServerName, type Participant } from '@desk/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionStatus } from '../../lib/socket';
import type { Log } from './channel';

/**
 * The call session: the server's latest snapshot of the call, who this page is in it, and whether
 * this page holds that participant's media. Snapshots carry the server's `seq`: an older one (an
 * acknowledgement overtaken by a broadcast) is dropped.
 */

export type SessionSelf = {
  callId: string;
  participantId: string;
  /** This page holds the participant's media. */
  holding: boolean;
  /** The participant's epoch when this page took its media: a higher one means another page has it now. */
  epoch: number | null;
};

export type RequestFailure = { request: ClientToServerName; code: string; message: string };

export type SessionView = {
  update: CallUpdate | null;
  /** The server has answered at all (to tell "no call" from "loading"). */
  known: boolean;
  self: SessionSelf | null;
  /** Another page (a tab, a reload) took this participant's media after this page had it. */
  movedAway: boolean;
  connection: ConnectionStatus;
  /** The socket has been up at least once: only then is a lost connection news ("Your signal dropped"). */
  everConnected: boolean;
  /** When the call's base state last changed (ms). */
  stateSince: number;
  requestError: RequestFailure | null;
};

export type CallSession = {
  store: StoreApi<SessionView>;
  apply(update: CallUpdate, source: 'event' | 'ack'): void;
  /** `holding` from the server's answer; the epoch is read from the snapshot that came with it. */
  setSelf(self: Omit<SessionSelf, 'epoch'> | null, update: CallUpdate | null): void;
  setConnection(connection: ConnectionStatus): void;
  setKnown(): void;
  setRequestError(failure: RequestFailure | null): void;
  /** This page's participant in the snapshot. */
  selfParticipant(): Participant | null;
  /** This page may make media for its participant. */
  holds(): boolean;
};

export function createCallSession(options: { now: () => number; log: Log }): CallSession {
  const { now, log } = options;
  const store = createStore<SessionView>()(() => ({
    update: null,
    known: false,
    self: null,
    movedAway: false,
    connection: 'connecting',
    everConnected: false,
    stateSince: now(),
    requestError: null,
  }));
  const view = () => store.getState();

  /** The one setter: every change is logged (ids and codes only) and announced to subscribers. */
  const set = (patch: Partial<SessionView>, why: string, detail: Record<string, unknown> = {}) => {
    log(`session: ${why}`, detail);
    store.setState(patch);
  };

  const participantIn = (update: CallUpdate | null, id: string | undefined) => update?.participants.find((p) => p.id === id) ?? null;

  /** The change a snapshot makes, or null when it is older than the one held (or `self` as it will be). */
  function applied(update: CallUpdate, self: SessionSelf | null): { patch: Partial<SessionView>; why: string; detail: Record<string, unknown> } | null {
    const current = view().update;
    const sameCall = current?.callId === update.callId;
    if (sameCall && !isNewerSnapshot(current, update)) return null;
    // A different call replaces this one only if it is newer (seq is one counter across calls).
    if (current && !sameCall && !isNewerSnapshot(current, update)) return null;
    const mine = self && self.callId === update.callId ? participantIn(update, self.participantId) : null;
    // The epoch moved on while this page held the media: another page has it now.
    const movedAway = Boolean(self?.holding && self.epoch !== null && mine && mine.epoch > self.epoch);
    const stateChanged = !current || !sameCall || current.snapshot.state !== update.snapshot.state;
    return {
      patch: {
        update,
        known: true,
        ...(stateChanged ? { stateSince: now() } : {}),
        ...(movedAway && self ? { movedAway: true, self: { ...self, holding: false } } : {}),
      },
      why: `${update.snapshot.state}${update.snapshot.reason ? `:${update.snapshot.reason}` : ''}`,
      detail: { seq: update.seq, ...(movedAway ? { movedAway } : {}) },
    };
  }

  function apply(update: CallUpdate, source: 'event' | 'ack'): void {
    const change = applied(update, view().self);
    if (change) set(change.patch, change.why, { ...change.detail, source });
  }

  return {
    store,
    apply,
    setSelf(self, update) {
      const epoch = self && update ? (participantIn(update, self.participantId)?.epoch ?? null) : null;
      const nextSelf = self ? { ...self, epoch } : null;
      // One change, not two: a subscriber must never see the new self beside the old snapshot (a rejoining
      // parent's page saw itself holding a call it had left, and turned its camera off).
      const change = update ? applied(update, nextSelf) : null;
      set(
        { self: nextSelf, ...(self?.holding ? { movedAway: false } : {}), ...change?.patch },
        `${self ? (self.holding ? 'holding' : 'held elsewhere') : 'no part in the call'}${change ? `, ${change.why}` : ''}`,
        { ...change?.detail, source: 'ack' },
      );
    },
    setConnection(connection) {
      if (view().connection !== connection) set({ connection, ...(connection === 'connected' ? { everConnected: true } : {}) }, `socket ${connection}`);
    },
    setKnown() {
      if (!view().known) set({ known: true }, 'no call yet');
    },
    setRequestError(requestError) {
      set({ requestError }, requestError ? `${requestError.request} refused` : 'request ok', requestError ? { code: requestError.code } : {});
    },
    selfParticipant: () => participantIn(view().update, view().self?.participantId),
    holds: () => view().self?.holding === true,
  };
}
