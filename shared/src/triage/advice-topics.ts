// Zod-free on purpose: the parent's advice page imports this.
import { DEFAULT_PARENT_LANGUAGE, isParentLanguage, PARENT_LANGUAGES, type ParentLanguage } from '../language/parent-language.js';

export const adviceTopics = ['sore_throat', 'ear_pain', 'rash', 'cough_cold', 'fever', 'diarrhoea_vomiting', 'general'] as const;
export type AdviceTopic = (typeof adviceTopics)[number];

/** The advice speaks every parent language (issue 12): these names stay for the code that used them. */
export const adviceLanguages = PARENT_LANGUAGES;
export type AdviceLanguage = ParentLanguage;
export const DEFAULT_ADVICE_LANGUAGE: AdviceLanguage = DEFAULT_PARENT_LANGUAGE;

export const isAdviceTopic = (value: unknown): value is AdviceTopic => (adviceTopics as readonly unknown[]).includes(value);
export const isAdviceLanguage = isParentLanguage;

/**
 * What language a parent's clinical text is in, against the one asked for: `original` (English
 * asked), `reviewed` (a reviewed translation), `draft` (an unreviewed one, shown in `show` mode),
 * `withheld` (an unreviewed one replaced by English in `english` mode).
 */
export const adviceTranslations = ['original', 'reviewed', 'draft', 'withheld'] as const;
export type AdviceTranslation = (typeof adviceTranslations)[number];
export const isAdviceTranslation = (value: unknown): value is AdviceTranslation => (adviceTranslations as readonly unknown[]).includes(value);

/** The advice page's own headings and buttons, each given in every language (`labels` in the answer). */
export const adviceLabelKeys = [
  'immediate',
  'urgent',
  'call999Heading',
  'call111Heading',
  'call999Button',
  'call111Button',
  'glassTestLink',
  'moreDetail',
  'expect',
  'care',
  'medicines',
  'glassTest',
  'dehydration',
  'dehydrationLead',
  'sources',
  'fromTeam',
  'print',
] as const;
export type AdviceLabelKey = (typeof adviceLabelKeys)[number];
export type AdviceLabels = Record<AdviceLabelKey, string>;

/**
 * The query parameter of the advice link that carries the link's code: one per signed decision
 * version that sent an SMS, so `/advice/<topic>?lang=<case language>&t=<code>`. One letter, because
 * the SMS has little room to hold it (`ADVICE_SMS_MAX_CHARS`).
 */
export const ADVICE_TOKEN_PARAM = 't';
