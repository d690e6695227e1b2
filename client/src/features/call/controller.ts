import {
  IN_CALL_STATES,
  peerMessageSchema,
  type PeerMessage,
  type CallUpdate,
  type ClientToServerName,
  type ClientToServerPayload,
  type ClientToServerResult,
  type IceServer,
  type ServerToClientName,
  type ServerToClientPayload,
} from '@desk/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionStatus } from '../../lib/socket';
import type { MediaResult } from '../video/media';
import { setTracksEnabled, stopStream } from '../video/media';
import type { PeerFactory, PeerHandle, SignalPayload } from '../video/peer-types';

/**
 * One call as one side sees it. Framework-free: the React layer only renders `store`.
 *
 * The server is authoritative. This controller never decides the call state; it shows the last
 * CallUpdate the server sent and keeps exactly one WebRTC peer per (call, attempt) while the
 * state is in IN_CALL_STATES. A new attempt means the server restarted the connection (someone
 * reloaded or their socket came back): both sides throw the old peer away and build a new one.
 */

export type CallRole = 'clinician' | 'parent';

/** What the controller needs from lib/socket's DeskSocket (a fake in tests). */
export type CallSocket = {
  request<K extends ClientToServerName>(name: K, payload: ClientToServerPayload<K>): Promise<ClientToServerResult[K]>;
  on<K extends ServerToClientName>(name: K, handler: (payload: ServerToClientPayload<K>) => void): () => void;
  onStatus(handler: (status: ConnectionStatus) => void): () => void;
};

export type LocalMediaStatus = 'none' | 'pending' | 'ready' | 'failed';

export type CallView = {
  /** The last state the server sent; null until it answers (or when the case has no call yet). */
  update: CallUpdate | null;
  /** Whether the server has answered at all (case:watch / parent:ready), to tell "no call" from "loading". */
  known: boolean;
  /** When `update.snapshot` last changed state or attempt, by `now()`: drives "video isn't working" prompts. */
  stateSince: number;
  connection: ConnectionStatus;
  localStream: MediaStream | null;
  localMedia: LocalMediaStatus;
  localMediaFailure: Extract<MediaResult, { ok: false }> | null;
  remoteStream: MediaStream | null;
  audioMuted: boolean;
  videoOff: boolean;
  /** What the other side says of its own microphone and camera (null until it says). */
  remoteMedia: { audioMuted: boolean; videoOff: boolean } | null;
  /** The last request the server refused or did not answer: its code to branch on, a message to show. */
  requestError: RequestFailure | null;
};

export type CallStore = StoreApi<CallView>;

export type RequestFailure = { request: ClientToServerName; code: string; message: string };

export type CallControllerOptions = {
  role: CallRole;
  caseId: string;
  socket: CallSocket;
  /** A getter when the value may arrive after the controller is made (the staff session loads late). */
  iceServers?: readonly IceServer[] | (() => readonly IceServer[]);
  /** Loads the peer implementation; by default the simple-peer chunk, loaded on first use. */
  loadPeerFactory?: () => PeerFactory | Promise<PeerFactory>;
  /**
   * Clinician only: open the camera and microphone by itself whenever `wanted(update)` holds,
   * and release them when it stops holding.
   */
  autoMedia?: { acquire: () => Promise<MediaResult>; wanted: (update: CallUpdate | null) => boolean };
  now?: () => number;
  /** Diagnostics (never PII: ids and codes only). */
  log?: (message: string, detail?: Record<string, unknown>) => void;
};

export type CallController = {
  store: CallStore;
  /** Subscribes to the socket and announces this side (clinician: case:watch). Safe to call again after stop(). */
  start(): void;
  /** Destroys the peer and unsubscribes; the clinician stops watching. Local media is not stopped. */
  stop(): void;
  /** Hands over (or takes back) the camera stream; a peer waiting for it is then created. */
  setLocalStream(stream: MediaStream | null): void;
  setLocalMediaPending(): void;
  setLocalMediaFailed(failure: Extract<MediaResult, { ok: false }>): void;
  /** Parent: tells the server the camera is ready (parent:ready), as soon as the socket is up. */
  announceReady(): void;
  admit(): Promise<void>;
  end(): Promise<void>;
  toggleAudio(): void;
  toggleVideo(): void;
  /** Swaps the sending video track (front ↔ back camera) in the local stream and the live peer. */
  replaceVideoTrack(newTrack: MediaStreamTrack): void;
  getPeerConnection(): RTCPeerConnection | undefined;
};

/** Early signals kept while the peer for their attempt is being built. Bounded: a peer needs a few dozen. */
const QUEUED_SIGNALS_MAX = 200;

type ActivePeer = { callId: string; attempt: number; handle: PeerHandle | null; connectedReported: boolean };

function parsePeerMessage(data: string): PeerMessage | null {
  try {
    const parsed = peerMessageSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

async function loadSimplePeerFactory(): Promise<PeerFactory> {
  const module = await import('../video/peer');
  return module.createPeer;
}

export function createCallController(options: CallControllerOptions): CallController {
  const { role, caseId, socket } = options;
  const now = options.now ?? (() => Date.now());
  const log = options.log ?? (() => undefined);
  const iceServers = () => {
    const value = options.iceServers ?? [];
    return typeof value === 'function' ? value() : value;
  };
  const loadPeerFactory = options.loadPeerFactory ?? loadSimplePeerFactory;

  const store = createStore<CallView>()(() => ({
    update: null,
    known: false,
    stateSince: now(),
    connection: 'connecting',
    localStream: null,
    localMedia: 'none',
    localMediaFailure: null,
    remoteStream: null,
    audioMuted: false,
    videoOff: false,
    remoteMedia: null,
    requestError: null,
  }));

  let running = false;
  let unsubscribers: Array<() => void> = [];
  let peer: ActivePeer | null = null;
  /** `callId:attempt` of the last peer that failed. */
  let failedPeer: string | null = null;
  let factory: PeerFactory | null = null;
  let factoryLoading: Promise<PeerFactory> | null = null;
  /** Counts call:state events; an ack is stale if one arrived while it was in flight. */
  let eventSeq = 0;
  /** An announcement (case:watch / parent:ready) waiting for the socket's first connection. */
  let announcePending = false;
  let lastStatus: ConnectionStatus = 'connecting';
  const queuedSignals = new Map<number, SignalPayload[]>();
  let queuedCount = 0;
  let mediaRequest: Promise<void> | null = null;

  const view = () => store.getState();

  // ---------- server state ----------

  function applyUpdate(update: CallUpdate, source: 'event' | 'ack'): void {
    if (update.caseId !== caseId) return;
    const current = view().update;
    if (current && current.callId === update.callId && update.snapshot.attempt < current.snapshot.attempt) {
      log('ignored a call state from an older attempt', { attempt: update.snapshot.attempt, source });
      return;
    }
    const changed =
      !current ||
      current.callId !== update.callId ||
      current.snapshot.state !== update.snapshot.state ||
      current.snapshot.attempt !== update.snapshot.attempt;
    if (current && current.callId !== update.callId) clearQueue();
    store.setState({ update, known: true, ...(changed ? { stateSince: now() } : {}) });
    reconcile();
  }

  /** Requests whose ack carries a CallUpdate: the ack counts only if no broadcast overtook it. */
  async function requestUpdate<K extends 'call:admit' | 'call:end' | 'call:media' | 'parent:ready' | 'parent:failed' | 'case:watch'>(
    name: K,
    payload: ClientToServerPayload<K>,
  ): Promise<CallUpdate | null> {
    const seqAtSend = eventSeq;
    const result = (await socket.request(name, payload)) as CallUpdate | null;
    if (result && seqAtSend === eventSeq) applyUpdate(result, 'ack');
    else if (!result && name === 'case:watch') store.setState({ known: true });
    return result;
  }

  function reportRequestError(request: ClientToServerName, error: unknown): void {
    const message = error instanceof Error ? error.message : 'The server did not accept that. Try again.';
    const code = errorCode(error);
    log(`${request} was refused`, { code });
    store.setState({ requestError: { request, code, message } });
  }

  // ---------- peers ----------

  /** Makes the peer match the server's state: one for the current attempt while in a call, none otherwise. */
  function reconcile(): void {
    if (!running) return;
    ensureAutoMedia(view().update);
    const { update, localMedia } = view();
    // Fetch the peer code while the parent waits, so "Admit" → first frame is not held up by a download.
    if (update?.snapshot.state === 'parent_waiting') {
      const loading = peerFactory();
      if (loading instanceof Promise) loading.catch(() => undefined);
    }
    const inCall = update !== null && IN_CALL_STATES.has(update.snapshot.state);
    // Wait for a camera that is being opened, so the offer carries its tracks.
    const wanted = inCall && localMedia !== 'pending' ? { callId: update.callId, attempt: update.snapshot.attempt } : null;
    if (peer && (!wanted || peer.callId !== wanted.callId || peer.attempt !== wanted.attempt)) destroyPeer();
    // Signals for a later attempt may overtake the call:state that starts it: keep those.
    if (!inCall) dropQueuedBefore((update?.snapshot.attempt ?? 0) + 1);
    // A peer that failed is not rebuilt for the same attempt: the server starts a new one if it can.
    if (wanted && !peer && failedPeer !== `${wanted.callId}:${wanted.attempt}`) createPeerFor(wanted.callId, wanted.attempt);
  }

  /** Tells the other browser whether this side is muted or has its camera off. */
  function sendMediaState(): void {
    const { audioMuted, videoOff } = view();
    const message: PeerMessage = { type: 'media', audioMuted, videoOff };
    peer?.handle?.send(JSON.stringify(message));
  }

  function createPeerFor(callId: string, attempt: number): void {
    const active: ActivePeer = { callId, attempt, handle: null, connectedReported: false };
    peer = active;
    dropQueuedBefore(attempt);
    const build = (make: PeerFactory) => {
      factory = make;
      if (peer !== active || !running) return; // superseded while the peer code loaded
      const isCurrent = () => peer === active;
      active.handle = make({
        initiator: role === 'clinician',
        stream: view().localStream,
        iceServers: iceServers(),
        onSignal(data) {
          if (!isCurrent()) return;
          socket.request('signal', { caseId, attempt, data }).catch((error: unknown) => {
            log('signal not relayed', { attempt, code: errorCode(error) });
          });
        },
        onRemoteStream(stream) {
          if (isCurrent()) store.setState({ remoteStream: stream });
        },
        onData(data) {
          if (!isCurrent()) return;
          const message = parsePeerMessage(data);
          if (message?.type === 'media') store.setState({ remoteMedia: { audioMuted: message.audioMuted, videoOff: message.videoOff } });
        },
        onConnect() {
          if (!isCurrent()) return;
          sendMediaState();
          if (active.connectedReported) return;
          active.connectedReported = true;
          log('peer connected', { attempt });
          requestUpdate('call:media', { caseId, attempt, status: 'connected' }).catch((error: unknown) =>
            log('call:media connected refused', { attempt, code: errorCode(error) }),
          );
        },
        onClose() {
          // The other side left or is rebuilding; the server will say what happens next.
          if (isCurrent()) store.setState({ remoteStream: null, remoteMedia: null });
        },
        onError(failure) {
          if (!isCurrent()) return;
          log('peer failed', { attempt, code: failure.code });
          failedPeer = `${callId}:${attempt}`;
          destroyPeer();
          requestUpdate('call:media', { caseId, attempt, status: 'failed' }).catch((error: unknown) =>
            log('call:media failed refused', { attempt, code: errorCode(error) }),
          );
        },
      });
      flushQueue(attempt);
    };
    if (factory) {
      build(factory);
      return;
    }
    const loaded = peerFactory();
    if (loaded instanceof Promise) {
      loaded.then(build, (error: unknown) => {
        log('peer code failed to load', { message: error instanceof Error ? error.message : String(error) });
        if (peer === active) {
          peer = null;
          failedPeer = `${callId}:${attempt}`;
          requestUpdate('call:media', { caseId, attempt, status: 'failed' }).catch(() => undefined);
        }
      });
    } else {
      build(loaded);
    }
  }

  /** The peer implementation, loaded once; synchronous when the loader is (tests). */
  function peerFactory(): PeerFactory | Promise<PeerFactory> {
    if (factory) return factory;
    if (factoryLoading) return factoryLoading;
    const loaded = loadPeerFactory();
    if (!(loaded instanceof Promise)) {
      factory = loaded;
      return loaded;
    }
    factoryLoading = loaded.then(
      (make) => {
        factory = make;
        return make;
      },
      (error: unknown) => {
        factoryLoading = null; // try again next time
        throw error;
      },
    );
    return factoryLoading;
  }

  function destroyPeer(): void {
    const old = peer;
    peer = null;
    old?.handle?.destroy();
    if (old) store.setState({ remoteStream: null, remoteMedia: null });
  }

  function onSignal(payload: ServerToClientPayload<'signal'>): void {
    if (payload.caseId !== caseId) return;
    const update = view().update;
    const currentAttempt = update?.snapshot.attempt ?? 0;
    const inCall = update !== null && IN_CALL_STATES.has(update.snapshot.state);
    if (payload.attempt < currentAttempt || (payload.attempt === currentAttempt && !inCall)) {
      log('dropped a signal from an older attempt', { attempt: payload.attempt, currentAttempt });
      return;
    }
    if (peer?.handle && peer.attempt === payload.attempt) {
      peer.handle.signal(payload.data);
      return;
    }
    // The signal overtook the call:state that announces its attempt, or the peer code is still loading.
    if (queuedCount >= QUEUED_SIGNALS_MAX) return;
    const list = queuedSignals.get(payload.attempt) ?? [];
    list.push(payload.data);
    queuedSignals.set(payload.attempt, list);
    queuedCount += 1;
  }

  function flushQueue(attempt: number): void {
    const list = queuedSignals.get(attempt);
    queuedSignals.delete(attempt);
    if (!list) return;
    queuedCount -= list.length;
    for (const data of list) {
      if (peer?.attempt !== attempt || !peer.handle) return;
      peer.handle.signal(data);
    }
  }

  function dropQueuedBefore(attempt: number): void {
    for (const [queuedAttempt, list] of queuedSignals) {
      if (queuedAttempt < attempt) {
        queuedSignals.delete(queuedAttempt);
        queuedCount -= list.length;
      }
    }
  }

  function clearQueue(): void {
    queuedSignals.clear();
    queuedCount = 0;
  }

  // ---------- local media ----------

  function ensureAutoMedia(update: CallUpdate | null): void {
    const auto = options.autoMedia;
    if (!auto) return;
    const wanted = auto.wanted(update);
    const { localMedia, localStream } = view();
    if (wanted && localMedia === 'none') void acquireAutoMedia();
    if (!wanted && localStream && !mediaRequest) {
      stopStream(localStream);
      store.setState({ localStream: null, localMedia: 'none', localMediaFailure: null });
    }
  }

  function acquireAutoMedia(): Promise<void> {
    const auto = options.autoMedia;
    if (!auto) return Promise.resolve();
    if (mediaRequest) return mediaRequest;
    store.setState({ localMedia: 'pending', localMediaFailure: null });
    mediaRequest = auto.acquire().then((result) => {
      mediaRequest = null;
      if (!running || !auto.wanted(view().update)) {
        if (result.ok) stopStream(result.stream);
        store.setState({ localMedia: 'none' });
        reconcile();
        return;
      }
      if (result.ok) controller.setLocalStream(result.stream);
      else controller.setLocalMediaFailed(result);
    });
    return mediaRequest;
  }

  // ---------- socket ----------

  /**
   * Says who this side is: the clinician watches the case, the parent is ready. Sent once the
   * socket is up; after a reconnection lib/socket sends it again by itself (and the server starts
   * a new attempt if a call was on).
   */
  function announce(): void {
    if (lastStatus !== 'connected') {
      announcePending = true;
      return;
    }
    announcePending = false;
    const name = role === 'clinician' ? 'case:watch' : 'parent:ready';
    requestUpdate(name, { caseId }).catch((error: unknown) => reportRequestError(name, error));
  }

  const controller: CallController = {
    store,
    start() {
      if (running) return;
      running = true;
      unsubscribers = [
        socket.on('call:state', (update) => {
          if (update.caseId !== caseId) return;
          eventSeq += 1;
          applyUpdate(update, 'event');
        }),
        socket.on('signal', onSignal),
        socket.onStatus((status) => {
          lastStatus = status;
          store.setState({ connection: status });
          if (status === 'connected' && announcePending) announce();
        }),
      ];
      if (role === 'clinician') announce();
      reconcile();
    },
    stop() {
      if (!running) return;
      running = false;
      for (const unsubscribe of unsubscribers) unsubscribe();
      unsubscribers = [];
      destroyPeer();
      clearQueue();
      announcePending = false;
      lastStatus = 'connecting';
      if (role === 'clinician') socket.request('case:unwatch', { caseId }).catch(() => undefined);
    },
    setLocalStream(stream) {
      const { audioMuted, videoOff } = view();
      setTracksEnabled(stream, 'audio', !audioMuted);
      setTracksEnabled(stream, 'video', !videoOff);
      store.setState({ localStream: stream, localMedia: stream ? 'ready' : 'none', localMediaFailure: null });
      reconcile();
    },
    setLocalMediaPending() {
      store.setState({ localMedia: 'pending', localMediaFailure: null });
    },
    setLocalMediaFailed(failure) {
      store.setState({ localStream: null, localMedia: 'failed', localMediaFailure: failure });
      reconcile();
    },
    announceReady() {
      store.setState({ requestError: null });
      announce();
    },
    async admit() {
      store.setState({ requestError: null });
      // Open the camera first so the offer carries it; the admit goes ahead even if it fails.
      if (options.autoMedia && view().localMedia !== 'ready') {
        if (view().localMedia !== 'pending') await acquireAutoMedia();
        else if (mediaRequest) await mediaRequest;
      }
      try {
        await requestUpdate('call:admit', { caseId });
      } catch (error) {
        reportRequestError('call:admit', error);
      }
    },
    async end() {
      store.setState({ requestError: null });
      try {
        await requestUpdate('call:end', { caseId });
      } catch (error) {
        reportRequestError('call:end', error);
      }
    },
    toggleAudio() {
      const audioMuted = !view().audioMuted;
      setTracksEnabled(view().localStream, 'audio', !audioMuted);
      store.setState({ audioMuted });
      sendMediaState();
    },
    toggleVideo() {
      const videoOff = !view().videoOff;
      setTracksEnabled(view().localStream, 'video', !videoOff);
      store.setState({ videoOff });
      sendMediaState();
    },
    replaceVideoTrack(newTrack) {
      const stream = view().localStream;
      if (!stream) return;
      newTrack.enabled = !view().videoOff;
      const [oldTrack] = stream.getVideoTracks();
      if (oldTrack) {
        peer?.handle?.replaceTrack(oldTrack, newTrack, stream);
        stream.removeTrack(oldTrack);
        oldTrack.stop();
      }
      stream.addTrack(newTrack);
    },
    getPeerConnection() {
      return peer?.handle?.getPeerConnection();
    },
  };
  return controller;
}
