import type { Role } from '@desk/shared';
import type { Request, RequestHandler } from 'express';
import type { Deps } from '../http/context.js';
import { AppError, forbidden } from '../http/errors.js';
import { resolvePrincipal, type JoinPrincipal, type StaffPrincipal } from './sessions.js';

declare module 'express-serve-static-core' {
  interface Request {
    staff?: StaffPrincipal;
    joiner?: JoinPrincipal;
  }
}

/** Resolves the staff session (cookie `desk_session`) and checks the role; 401 without one, 403 for the wrong role. */
export function requireStaff(deps: Pick<Deps, 'db' | 'clock' | 'config'>, roles: readonly Role[]): RequestHandler {
  return async (req, _res, next) => {
    const principal = await resolvePrincipal(deps.db, req.headers.cookie, 'staff', deps.clock.now(), deps.config);
    if (!principal || principal.kind !== 'staff') throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    if (!roles.includes(principal.role)) throw forbidden();
    req.staff = principal;
    next();
  };
}

/** Resolves a join session (cookie `join_session`: the parent or a guest); 401 without one. */
export function requireJoiner(deps: Pick<Deps, 'db' | 'clock' | 'config'>): RequestHandler {
  return async (req, _res, next) => {
    req.joiner = await joinerFromCookie(deps, req);
    next();
  };
}

/** The join session the request's cookie holds, or UNAUTHENTICATED (401). */
export async function joinerFromCookie(deps: Pick<Deps, 'db' | 'clock' | 'config'>, req: Request): Promise<JoinPrincipal> {
  const principal = await resolvePrincipal(deps.db, req.headers.cookie, 'join', deps.clock.now(), deps.config);
  if (!principal || principal.kind !== 'join') {
    throw new AppError('UNAUTHENTICATED', 'This video link has expired or has already been used.');
  }
  return principal;
}

/** For handlers behind `requireStaff`: the principal, typed as present. */
export function staffOf(req: Request): StaffPrincipal {
  if (!req.staff) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return req.staff;
}

export function joinerOf(req: Request): JoinPrincipal {
  if (!req.joiner) throw new AppError('UNAUTHENTICATED', 'This video link has expired or has already been used.');
  return req.joiner;
}
