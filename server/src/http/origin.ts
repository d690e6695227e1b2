import type { RequestHandler } from 'express';
import { AppError } from './errors.js';

/**
 * CSRF: a browser always sends Origin on cross-site mutations. Refuse one that is neither PUBLIC_URL's
 * origin nor this request's own host. Server-to-server callers send none and pass.
 */
export function checkOrigin(publicUrl: string): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (originAllowed(publicUrl, req.get('origin'), req.get('host'))) return next();
    next(new AppError('FORBIDDEN', 'Cross-site request refused.'));
  };
}

/** No Origin (server-to-server), PUBLIC_URL's origin, or the request's own host. Also used for the socket handshake. */
export function originAllowed(publicUrl: string, origin: string | undefined, requestHost: string | undefined): boolean {
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return origin === publicUrl || host === requestHost;
}

/** Mutations carry JSON or nothing; a form post from another site cannot pass as JSON. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (req.method !== 'GET' && req.method !== 'HEAD' && hasBody && !req.is('application/json')) {
    return next(new AppError('VALIDATION_FAILED', 'Send the request body as application/json.'));
  }
  next();
};
