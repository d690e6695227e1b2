import type { RecentDecision } from '@desk/shared';
import { desc, gt, inArray } from 'drizzle-orm';
import { cases, decisions } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { toDecisions } from '../decisions/service.js';

/** What a supervisor reviews after cases leave the queue: a day of decisions. */
export const RECENT_DECISIONS_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The latest version of each case's decision signed in the window, newest first. */
export async function recentDecisions(deps: Pick<Deps, 'db' | 'clock'>): Promise<RecentDecision[]> {
  const since = new Date(deps.clock.now().getTime() - RECENT_DECISIONS_WINDOW_MS);
  const latest = await deps.db
    .selectDistinctOn([decisions.caseId])
    .from(decisions)
    .where(gt(decisions.signedAt, since))
    .orderBy(decisions.caseId, desc(decisions.version));
  if (!latest.length) return [];
  const [views, caseRows] = await Promise.all([
    toDecisions(deps, latest),
    deps.db.select().from(cases).where(inArray(cases.id, latest.map((d) => d.caseId))),
  ]);
  return views
    .map((decision) => {
      const caseRow = caseRows.find((c) => c.id === decision.caseId)!;
      return {
        caseId: caseRow.id,
        reference: caseRow.reference,
        childFirstName: caseRow.childFirstName,
        childAgeMonths: caseRow.childAgeMonths,
        decision,
      };
    })
    .sort((a, b) => Date.parse(b.decision.signedAt) - Date.parse(a.decision.signedAt))
    .slice(0, 200);
}

