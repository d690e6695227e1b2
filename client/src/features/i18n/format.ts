import type { ParentLanguage } from '@desk/shared';

/**
 * Numbers, times and plurals through `Intl`, in the parent's language. Urdu and Arabic keep Western
 * digits (`-u-nu-latn`), the digits NHS numbers, 999 and 111 are written in on their letters and
 * phones, so a time on the page reads like the number in the text message.
 */
export const intlLocale = (lang: ParentLanguage): string => (lang === 'ar' || lang === 'ur' ? `${lang}-u-nu-latn` : lang === 'en' ? 'en-GB' : lang);

type PluralForms = Partial<Record<Intl.LDMLPluralRule, (n: number) => string>> & { other: (n: number) => string };

/** The form of a count the language uses (`one`, `few`, `many`, …), with `other` for the rest. */
export function plural(lang: ParentLanguage, n: number, forms: PluralForms): string {
  const form = new Intl.PluralRules(intlLocale(lang)).select(n);
  return (forms[form] ?? forms.other)(n);
}

/** "14:05" in the phone's own time zone. */
export function clockTime(lang: ParentLanguage, at: Date): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** "3 December" in the language's own words. */
export function dayAndMonth(lang: ParentLanguage, at: Date): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { day: 'numeric', month: 'long' }).format(at);
}
