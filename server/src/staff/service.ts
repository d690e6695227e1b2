import type { ClinicianAvailability, StaffClinicians } from '@desk/shared';
import { and, eq } from 'drizzle-orm';
import { staffActor, writeAudit } from '../audit/audit.js';
import { signedInUserIds } from '../auth/sessions.js';
import { users } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { loadBoardCases, loadBoardClinicians } from '../supervisor/board.js';

/**
 * The people on the desk: what a clinician says of themselves (available or away), and every
 * active clinician as a supervisor picks one to give a case to.
 */

export async function availabilityOf(deps: Pick<Deps, 'db'>, userId: string): Promise<{ availability: ClinicianAvailability }> {
  const [row] = await deps.db.select({ availability: users.availability }).from(users).where(eq(users.id, userId));
  if (!row) throw notFound('That account');
  return row;
}

/** A clinician sets themselves available or away: audited, and the board's clinician list follows at once. */
export async function setAvailability(deps: Deps, userId: string, availability: ClinicianAvailability): Promise<{ availability: ClinicianAvailability }> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ availability, availabilityAt: now }).where(eq(users.id, userId));
    await writeAudit(tx, { actor: staffActor(userId), action: 'availability_changed', subject: `user:${userId}`, detail: { availability }, at: now });
  });
  deps.events.staffChanged(userId);
  return { availability };
}

/**
 * Every active clinician, alphabetical: whether they are signed in, and (if so) their status as the
 * board derives it from their availability and their cases' calls; null when not signed in.
 */
export async function listClinicians(deps: Deps): Promise<StaffClinicians> {
  const [people, signedIn, rows] = await Promise.all([
    deps.db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(and(eq(users.role, 'clinician'), eq(users.disabled, false))),
    signedInUserIds(deps.db, deps.clock.now(), deps.config.staffSession.idleMs),
    loadBoardCases(deps),
  ]);
  const statusOf = new Map((await loadBoardClinicians(deps, rows)).map((c) => [c.id, c.status]));
  return {
    clinicians: people
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
      .map((p) => ({ id: p.id, name: p.name, signedIn: signedIn.has(p.id), status: statusOf.get(p.id) ?? null })),
  };
}
