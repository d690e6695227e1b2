// Zod-free on purpose: the parent's advice page imports this.

export const adviceTopics = ['sore_throat', 'ear_pain', 'rash', 'cough_cold', 'fever', 'diarrhoea_vomiting', 'general'] as const;
export type AdviceTopic = (typeof adviceTopics)[number];

export const adviceLanguages = ['en'] as const;
export type AdviceLanguage = (typeof adviceLanguages)[number];
export const DEFAULT_ADVICE_LANGUAGE: AdviceLanguage = 'en';

export const isAdviceTopic = (value: unknown): value is AdviceTopic => (adviceTopics as readonly unknown[]).includes(value);
export const isAdviceLanguage = (value: unknown): value is AdviceLanguage => (adviceLanguages as readonly unknown[]).includes(value);

/**
 * The query parameter of the advice link that carries the link's code: one per signed decision
 * version that sent an SMS, so `/advice/<topic>?lang=en&t=<code>`. One letter, because the SMS has
 * two segments to hold it (`ADVICE_SMS_MAX_CHARS`).
 */
export const ADVICE_TOKEN_PARAM = 't';
