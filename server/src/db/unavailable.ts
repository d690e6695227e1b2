/**
 * Whether an error means "the database cannot answer now" (down, restarting, unreachable, too slow)
 * rather than "this query was wrong". Those are answered 503 DATABASE_UNAVAILABLE, not 500, and
 * need no restart: the pool opens new connections once the database is back.
 */

/** SQLSTATE class 08: connection exception (08000, 08003, 08006, 08001, 08004, …). */
const CONNECTION_EXCEPTION_CLASS = '08';

const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout fired (the database is too slow to answer)
]);

/** Socket-level failures Node reports when the database's address does not answer. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** node-postgres and pg-pool give these failures no code, only a fixed message (no values in them). */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect$/, // pool: no connection free within connectionTimeoutMillis
  /^timeout expired$/,
  /^Query read timeout$/, // query_timeout
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/, // this node is shutting down
  /^PGlite is closed$/,
];

const MAX_DEPTH = 5;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > MAX_DEPTH) return false;
  const e = error as Error & { code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string') {
    if (e.code.startsWith(CONNECTION_EXCEPTION_CLASS) && e.code.length === 5) return true;
    if (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_ERRNO.has(e.code)) return true;
  }
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message))) return true;
  // Drizzle wraps the driver's error as `cause`; a dual-stack connect fails as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
