import { loginBodySchema, type StaffSession } from '@desk/shared';
import { eq } from 'drizzle-orm';
import { type Router } from 'express';
import { apiRouter } from '../http/input.js';
import { perMinute } from '../http/rate-limit.js';
import { staffActor, writeAudit } from '../audit/audit.js';
import { users } from '../db/schema.js';
import { STAFF_ROLES, type Deps } from '../http/context.js';
import { AppError, parseOrThrow } from '../http/errors.js';
import { stunServersFor } from '../signalling/ice.js';
import { requireStaff, staffOf } from './middleware.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';
import { clearedCookie, createSession, revokeSession, sessionCookie, type StaffPrincipal } from './sessions.js';

export function staffSessionView(deps: Deps, staff: Omit<StaffPrincipal, 'kind' | 'sessionId'>): StaffSession {
  return {
    user: { id: staff.userId, username: staff.username, displayName: staff.displayName, role: staff.role },
    // No TURN credentials here: they are per call, for a participant let in (`call:ice`).
    iceServers: stunServersFor(deps.config),
    devMode: !deps.config.production,
  };
}

export function authRouter(deps: Deps): Router {
  const router = apiRouter();
  const secure = deps.config.secureCookies;
  const loginLimiter = perMinute(deps.config.rateLimits.loginPerMinute, 'Too many sign-in attempts. Wait a minute and try again.');

  router.post('/login', loginLimiter, async (req, res) => {
    const body = parseOrThrow(loginBodySchema, req.body);
    const [user] = await deps.db.select().from(users).where(eq(users.username, body.username.toLowerCase()));
    const passwordOk = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordOk || user.disabled) {
      await writeAudit(deps.db, { actor: 'anonymous', action: 'login_failed', subject: user ? `user:${user.id}` : null });
      throw new AppError('INVALID_CREDENTIALS', 'Username or password is incorrect.');
    }
    const session = await createSession(deps.db, { kind: 'staff', userId: user.id }, deps.clock.now());
    await writeAudit(deps.db, { actor: staffActor(user.id), action: 'login', subject: `user:${user.id}` });
    res
      .append('Set-Cookie', sessionCookie('staff', session.token, session.maxAgeMs, secure))
      .json(staffSessionView(deps, { userId: user.id, username: user.username, displayName: user.displayName, role: user.role }));
  });

  router.post('/logout', requireStaff(deps, STAFF_ROLES), async (req, res) => {
    const staff = staffOf(req);
    await revokeSession(deps.db, staff.sessionId, deps.clock.now());
    await writeAudit(deps.db, { actor: staffActor(staff.userId), action: 'logout', subject: `user:${staff.userId}` });
    // The session's open sockets (the live queue, a watched case) end with it.
    deps.events.sessionsEnded([staff.sessionId]);
    res.append('Set-Cookie', clearedCookie('staff', secure)).status(204).end();
  });

  router.get('/session', requireStaff(deps, STAFF_ROLES), (req, res) => {
    res.json(staffSessionView(deps, staffOf(req)));
  });
  return router;
}
