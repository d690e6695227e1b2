import type {
  CallState,
  CallUpdate,
  ClientToServerName,
  IceConfig,
  Participant,
  ServerToClientName,
  ServerToClientPayload,
  Signal,
  SignalData,
} from '@desk/shared';
import { vi } from 'vitest';
import type { CallSocket } from '../src/features/call/channel';
import type { SenderCaps } from '../src/features/call/senderPolicy';
import type { ConnectionStatus } from '../src/lib/socket';
import type { PeerFactory, PeerHandle, PeerOptions } from '../src/features/video/peer-types';

/** Test doubles for the call's boundaries: the socket, the WebRTC peer and the camera. */

export const CALL_CASE_ID = '9b2d7c1e-4f3a-4e8b-a6d5-1c2b3a4d5e6f';
export const CALL_ID = '1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b';
export const CLINICIAN_ID = 'c0000000-0000-4000-8000-000000000001';
export const PARENT_ID = 'c0000000-0000-4000-8000-000000000002';
export const INTERPRETER_ID = 'c0000000-0000-4000-8000-000000000003';

export function person(role: Participant['role'], patch: Partial<Participant> = {}): Participant {
  const id = role === 'clinician' ? CLINICIAN_ID : role === 'parent' ? PARENT_ID : INTERPRETER_ID;
  const name = role === 'clinician' ? 'Sam Patel' : role === 'parent' ? 'Mother' : 'Ana Kowalska';
  return { id, role, name, state: 'invited', reason: null, present: false, epoch: 0, admittedAt: null, waitingSince: null, ...patch };
}

/** The parent's participant state that goes with a call state. */
function parentFor(state: CallState): Partial<Participant> {
  if (state === 'parent_waiting') return { state: 'waiting', present: true, epoch: 1, waitingSince: WAITING_SINCE };
  if (state === 'connected') return { state: 'connected', present: true, epoch: 1, admittedAt: '2026-12-02T10:00:02Z' };
  if (state === 'admitted' || state === 'connecting' || state === 'reconnecting') {
    return { state: 'admitted', present: true, epoch: 1, admittedAt: '2026-12-02T10:00:02Z' };
  }
  if (state === 'ended') return { state: 'left' };
  return { state: 'invited' };
}

/** When the parent in a `parent_waiting` snapshot started waiting. */
export const WAITING_SINCE = '2026-12-02T10:00:01Z';

let seq = 100;

/** A snapshot of the call in `state`, with a fresh (higher) seq unless given, and the participants that go with it. */
export function callUpdate(state: CallState, overrides: Partial<CallUpdate> & { extra?: Participant[] } = {}): CallUpdate {
  const { extra = [], ...rest } = overrides;
  const reason = state === 'ended' ? 'clinician_ended' : state === 'failed' ? 'ice_failed' : null;
  seq += 1;
  return {
    caseId: CALL_CASE_ID,
    callId: CALL_ID,
    seq,
    snapshot: { state, reason },
    participants: [
      person('clinician', { state: state === 'ended' ? 'left' : 'admitted', present: true, epoch: 1, admittedAt: '2026-12-02T10:00:00Z' }),
      person('parent', parentFor(state)),
      ...extra,
    ],
    ...rest,
  };
}

type RequestHandler = (payload: unknown) => unknown;

/** What the server's `call:ice` answers by default: host candidates only. */
export const NO_TURN: IceConfig = { iceServers: [], iceTransportPolicy: 'all', expiresAt: null };

/** A socket that records requests and signals, answers requests from per-event handlers and lets a test push events. */
export function createCallSocketFake() {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const statusHandlers = new Set<(status: ConnectionStatus) => void>();
  const answers = new Map<ClientToServerName, RequestHandler>([['call:ice', () => NO_TURN]]);
  const requests: { name: ClientToServerName; payload: unknown }[] = [];
  const signals: Signal[] = [];
  let status: ConnectionStatus = 'connected';
  let probes = 0;

  // The call as this fake server last told the page (a pushed update, or an answer carrying one).
  let latest: CallUpdate | null = null;
  const remember = (value: unknown) => {
    const update = value && typeof value === 'object' && 'update' in value ? (value as { update: unknown }).update : value;
    if (update && typeof update === 'object' && 'snapshot' in update) latest = update as CallUpdate;
  };

  const socket: CallSocket & { close(): void } = {
    request: vi.fn(async (name: ClientToServerName, payload: unknown) => {
      requests.push({ name, payload });
      const answer = answers.get(name);
      // As the real socket: every request is answered or refused; a test that did not set an answer gets a refusal.
      if (!answer) throw Object.assign(new Error(`no answer for ${name} in this test`), { code: 'NETWORK' });
      const result = await answer(payload);
      remember(result);
      return result;
    }) as unknown as CallSocket['request'],
    signal: (payload) => {
      signals.push(payload);
    },
    on: vi.fn((name: string, handler: (payload: unknown) => void) => {
      const set = handlers.get(name) ?? new Set();
      set.add(handler);
      handlers.set(name, set);
      return () => {
        set.delete(handler);
      };
    }) as unknown as CallSocket['on'],
    onStatus: vi.fn((handler: (status: ConnectionStatus) => void) => {
      statusHandlers.add(handler);
      handler(status);
      return () => {
        statusHandlers.delete(handler);
      };
    }),
    probe: () => {
      probes += 1;
    },
    close: vi.fn(),
  };
  return {
    socket,
    requests,
    signals,
    probes: () => probes,
    /** Requests of one kind, payloads only. */
    sent(name: ClientToServerName) {
      return requests.filter((r) => r.name === name).map((r) => r.payload);
    },
    answer(name: ClientToServerName, handler: RequestHandler) {
      answers.set(name, handler);
    },
    /** The call as the server last told the page: what it answers a media report with when nothing changed. */
    current(): CallUpdate | null {
      return latest;
    },
    emit<K extends ServerToClientName>(name: K, payload: ServerToClientPayload<K>) {
      if (name === 'call:state') remember(payload);
      for (const handler of handlers.get(name) ?? []) handler(payload);
    },
    setStatus(next: ConnectionStatus) {
      status = next;
      for (const handler of statusHandlers) handler(next);
    },
    listenerCount(name: string) {
      return handlers.get(name)?.size ?? 0;
    },
  };
}

/** What a fake connection reports from `getStats()`: counters the test moves on. */
export type FakeStats = { packetsReceived: number; framesDecoded: number; bytesReceived: number };

export type FakePeer = PeerHandle & {
  options: PeerOptions;
  received: SignalData[];
  destroyed: boolean;
  restarts: number;
  /** What `restartIce()` answers (false: a negotiation is still waiting for its answer). */
  canRestart: boolean;
  /** ICE configurations given after the connection was made (`setIce`), oldest first. */
  iceUpdates: IceConfig[];
  /** The ICE configuration the connection had at each restart. */
  iceAtRestarts: IceConfig[];
  caps: SenderCaps[];
  replaced: { oldTrack: MediaStreamTrack; newTrack: MediaStreamTrack }[];
  sent: string[];
  stats: FakeStats;
};

/** A peer factory that records every peer it makes; tests drive the peers' callbacks and counters. */
export function createFakePeerFactory() {
  const peers: FakePeer[] = [];
  const factory: PeerFactory = (options) => {
    const peer: FakePeer = {
      options,
      received: [],
      destroyed: false,
      restarts: 0,
      canRestart: true,
      iceUpdates: [],
      iceAtRestarts: [],
      caps: [],
      replaced: [],
      sent: [],
      stats: { packetsReceived: 0, framesDecoded: 0, bytesReceived: 0 },
      send(data) {
        peer.sent.push(data);
      },
      signal(data) {
        peer.received.push(data);
      },
      restartIce() {
        if (!peer.canRestart) return false;
        peer.restarts += 1;
        peer.iceAtRestarts.push(peer.iceUpdates.at(-1) ?? options.ice);
        return true;
      },
      setIce(ice) {
        peer.iceUpdates.push(ice);
      },
      async setVideoCaps(caps) {
        peer.caps.push(caps);
      },
      async getStats() {
        const { packetsReceived, framesDecoded, bytesReceived } = peer.stats;
        const entries = [
          { type: 'inbound-rtp', kind: 'video', packetsReceived, packetsLost: 0, framesDecoded, framesPerSecond: 30, frameWidth: 640, frameHeight: 480 },
          { type: 'transport', selectedCandidatePairId: 'pair' },
          { type: 'candidate-pair', id: 'pair', bytesReceived, currentRoundTripTime: 0.05, availableOutgoingBitrate: 1_500_000 },
        ];
        return { values: () => entries[Symbol.iterator]() } as unknown as RTCStatsReport;
      },
      replaceTrack(oldTrack, newTrack) {
        peer.replaced.push({ oldTrack, newTrack });
      },
      destroy() {
        peer.destroyed = true;
      },
      getPeerConnection: () => undefined,
    };
    peers.push(peer);
    return peer;
  };
  return {
    factory,
    peers,
    last: () => peers.at(-1),
    live: () => peers.filter((p) => !p.destroyed),
    /** Media flows on a peer: ICE connected and its counters move on. */
    flow(peer: FakePeer) {
      peer.options.onIceState('connected');
      peer.stats = { packetsReceived: peer.stats.packetsReceived + 50, framesDecoded: peer.stats.framesDecoded + 10, bytesReceived: peer.stats.bytesReceived + 50_000 };
    },
  };
}

/** Timers the test moves by hand (the peer slots' stats clock). */
export function manualTimers() {
  const intervals = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  return {
    timers: {
      setInterval: (run: () => void, ms: number) => {
        intervals.set(next, { run, ms });
        return next++;
      },
      clearInterval: (handle: unknown) => {
        intervals.delete(handle as number);
      },
    },
    /** Runs every interval once (one stats tick). */
    tick() {
      for (const { run } of [...intervals.values()]) run();
    },
    count: () => intervals.size,
  };
}

export type FakeTrack = MediaStreamTrack & { stopped: boolean };

export function fakeTrack(kind: 'audio' | 'video', label = `${kind} track`): FakeTrack {
  const track = {
    kind,
    label,
    enabled: true,
    stopped: false,
    stop() {
      track.stopped = true;
    },
  };
  return track as unknown as FakeTrack;
}

/** jsdom has no MediaStream: this one holds tracks, which is all the app uses. */
export function fakeStream(tracks: MediaStreamTrack[] = [fakeTrack('audio'), fakeTrack('video')]) {
  const list = [...tracks];
  const stream = {
    id: `stream-${Math.random().toString(36).slice(2)}`,
    getTracks: () => [...list],
    getAudioTracks: () => list.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => list.filter((t) => t.kind === 'video'),
    addTrack: (track: MediaStreamTrack) => list.push(track),
    removeTrack: (track: MediaStreamTrack) => {
      const index = list.indexOf(track);
      if (index >= 0) list.splice(index, 1);
    },
  };
  return stream as unknown as MediaStream;
}

/** Installs `navigator.mediaDevices`; returns the getUserMedia mock. Undo with `removeMediaDevices`. */
export function installMediaDevices(getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>, cameras = 1) {
  const mock = vi.fn(getUserMedia);
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia: mock,
      enumerateDevices: vi.fn(async () =>
        Array.from({ length: cameras }, (_, i) => ({ kind: 'videoinput', deviceId: `cam${i}`, label: '', groupId: '' })),
      ),
    },
  });
  return mock;
}

export function removeMediaDevices() {
  Reflect.deleteProperty(navigator, 'mediaDevices');
}

/**
 * A phone's browser that can hold a call, as the join page's check sees it: RTCPeerConnection, an
 * https page and a working camera. Tests that need less take a piece away. Undo with `leavePhone`.
 */
export function phoneThatCanCall() {
  vi.stubGlobal('RTCPeerConnection', function RTCPeerConnection() {});
  vi.stubGlobal('isSecureContext', true);
  return installMediaDevices(async () => fakeStream());
}

export function leavePhone() {
  removeMediaDevices();
  vi.unstubAllGlobals();
}

export function domError(name: string, message = name): DOMException {
  return new DOMException(message, name);
}
