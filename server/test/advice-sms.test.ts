import {
  ADVICE_LOCALES,
  ADVICE_SMS_MAX_CHARS,
  ADVICE_SMS_MAX_UCS2_FRAGMENTS,
  adviceSmsBody,
  complaints,
  dispositions,
  nextStepForParent,
  PARENT_LANGUAGES,
  safetyNettingSms,
  smsFragments,
  TIMEFRAME_HOURS,
  withheldAdviceSmsBody,
  type Complaint,
  type ParentLanguage,
} from '@desk/shared';
import { describe, expect, it } from 'vitest';
import { newAdviceToken } from '../src/advice/recap.js';
import { adviceLink } from '../src/http/links.js';

/** A 40-character https origin, the longest topic in the link, and a real 22-character code. */
const ORIGIN = `https://${'a'.repeat(32)}`;
const LONGEST_COMPLAINT: Complaint = [...complaints].sort((a, b) => adviceLink({ publicUrl: '' }, b).length - adviceLink({ publicUrl: '' }, a).length)[0]!;
const linkIn = (lang: ParentLanguage, origin = ORIGIN) => adviceLink({ publicUrl: origin }, LONGEST_COMPLAINT, newAdviceToken(), lang);

/** Every next step an SMS can open with, in one language (null: a body without one). */
const stepsIn = (lang: ParentLanguage) =>
  dispositions.flatMap((disposition) => TIMEFRAME_HOURS[disposition].map((hours) => nextStepForParent(disposition, hours, lang))).filter((step) => step !== null);
const englishSteps = () => dispositions.flatMap((disposition) => TIMEFRAME_HOURS[disposition].map((hours) => nextStepForParent(disposition, hours))).filter((step) => step !== null);

/** The costliest SMS of a language: its own text, and English with its note while unreviewed. */
function worst(lang: ParentLanguage, origin = ORIGIN) {
  const link = linkIn(lang, origin);
  const own = stepsIn(lang).map((step) => smsFragments(adviceSmsBody(link, step, lang)));
  const withheld = lang === 'en' ? [] : englishSteps().map((step) => smsFragments(withheldAdviceSmsBody(link, step, lang)));
  const max = (list: ReturnType<typeof smsFragments>[]) => list.reduce((a, b) => (b.units > a.units ? b : a), { encoding: 'gsm' as const, units: 0, fragments: 0 });
  return { own: max(own), withheld: lang === 'en' ? null : max(withheld) };
}

/** The longest PUBLIC_URL with which a language's worst SMS stays within its limit. */
function longestOrigin(lang: ParentLanguage): number {
  const fits = (length: number) => {
    const { own, withheld } = worst(lang, `https://${'a'.repeat(length - 8)}`);
    return lang === 'en' ? own.fragments <= 2 : own.fragments <= ADVICE_SMS_MAX_UCS2_FRAGMENTS && withheld!.fragments <= ADVICE_SMS_MAX_UCS2_FRAGMENTS;
  };
  let length = 9;
  while (fits(length + 1)) length += 1;
  return length;
}

/** docs/operations.md, "SMS cost": the same figures. */
const FIGURES: Record<ParentLanguage, { encoding: 'gsm' | 'ucs2'; fragments: number; withheld: number | null }> = {
  en: { encoding: 'gsm', fragments: 3, withheld: null },
  pl: { encoding: 'ucs2', fragments: 4, withheld: 4 },
  ro: { encoding: 'ucs2', fragments: 4, withheld: 4 },
  ur: { encoding: 'ucs2', fragments: 4, withheld: 4 },
  ar: { encoding: 'ucs2', fragments: 4, withheld: 4 },
};

describe('the safety-netting SMS in each language', () => {
  it('is measured with the longest topic and a real code', () => {
    expect(ORIGIN).toHaveLength(40);
    expect(LONGEST_COMPLAINT).toBe('diarrhoea_vomiting');
    expect(linkIn('pl')).toHaveLength(99);
  });

  it('costs at most 4 UCS-2 fragments in every other language, and so does English with its note, with a 40-character PUBLIC_URL', () => {
    const table = PARENT_LANGUAGES.map((lang) => {
      const { own, withheld } = worst(lang);
      return { lang, encoding: own.encoding, units: own.units, fragments: own.fragments, withheldUnits: withheld?.units ?? null, withheld: withheld?.fragments ?? null, longestOrigin: longestOrigin(lang) };
    });
    console.table(table);
    for (const row of table) {
      expect({ encoding: row.encoding, fragments: row.fragments, withheld: row.withheld }, row.lang).toEqual(FIGURES[row.lang]);
      if (row.lang !== 'en') expect(row.longestOrigin, row.lang).toBeGreaterThanOrEqual(40);
    }
  });

  it(`keeps English in plain GSM and within ${ADVICE_SMS_MAX_CHARS} characters (2 fragments) up to a 33-character PUBLIC_URL, as before`, () => {
    // The English words are unchanged from before issue 12: with a 40-character origin the longest next step takes a third part.
    expect(longestOrigin('en')).toBe(33);
    const link = linkIn('en', `https://${'a'.repeat(25)}`);
    for (const step of [null, ...stepsIn('en')]) {
      const body = adviceSmsBody(link, step, 'en');
      expect(body.length, String(step)).toBeLessThanOrEqual(ADVICE_SMS_MAX_CHARS);
      expect(smsFragments(body), String(step)).toMatchObject({ encoding: 'gsm', fragments: 2 });
    }
  });

  it.each(PARENT_LANGUAGES.filter((lang) => lang !== 'en'))('%s: the next step, the link whole once, 999 and 111, in the script of the language', (lang) => {
    const link = linkIn(lang);
    for (const step of stepsIn(lang)) {
      const body = adviceSmsBody(link, step, lang);
      expect(body.split(link), `${lang} ${step}`).toHaveLength(2);
      expect(body).toContain(step);
      expect(body.replace(link, '')).toMatch(/999/);
      expect(body.replace(link, '')).toMatch(/111/);
      expect(body.startsWith('NHS 111:') || /^[\u0600-\u06ff]/.test(body), lang).toBe(true);
    }
    expect(link).toContain(`?lang=${lang}&t=`);
  });

  it('opens Urdu and Arabic with a right-to-left letter and puts the link on its own line', () => {
    for (const lang of ['ur', 'ar'] as const) {
      const link = linkIn(lang);
      const body = adviceSmsBody(link, nextStepForParent('self_care', null, lang), lang);
      expect(body.match(/\p{L}/u)![0], lang).toMatch(/[\u0600-\u06ff]/);
      expect(body, lang).toContain(`\n${link}\n`);
    }
  });

  it('sends English with a short note in the parent\'s language while the translation is unreviewed (DRAFT_TRANSLATIONS=english)', () => {
    const link = linkIn('pl');
    const sms = safetyNettingSms(link, { disposition: 'primary_care', timeframeHours: 24 }, 'pl', 'english');
    expect(sms).toEqual({
      body: `NHS 111: The nurse advised seeing a GP within 24 hours. ${link} 999 if much worse, a fit or a rash that does not fade under a glass. 111 if worried.\n${ADVICE_LOCALES.pl.inEnglishNote}`,
      lang: 'en',
      translation: 'withheld',
      bodyInEnglish: null,
    });
    for (const lang of ['pl', 'ro', 'ur', 'ar'] as const) expect(ADVICE_LOCALES[lang].inEnglishNote).toMatch(/[ąćęłńóśźżăâîșț\u0600-\u06ff]/i);
  });

  it('sends the draft, with the English for the clinician, in show mode; and English alone for an English case', () => {
    const link = linkIn('ar');
    const draft = safetyNettingSms(link, { disposition: 'self_care', timeframeHours: null }, 'ar', 'show');
    expect(draft).toEqual({
      body: adviceSmsBody(link, nextStepForParent('self_care', null, 'ar'), 'ar'),
      lang: 'ar',
      translation: 'draft',
      bodyInEnglish: adviceSmsBody(link, 'The nurse advised caring for your child at home.'),
    });
    const englishLink = linkIn('en');
    expect(safetyNettingSms(englishLink, { disposition: 'self_care', timeframeHours: null }, 'en', 'english')).toEqual({
      body: `NHS 111: The nurse advised caring for your child at home. Advice and when to get help: ${englishLink} Call 999 if your child gets much worse, has a fit or a rash that does not fade under a glass. Call 111 if you are worried.`,
      lang: 'en',
      translation: 'original',
      bodyInEnglish: null,
    });
  });
});
