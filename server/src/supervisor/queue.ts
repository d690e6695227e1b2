import type { QueueItem } from '@desk/shared';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { calls, cases, smsOutbox, users } from '../db/schema.js';
import type { Deps } from '../http/context.js';

/** Open cases, oldest first (the queue's order), each with its latest call and SMS state. Three queries, whatever the size. */
export async function openQueue(deps: Pick<Deps, 'db'>): Promise<QueueItem[]> {
  const rows = await deps.db
    .select({ case: cases, clinician: users.displayName })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.assignedClinicianId))
    .where(eq(cases.status, 'open'))
    .orderBy(cases.createdAt)
    .limit(500);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.case.id);
  const [latestCalls, latestSms] = await Promise.all([
    deps.db.selectDistinctOn([calls.caseId]).from(calls).where(inArray(calls.caseId, ids)).orderBy(calls.caseId, desc(calls.createdAt)),
    deps.db
      .selectDistinctOn([smsOutbox.caseId], { caseId: smsOutbox.caseId, status: smsOutbox.status })
      .from(smsOutbox)
      .where(and(inArray(smsOutbox.caseId, ids), eq(smsOutbox.template, 'video_invite')))
      .orderBy(smsOutbox.caseId, desc(smsOutbox.createdAt)),
  ]);
  const callByCase = new Map(latestCalls.map((c) => [c.caseId, c]));
  const smsByCase = new Map(latestSms.map((s) => [s.caseId, s.status]));
  return rows.map(({ case: c, clinician }) => {
    const call = callByCase.get(c.id);
    return {
      caseId: c.id,
      reference: c.reference,
      childFirstName: c.childFirstName,
      childAgeMonths: c.childAgeMonths,
      complaint: c.complaint,
      assignedClinician: clinician,
      createdAt: c.createdAt.toISOString(),
      call: call ? { state: call.state, reason: call.reason } : null,
      smsStatus: smsByCase.get(c.id) ?? null,
    };
  });
}
