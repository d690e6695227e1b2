import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type ClientToServerName,
  type ClientToServerPayload,
  type ClientToServerResult,
  type ServerToClientEvents,
  type ServerToClientName,
  type ServerToClientPayload,
  type Signal,
  type SocketAuth,
} from '@desk/shared';
import { io, type Socket } from 'socket.io-client';
import { ApiRequestError } from './api';
import { PAGE_ENDPOINT } from './pageEndpoint';

/** The only module that imports socket.io-client. Everything else uses `getSocket()`. */

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'protocol_mismatch' | 'unauthenticated';

/**
 * How this page reads each server event it listens to: the shared zod schemas on the desk
 * (deskReaders.ts), small type guards on the parent's page (which carries no zod). A reader
 * answers null for a payload it does not accept; an event with no reader is ignored.
 */
export type EventReaders = { [K in ServerToClientName]?: (payload: unknown) => ServerToClientPayload<K> | null };

export type DeskSocket = {
  /** Sends an intent and resolves with the server's acknowledged result, or rejects with its error code. */
  request<K extends ClientToServerName>(name: K, payload: ClientToServerPayload<K>): Promise<ClientToServerResult[K]>;
  /** Fire-and-forget: a refusal comes back as a `signal:error` event. */
  signal(payload: Signal): void;
  /** Subscribes to a server event (payloads are validated); returns the unsubscribe function. */
  on<K extends ServerToClientName>(name: K, handler: (payload: ServerToClientPayload<K>) => void): () => void;
  /** Connection status changes; called at once with the current status. Returns the unsubscribe function. */
  onStatus(handler: (status: ConnectionStatus) => void): () => void;
  /**
   * Asks the server whether this connection still works (a phone that changed network keeps a dead
   * connection open for many seconds). No answer within PROBE_TIMEOUT_MS: it reconnects now.
   */
  probe(): void;
  close(): void;
};

const REQUEST_TIMEOUT_MS = 10_000;
const PROBE_TIMEOUT_MS = 1_500;
/** After a handshake refused for now (the server's database is down), knock again after this, doubling up to the max. */
const HANDSHAKE_RETRY_MIN_MS = 1_000;
const HANDSHAKE_RETRY_MAX_MS = 10_000;
/** Refusals that say "not now" rather than "not you": the page keeps knocking. */
const TRANSIENT_REFUSALS: ReadonlySet<string> = new Set(['DATABASE_UNAVAILABLE', 'NOT_READY', 'INTERNAL']);

export { PAGE_ENDPOINT };

/** Subscriptions the server forgets when a connection drops; sent again after every reconnect, their answers delivered as if pushed. */
const STICKY: Partial<Record<ClientToServerName, ServerToClientName>> = {
  'ask:watch': 'ask',
};
const sockets = new Map<SocketAuth['kind'], DeskSocket>();

export function getSocket(kind: SocketAuth['kind'], readers: EventReaders): DeskSocket {
  let socket = sockets.get(kind);
  if (!socket) {
    socket = createDeskSocket(kind, readers);
    sockets.set(kind, socket);
  }
  return socket;
}

/** Drops the connection (sign-out, session change) so the next `getSocket` handshakes afresh. */
export function closeSocket(kind: SocketAuth['kind']): void {
  sockets.get(kind)?.close();
  sockets.delete(kind);
}

function createDeskSocket(kind: SocketAuth['kind'], readers: EventReaders): DeskSocket {
  const auth: SocketAuth = { kind, protocolVersion: PROTOCOL_VERSION, endpoint: PAGE_ENDPOINT };
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    auth,
    withCredentials: true,
    // WebSocket only, as the server: with several nodes a page's one connection stays on one node, no sticky sessions needed.
    transports: ['websocket'],
    reconnectionDelay: 500,
    // With socket.io's ±50 % jitter a page knocks again at most 4.5 s after its last try, so it is
    // back within a few seconds of a restarted (or another) node being ready, even after a long outage.
    reconnectionDelayMax: 3_000,
  });
  let status: ConnectionStatus = 'connecting';
  const statusHandlers = new Set<(status: ConnectionStatus) => void>();
  const setStatus = (next: ConnectionStatus) => {
    status = next;
    for (const handler of statusHandlers) handler(next);
  };
  const sticky = new Map<string, { name: ClientToServerName; payload: unknown }>();
  const localListeners = new Map<ServerToClientName, Set<(payload: unknown) => void>>();
  let everConnected = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelayMs = HANDSHAKE_RETRY_MIN_MS;
  socket.on('connect', () => {
    retryDelayMs = HANDSHAKE_RETRY_MIN_MS;
    setStatus('connected');
    if (everConnected) for (const { name, payload } of sticky.values()) resend(name, payload);
    everConnected = true;
  });
  socket.on('disconnect', (reason) => {
    // The server closed this connection (its session ended, or the node is going away): knock once
    // more, so the handshake says which (UNAUTHENTICATED, or a node that takes us).
    if (reason === 'io server disconnect') {
      setStatus('connecting');
      socket.connect();
      return;
    }
    setStatus(socket.active ? 'connecting' : 'disconnected');
  });
  socket.on('connect_error', (error) => {
    const code = (error as Error & { data?: { code?: string } }).data?.code;
    if (code === 'PROTOCOL_MISMATCH') setStatus('protocol_mismatch');
    else if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') setStatus('unauthenticated');
    else {
      setStatus('connecting');
      // Socket.IO stops reconnecting after any refusal by the server's handshake; one that means "not now" is tried again.
      if (!socket.active && code && TRANSIENT_REFUSALS.has(code) && !retryTimer) {
        retryTimer = setTimeout(() => {
          retryTimer = null;
          socket.connect();
        }, retryDelayMs);
        retryDelayMs = Math.min(retryDelayMs * 2, HANDSHAKE_RETRY_MAX_MS);
      }
    }
  });

  /** socket.io's typed emit cannot follow a generic key; the event maps in @desk/shared keep callers honest. */
  const emitter = (timeoutMs: number) =>
    socket.timeout(timeoutMs) as unknown as {
      emit(event: string, payload: unknown, ack: (err: Error | null, result: Ack<unknown>) => void): void;
    };

  const send = <K extends ClientToServerName>(name: K, payload: ClientToServerPayload<K>): Promise<ClientToServerResult[K]> =>
    new Promise((resolve, reject) => {
      emitter(REQUEST_TIMEOUT_MS).emit(name, payload, (err, result) => {
        if (err) return reject(new ApiRequestError(0, 'NETWORK', 'The server did not answer in time. Try again.'));
        if (result.ok) resolve(result.data as ClientToServerResult[K]);
        else reject(new ApiRequestError(0, result.error.code, result.error.message));
      });
    });

  const resend = (name: ClientToServerName, payload: unknown) => {
    const pushed = STICKY[name];
    send(name, payload as ClientToServerPayload<typeof name>).then(
      (data) => {
        if (pushed && data) for (const listener of localListeners.get(pushed) ?? []) listener(data);
      },
      (error: unknown) => console.warn(`Could not renew "${name}" after reconnecting`, error),
    );
  };

  let probing = false;

  return {
    request(name, payload) {
      if (STICKY[name]) sticky.set(name, { name, payload });
      return send(name, payload);
    },
    signal(payload) {
      socket.emit('signal', payload);
    },
    on(name, handler) {
      const read = readers[name] as ((payload: unknown) => ServerToClientPayload<typeof name> | null) | undefined;
      const listener = (payload: unknown) => {
        const parsed = read ? read(payload) : null;
        if (parsed !== null) handler(parsed);
        else console.warn(read ? `Ignored a malformed "${name}" event from the server` : `This page reads no "${name}" events`);
      };
      socket.on(name as string as 'case:changed', listener);
      const local = localListeners.get(name) ?? new Set();
      local.add(listener);
      localListeners.set(name, local);
      return () => {
        socket.off(name as string as 'case:changed', listener);
        local.delete(listener);
      };
    },
    onStatus(handler) {
      statusHandlers.add(handler);
      handler(status);
      return () => statusHandlers.delete(handler);
    },
    probe() {
      if (probing || !socket.connected) return;
      probing = true;
      emitter(PROBE_TIMEOUT_MS).emit('ping', {}, (err) => {
        probing = false;
        // Still "connected" but silent: the connection is dead (a new network). Closing it starts a reconnect now.
        if (err && socket.connected) socket.io.engine.close();
      });
    },
    close() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      statusHandlers.clear();
      sticky.clear();
      socket.disconnect();
    },
  };
}
