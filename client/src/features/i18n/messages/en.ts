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
