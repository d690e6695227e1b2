import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** An id a proxy in front gave the request is kept if it is this plain: nothing a log reader could trip on. */
const SANE_REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Every request's id for its log lines (pino-http `genReqId`): the balancer's `X-Request-Id` if it
 * sent a sane one (so one id follows a request across the balancer and the node), else a new UUID.
 * Echoed in the response's `X-Request-Id`, so a user's report or a client log can name it.
 */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
