import type { ParentLanguage } from '../language/parent-language.js';
import type { Disposition } from './disposition.js';
import type { AdviceText } from './advice-text-en.js';
import type { AdviceLabels } from './advice-topics.js';

/**
 * Everything one parent language says about advice (issue 12): the catalogue's lines, the page's
 * labels, the recap sentence and the safety-netting SMS. Zod-free. `reviewed: false` marks a draft
 * translation awaiting professional review: in production it is not shown (`DRAFT_TRANSLATIONS`,
 * docs/operations.md) and the parent gets English instead.
 */
export type AdviceLocale = {
  lang: ParentLanguage;
  reviewed: boolean;
  text: AdviceText;
  labels: AdviceLabels;
  /** What the nurse decided, in one sentence: the top of the advice page and of the SMS. */
  recap: (disposition: Disposition, timeframeHours: number | null) => string;
  /** The safety-netting SMS: next step, link, 999 if much worse / a fit / a rash that does not fade, 111 if worried. */
  sms: (link: string, nextStep: string | null) => string;
  /**
   * Ends the English SMS sent while this locale is not reviewed: "the translation is being
   * checked" in a handful of words (the English text plus this must stay within 4 UCS-2 parts).
   */
  inEnglishNote: string;
};

/** Hours in the plural form a language uses, through Intl.PluralRules (CLDR categories). */
export function hoursIn(
  locale: ParentLanguage,
  forms: Partial<Record<Intl.LDMLPluralRule, (n: number) => string>> & { other: (n: number) => string },
): (hours: number) => string {
  const rules = new Intl.PluralRules(locale);
  return (hours) => (forms[rules.select(hours)] ?? forms.other)(hours);
}
