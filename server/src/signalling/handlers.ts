import {
  SIGNAL_MAX_BYTES,
  UNSAFE_INPUT_MESSAGE,
  clientToServer,
  findUnsafeInput,
  type Ack,
  type ClientToServerName,
  type ClientToServerParsed,
  type ClientToServerResult,
  type ErrorCode,
} from '@desk/shared';
import type { Logger } from 'pino';
import { AppError, databaseUnavailable } from '../http/errors.js';
import type { DeskSocket } from './types.js';

/** Anything larger than the largest signal is refused before parsing. */
export const PAYLOAD_MAX_BYTES = SIGNAL_MAX_BYTES + 1024;

export type Handle = <K extends ClientToServerName>(name: K, handler: (payload: ClientToServerParsed<K>) => Promise<ClientToServerResult[K]>) => void;

/**
 * Registers handlers that validate first and always answer through the acknowledgement, with a
 * stable code on refusal. `track` is given each handler's work, so a shutdown can let it finish.
 */
export function handlerFor(socket: DeskSocket, logger: Logger, track: (work: Promise<void>) => void = () => undefined): Handle {
  return (name, handler) => {
    type K = typeof name;
    const listener = async (...args: unknown[]) => {
      // The acknowledgement is always the last argument: `emit(name, ack)` with no payload still gets an answer.
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const reply = ack as (result: Ack<ClientToServerResult[K]>) => void;
      if (args.length !== 2) return reply({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Send one message with an acknowledgement.' } });
      const raw = args[0];
      if (JSON.stringify(raw ?? null).length > PAYLOAD_MAX_BYTES) {
        return reply({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `Messages must be at most ${SIGNAL_MAX_BYTES} bytes.` } });
      }
      const unsafe = findUnsafeInput(raw);
      if (unsafe) return reply({ ok: false, error: { code: 'VALIDATION_FAILED', message: UNSAFE_INPUT_MESSAGE[unsafe.problem] } });
      const parsed = clientToServer[name].safeParse(raw);
      if (!parsed.success) {
        return reply({ ok: false, error: { code: 'VALIDATION_FAILED', message: parsed.error.issues[0]?.message ?? 'Invalid message.' } });
      }
      try {
        reply({ ok: true, data: await handler(parsed.data as ClientToServerParsed<K>) });
      } catch (error) {
        if (error instanceof AppError) return reply({ ok: false, error: { code: error.code, message: error.message } });
        const unavailable = databaseUnavailable(error);
        if (unavailable) {
          logger.warn({ err: error, event: name }, 'database unavailable');
          return reply({ ok: false, error: { code: unavailable.code, message: unavailable.message } });
        }
        logger.error({ err: error, event: name }, 'socket handler failed');
        reply({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again.' } });
      }
    };
    // The typed-event map cannot follow a generic key; `clientToServer[name]` above is the real check.
    (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(name, (...args) => track(listener(...args)));
  };
}

/** An event the protocol does not have is answered (when it asks for an answer) rather than left hanging. */
export function answerUnknownEvents(socket: DeskSocket): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (event === 'signal' || Object.hasOwn(clientToServer, event)) return;
    const ack = args.at(-1);
    if (typeof ack === 'function') ack({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'This server has no such event.' } });
  });
}

/** An Error socket.io sends to a refused handshake, with its code in `data`. */
export function codedError(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}
