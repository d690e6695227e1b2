import { hostname } from 'node:os';
import pino, { type Logger } from 'pino';

/** Paths that may carry PII or secrets; pino replaces their values before anything is written. */
const REDACT = [
  'childFirstName',
  '*.childFirstName',
  'callerPhone',
  '*.callerPhone',
  'to',
  '*.to',
  'nhsNumber',
  '*.nhsNumber',
  'dateOfBirth',
  '*.dateOfBirth',
  'token',
  '*.token',
  'password',
  '*.password',
  'body',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** What the log keeps of an error: its kind, its codes and where it was thrown. */
export type LoggedError = { type: string; code?: string; status?: number; frames?: string[]; cause?: LoggedError };

const MAX_FRAMES = 12;

/**
 * Redaction by key cannot reach an error's message, and messages carry values: a failed query lists
 * its parameters (child names, phone numbers, notes), `JSON.parse` quotes the text it choked on.
 * So no error message is ever logged: the class, the stable codes (SQLSTATE, Node's `ERR_…`), the
 * HTTP status and the stack frames (code locations only) are enough to find the fault.
 */
export function loggedError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: err === null ? 'null' : typeof err };
  const e = err as Error & { code?: unknown; status?: unknown; cause?: unknown };
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => line.trim());
  return {
    type: e.constructor?.name || e.name || 'Error',
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: String(e.code) } : {}),
    ...(typeof e.status === 'number' ? { status: e.status } : {}),
    ...(frames.length ? { frames } : {}),
    ...(e.cause !== undefined && depth < 3 ? { cause: loggedError(e.cause, depth + 1) } : {}),
  };
}

/** Serializers every logger of the server uses, the request logger included. */
export const errorSerializers = { err: loggedError, error: loggedError };

/** With `node` (the config's `nodeId`), every line says which node of several wrote it. */
export function createLogger(level: string, destination?: pino.DestinationStream, node?: string): Logger {
  const options = {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: errorSerializers,
    ...(node ? { base: { pid: process.pid, hostname: hostname(), node } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The logger with `node` on every line: as given if it already carries one (index.ts's), else a child that adds it. */
export function nodeLogger(logger: Logger, node: string): Logger {
  return 'node' in logger.bindings() ? logger : logger.child({ node });
}

/** Join links carry a bearer token in the path, advice links one in `?t=`: never log either. */
export function maskUrl(url: string): string {
  return url.replace(/\/join\/[^/?#]+/, '/join/[token]').replace(/^(\/advice\/[^?#]*\?(?:[^#]*&)?t=)[^&#]*/, '$1[token]');
}
