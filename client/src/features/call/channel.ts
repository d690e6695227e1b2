import type {
  CallUpdate,
  ClientToServerName,
  ClientToServerPayload,
  ClientToServerResult,
  ServerToClientName,
  ServerToClientPayload,
  Signal,
  SignalError,
} from '@desk/shared';
import type { ConnectionStatus } from '../../lib/socket';

/** What the call layer needs of lib/socket's DeskSocket (a fake in tests). */
export type CallSocket = {
  request<K extends ClientToServerName>(name: K, payload: ClientToServerPayload<K>): Promise<ClientToServerResult[K]>;
  signal(payload: Signal): void;
  on<K extends ServerToClientName>(name: K, handler: (payload: ServerToClientPayload<K>) => void): () => void;
  onStatus(handler: (status: ConnectionStatus) => void): () => void;
  probe(): void;
};

export type Log = (message: string, detail?: Record<string, unknown>) => void;

export type ChannelEvents = {
  update(update: CallUpdate): void;
  signal(signal: Signal): void;
  signalError(error: SignalError): void;
  status(status: ConnectionStatus): void;
  /** The socket is up: `first` for the page's first connection, false after a reconnect. */
  connected(first: boolean): void;
};

/**
 * The signal channel: the call layer's one use of the socket. It carries intents and addressed
 * signals for one call, and says when the connection came (back), so the session can announce
 * itself again and the peers can restart ICE at once.
 */
export type SignalChannel = {
  request: CallSocket['request'];
  send(signal: Signal): void;
  probe(): void;
  /** Starts listening; returns the function that stops. */
  listen(events: ChannelEvents): () => void;
};

export function createSignalChannel(socket: CallSocket, log: Log): SignalChannel {
  return {
    request: (name, payload) => socket.request(name, payload),
    send(signal) {
      socket.signal(signal);
    },
    probe() {
      log('probing the signalling connection');
      socket.probe();
    },
    listen(events) {
      let wasConnected = false;
      let everConnected = false;
      const offs = [
        socket.on('call:state', (update) => events.update(update)),
        socket.on('signal', (signal) => events.signal(signal)),
        socket.on('signal:error', (error) => {
          log('signal refused', { code: error.code, to: error.to, generation: error.generation });
          events.signalError(error);
        }),
        socket.onStatus((status) => {
          events.status(status);
          const connected = status === 'connected';
          if (connected && !wasConnected) {
            events.connected(!everConnected);
            everConnected = true;
          }
          wasConnected = connected;
        }),
      ];
      return () => {
        for (const off of offs) off();
      };
    },
  };
}
