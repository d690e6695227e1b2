import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { AppError } from './errors.js';

/**
 * Per client address (`req.ip`: the socket's, or the one TRUST_PROXY's proxies forwarded) per
 * minute, or per signed-in person with `by: 'staff'` (after `requireStaff`: a desk's clinicians share
 * one address). Every limit of the server is made here, so they key and answer alike.
 */
export function perMinute(limit: number, message: string, by: 'address' | 'staff' | 'joiner' = 'address'): RequestHandler {
  return rateLimit({
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
