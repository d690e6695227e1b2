import { randomBytes } from 'node:crypto';
import { adviceLanguageShown, adviceRecapFor, type AdviceRecap, type Disposition, type ParentLanguage } from '@desk/shared';
import { desc, eq } from 'drizzle-orm';
import { writeAudit } from '../audit/audit.js';
import { hashToken } from '../auth/tokens.js';
import { recordParentLanguage } from '../cases/parent-language.js';
import type { Db } from '../db/client.js';
import { adviceLinks, cases, decisions } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { AppError } from '../http/errors.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type DecisionRow = typeof decisions.$inferSelect;

/** 128 random bits: as many as a guess must beat, and as few as the two-segment SMS can hold (22 characters). */
const ADVICE_TOKEN_BYTES = 16;

export function newAdviceToken(): string {
  return randomBytes(ADVICE_TOKEN_BYTES).toString('base64url');
}

/** What the desk's preview shows in place of the code, the same length as a real one (the SMS length is honest). */
export const ADVICE_TOKEN_PLACEHOLDER = 'X'.repeat(Math.ceil((ADVICE_TOKEN_BYTES * 8) / 6));

/**
 * Whether a newer version changes what the parent should do: the same test decides whether an
 * amendment sends a new SMS and whether an older link says "Your advice has changed".
 */
export function adviceChangedForParent(
  before: Pick<DecisionRow, 'disposition' | 'timeframeHours' | 'safetyNettingTopic'>,
  after: Pick<DecisionRow, 'disposition' | 'timeframeHours' | 'safetyNettingTopic'>,
): boolean {
  return before.disposition !== after.disposition || before.timeframeHours !== after.timeframeHours || before.safetyNettingTopic !== after.safetyNettingTopic;
}

/** Stores the link's code (its hash only) in the transaction that signs the version and queues its SMS. */
export async function storeAdviceLink(tx: Db | Tx, decisionId: string, token: string): Promise<void> {
  await tx.insert(adviceLinks).values({ decisionId, tokenHash: hashToken(token) });
}

export const adviceLinkActor = (linkId: string) => `advice_link:${linkId}`;

/**
 * The recap for the page the link opens: always the case's latest version, with `changed` when a
 * newer version replaced the linked one with different advice. Every view is audited. An unknown
 * code is a 404 with its own code, so the page can fall back to the general advice. The sentence
 * is in `lang` (the page's language; the case's when missing), gated by review like the page.
 */
export async function adviceRecap(deps: Pick<Deps, 'db' | 'config'>, token: string, lang?: ParentLanguage): Promise<AdviceRecap> {
  const [found] = await deps.db
    .select({ link: adviceLinks, decision: decisions, caseLanguage: cases.preferredLanguage })
    .from(adviceLinks)
    .innerJoin(decisions, eq(decisions.id, adviceLinks.decisionId))
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .where(eq(adviceLinks.tokenHash, hashToken(token)));
  if (!found) throw new AppError('ADVICE_LINK_UNKNOWN', 'We do not know this advice link.');
  const linked = found.decision;
  const [latest = linked] = await deps.db.select().from(decisions).where(eq(decisions.caseId, linked.caseId)).orderBy(desc(decisions.version)).limit(1);
  const changed = latest.id !== linked.id && adviceChangedForParent(linked, latest);
  await writeAudit(deps.db, {
    actor: adviceLinkActor(found.link.id),
    action: 'advice_recap_viewed',
    subject: `case:${linked.caseId}`,
    detail: { linkedDecisionId: linked.id, shownDecisionId: latest.id, shownVersion: latest.version, changed },
  });
  const shown = adviceLanguageShown(lang ?? found.caseLanguage, deps.config.draftTranslations);
  return {
    changed,
    nextStep: adviceRecapFor(latest.disposition as Disposition, latest.timeframeHours, shown.lang),
    givenAt: latest.signedAt.toISOString(),
    lang: shown.lang,
    translation: shown.translation,
  };
}

/**
 * The parent picked another language on the advice page: the link's code says which case, whose
 * language follows (audited `parent_language_chosen`, actor the link), so an amendment's SMS goes in
 * it. An unknown code is the same 404 as the recap's.
 */
export async function chooseAdviceLanguage(deps: Pick<Deps, 'db' | 'clock' | 'events'>, token: string, language: ParentLanguage): Promise<void> {
  const [found] = await deps.db
    .select({ linkId: adviceLinks.id, caseId: decisions.caseId })
    .from(adviceLinks)
    .innerJoin(decisions, eq(decisions.id, adviceLinks.decisionId))
    .where(eq(adviceLinks.tokenHash, hashToken(token)));
  if (!found) throw new AppError('ADVICE_LINK_UNKNOWN', 'We do not know this advice link.');
  await recordParentLanguage(deps, { caseId: found.caseId, actor: adviceLinkActor(found.linkId), language, page: 'advice' });
}
