import {
  PROTOCOL_VERSION,
  serverToClient,
  type Ack,
  type ClientToServerEvents,
  type ClientToServerName,
  type ClientToServerPayload,
  type ClientToServerResult,
  type ServerToClientEvents,
  type ServerToClientName,
  type ServerToClientPayload,
  type SocketAuth,
} from '@desk/shared';
import { io, type Socket } from 'socket.io-client';
import { ApiRequestError } from './api';

/** The only module that imports socket.io-client. Everything else uses `getSocket()`. */

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'protocol_mismatch' | 'unauthenticated';

export type DeskSocket = {
  /** Sends an intent and resolves with the server's acknowledged result, or rejects with its error code. */
  request<K extends ClientToServerName>(name: K, payload: ClientToServerPayload<K>): Promise<ClientToServerResult[K]>;
  /** Subscribes to a server event (payloads are validated); returns the unsubscribe function. */
  on<K extends ServerToClientName>(name: K, handler: (payload: ServerToClientPayload<K>) => void): () => void;
  /** Connection status changes; called at once with the current status. Returns the unsubscribe function. */
  onStatus(handler: (status: ConnectionStatus) => void): () => void;
  close(): void;
};

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Subscriptions the server forgets when a connection drops (rooms, presence). They are sent again
 * after every reconnect, and their fresh answers are delivered to listeners as if pushed.
 */
const STICKY: Partial<Record<ClientToServerName, ServerToClientName>> = {
  'case:watch': 'call:state',
  'queue:watch': 'queue',
  'parent:ready': 'call:state',
};
const sockets = new Map<SocketAuth['kind'], DeskSocket>();

export function getSocket(kind: SocketAuth['kind']): DeskSocket {
  let socket = sockets.get(kind);
  if (!socket) {
    socket = createDeskSocket(kind);
    sockets.set(kind, socket);
  }
  return socket;
}

/** Drops the connection (sign-out, session change) so the next `getSocket` handshakes afresh. */
export function closeSocket(kind: SocketAuth['kind']): void {
  sockets.get(kind)?.close();
  sockets.delete(kind);
}

function createDeskSocket(kind: SocketAuth['kind']): DeskSocket {
  const auth: SocketAuth = { kind, protocolVersion: PROTOCOL_VERSION };
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    auth,
    withCredentials: true,
    transports: ['websocket', 'polling'],
    reconnectionDelayMax: 5_000,
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
  socket.on('connect', () => {
    setStatus('connected');
    if (everConnected) for (const { name, payload } of sticky.values()) resend(name, payload);
    everConnected = true;
  });
  socket.on('disconnect', () => setStatus(socket.active ? 'connecting' : 'disconnected'));
  socket.on('connect_error', (error) => {
    const code = (error as Error & { data?: { code?: string } }).data?.code;
    if (code === 'PROTOCOL_MISMATCH') setStatus('protocol_mismatch');
    else if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') setStatus('unauthenticated');
    else setStatus('connecting');
  });

  const send = <K extends ClientToServerName>(name: K, payload: ClientToServerPayload<K>): Promise<ClientToServerResult[K]> =>
    new Promise((resolve, reject) => {
        // socket.io's typed emit cannot follow a generic key; the event maps in @desk/shared keep callers honest.
        const timed = socket.timeout(REQUEST_TIMEOUT_MS) as unknown as {
          emit(event: string, payload: unknown, ack: (err: Error | null, result: Ack<ClientToServerResult[typeof name]>) => void): void;
        };
        timed.emit(name, payload, (err, result) => {
          if (err) return reject(new ApiRequestError(0, 'NETWORK', 'The server did not answer in time. Try again.'));
          if (result.ok) resolve(result.data);
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

  const stickyKey = (name: ClientToServerName, payload: unknown) =>
    `${name}:${(payload as { caseId?: string } | null)?.caseId ?? ''}`;

  return {
    request(name, payload) {
      if (STICKY[name]) sticky.set(stickyKey(name, payload), { name, payload });
      if (name === 'case:unwatch') sticky.delete(stickyKey('case:watch', payload));
      // A parent who could not start the camera, or who left, must not be put back in the waiting room by a reconnect.
      if (name === 'parent:failed' || name === 'call:end') sticky.delete(stickyKey('parent:ready', payload));
      return send(name, payload);
    },
    on(name, handler) {
      const schema = serverToClient[name];
      const listener = (payload: unknown) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) handler(parsed.data as ServerToClientPayload<typeof name>);
        else console.warn(`Ignored a malformed "${name}" event from the server`, parsed.error.issues);
      };
      socket.on(name as string as 'queue', listener);
      const local = localListeners.get(name) ?? new Set();
      local.add(listener);
      localListeners.set(name, local);
      return () => {
        socket.off(name as string as 'queue', listener);
        local.delete(listener);
      };
    },
    onStatus(handler) {
      statusHandlers.add(handler);
      handler(status);
      return () => statusHandlers.delete(handler);
    },
    close() {
      statusHandlers.clear();
      sticky.clear();
      socket.disconnect();
    },
  };
}
