import { describe, expect, it } from 'vitest';
import {
  ADVICE,
  ADVICE_DEFINITIONS,
  ADVICE_LABELS_EN,
  ADVICE_LOCALES,
  ADVICE_TEXT_EN,
  adviceContent,
  adviceLabelKeys,
  adviceLanguageFor,
  adviceLanguageShown,
  adviceRecapFor,
  adviceResponse,
  adviceResponseSchema,
  adviceTopics,
  dehydrationSignsIn,
  dispositions,
  glassTestIn,
  nextStepForParent,
  PARENT_LANGUAGES,
  TIMEFRAME_HOURS,
  type AdviceText,
  type AdviceTextKey,
  type ParentLanguage,
} from '../src/index.js';

const TRANSLATED = PARENT_LANGUAGES.filter((lang) => lang !== 'en');
const KEYS = Object.keys(ADVICE_TEXT_EN) as AdviceTextKey[];
const LISTS = ['expect', 'care', 'medicines', 'call999', 'call111'] as const;
/** A line a translation may leave as the English: nothing but digits, signs and units. */
const NUMBERS_ONLY = /^[\d\s.,:;°C%+()-]*$/;
const numbers = (text: string) => text.match(/\d+/g) ?? [];
const SCRIPT: Record<Exclude<ParentLanguage, 'en'>, RegExp> = { pl: /[ąćęłńóśźż]/i, ro: /[ăâîșț]/i, ur: /[\u0600-\u06ff]/, ar: /[\u0600-\u06ff]/ };

describe('advice words per locale', () => {
  it.each(TRANSLATED)('%s has every key at run time, none empty, and no line left in English', (lang) => {
    const { text, labels } = ADVICE_LOCALES[lang];
    expect(Object.keys(text).sort()).toEqual([...KEYS].sort());
    expect(Object.keys(labels).sort()).toEqual([...adviceLabelKeys].sort());
    for (const key of KEYS) {
      expect(text[key].trim(), `${lang} ${key}`).not.toBe('');
      if (!NUMBERS_ONLY.test(ADVICE_TEXT_EN[key])) expect(text[key], `${lang} ${key} is still English`).not.toBe(ADVICE_TEXT_EN[key]);
    }
    for (const key of adviceLabelKeys) {
      expect(labels[key].trim(), `${lang} label ${key}`).not.toBe('');
      expect(labels[key], `${lang} label ${key} is still English`).not.toBe(ADVICE_LABELS_EN[key]);
    }
  });

  it.each(TRANSLATED)('%s keeps every number of the English line (999, 111, 38°C, days) as digits', (lang) => {
    const { text, labels } = ADVICE_LOCALES[lang];
    for (const key of KEYS) {
      for (const number of numbers(ADVICE_TEXT_EN[key])) expect(numbers(text[key]), `${lang} ${key}: ${text[key]}`).toContain(number);
    }
    for (const key of adviceLabelKeys) {
      for (const number of numbers(ADVICE_LABELS_EN[key])) expect(numbers(labels[key]), `${lang} label ${key}`).toContain(number);
    }
    for (const key of KEYS.filter((k) => /°C/.test(ADVICE_TEXT_EN[k]))) expect(text[key], `${lang} ${key}`).toContain('°C');
  });

  it.each(TRANSLATED)("%s is written in the parent's own script and diacritics", (lang) => {
    const all = [...Object.values(ADVICE_LOCALES[lang].text), ...Object.values(ADVICE_LOCALES[lang].labels)].join(' ');
    expect(all).toMatch(SCRIPT[lang]);
    // Romanian ș and ț are the comma-below letters, not the Turkish cedilla ones.
    if (lang === 'ro') expect(all).not.toMatch(/[şţŞŢ]/);
  });

  it('marks English as the original and every translation as a draft awaiting review', () => {
    expect(Object.fromEntries(PARENT_LANGUAGES.map((lang) => [lang, ADVICE_LOCALES[lang].reviewed]))).toEqual({ en: true, pl: false, ro: false, ur: false, ar: false });
    for (const lang of PARENT_LANGUAGES) expect(ADVICE_LOCALES[lang].lang).toBe(lang);
  });

  it('will not build with a key missing from a locale', () => {
    const { 'seek.fit': _dropped, ...rest } = ADVICE_LOCALES.pl.text;
    // @ts-expect-error: every locale must say every line
    const missing: AdviceText = rest;
    expect(Object.keys(missing)).toHaveLength(KEYS.length - 1);
  });
});

describe('one definition per topic, every language', () => {
  it.each(adviceTopics)('%s has the same lists, the same length and the same sources in every language', (topic) => {
    for (const lang of PARENT_LANGUAGES) {
      const content = adviceContent(topic, lang);
      for (const list of LISTS) expect(content[list], `${lang} ${topic}.${list}`).toHaveLength(ADVICE[topic][list].length);
      expect(content.sources, lang).toEqual(ADVICE[topic].sources);
      expect([content.glassTest, content.dehydrationSigns]).toEqual([ADVICE[topic].glassTest, ADVICE[topic].dehydrationSigns]);
      expect(content[LISTS[0]].every((line) => line.length > 0)).toBe(true);
    }
  });

  it.each(adviceTopics)('%s: every 999 and 111 of an English line is in its translation (the page makes them tel: links)', (topic) => {
    const definition = ADVICE_DEFINITIONS[topic];
    const keys = [definition.title, definition.intro, ...LISTS.flatMap((list) => definition[list].map((item) => item.key))];
    for (const lang of TRANSLATED) {
      for (const key of keys) {
        for (const number of ['999', '111']) {
          if (ADVICE_TEXT_EN[key].includes(number)) expect(ADVICE_LOCALES[lang].text[key], `${lang} ${key}`).toContain(number);
        }
      }
    }
  });

  it('gives English exactly the catalogue it had, and the glass test and dehydration signs in each language', () => {
    for (const topic of adviceTopics) expect(adviceContent(topic, 'en')).toEqual(ADVICE[topic]);
    for (const lang of TRANSLATED) {
      expect(glassTestIn(lang)).toHaveLength(glassTestIn('en').length);
      expect(dehydrationSignsIn(lang)).toHaveLength(dehydrationSignsIn('en').length);
      expect(glassTestIn(lang).join(' ')).toContain('999');
    }
  });
});

describe('the recap sentence per locale', () => {
  it.each(PARENT_LANGUAGES)('%s recaps every disposition and timeframe, with the hours as digits, and the SMS uses the same words', (lang) => {
    for (const disposition of dispositions) {
      for (const hours of TIMEFRAME_HOURS[disposition]) {
        const recap = adviceRecapFor(disposition, hours, lang);
        expect(recap.trim(), `${lang} ${disposition} ${hours}`).not.toBe('');
        // Arabic says one and two hours with its singular and dual forms (ساعة واحدة, ساعتين), as the invite says minutes.
        if (hours !== null && !(lang === 'ar' && hours <= 2)) expect(numbers(recap), `${lang} ${disposition} ${hours}`).toContain(String(hours));
        const step = nextStepForParent(disposition, hours, lang);
        if (step !== null) expect(step).toBe(recap);
        if (lang !== 'en') expect(recap).not.toBe(adviceRecapFor(disposition, hours, 'en'));
      }
    }
    expect(adviceRecapFor('ambulance', null, lang)).toContain('999');
  });

  it.each([
    ['pl', 1, 'w ciągu 1 godziny'],
    ['pl', 24, 'w ciągu 24 godzin'],
    ['ro', 1, 'în 1 oră'],
    ['ro', 6, 'în 6 ore'],
    ['ro', 24, 'în 24 de ore'],
    ['ar', 1, 'خلال ساعة واحدة'],
    ['ar', 2, 'خلال ساعتين'],
    ['ar', 6, 'خلال 6 ساعات'],
    ['ar', 24, 'خلال 24 ساعة'],
    ['ur', 12, '12 گھنٹے کے اندر'],
  ] as const)('says %s hours in the plural form the language uses (%i → %s)', (lang, hours, words) => {
    expect(adviceRecapFor('primary_care', hours, lang)).toContain(words);
  });
});

describe('review gating (DRAFT_TRANSLATIONS)', () => {
  it.each([
    ['en', 'show', { lang: 'en', translation: 'original' }],
    ['en', 'english', { lang: 'en', translation: 'original' }],
    ['pl', 'show', { lang: 'pl', translation: 'draft' }],
    ['pl', 'english', { lang: 'en', translation: 'withheld' }],
    ['ar', 'show', { lang: 'ar', translation: 'draft' }],
    ['ar', 'english', { lang: 'en', translation: 'withheld' }],
  ] as const)('%s in %s mode → %o', (requested, drafts, shown) => {
    expect(adviceLanguageShown(requested, drafts)).toEqual(shown);
  });

  it('shows a reviewed translation in both modes', () => {
    const saved = ADVICE_LOCALES.ro.reviewed;
    ADVICE_LOCALES.ro.reviewed = true;
    try {
      expect(adviceLanguageShown('ro', 'english')).toEqual({ lang: 'ro', translation: 'reviewed' });
      expect(adviceLanguageShown('ro', 'show')).toEqual({ lang: 'ro', translation: 'reviewed' });
    } finally {
      ADVICE_LOCALES.ro.reviewed = saved;
    }
  });

  it('answers the page in the draft in show mode, and in English with the asked language in english mode', () => {
    const draft = adviceResponseSchema.parse(adviceResponse('fever', 'pl', 'show'));
    expect(draft).toMatchObject({ lang: 'pl', requestedLang: 'pl', translation: 'draft', labels: ADVICE_LOCALES.pl.labels });
    expect(draft.content.title).toBe(ADVICE_LOCALES.pl.text['fever.title']);
    expect(draft.glassTest).toEqual(glassTestIn('pl'));
    const withheld = adviceResponseSchema.parse(adviceResponse('fever', 'pl', 'english'));
    expect(withheld).toMatchObject({ lang: 'en', requestedLang: 'pl', translation: 'withheld', content: ADVICE.fever, labels: ADVICE_LABELS_EN });
  });

  it.each([
    ['pl', 'pl'],
    ['PL', 'pl'],
    ['pl-PL', 'pl'],
    ['ar', 'ar'],
    ['ur', 'ur'],
    ['ro', 'ro'],
    ['xx', 'en'],
    ['cy', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [['pl', 'ar'], 'en'],
  ] as const)('resolves ?lang=%j to %s', (query, lang) => {
    expect(adviceLanguageFor(query)).toBe(lang);
  });
});
