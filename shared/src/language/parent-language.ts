/**
 * The languages the parent's pages and SMS speak (issue 12). The desk stays English; a parent's
 * case carries one of these codes, resolved once at case creation from whatever 111 or the
 * clinician typed. Zod-free (the parent's page carries no zod): the schema is in protocol/rest.ts.
 */

export const PARENT_LANGUAGES = ['en', 'pl', 'ro', 'ur', 'ar'] as const;
export type ParentLanguage = (typeof PARENT_LANGUAGES)[number];
export const DEFAULT_PARENT_LANGUAGE: ParentLanguage = 'en';

export type LanguageDirection = 'ltr' | 'rtl';

/** `name`: what the (English) desk calls it; `endonym`: what the language calls itself; `dir`: its writing direction. */
export const PARENT_LANGUAGE_INFO: Record<ParentLanguage, { name: string; endonym: string; dir: LanguageDirection }> = {
  en: { name: 'English', endonym: 'English', dir: 'ltr' },
  pl: { name: 'Polish', endonym: 'Polski', dir: 'ltr' },
  ro: { name: 'Romanian', endonym: 'Română', dir: 'ltr' },
  ur: { name: 'Urdu', endonym: 'اردو', dir: 'rtl' },
  ar: { name: 'Arabic', endonym: 'العربية', dir: 'rtl' },
};

/** ISO 639-2 codes (both the /T and the /B forms) that some systems send instead of the two-letter ones. */
const THREE_LETTER_CODES = new Map<string, ParentLanguage>([
  ['eng', 'en'],
  ['pol', 'pl'],
  ['ron', 'ro'],
  ['rum', 'ro'],
  ['urd', 'ur'],
  ['ara', 'ar'],
]);

/** The most of a requested language the case keeps (the case body's own limit). */
export const LANGUAGE_REQUESTED_MAX = 40;

export const isParentLanguage = (value: unknown): value is ParentLanguage => (PARENT_LANGUAGES as readonly unknown[]).includes(value);

export type LanguageResolution = {
  /** The language the parent's pages and SMS use: the one asked for, or English. */
  language: ParentLanguage;
  /** What was asked, trimmed and at most LANGUAGE_REQUESTED_MAX characters; null when nothing was. */
  requested: string | null;
  /** False when something was asked that is none of PARENT_LANGUAGES (the pages fall back to English). */
  supported: boolean;
};

/** Lower case without accents or marks, so "ROMÂNĂ", "romana" and "Română" read the same. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const BY_NAME = new Map<string, ParentLanguage>(
  PARENT_LANGUAGES.flatMap((code) => [
    [fold(PARENT_LANGUAGE_INFO[code].name), code],
    [fold(PARENT_LANGUAGE_INFO[code].endonym), code],
  ]),
);

/** A BCP 47 tag (or a POSIX-style `pl_PL`): its primary subtag, when it is two or three letters. */
const BCP47 = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/;

/**
 * The parent's language from what was asked: a code in any case with or without a region or
 * script (`pl`, `PL`, `pl-PL`, `ar_EG`, `pol`), or the language's English name or its own
 * (`Polish`, `polski`, `Romana`). Anything else is English, not supported, with the text kept so
 * the desk can say what the parent asked for. Nothing asked is English and supported.
 */
export function resolveLanguage(requested: string | null | undefined): LanguageResolution {
  const text = Array.from((requested ?? '').trim().replace(/\s+/g, ' '))
    .slice(0, LANGUAGE_REQUESTED_MAX)
    .join('')
    .trim();
  if (!text) return { language: DEFAULT_PARENT_LANGUAGE, requested: null, supported: true };
  const key = fold(text);
  const primary = BCP47.exec(key)?.[1];
  const language = BY_NAME.get(key) ?? (primary ? (isParentLanguage(primary) ? primary : THREE_LETTER_CODES.get(primary)) : undefined);
  return language ? { language, requested: text, supported: true } : { language: DEFAULT_PARENT_LANGUAGE, requested: text, supported: false };
}

/** How the desk names a language: "Polish (Polski)"; English is just "English". */
export function languageLabel(language: ParentLanguage): string {
  const { name, endonym } = PARENT_LANGUAGE_INFO[language];
  return name === endonym ? name : `${name} (${endonym})`;
}
