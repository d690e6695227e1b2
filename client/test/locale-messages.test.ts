import { PARENT_LANGUAGES } from '@desk/shared';
import { describe, expect, it } from 'vitest';
import ar from '../src/features/i18n/messages/ar';
import en from '../src/features/i18n/messages/en';
import pl from '../src/features/i18n/messages/pl';
import ro from '../src/features/i18n/messages/ro';
import ur from '../src/features/i18n/messages/ur';
import type { LocaleModule } from '../src/features/i18n/types';
import { errorText, photoFailureText } from '../src/features/join/joinText';

/**
 * Every locale module as the page loads it: `tsc` already refuses a missing key, but a module is a
 * plain object at run time, so these check what a parent would meet — the same keys as English, no
 * empty sentence, and every sentence with a value giving a whole sentence that contains the value.
 */

const LOCALES: Record<string, LocaleModule> = { en, pl, ro, ur, ar };

type Leaf = { path: string; value: unknown };

function leaves(node: unknown, path = ''): Leaf[] {
  if (typeof node === 'object' && node !== null) return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  return [{ path, value: node }];
}

/** Messages that take a count rather than words. */
const COUNTS = new Set(['waiting.seconds', 'waiting.minutes']);
const SAMPLE_COUNTS = [0, 1, 2, 3, 5, 11, 22, 25, 100, 101];
const SAMPLE_WORDS = ['Amelia', 'Safari'];

describe('the parent locale modules', () => {
  it('exist for every parent language, each naming its own language', () => {
    expect(Object.keys(LOCALES).sort()).toEqual([...PARENT_LANGUAGES].sort());
    for (const [lang, locale] of Object.entries(LOCALES)) expect(locale.lang).toBe(lang);
  });

  it.each(['pl', 'ro', 'ur', 'ar'])('%s has exactly the English keys, each a string or a function as in English', (lang) => {
    const english = leaves(en.messages).map(({ path, value }) => [path, typeof value]);
    const translated = leaves(LOCALES[lang]!.messages).map(({ path, value }) => [path, typeof value]);
    expect(translated.sort()).toEqual(english.sort());
  });

  it.each(Object.keys(LOCALES))('%s has no empty sentence, and each <b> marker is closed', (lang) => {
    for (const { path, value } of leaves(LOCALES[lang]!.messages)) {
      if (typeof value !== 'string') continue;
      expect(value.trim(), path).not.toBe('');
      expect(value.match(/<b>/g)?.length ?? 0, path).toBe(value.match(/<\/b>/g)?.length ?? 0);
      // Bold is the only markup a message may carry (features/i18n/Rich.tsx).
      expect(value.replace(/<\/?b>/g, ''), path).not.toMatch(/<[a-z/]/i);
    }
  });

  it.each(Object.keys(LOCALES))('%s: every sentence with a value returns a whole sentence that keeps the value', (lang) => {
    for (const { path, value } of leaves(LOCALES[lang]!.messages)) {
      if (typeof value !== 'function') continue;
      if (COUNTS.has(path)) {
        for (const n of SAMPLE_COUNTS) expect((value as (n: number) => string)(n).trim(), `${path}(${n})`).not.toBe('');
        continue;
      }
      if (path === 'ask.secondsLeft') {
        // A count, and where it is drawn: the place must be in every form.
        for (const n of SAMPLE_COUNTS) expect((value as (n: number, shown: string) => string)(n, `<${n}>`), `${path}(${n})`).toContain(`<${n}>`);
        continue;
      }
      const sentence = (value as (...words: string[]) => string)(...SAMPLE_WORDS.slice(0, value.length));
      expect(sentence.trim(), path).not.toBe('');
      // Case aside: English lower-cases "The nurse" inside a sentence.
      for (const word of SAMPLE_WORDS.slice(0, value.length)) expect(sentence.toLowerCase(), `${path} keeps "${word}"`).toContain(word.toLowerCase());
    }
  });

  it('words the waiting time with each language’s plural forms', () => {
    const seconds = (locale: LocaleModule, n: number) => locale.messages.waiting.seconds(n);
    expect([1, 2, 5, 22].map((n) => seconds(pl, n))).toEqual(['1 sekundę', '2 sekundy', '5 sekund', '22 sekundy']);
    expect([1, 2, 20].map((n) => seconds(ro, n))).toEqual(['1 secundă', '2 secunde', '20 de secunde']);
    expect([1, 2, 3, 11, 100].map((n) => seconds(ar, n))).toEqual(['ثانية واحدة', 'ثانيتين', '3 ثوانٍ', '11 ثانية', '100 ثانية']);
    expect([1, 45].map((n) => seconds(ur, n))).toEqual(['1 سیکنڈ', '45 سیکنڈ']);
  });
});

describe('refusals in the parent’s words', () => {
  it('says each code the parent can meet in their language, and the generic words for any other', () => {
    expect(errorText(pl.messages.errors, 'RATE_LIMITED')).toBe(pl.messages.errors.RATE_LIMITED);
    expect(errorText(ar.messages.errors, 'NETWORK')).toBe(ar.messages.errors.NETWORK);
    // A busy or restarting server reads like any other trouble on our side.
    expect(errorText(en.messages.errors, 'DATABASE_UNAVAILABLE')).toBe(en.messages.errors.INTERNAL);
    for (const code of ['VALIDATION_FAILED', 'SOMETHING_NEW', 'generic', '']) {
      expect(errorText(ur.messages.errors, code)).toBe(ur.messages.errors.generic);
    }
  });

  it('says why a photo did not send: its own refusals by name, a lost signal, anything else as "did not send"', () => {
    expect(photoFailureText(ro.messages, 'PHOTO_TOO_LARGE')).toBe(ro.messages.errors.PHOTO_TOO_LARGE);
    expect(photoFailureText(ro.messages, 'PAYLOAD_TOO_LARGE')).toBe(ro.messages.errors.PHOTO_TOO_LARGE);
    expect(photoFailureText(ro.messages, 'NETWORK')).toBe(ro.messages.photo.failedNetwork);
    expect(photoFailureText(ro.messages, 'INTERNAL')).toBe(ro.messages.photo.failed);
    expect(photoFailureText(ro.messages, 'WHATEVER')).toBe(ro.messages.photo.failed);
  });
});
