import { describe, expect, it } from 'vitest';
import { LANGUAGE_REQUESTED_MAX, PARENT_LANGUAGES, PARENT_LANGUAGE_INFO, languageLabel, resolveLanguage } from '../src/index.js';

describe('resolveLanguage', () => {
  it.each([
    // Codes, in any case, with a region, a script or a POSIX underscore.
    ['pl', 'pl'],
    ['PL', 'pl'],
    ['pl-PL', 'pl'],
    ['PL-pl', 'pl'],
    ['ro-RO', 'ro'],
    ['ro_MD', 'ro'],
    ['ur-PK', 'ur'],
    ['ur-Arab-PK', 'ur'],
    ['ar', 'ar'],
    ['ar-EG', 'ar'],
    ['en-GB', 'en'],
    // ISO 639-2, as some systems send it.
    ['pol', 'pl'],
    ['rum', 'ro'],
    ['ARA', 'ar'],
    // The English name, and the language's own, with or without its accents.
    ['Polish', 'pl'],
    [' polish ', 'pl'],
    ['Polski', 'pl'],
    ['ROMANIAN', 'ro'],
    ['Română', 'ro'],
    ['romana', 'ro'],
    ['Urdu', 'ur'],
    ['اردو', 'ur'],
    ['Arabic', 'ar'],
    ['العربية', 'ar'],
    ['English', 'en'],
  ] as const)('reads %j as %s, supported, keeping what was asked', (asked, language) => {
    expect(resolveLanguage(asked)).toEqual({ language, requested: asked.trim(), supported: true });
  });

  it.each([
    ['cy', 'cy'],
    ['Welsh', 'Welsh'],
    ['pt-PL', 'pt-PL'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['Polish and English', 'Polish and English'],
    ['  Kurdish   (Sorani) ', 'Kurdish (Sorani)'],
    ['pl-', 'pl-'],
    ['p', 'p'],
  ])('answers %j with English, not supported, the request kept as %j', (asked, requested) => {
    expect(resolveLanguage(asked)).toEqual({ language: 'en', requested, supported: false });
  });

  it.each([[undefined], [null], [''], ['   ']])('answers nothing asked (%j) with English, supported, nothing requested', (asked) => {
    expect(resolveLanguage(asked)).toEqual({ language: 'en', requested: null, supported: true });
  });

  it('keeps at most LANGUAGE_REQUESTED_MAX characters of a long request, without splitting a character', () => {
    const asked = `${'🙂'.repeat(LANGUAGE_REQUESTED_MAX)}x`;
    const resolved = resolveLanguage(asked);
    expect(resolved).toMatchObject({ language: 'en', supported: false });
    expect(Array.from(resolved.requested!)).toHaveLength(LANGUAGE_REQUESTED_MAX);
    expect(resolved.requested).toBe('🙂'.repeat(LANGUAGE_REQUESTED_MAX));
  });
});

describe('the parent languages', () => {
  it('writes Urdu and Arabic right to left, the others left to right', () => {
    expect(PARENT_LANGUAGES.filter((code) => PARENT_LANGUAGE_INFO[code].dir === 'rtl')).toEqual(['ur', 'ar']);
  });

  it.each([
    ['en', 'English'],
    ['pl', 'Polish (Polski)'],
    ['ro', 'Romanian (Română)'],
    ['ur', 'Urdu (اردو)'],
    ['ar', 'Arabic (العربية)'],
  ] as const)('names %s on the desk as %j', (code, label) => {
    expect(languageLabel(code)).toBe(label);
  });
});
