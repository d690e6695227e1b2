import {
  isInMedia,
  mediaPeersOf,
  type CallUpdate,
  type ClientToServerName,
  type MediaMode,
  type ParticipantRole,
  type PeerStatus,
} from '@desk/shared';
import { CALL_CONSTRAINTS, getUserMedia, type MediaResult } from '../video/media';
import type { PeerFactory } from '../video/peer-types';
import { createSignalChannel, type CallSocket, type Log } from './channel';
import { createLocalMedia, type LocalMedia } from './localMedia';
import { createPeerManager, type PeerManager, type Timers } from './peerManager';
import { createCallSession, type CallSession } from './session';

/**
 * One page's part in a call, from the four framework-free parts: the signal channel (the socket),
 * the call session (snapshot, participants, seq), the peer manager (a slot per peer, ICE restart,
 * stats) and local media (camera, microphone, low-data mode). This module only wires them
 * together; React renders their stores.
 */

export type CallControllerOptions = {
  /** The desk follows a case; a parent's or guest's page is one participant of one call. */
  page: { kind: 'desk'; caseId: string } | { kind: 'join'; callId: string; participantId: string; role: ParticipantRole };
  socket: CallSocket;
  loadPeerFactory?: () => PeerFactory | Promise<PeerFactory>;
  openMedia?: () => Promise<MediaResult>;
  /** Desk only: open the camera by itself whenever this holds, and release it when it stops holding. */
  autoMedia?: (update: CallUpdate | null) => boolean;
  /** Calls `changed` when the browser comes online or its network changes. */
  network?: (changed: (why: string) => void) => () => void;
  now?: () => number;
  timers?: Timers;
  /** Diagnostics (never PII: ids, states and codes only). */
  log?: Log;
};

export type CallController = {
  session: CallSession;
  media: LocalMedia;
  peers: PeerManager;
  /** Listens to the socket and announces this page (the desk watches its case). Safe to call again after stop(). */
  start(): void;
  /** Ends this page's connections and stops listening; the desk stops watching. Local media is kept. */
  stop(): void;
  /** Parent or guest: the camera is on; into the waiting room (and back after every reconnect). Also "Rejoin". */
  ready(): Promise<void>;
  cameraFailed(reason: 'permission_denied' | 'no_camera'): Promise<void>;
  /** Parent or guest: End, or "Continue by phone". */
  leave(reason: 'left' | 'phone_fallback'): Promise<void>;
  /** Desk: "Use this tab". */
  claim(): Promise<void>;
  admit(participantId: string, parentAgreed?: boolean): Promise<void>;
  remove(participantId: string): Promise<void>;
  end(reason?: 'clinician_ended' | 'phone_fallback'): Promise<void>;
  /** After 30 s without media: carry on trying (the server's deadline starts again too). */
  keepTrying(): Promise<void>;
  setMode(mode: MediaMode): void;
  toggleAudio(): void;
  toggleVideo(): void;
  switchCamera(): Promise<void>;
  /** The page is back in the foreground: a socket that went quiet meanwhile is found out now (and reconnects). */
  checkConnection(): void;
  peerConnectionWith(participantId: string): RTCPeerConnection | undefined;
};

/** Reports of peer states are batched: a mesh changing at once sends one message. */
const MEDIA_REPORT_DEBOUNCE_MS = 150;
/** A network change fires several events (`offline`, `connection` changes, `online`): one restart for the lot. */
const NETWORK_CHANGE_COALESCE_MS = 300;

function coalesce(run: (why: string) => void): (why: string) => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return (why) => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      run(why);
    }, NETWORK_CHANGE_COALESCE_MS);
  };
}

async function loadSimplePeerFactory(): Promise<PeerFactory> {
  const module = await import('../video/peer');
  return module.createPeer;
}

/** Diagnostics go to the browser console at debug level (hidden unless asked for): ids, states and codes, never PII. */
const consoleLog: Log = (message, detail) => console.debug(`[call] ${new Date().toISOString().slice(11, 23)} ${message}`, detail ? JSON.stringify(detail) : '');

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/** The browser's own signals of a new network: `online`, and Network Information's `change` where it exists. */
export function browserNetwork(changed: (why: string) => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const online = () => changed('online');
  window.addEventListener('online', online);
  const connection = (navigator as Navigator & { connection?: EventTarget }).connection;
  const change = () => changed('connection change');
  connection?.addEventListener?.('change', change);
  return () => {
    window.removeEventListener('online', online);
    connection?.removeEventListener?.('change', change);
  };
}

export function createCallController(options: CallControllerOptions): CallController {
  const { page } = options;
  const now = options.now ?? (() => Date.now());
  const log: Log = options.log ?? consoleLog;
  const channel = createSignalChannel(options.socket, log);
  const session = createCallSession({ now, log });
  const media = createLocalMedia({ open: options.openMedia ?? (() => getUserMedia(CALL_CONSTRAINTS)), log });
  let reportTimer: ReturnType<typeof setTimeout> | null = null;
  let lastReport = '';
  const peers = createPeerManager({
    channel,
    media,
    // Over the socket, for this page's participant only once let in: never from the REST session.
    iceConfig: (id) => channel.request('call:ice', { callId: id }),
    loadPeerFactory: options.loadPeerFactory ?? loadSimplePeerFactory,
    now,
    timers: options.timers,
    log,
    onReport: (statuses) => scheduleReport(statuses),
  });

  let running = false;
  let offs: Array<() => void> = [];
  /** Parent or guest: the page wants to be in the call (camera on, not left). */
  let wantReady = false;
  /** Desk: the call this page last announced itself for; a new call of the case is announced again. */
  let announcedFor: string | null = null;
  let announcing: Promise<void> | null = null;
  let queuedAnnounce: Promise<void> | null = null;

  const callId = () => session.store.getState().update?.callId ?? (page.kind === 'join' ? page.callId : null);

  function reportFailure(request: ClientToServerName, error: unknown): void {
    const message = error instanceof Error ? error.message : 'The server did not accept that. Try again.';
    session.setRequestError({ request, code: errorCode(error), message });
  }

  /** Sends an intent whose answer is the call; the answer counts only if it is newer than what we have. */
  async function intent<K extends 'call:admit' | 'call:remove' | 'call:end' | 'call:leave' | 'call:camera_failed' | 'call:keep_trying'>(
    name: K,
    payload: Parameters<CallSocket['request']>[1] & { callId: string },
  ): Promise<void> {
    session.setRequestError(null);
    try {
      const update = (await channel.request(name, payload as never)) as CallUpdate;
      session.apply(update, 'ack');
    } catch (error) {
      reportFailure(name, error);
    }
  }

  function scheduleReport(statuses: Record<string, PeerStatus>): void {
    if (reportTimer) clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      reportTimer = null;
      const id = callId();
      const key = JSON.stringify(statuses);
      if (!id || !session.holds() || key === lastReport) return;
      lastReport = key;
      channel.request('call:media', { callId: id, peers: statuses }).then(
        (update) => session.apply(update, 'ack'),
        (error: unknown) => {
          // Not taken (sent before the server knew this socket holds the call, say): the next report must go.
          if (lastReport === key) lastReport = '';
          log('call:media refused', { code: errorCode(error) });
        },
      );
    }, MEDIA_REPORT_DEBOUNCE_MS);
  }

  /**
   * Says who this page is (the desk watches its case; a ready parent or guest is ready). One at a
   * time: asked again while one is on its way, it goes once more after that one.
   */
  function announce(): Promise<void> {
    if (!running) return Promise.resolve();
    if (queuedAnnounce) return queuedAnnounce;
    if (!announcing) {
      announcing = announceNow().finally(() => {
        announcing = null;
      });
      return announcing;
    }
    queuedAnnounce = announcing.then(() => {
      queuedAnnounce = null;
      return announce();
    });
    return queuedAnnounce;
  }

  /** Announcing again after a failure (a slow server, a write that kept conflicting): 1 s, 2 s, 4 s, up to 10 s. */
  let announceRetries = 0;
  let announceTimer: ReturnType<typeof setTimeout> | null = null;
  function retryAnnounce(): void {
    if (announceTimer || !running) return;
    const delay = Math.min(10_000, 1_000 * 2 ** announceRetries);
    announceRetries += 1;
    announceTimer = setTimeout(() => {
      announceTimer = null;
      if (session.store.getState().connection === 'connected') void announce();
    }, delay);
  }

  async function announceNow(): Promise<void> {
    try {
      if (page.kind === 'desk') {
        const watch = await channel.request('case:watch', { caseId: page.caseId });
        announcedFor = watch.update?.callId ?? null;
        if (!watch.update) session.setKnown();
        session.setSelf(watch.self && watch.update ? { callId: watch.update.callId, ...watch.self } : null, watch.update);
      } else if (wantReady) {
        const update = await channel.request('call:ready', { callId: page.callId });
        session.setSelf({ callId: page.callId, participantId: page.participantId, holding: update.snapshot.state !== 'ended' }, update);
      }
      session.setRequestError(null);
      announceRetries = 0;
      // Whatever was reported while this page was not yet known again was refused: say it afresh.
      lastReport = '';
      scheduleReport(peers.statuses());
    } catch (error) {
      reportFailure(page.kind === 'desk' ? 'case:watch' : 'call:ready', error);
      // A refusal for good (a removed guest, another case) is not retried; a network or conflict failure is.
      const code = errorCode(error);
      if (code === 'NETWORK' || code === 'CALL_STATE_CONFLICT' || code === 'INTERNAL') retryAnnounce();
    }
  }

  /** Makes the media and the peers match the session: connections only while this page holds a participant in media. */
  function reconcile(): void {
    if (!running) return;
    const { update, self } = session.store.getState();
    if (page.kind === 'desk') {
      // A new call of the case (the first link, or one after an ended call): take it.
      if (update && update.callId !== announcedFor && update.snapshot.state !== 'ended' && !announcing) void announce();
      const wanted = Boolean(options.autoMedia?.(update)) && session.holds();
      const status = media.store.getState().status;
      if (wanted && status === 'none') void media.acquire();
      if (!wanted && status === 'ready') media.release();
    }
    if (update?.participants.some((p) => p.state === 'waiting')) peers.preload();
    const me = session.selfParticipant();
    const inCall = update !== null && self?.holding && me !== null && isInMedia(me) && update.snapshot.state !== 'ended';
    if (!inCall || !me || !update) return peers.reconcile(null);
    // While a camera is being opened, new connections wait (so their first offer carries it); existing ones carry on.
    peers.reconcile({ callId: update.callId, self: me, peers: mediaPeersOf(me.id, update.participants) }, { holdNew: media.store.getState().status === 'pending' });
  }

  const controller: CallController = {
    session,
    media,
    peers,
    start() {
      if (running) return;
      running = true;
      offs = [
        channel.listen({
          update: (update) => {
            if (page.kind === 'desk' ? update.caseId === page.caseId : update.callId === page.callId) session.apply(update, 'event');
          },
          signal: (signal) => peers.handleSignal(signal),
          signalError: (error) => {
            // The server does not take this page as holding its participant (a reconnect it has not seen announced): say so again.
            if (error.code === 'FORBIDDEN' && session.holds()) void announce();
          },
          status: (status) => session.setConnection(status),
          connected: (first) => {
            // Announce first: until the server knows this socket holds the participant, it refuses its signals.
            void announce().then(() => {
              if (!first) peers.signallingRestored();
            });
          },
        }),
        session.store.subscribe(reconcile),
        media.store.subscribe((next, previous) => {
          // The camera was let go (the call failed or ended, this person left): a reconnect must not put them back in the waiting room.
          if (previous.status === 'ready' && next.status === 'none') wantReady = false;
          if (next.status !== previous.status) reconcile();
          if (next.stream !== previous.stream || next.audioMuted !== previous.audioMuted || next.videoOff !== previous.videoOff || next.mode !== previous.mode) {
            peers.mediaChanged();
          }
        }),
        (options.network ?? browserNetwork)(coalesce((why) => {
          channel.probe();
          peers.networkChanged(why);
        })),
      ];
      reconcile();
    },
    stop() {
      if (!running) return;
      running = false;
      for (const off of offs) off();
      offs = [];
      if (reportTimer) clearTimeout(reportTimer);
      if (announceTimer) clearTimeout(announceTimer);
      reportTimer = null;
      announceTimer = null;
      peers.reconcile(null);
      announcedFor = null;
      if (page.kind === 'desk') channel.request('case:unwatch', { caseId: page.caseId }).catch(() => undefined);
    },
    async ready() {
      if (page.kind !== 'join') return;
      wantReady = true;
      await announce();
    },
    async cameraFailed(reason) {
      if (page.kind !== 'join') return;
      wantReady = false;
      await intent('call:camera_failed', { callId: page.callId, reason });
    },
    async leave(reason) {
      if (page.kind !== 'join') return;
      wantReady = false;
      await intent('call:leave', { callId: page.callId, reason });
    },
    async claim() {
      const id = callId();
      if (!id) return;
      session.setRequestError(null);
      try {
        const watch = await channel.request('call:claim', { callId: id });
        session.setSelf(watch.self && watch.update ? { callId: watch.update.callId, ...watch.self } : null, watch.update);
      } catch (error) {
        reportFailure('call:claim', error);
      }
    },
    async admit(participantId, parentAgreed = false) {
      const id = callId();
      if (!id) return;
      // Open the camera first so the first offer carries it; admitting goes ahead even if it fails.
      if (options.autoMedia && media.store.getState().status !== 'ready') await media.acquire();
      await intent('call:admit', { callId: id, participantId, parentAgreed });
    },
    async remove(participantId) {
      const id = callId();
      if (id) await intent('call:remove', { callId: id, participantId });
    },
    async end(reason = 'clinician_ended') {
      const id = callId();
      if (id) await intent('call:end', { callId: id, reason });
    },
    async keepTrying() {
      peers.keepTrying();
      const id = callId();
      if (id) await intent('call:keep_trying', { callId: id });
    },
    setMode: (mode) => media.setMode(mode),
    toggleAudio: () => media.toggleAudio(),
    toggleVideo: () => media.toggleVideo(),
    switchCamera: () => media.switchCamera((oldTrack, newTrack, stream) => peers.replaceVideoTrack(oldTrack, newTrack, stream)),
    checkConnection: () => channel.probe(),
    peerConnectionWith: (participantId) => peers.peerConnection(participantId),
  };
  return controller;
}
