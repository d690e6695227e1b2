import type { ParticipantRole, Role } from '@desk/shared';
import { parse as parseCookie, serialize } from 'cookie';
import { and, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { callParticipants, invites, sessions, users } from '../db/schema.js';
import { hashToken, newToken } from './tokens.js';

const COOKIE_NAMES = { staff: 'desk_session', join: 'join_session' } as const;

/**
 * `desk_session` (staff) and `join_session` (the parent or a guest). On https they are `__Host-`
 * named: the browser then only takes them Secure, for this exact host and path `/`, so no sibling
 * subdomain can plant one; a plain-named cookie is not read there.
 */
export function cookieName(kind: Principal['kind'], secure: boolean): string {
  return secure ? `__Host-${COOKIE_NAMES[kind]}` : COOKIE_NAMES[kind];
}
export const JOIN_SESSION_TTL_MS = 3 * 60 * 60 * 1000;

/** What resolving a session needs to know: the cookie names, and how long a staff session may sit idle. */
export type SessionPolicy = Pick<Config, 'secureCookies' | 'staffSession'>;

export type StaffPrincipal = {
  kind: 'staff';
  sessionId: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** The session's last activity and its absolute end (the desk warns before either ends it). */
  lastSeenAt: Date;
  expiresAt: Date;
};
/** Someone who joined by a one-time link (the parent or a guest): bound to one participant of one call. */
export type JoinPrincipal = {
  kind: 'join';
  sessionId: string;
  inviteId: string;
  caseId: string;
  callId: string;
  participantId: string;
  role: ParticipantRole;
};
export type Principal = StaffPrincipal | JoinPrincipal;

export async function createSession(
  db: Db,
  owner: { kind: 'staff'; userId: string } | { kind: 'join'; inviteId: string; participantId: string },
  now: Date,
  staffSessionMs = 12 * 60 * 60 * 1000,
): Promise<{ token: string; sessionId: string; maxAgeMs: number }> {
  const token = newToken();
  const maxAgeMs = owner.kind === 'staff' ? staffSessionMs : JOIN_SESSION_TTL_MS;
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      kind: owner.kind,
      userId: owner.kind === 'staff' ? owner.userId : null,
      inviteId: owner.kind === 'join' ? owner.inviteId : null,
      participantId: owner.kind === 'join' ? owner.participantId : null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxAgeMs),
    })
    .returning({ id: sessions.id });
  return { token, sessionId: row!.id, maxAgeMs };
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}

/** Ends every live session of a user (the account was disabled); returns their ids. */
export async function revokeUserSessions(db: Db, userId: string, now: Date): Promise<string[]> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}

/** Ends the join sessions (the parent's, guests') of these participants: their call is over, or they were removed. */
export async function revokeParticipantSessions(db: Db, participantIds: readonly string[], now: Date): Promise<string[]> {
  if (!participantIds.length) return [];
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.kind, 'join'), inArray(sessions.participantId, [...participantIds]), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}

/** How often one session's activity is written at most: a busy clinician is not a write per click. */
const TOUCH_EVERY_MS = 15_000;

/** Records activity on staff sessions (a live call, a watched board: at most every 15 s each; `exactly`: the person said so, now). */
export async function touchSessions(db: Db, sessionIds: readonly string[], now: Date, exactly = false): Promise<void> {
  if (!sessionIds.length) return;
  const stale = exactly ? undefined : lt(sessions.lastSeenAt, new Date(now.getTime() - TOUCH_EVERY_MS));
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(inArray(sessions.id, [...sessionIds]), eq(sessions.kind, 'staff'), isNull(sessions.revokedAt), stale));
}

/**
 * The one rule for a session that still counts, used by the cookie lookup and by the sockets'
 * sweep alike: not revoked, not past its absolute expiry and, for staff, not idle too long and
 * with an account that is not disabled (the query must join `users` for staff).
 */
function liveSession(kind: Principal['kind'], now: Date, idleMs: number) {
  const common = and(eq(sessions.kind, kind), isNull(sessions.revokedAt), gt(sessions.expiresAt, now));
  if (kind === 'join') return common;
  return and(common, gt(sessions.lastSeenAt, new Date(now.getTime() - idleMs)), eq(users.disabled, false));
}

/** The staff accounts with a session that still counts (signed in now), by the same rule as the cookie lookup. */
export async function signedInUserIds(db: Db, now: Date, idleMs: number): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ userId: sessions.userId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(liveSession('staff', now, idleMs));
  return new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])));
}

/**
 * Of these session ids, the ones that no longer count: revoked, expired, idle too long, or a staff
 * session whose account is disabled. A node asks this of its open sockets now and then, so an
 * account disabled by another process (or node) loses its sockets too.
 */
export async function endedSessions(db: Db, sessionIds: readonly string[], now: Date, idleMs: number): Promise<string[]> {
  if (!sessionIds.length) return [];
  const live = await db
    .select({ id: sessions.id })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(and(inArray(sessions.id, [...sessionIds]), or(liveSession('join', now, idleMs), liveSession('staff', now, idleMs))));
  const liveIds = new Set(live.map((row) => row.id));
  return sessionIds.filter((id) => !liveIds.has(id));
}

/** The live session behind a cookie header, or null. Disabled users and revoked sessions count as none. */
export async function resolvePrincipal(
  db: Db,
  cookieHeader: string | undefined,
  kind: Principal['kind'],
  now: Date,
  policy: SessionPolicy,
): Promise<Principal | null> {
  const token = parseCookie(cookieHeader ?? '')[cookieName(kind, policy.secureCookies)];
  if (!token) return null;
  const live = and(eq(sessions.tokenHash, hashToken(token)), liveSession(kind, now, policy.staffSession.idleMs));
  if (kind === 'staff') {
    const [row] = await db
      .select({ sessionId: sessions.id, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(live);
    if (!row) return null;
    const { user } = row;
    return {
      kind: 'staff',
      sessionId: row.sessionId,
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
    };
  }
  const [row] = await db
    .select({
      sessionId: sessions.id,
      inviteId: invites.id,
      caseId: invites.caseId,
      callId: callParticipants.callId,
      participantId: callParticipants.id,
      role: callParticipants.role,
    })
    .from(sessions)
    .innerJoin(invites, eq(invites.id, sessions.inviteId))
    .innerJoin(callParticipants, eq(callParticipants.id, sessions.participantId))
    .where(live);
  return row ? { kind: 'join', ...row } : null;
}

export function sessionCookie(kind: Principal['kind'], token: string, maxAgeMs: number, secure: boolean): string {
  return serialize(cookieName(kind, secure), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearedCookie(kind: Principal['kind'], secure: boolean): string {
  return serialize(cookieName(kind, secure), '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 });
}
