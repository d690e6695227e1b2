import { loginBodySchema, type StaffSession } from '@desk/shared';
import { eq } from 'drizzle-orm';
import { type Router } from 'express';
import { apiRouter } from '../http/input.js';
import { perMinute } from '../http/rate-limit.js';
import { staffActor, writeAudit } from '../audit/audit.js';
import { sessions, users } from '../db/schema.js';
import { STAFF_ROLES, type Deps } from '../http/context.js';
import { AppError, parseOrThrow } from '../http/errors.js';
import { stunServersFor } from '../signalling/ice.js';
import { lockoutOf } from './lockout.js';
import { requireStaff, staffOf } from './middleware.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';
import { clearedCookie, createSession, revokeSession, sessionCookie, touchSessions, type StaffPrincipal } from './sessions.js';

export function staffSessionView(deps: Deps, staff: Omit<StaffPrincipal, 'kind' | 'sessionId'>): StaffSession {
  return {
    user: { id: staff.userId, username: staff.username, displayName: staff.displayName, role: staff.role },
    // No TURN credentials here: they are per call, for a participant let in (`call:ice`).
    iceServers: stunServersFor(deps.config),
    devMode: !deps.config.production,
    timing: { idleTimeoutMs: deps.config.staffSession.idleMs, lastActivityAt: staff.lastSeenAt.toISOString(), expiresAt: staff.expiresAt.toISOString() },
  };
}

const londonTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

function accountLocked(until: Date): AppError {
  return new AppError(
    'ACCOUNT_LOCKED',
    `This account is locked after too many failed sign-ins. Try again after ${londonTime.format(until)}, or ask an administrator to unlock it.`,
  );
}

export function authRouter(deps: Deps): Router {
  const router = apiRouter();
  const secure = deps.config.secureCookies;
  const loginLimiter = perMinute(deps, 'login', deps.config.rateLimits.loginPerMinute, 'Too many sign-in attempts. Wait a minute and try again.');

  router.post('/login', loginLimiter, async (req, res) => {
    const body = parseOrThrow(loginBodySchema, req.body);
    const now = deps.clock.now();
    const [user] = await deps.db.select().from(users).where(eq(users.username, body.username.toLowerCase()));
    const subject = user ? `user:${user.id}` : null;
    // A locked account is refused before its password is even checked: guessing on gets nowhere.
    const lock = user && !user.disabled ? await lockoutOf(deps.db, user.id, now, deps.config.lockout) : null;
    if (lock?.locked) {
      await writeAudit(deps.db, { actor: 'anonymous', action: 'login_locked', subject, at: now });
      throw accountLocked(lock.until);
    }
    const passwordOk = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordOk || user.disabled) {
      await writeAudit(deps.db, { actor: 'anonymous', action: 'login_failed', subject, at: now });
      const locked = user && !user.disabled ? await lockoutOf(deps.db, user.id, now, deps.config.lockout) : null;
      if (locked?.locked) {
        await writeAudit(deps.db, { actor: 'system', action: 'account_locked', subject, detail: { until: locked.until.toISOString() }, at: now });
        throw accountLocked(locked.until);
      }
      throw new AppError('INVALID_CREDENTIALS', 'Username or password is incorrect.');
    }
    const session = await createSession(deps.db, { kind: 'staff', userId: user.id }, now, deps.config.staffSession.absoluteMs);
    await writeAudit(deps.db, { actor: staffActor(user.id), action: 'login', subject: `user:${user.id}`, at: now });
    deps.events.staffChanged(user.id);
    res
      .append('Set-Cookie', sessionCookie('staff', session.token, session.maxAgeMs, secure))
      .json(
        staffSessionView(deps, {
          userId: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + session.maxAgeMs),
        }),
      );
  });

  router.post('/logout', requireStaff(deps, STAFF_ROLES), async (req, res) => {
    const staff = staffOf(req);
    await revokeSession(deps.db, staff.sessionId, deps.clock.now());
    await writeAudit(deps.db, { actor: staffActor(staff.userId), action: 'logout', subject: `user:${staff.userId}` });
    // The session's open sockets (the live queue, a watched case) end with it.
    deps.events.sessionsEnded([staff.sessionId]);
    deps.events.staffChanged(staff.userId);
    res.append('Set-Cookie', clearedCookie('staff', secure)).status(204).end();
  });

  router.get('/session', requireStaff(deps, STAFF_ROLES), (req, res) => {
    res.json(staffSessionView(deps, staffOf(req)));
  });

  // The desk says the person is here (they typed or clicked, "Stay signed in", a call or an open draft): the idle clock starts again.
  router.post('/activity', requireStaff(deps, STAFF_ROLES), async (req, res) => {
    const staff = staffOf(req);
    const now = deps.clock.now();
    await touchSessions(deps.db, [staff.sessionId], now, true);
    const [row] = await deps.db.select({ lastSeenAt: sessions.lastSeenAt }).from(sessions).where(eq(sessions.id, staff.sessionId));
    res.json(staffSessionView(deps, { ...staff, lastSeenAt: row?.lastSeenAt ?? now }));
  });
  return router;
}
