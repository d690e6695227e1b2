import { deskNoticeSchema, type DeskNotice } from '@desk/shared';
import { aliasedTable, and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, deskNotices, users } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { notFound } from '../http/errors.js';

/**
 * Notes on a staff member's desk from a supervisor. A notice is written in the same transaction as
 * what it tells of (a reassignment), and announced after the commit (`announceNotices`): the socket
 * event is the fast path, `GET /api/me/notices` the truth a page reads on load and reconnect.
 */

type NoticeKind = DeskNotice['kind'];
export type NewNotice = { userId: string; kind: NoticeKind; caseId: string; fromUserId: string; at: Date };

const sender = aliasedTable(users, 'sender');
/** A desk that has not dismissed this many has more than it reads; the oldest wait their turn. */
export const NOTICES_LISTED_MAX = 100;

/** The notices as the desk shows them (with the case's reference and child, and the sender's name), newest first, with whose they are. */
async function noticeViews(db: Db, where: SQL | undefined): Promise<{ userId: string; notice: DeskNotice }[]> {
  const rows = await db
    .select({
      userId: deskNotices.userId,
      id: deskNotices.id,
      kind: deskNotices.kind,
      caseId: deskNotices.caseId,
      reference: cases.reference,
      childFirstName: cases.childFirstName,
      from: sender.displayName,
      at: deskNotices.createdAt,
    })
    .from(deskNotices)
    .innerJoin(cases, eq(cases.id, deskNotices.caseId))
    .innerJoin(sender, eq(sender.id, deskNotices.fromUserId))
    .where(where)
    .orderBy(desc(deskNotices.createdAt), desc(deskNotices.id))
    .limit(NOTICES_LISTED_MAX);
  return rows.map(({ userId, at, ...notice }) => ({ userId, notice: deskNoticeSchema.parse({ ...notice, at: at.toISOString() }) }));
}

/** Writes notices (inside the caller's transaction); returns their ids for `announceNotices`. */
export async function addNotices(db: Db, notices: readonly NewNotice[]): Promise<string[]> {
  if (!notices.length) return [];
  const rows = await db
    .insert(deskNotices)
    .values(notices.map(({ at, ...notice }) => ({ ...notice, createdAt: at })))
    .returning({ id: deskNotices.id });
  return rows.map((r) => r.id);
}

/** After the commit: each notice to its addressee's sockets. Returns them as the desk shows them. */
export async function announceNotices(deps: Pick<Deps, 'db' | 'events'>, ids: readonly string[]): Promise<DeskNotice[]> {
  if (!ids.length) return [];
  const views = await noticeViews(deps.db, inArray(deskNotices.id, [...ids]));
  for (const { userId, notice } of views) deps.events.noticeCreated(userId, notice);
  return views.map((v) => v.notice);
}

/** The caller's notices not yet dismissed, newest first. */
export async function listNotices(deps: Pick<Deps, 'db'>, userId: string): Promise<DeskNotice[]> {
  return (await noticeViews(deps.db, and(eq(deskNotices.userId, userId), isNull(deskNotices.dismissedAt)))).map((v) => v.notice);
}

/** Dismisses one of the caller's notices (again is fine); someone else's, or none, is not found. */
export async function dismissNotice(deps: Pick<Deps, 'db' | 'clock'>, userId: string, noticeId: string): Promise<void> {
  const [mine] = await deps.db.select({ dismissedAt: deskNotices.dismissedAt }).from(deskNotices).where(and(eq(deskNotices.id, noticeId), eq(deskNotices.userId, userId)));
  if (!mine) throw notFound('That notice');
  if (mine.dismissedAt) return;
  await deps.db.update(deskNotices).set({ dismissedAt: deps.clock.now() }).where(eq(deskNotices.id, noticeId));
}
