import type { LocaleModule } from '../types';

/**
 * The parent's pages in English: the source every other locale translates (`Shape<typeof en>`).
 * Plain words for a reading age of about 9; "your child"; one job per sentence. A function takes
 * what the sentence needs and returns it whole, so each language orders its own words. `<b>…</b>`
 * marks the one word to show in bold (features/i18n/Rich.tsx); nothing else is markup.
 */
const messages = {
  language: {
    /** The language switch's label. */
    label: 'Language',
    /** What a screen reader hears after a switch. */
    changed: 'The page is now in English.',
    draftNotice: 'This page is a draft translation. It has not been checked yet. If anything is unclear, ask the nurse on the phone.',
  },
  advice: {
    loading: 'Loading advice…',
    notFoundHeading: 'Page not found',
    notFoundBody: 'We could not find this advice. Call 111 if you are worried.',
    failedHeading: 'Sorry, the advice did not load',
    failedBody: 'Check your signal and try again. Call 111 if you are worried.',
    call999: 'Call 999 if your child is very unwell or you think their life is at risk.',
    tryAgain: 'Try again',
    /** Shown when the advice in this language is not checked yet and the service sends English instead. */
    inEnglish: 'This advice is in English because the translation into your language has not been checked yet. If anything is unclear, ask the nurse or call 111.',
    recapLoading: 'Loading what the nurse advised…',
    recapUnknown: 'We could not find the nurse’s advice for this link. Here is our general advice.',
    recapFailed: 'We could not load the nurse’s advice. Check your signal and reload this page. Here is our general advice.',
    recapHeading: 'What the nurse advised',
    recapChangedHeading: 'Your advice has changed',
    recapChangedWhen: (time: string, day: string) => `New advice from ${time} on ${day}. It replaces your earlier text message.`,
  },
  page: {
    joinHeader: 'NHS 111 video call',
    joinTitle: 'Video call – NHS 111',
    adviceHeader: 'NHS 111 advice for parents',
    adviceTitle: (topic: string) => `${topic} – NHS 111`,
    adviceTitleLoading: 'Advice – NHS 111',
    notFoundTitle: 'Page not found – NHS 111',
    notFoundHeading: 'Page not found',
    notFoundBody: 'Open the link from the text message again, or stay on the phone: the nurse can still help you.',
    call111: 'If you are not on the phone any more, call 111.',
    loading: 'Loading…',
  },
};

export type EnglishMessages = typeof messages;

const en: LocaleModule = { lang: 'en', reviewed: true, messages };
export default en;
