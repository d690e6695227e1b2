import { AUDIT_PAGE_SIZE, type AuditEntry, type AuditPage, type AuditQuery } from '@desk/shared';
import { and, count, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { audit, cases, users } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { AppError } from '../http/errors.js';

const STAFF_ACTOR = /^user:([0-9a-f-]{36})$/i;
const CASE_SUBJECT = /^case:([0-9a-f-]{36})$/i;

/**
 * A page of the audit trail for the supervisor's viewer, newest first, in a fixed handful of
 * queries: the page, its total, the action names, the staff (who also name the page's actors), and
 * the page's cases' references. Read-only: the trail is insert-only in the database itself.
 */
export async function auditPage(deps: Pick<Deps, 'db'>, query: AuditQuery): Promise<AuditPage> {
  if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) {
    throw new AppError('VALIDATION_FAILED', 'The start of the time range is after its end.', { to: 'Choose a time after the start' });
  }
  const where = and(...filtersOf(query));
  const [rows, [counted], actions, staff] = await Promise.all([
    deps.db
      .select()
      .from(audit)
      .where(where)
      .orderBy(desc(audit.at), desc(audit.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((query.page - 1) * AUDIT_PAGE_SIZE),
    deps.db.select({ total: count() }).from(audit).where(where),
    actionNames(deps.db),
    deps.db.select({ id: users.id, name: users.displayName, role: users.role }).from(users).orderBy(users.displayName, users.username),
  ]);
  const caseIds = [...new Set(rows.flatMap((r) => CASE_SUBJECT.exec(r.subject ?? '')?.[1] ?? []))];
  const references = caseIds.length
    ? new Map((await deps.db.select({ id: cases.id, reference: cases.reference }).from(cases).where(inArray(cases.id, caseIds))).map((c) => [c.id, c.reference]))
    : new Map<string, string>();
  const staffById = new Map(staff.map((s) => [s.id, s]));
  return {
    entries: rows.map((row): AuditEntry => {
      const userId = STAFF_ACTOR.exec(row.actor)?.[1];
      const person = userId ? staffById.get(userId) : undefined;
      const caseId = CASE_SUBJECT.exec(row.subject ?? '')?.[1] ?? null;
      return {
        id: row.id,
        at: row.at.toISOString(),
        // Staff by their user id (what the user filter takes); parents, guests and the system as recorded.
        actor: { id: userId ?? row.actor, name: person?.name ?? null, role: person?.role ?? null },
        action: row.action,
        subject: row.subject ?? '',
        caseId,
        reference: caseId ? (references.get(caseId) ?? null) : null,
        detail: detailSchema.parse(row.detail),
      };
    }),
    page: query.page,
    pageSize: AUDIT_PAGE_SIZE,
    total: counted?.total ?? 0,
    actions,
    staff,
  };
}

const detailSchema = z.record(z.string(), z.unknown()).catch({});

function filtersOf(query: AuditQuery): SQL[] {
  const filters: SQL[] = [];
  if (query.caseId) filters.push(eq(audit.subject, `case:${query.caseId}`));
  // What the person did, and what was done to their account (failed sign-ins, a lockout, a disable).
  if (query.userId) filters.push(or(eq(audit.actor, `user:${query.userId}`), eq(audit.subject, `user:${query.userId}`))!);
  if (query.action) filters.push(eq(audit.action, query.action));
  if (query.from) filters.push(gte(audit.at, new Date(query.from)));
  if (query.to) filters.push(lte(audit.at, new Date(query.to)));
  return filters;
}

const actionRowsSchema = z.object({ rows: z.array(z.object({ action: z.string() })) });

/**
 * Every action name in the trail, alphabetically. A skip scan over `audit_action_idx` (one index
 * probe per distinct name) rather than `select distinct`, which would read every row of a trail
 * that only grows.
 */
async function actionNames(db: Db): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive names(action) as (
      (select ${audit.action} from ${audit} order by ${audit.action} limit 1)
      union all
      select (select ${audit.action} from ${audit} where ${audit.action} > names.action order by ${audit.action} limit 1)
      from names where names.action is not null
    )
    select action from names where action is not null`);
  return actionRowsSchema.parse(result).rows.map((r) => r.action);
}
