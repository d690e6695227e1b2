import { findUnsafeInput, isId, UNSAFE_INPUT_MESSAGE } from '@desk/shared';
import { Router, type RequestHandler, type RouterOptions } from 'express';
import { AppError } from './errors.js';

/**
 * The boundary every request crosses before a handler: ids in the path are UUIDs (anything else is
 * simply not found, never a database error), and no body or query string carries control
 * characters, broken text or prototype keys (a database refuses NUL; a log or a CSV would carry it).
 */

/** Path parameters that name a record; each router made by `apiRouter` checks them. */
export const ID_PARAMS = ['caseId', 'callId', 'decisionId', 'participantId', 'inviteId', 'userId'] as const;

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
};

/** The only way the server makes a router: every id parameter is checked the same way. */
export function apiRouter(options?: RouterOptions): Router {
  const router = Router(options);
  for (const name of ID_PARAMS) router.param(name, checkId(WHAT[name]));
  return router;
}

/** Refuses unsafe text anywhere in the parsed body or query string, naming the field. */
export const rejectUnsafeInput: RequestHandler = (req, _res, next) => {
  const found = findUnsafeInput(req.body ?? null) ?? findUnsafeInput(req.query ?? null);
  if (!found) return next();
  const message = UNSAFE_INPUT_MESSAGE[found.problem];
  next(new AppError('VALIDATION_FAILED', message, found.path ? { [found.path]: message } : undefined));
};
