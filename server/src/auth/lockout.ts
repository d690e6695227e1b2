import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { audit } from '../db/schema.js';
import type { Config } from '../config.js';

/**
 * Account lockout, read from the audit trail (insert-only, shared by every node): an account with
 * `attempts` failed sign-ins since its last good one (or an admin's unlock), all within the window,
 * is locked until the oldest of them is a window old. No counter lives in one process's memory.
 */

/** Audit actions that count: failures, and what resets them. */
const COUNTED = ['login_failed', 'login', 'account_unlocked'] as const;

export type Lockout = { locked: false } | { locked: true; until: Date };

export async function lockoutOf(db: Db, userId: string, now: Date, policy: Config['lockout']): Promise<Lockout> {
  const rows = await db
    .select({ action: audit.action, at: audit.at })
    .from(audit)
    .where(and(eq(audit.subject, `user:${userId}`), inArray(audit.action, [...COUNTED]), gt(audit.at, new Date(now.getTime() - policy.windowMs))))
    .orderBy(desc(audit.at))
    .limit(policy.attempts + 1);
  const failures: Date[] = [];
  for (const row of rows) {
    if (row.action !== 'login_failed') break;
    failures.push(row.at);
  }
  if (failures.length < policy.attempts) return { locked: false };
  const oldest = failures[policy.attempts - 1]!;
  return { locked: true, until: new Date(oldest.getTime() + policy.windowMs) };
}
