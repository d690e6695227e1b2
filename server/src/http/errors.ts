import { ERROR_STATUS, fieldErrors, type ErrorCode } from '@desk/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';

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

export const apiNotFound: RequestHandler = (_req, _res, next) => next(new AppError('NOT_FOUND', 'No such API route.'));

/** The one place errors become responses. Unexpected errors are logged and answered without internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof AppError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, fields: err.fields } });
      return;
    }
    const bodyError = err as { type?: string; status?: number };
    if (bodyError?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' } });
      return;
    }
    if (bodyError?.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' } });
      return;
    }
    logger.error({ err, method: req.method, route: req.route?.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again.' } });
  };
}
