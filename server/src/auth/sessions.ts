import type { ParticipantRole, Role } from '@desk/shared';
import { parse as parseCookie, serialize } from 'cookie';
import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
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
export const STAFF_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const JOIN_SESSION_TTL_MS = 3 * 60 * 60 * 1000;

export type StaffPrincipal = { kind: 'staff'; sessionId: string; userId: string; username: string; displayName: string; role: Role };
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
): Promise<{ token: string; sessionId: string; maxAgeMs: number }> {
  const token = newToken();
  const maxAgeMs = owner.kind === 'staff' ? STAFF_SESSION_TTL_MS : JOIN_SESSION_TTL_MS;
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

/**
 * Of these session ids, the ones that no longer count: revoked, expired, or a staff session whose
 * account is disabled. A node asks this of its open sockets now and then, so an account disabled
 * by another process (or node) loses its sockets too.
 */
export async function endedSessions(db: Db, sessionIds: readonly string[], now: Date): Promise<string[]> {
  if (!sessionIds.length) return [];
  const live = await db
    .select({ id: sessions.id })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        inArray(sessions.id, [...sessionIds]),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        or(eq(sessions.kind, 'join'), eq(users.disabled, false)),
      ),
    );
  const liveIds = new Set(live.map((row) => row.id));
  return sessionIds.filter((id) => !liveIds.has(id));
}

/** The live session behind a cookie header, or null. Disabled users and revoked sessions count as none. */
export async function resolvePrincipal(
  db: Db,
  cookieHeader: string | undefined,
  kind: Principal['kind'],
  now: Date,
  secure: boolean,
): Promise<Principal | null> {
  const token = parseCookie(cookieHeader ?? '')[cookieName(kind, secure)];
  if (!token) return null;
  const live = and(eq(sessions.tokenHash, hashToken(token)), eq(sessions.kind, kind), isNull(sessions.revokedAt), gt(sessions.expiresAt, now));
  if (kind === 'staff') {
    const [row] = await db
      .select({ sessionId: sessions.id, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(live, eq(users.disabled, false)));
    if (!row) return null;
    return { kind: 'staff', sessionId: row.sessionId, userId: row.user.id, username: row.user.username, displayName: row.user.displayName, role: row.user.role };
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
