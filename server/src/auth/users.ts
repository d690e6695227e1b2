import type { Role } from '@desk/shared';
import { and, count, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../audit/audit.js';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { hashPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.js';

export async function addUser(
  db: Db,
  user: { username: string; displayName: string; role: Role; password: string },
  actor = 'system',
): Promise<{ id: string; created: boolean }> {
  const username = user.username.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (existing) return { id: existing.id, created: false };
  const [row] = await db
    .insert(users)
    .values({ username, displayName: user.displayName, role: user.role, passwordHash: await hashPassword(user.password) })
    // Several nodes starting at once each seed the demo accounts: the one that loses the race finds the winner's row.
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!row) {
    const [winner] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (!winner) throw new Error('user insert conflicted, yet no user has that name');
    return { id: winner.id, created: false };
  }
  await writeAudit(db, { actor, action: 'user_created', subject: `user:${row!.id}`, detail: { username, role: user.role } });
  return { id: row!.id, created: true };
}

export const DEMO_USERS = [
  { username: 'clinician', displayName: 'Nurse Demo', role: 'clinician' },
  // A second clinician, so a supervisor can give a case to someone else on the demo.
  { username: 'clinician2', displayName: 'Nurse Second', role: 'clinician' },
  { username: 'supervisor', displayName: 'Supervisor Demo', role: 'supervisor' },
] as const;

/** Dev/demo only: the accounts printed on start. Never called in production. */
export async function seedDemoUsers(db: Db, password: string): Promise<void> {
  for (const user of DEMO_USERS) {
    const { id, created } = await addUser(db, { ...user, password });
    // DEMO_PASSWORD may change between starts: the printed password must work.
    if (!created) await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, id));
  }
}

/** Production start: any demo account left from a demo run on the same data is switched off. Returns how many. */
export async function disableDemoUsers(db: Db): Promise<number> {
  const rows = await db
    .update(users)
    .set({ disabled: true })
    .where(and(inArray(users.username, DEMO_USERS.map((u) => u.username)), eq(users.disabled, false)))
    .returning({ id: users.id });
  for (const row of rows) await writeAudit(db, { actor: 'system', action: 'user_disabled', subject: `user:${row.id}`, detail: { why: 'demo account in production' } });
  return rows.length;
}

export async function activeUserCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.disabled, false));
  return row?.n ?? 0;
}

/** Switches an account off: its sessions end now (their sockets with them, via the caller's event). Returns the ended session ids, or null if no such user. */
export async function disableUser(db: Db, userId: string, actor: string, now: Date): Promise<string[] | null> {
  const [row] = await db.update(users).set({ disabled: true }).where(eq(users.id, userId)).returning({ id: users.id });
  if (!row) return null;
  const ended = await revokeUserSessions(db, userId, now);
  await writeAudit(db, { actor, action: 'user_disabled', subject: `user:${userId}`, detail: { sessionsEnded: ended.length } });
  return ended;
}

/** Lifts a lockout (server/src/auth/lockout.ts): the failed sign-ins before now stop counting. False if no such user. */
export async function unlockUser(db: Db, userId: string, actor: string, now: Date): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!row) return false;
  await writeAudit(db, { actor, action: 'account_unlocked', subject: `user:${userId}`, at: now });
  return true;
}
