import type { AskAnswer, AskRequest, AskUpdate, ParentAsk } from '@desk/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallSocket, Log } from './channel';

/**
 * What the desk has asked the parent in one call (back camera, a guided exam, a photo): the
 * server's current ask, and how far the server's clock is from this page's, so both sides count a
 * shared timer down from the same server timestamp. Framework-free; the desk and the parent's page
 * each render it their own way. No zod here: the socket module checks what the server sends.
 */

export type AsksView = {
  ask: ParentAsk | null;
  /** Server time minus this page's time (ms), from the last update. */
  clockOffsetMs: number;
  /** A request is on its way (its button is disabled until the answer). */
  busy: boolean;
  error: string | null;
};

export type Asks = {
  store: StoreApi<AsksView>;
  /** Clinician: ask the parent (replaces the current ask). */
  send(request: AskRequest): Promise<boolean>;
  /** Parent: accept or decline the open ask. */
  answer(answer: AskAnswer): Promise<boolean>;
  restartTimer(): Promise<boolean>;
  /** Clinician: take the ask off both screens. */
  close(): Promise<boolean>;
  /** Stops listening. */
  stop(): void;
};

/** This page's clock, turned into the server's. */
export function serverNowMs(view: Pick<AsksView, 'clockOffsetMs'>, now: number = Date.now()): number {
  return now + view.clockOffsetMs;
}

export function createAsks(options: { socket: CallSocket; callId: string; log?: Log; now?: () => number }): Asks {
  const { socket, callId } = options;
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const store = createStore<AsksView>()(() => ({ ask: null, clockOffsetMs: 0, busy: false, error: null }));

  /** A closed ask never comes back (an acknowledgement that arrives after the close, say). */
  const closed = new Set<string>();

  /** One setter: every change of the current ask goes through here, and is logged (ids and states only). */
  const apply = (update: AskUpdate) => {
    if (update.callId !== callId) return;
    const current = store.getState().ask;
    // The same ask, older than the one shown (an acknowledgement overtaken by a push): keep the newer.
    if (update.ask && current && update.ask.id === current.id && rank(update.ask) < rank(current)) return;
    if (update.ask?.state === 'closed') closed.add(update.ask.id);
    const ask = update.ask && !closed.has(update.ask.id) ? update.ask : null;
    log(`ask: ${ask ? `${ask.request.kind} ${ask.state}` : 'none'}`, { askId: update.ask?.id ?? null });
    store.setState({ ask, clockOffsetMs: Date.parse(update.serverNow) - now() });
  };

  const run = async (work: () => Promise<AskUpdate>): Promise<boolean> => {
    store.setState({ busy: true, error: null });
    try {
      apply(await work());
      store.setState({ busy: false });
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : 'That did not work. Try again.';
      store.setState({ busy: false, error: message });
      return false;
    }
  };
  const currentId = () => store.getState().ask?.id ?? null;
  const withCurrent = (work: (askId: string) => Promise<AskUpdate>) => {
    const askId = currentId();
    return askId ? run(() => work(askId)) : Promise.resolve(false);
  };

  const off = socket.on('ask', apply);
  // Sticky in the socket module: asked again after every reconnect, its answer delivered as a push.
  socket.request('ask:watch', { callId }).then(apply, (error: unknown) => log('ask: could not read the current ask', { error: String(error) }));

  return {
    store,
    send: (request) => run(() => socket.request('ask:send', { callId, request })),
    answer: (answer) => withCurrent((askId) => socket.request('ask:answer', { callId, askId, answer })),
    restartTimer: () => withCurrent((askId) => socket.request('ask:timer', { callId, askId })),
    close: () => withCurrent((askId) => socket.request('ask:close', { callId, askId })),
    stop: off,
  };
}

/** How far along an ask is: a later state, or a later timer start, is newer. */
function rank(ask: ParentAsk): number {
  const state = { open: 0, accepted: 1, declined: 1, closed: 2 }[ask.state];
  return state * 1e15 + (ask.timer ? Date.parse(ask.timer.startedAt) : 0);
}
