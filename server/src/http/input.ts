import { findUnsafeInput, isId, UNSAFE_INPUT_MESSAGE } from '@desk/shared';
import { isUtf8 } from 'node:buffer';
import { Router, type RequestHandler, type RouterOptions } from 'express';
import { AppError } from './errors.js';

/**
 * The boundary every request crosses before a handler: ids in the path are UUIDs (anything else is
 * simply not found, never a database error), and no body or query string carries control
 * characters, broken text or prototype keys (a database refuses NUL; a log or a CSV would carry it).
 */

/** Path parameters that name a record; each router made by `apiRouter` checks them. */
export const ID_PARAMS = ['caseId', 'callId', 'decisionId', 'participantId', 'inviteId', 'userId', 'photoId', 'photoRequestId', 'noticeId'] as const;

function checkId(what: string): Parameters<Router['param']>[1] {
  return (_req, _res, next, value: unknown) => {
    next(isId(value) ? undefined : new AppError('NOT_FOUND', `That ${what} was not found.`));
  };
}

const WHAT: Record<(typeof ID_PARAMS)[number], string> = {
  caseId: 'case',
  callId: 'call',
  decisionId: 'decision',
  participantId: 'person',
  inviteId: 'invite',
  userId: 'user',
  photoId: 'photo',
  photoRequestId: 'photo request',
  noticeId: 'notice',
};

/** The only way the server makes a router: every id parameter is checked the same way. */
export function apiRouter(options?: RouterOptions): Router {
  const router = Router(options);
  for (const name of ID_PARAMS) router.param(name, checkId(WHAT[name]));
  return router;
}

/**
 * Bodies are UTF-8. The JSON parser would also decode UTF-16/32 and UTF-7 (whose `+ADw-` is a `<`
 * no filter sees): anything but UTF-8 is refused before it is read, as an unsupported media type.
 */
export const requireUtf8: RequestHandler = (req, _res, next) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return next();
  next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as UTF-8 JSON.'));
};

/**
 * For the JSON parser's `verify`: bytes that are not valid UTF-8 are refused, not silently turned
 * into U+FFFD (a child's name stored with replacement characters is a wrong name).
 */
export function verifyUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new AppError('VALIDATION_FAILED', 'The request body is not valid UTF-8.');
}

/** Refuses unsafe text anywhere in the parsed body or query string, naming the field. */
export const rejectUnsafeInput: RequestHandler = (req, _res, next) => {
  const found = findUnsafeInput(req.body ?? null) ?? findUnsafeInput(req.query ?? null);
  if (!found) return next();
  const message = UNSAFE_INPUT_MESSAGE[found.problem];
  next(new AppError('VALIDATION_FAILED', message, found.path ? { [found.path]: message } : undefined));
};
