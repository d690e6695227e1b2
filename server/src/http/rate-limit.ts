import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import type { Deps } from './context.js';
import { AppError } from './errors.js';

/**
 * `name` keeps this limiter's counters apart from the others'. With several nodes the counters are
 * in Redis (cluster/index.ts), so a limit holds whichever node answers; if Redis is away, requests
 * are let through (logged) rather than refused: the account lockout, in the database, still holds.
 *
 * Per client address (`req.ip`: the socket's, or the one TRUST_PROXY's proxies forwarded) per
 * minute, or per signed-in person with `by: 'staff'` (after `requireStaff`: a desk's clinicians share
 * one address). Every limit of the server is made here, so they key and answer alike.
 */
export function perMinute(
  deps: Pick<Deps, 'cluster' | 'logger'>,
  name: string,
  limit: number,
  message: string,
  by: 'address' | 'staff' | 'joiner' = 'address',
): RequestHandler {
  const store = deps.cluster.rateLimitStore(name);
  return rateLimit({
    // Its message may quote the key (an address): only the error's kind is logged (logger.ts).
    ...(store ? { store, passOnStoreError: true, logger: { error: (error: unknown) => deps.logger.error({ err: error, limiter: name }, 'rate limit store failed; request let through'), warn: () => undefined } } : {}),
    windowMs: 60_000,
    limit,
    ...(by === 'staff' ? { keyGenerator: (req) => `staff:${req.staff?.userId ?? 'none'}` } : {}),
    ...(by === 'joiner' ? { keyGenerator: (req) => `joiner:${req.joiner?.sessionId ?? 'none'}` } : {}),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // An X-Forwarded-For from a proxy we do not trust is ignored on purpose (docs/operations.md, TRUST_PROXY).
    validate: { xForwardedForHeader: false },
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', message)),
  });
}
