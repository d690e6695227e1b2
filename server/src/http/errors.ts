import { ERROR_STATUS, fieldErrors, type ErrorCode } from '@desk/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../db/unavailable.js';

/** An expected failure with a stable code: becomes `{error:{code,message,fields?}}` with the code's status. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = 'That record') => new AppError('NOT_FOUND', `${what} was not found.`);
export const forbidden = (message = 'Your role cannot do that.') => new AppError('FORBIDDEN', message);

export function validationError(error: z.ZodError): AppError {
  return new AppError('VALIDATION_FAILED', 'Some details are missing or not valid.', fieldErrors(error));
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Seconds a client is told to wait before trying again when the database is not answering. */
export const DATABASE_RETRY_AFTER_S = 5;

/**
 * The coded form of a database that is down, restarting or too slow: 503, never a 500 or a hang.
 * Null for any other error (a wrong query is still a 500).
 */
export function databaseUnavailable(error: unknown): AppError | null {
  if (!isDatabaseUnavailable(error)) return null;
  return new AppError('DATABASE_UNAVAILABLE', 'The desk cannot reach its records just now. Try again in a moment.');
}

export const apiNotFound: RequestHandler = (_req, _res, next) => next(new AppError('NOT_FOUND', 'No such API route.'));

/** A 4xx raised by a library before any handler ran (body-parser's http-errors): its status decides the code. */
function clientErrorCode(err: unknown): { code: ErrorCode; message: string } | null {
  const e = err as { status?: unknown; expose?: unknown; type?: unknown } | null;
  // A path segment that is not valid percent-encoded UTF-8 (`/api/cases/%E0%A4%A`): the router cannot read it, so nothing is there.
  if (err instanceof URIError && e?.status === 400) return { code: 'NOT_FOUND', message: 'Nothing was found at that address.' };
  if (!e || typeof e.status !== 'number' || e.status < 400 || e.status >= 500 || e.expose !== true) return null;
  if (e.type === 'entity.parse.failed') return { code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' };
  if (e.status === 413) return { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' };
  if (e.status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as uncompressed or gzip UTF-8 JSON.' };
  // A corrupt gzip/deflate/br body, an aborted upload, a length that does not match the body.
  return { code: 'VALIDATION_FAILED', message: 'The request body could not be read.' };
}

/** The code an error answer carried (the error handler leaves it on the response): counters read it once the answer is sent. */
export function errorCodeOf(res: { locals: Record<string, unknown> }): ErrorCode | undefined {
  return typeof res.locals.errorCode === 'string' ? (res.locals.errorCode as ErrorCode) : undefined;
}

/** The one place errors become responses. Unexpected errors are logged (never their values) and answered without internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    // The code answered, for `errorCodeOf`.
    const coded = (code: ErrorCode) => {
      res.locals.errorCode = code;
      return res;
    };
    if (err instanceof AppError) {
      coded(err.code).status(err.status).json({ error: { code: err.code, message: err.message, fields: err.fields } });
      return;
    }
    const client = clientErrorCode(err);
    if (client) {
      coded(client.code).status(ERROR_STATUS[client.code]).json({ error: client });
      return;
    }
    const unavailable = databaseUnavailable(err);
    if (unavailable) {
      logger.warn({ err, method: req.method, route: req.route?.path, reqId: req.id }, 'database unavailable');
      coded(unavailable.code).status(unavailable.status).set('Retry-After', String(DATABASE_RETRY_AFTER_S)).json({ error: { code: unavailable.code, message: unavailable.message } });
      return;
    }
    logger.error({ err, method: req.method, route: req.route?.path, reqId: req.id }, 'unhandled error');
    coded('INTERNAL').status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again.' } });
  };
}
