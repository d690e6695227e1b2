import type {
  CallState,
  CallUpdate,
  ClientToServerName,
  ServerToClientName,
  ServerToClientPayload,
} from '@desk/shared';
import { vi } from 'vitest';
import type { CallSocket } from '../src/features/call/controller';
import type { ConnectionStatus } from '../src/lib/socket';
import type { PeerFactory, PeerHandle, PeerOptions, SignalPayload } from '../src/features/video/peer-types';

/** Test doubles for the call's boundaries: the socket, the WebRTC peer and the camera. */

export const CALL_CASE_ID = '9b2d7c1e-4f3a-4e8b-a6d5-1c2b3a4d5e6f';
export const CALL_ID = 'call-1';

export function callUpdate(state: CallState, attempt: number, overrides: Partial<CallUpdate> = {}): CallUpdate {
  const reason =
    state === 'ended' ? 'clinician_ended' : state === 'failed' ? 'ice_failed' : null;
  return {
    caseId: CALL_CASE_ID,
    callId: CALL_ID,
    snapshot: { state, reason, attempt },
    presence: { clinician: true, parent: true },
    ...overrides,
  };
}

type RequestHandler = (payload: unknown) => unknown;

/** A socket that records requests, answers them from per-event handlers and lets a test push events. */
export function createCallSocketFake() {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const statusHandlers = new Set<(status: ConnectionStatus) => void>();
  const answers = new Map<ClientToServerName, RequestHandler>();
  const requests: { name: ClientToServerName; payload: unknown }[] = [];
  let status: ConnectionStatus = 'connected';

  const request = vi.fn(async (name: ClientToServerName, payload: unknown) => {
    requests.push({ name, payload });
    const answer = answers.get(name);
    return answer ? answer(payload) : null;
  });
  const socket = {
    request,
    on: vi.fn((name: string, handler: (payload: unknown) => void) => {
      const set = handlers.get(name) ?? new Set();
      set.add(handler);
      handlers.set(name, set);
      return () => {
        set.delete(handler);
      };
    }),
    onStatus: vi.fn((handler: (status: ConnectionStatus) => void) => {
      statusHandlers.add(handler);
      handler(status);
      return () => {
        statusHandlers.delete(handler);
      };
    }),
    close: vi.fn(),
  };
  return {
    socket: socket as unknown as CallSocket & { close(): void },
    requests,
    /** Requests of one kind, payloads only. */
    sent(name: ClientToServerName) {
      return requests.filter((r) => r.name === name).map((r) => r.payload);
    },
    answer(name: ClientToServerName, handler: RequestHandler) {
      answers.set(name, handler);
    },
    emit<K extends ServerToClientName>(name: K, payload: ServerToClientPayload<K>) {
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

export type FakePeer = PeerHandle & {
  options: PeerOptions;
  received: SignalPayload[];
  destroyed: boolean;
  replaced: { oldTrack: MediaStreamTrack; newTrack: MediaStreamTrack }[];
  sent: string[];
};

/** A peer factory that records every peer it makes; tests drive the peers' callbacks. */
export function createFakePeerFactory() {
  const peers: FakePeer[] = [];
  const factory: PeerFactory = (options) => {
    const peer: FakePeer = {
      options,
      received: [],
      destroyed: false,
      replaced: [],
      sent: [],
      send(data) {
        peer.sent.push(data);
      },
      signal(data) {
        peer.received.push(data);
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
  return { factory, peers, last: () => peers.at(-1) };
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

export function domError(name: string, message = name): DOMException {
  return new DOMException(message, name);
}
