import type { ParentLanguage } from '@desk/shared';
import { eq } from 'drizzle-orm';
import { writeAudit } from '../audit/audit.js';
import { cases } from '../db/schema.js';
import type { Deps } from '../http/context.js';

/**
 * The parent picked a language on one of their pages (join or advice): the case's language follows,
 * so the desk shows it and later texts (a safety-netting SMS after an amendment) go in it. Audited
 * with what it was; the desk and the board hear at once. A pick of the same language changes nothing.
 */
export async function recordParentLanguage(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  choice: { caseId: string; actor: string; language: ParentLanguage; page: 'join' | 'advice' },
): Promise<void> {
  const { caseId, actor, language, page } = choice;
  const changed = await deps.db.transaction(async (tx) => {
    const [before] = await tx.select({ language: cases.preferredLanguage }).from(cases).where(eq(cases.id, caseId));
    if (!before || before.language === language) return false;
    const now = deps.clock.now();
    await tx
      .update(cases)
      .set({ preferredLanguage: language, languageSupported: true, languageChosenAt: now, updatedAt: now })
      .where(eq(cases.id, caseId));
    await writeAudit(tx, { actor, action: 'parent_language_chosen', subject: `case:${caseId}`, detail: { from: before.language, to: language, page } });
    return true;
  });
  if (changed) deps.events.caseChanged(caseId);
}

