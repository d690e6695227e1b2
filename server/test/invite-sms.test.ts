import { PARENT_LANGUAGES, smsFragments, type ParentLanguage } from '@desk/shared';
import { describe, expect, it } from 'vitest';
import { newToken } from '../src/auth/tokens.js';
import { joinLink } from '../src/http/links.js';
import { PARENT_INVITE_SMS } from '../src/invites/invite-sms.js';
import { INVITE_TTL_MS, inviteSmsBody } from '../src/invites/service.js';

/** A production-shaped link: an https origin of 35 characters and a real token (43 characters). */
const ORIGIN = 'https://paediatric-video.nhs111.org';
const LINK = joinLink({ publicUrl: ORIGIN }, newToken());

/** What each invite costs with that link at the default 10 minutes (docs/operations.md gives the same figures). */
const FRAGMENTS: Record<ParentLanguage, { encoding: 'gsm' | 'ucs2'; fragments: number }> = {
  en: { encoding: 'gsm', fragments: 2 },
  pl: { encoding: 'ucs2', fragments: 3 },
  ro: { encoding: 'ucs2', fragments: 3 },
  ur: { encoding: 'ucs2', fragments: 3 },
  ar: { encoding: 'ucs2', fragments: 3 },
};

/** The longest public origin with which the invite still fits in 3 fragments. */
function longestOrigin(language: ParentLanguage): number {
  const token = 'x'.repeat(43);
  const fits = (length: number) => smsFragments(inviteSmsBody(joinLink({ publicUrl: `https://${'a'.repeat(length - 8)}` }, token), INVITE_TTL_MS, language)).fragments <= 3;
  let length = 9;
  while (fits(length + 1)) length += 1;
  return length;
}

describe("the parent's invite SMS in each language", () => {
  it('has the production-shaped link the figures assume', () => {
    expect(ORIGIN).toHaveLength(35);
    expect(LINK).toHaveLength(84);
  });

  it('costs at most 3 fragments in every language, at every link life from 1 to 60 minutes', () => {
    const figures = PARENT_LANGUAGES.map((language) => {
      const { encoding, units, fragments } = smsFragments(inviteSmsBody(LINK, INVITE_TTL_MS, language));
      return { language, encoding, units, fragments, longestOrigin: longestOrigin(language) };
    });
    console.table(figures);
    for (const { language, encoding, fragments, longestOrigin } of figures) {
      expect({ encoding, fragments }, language).toEqual(FRAGMENTS[language]);
      // Room for a PUBLIC_URL a little longer than the one assumed (docs/operations.md says how much).
      expect(longestOrigin, language).toBeGreaterThanOrEqual(40);
    }
    for (const language of PARENT_LANGUAGES) {
      for (let minutes = 1; minutes <= 60; minutes += 1) {
        expect(smsFragments(PARENT_INVITE_SMS[language].body(LINK, minutes)).fragments, `${language}, ${minutes} min`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('keeps the English words exactly as they were', () => {
    expect(inviteSmsBody(LINK, INVITE_TTL_MS, 'en')).toBe(
      `NHS 111: the nurse you are speaking to would like to see your child on a video call. Tap to join: ${LINK} The link works once and expires in 10 minutes. The video is not recorded.`,
    );
    expect(inviteSmsBody(LINK, 60_000)).toContain('expires in 1 minute.');
  });

  it('holds the link whole, once, and the minutes from the TTL in each language', () => {
    for (const language of PARENT_LANGUAGES) {
      const body = inviteSmsBody(LINK, INVITE_TTL_MS, language);
      expect(body.split(LINK), language).toHaveLength(2);
      // The words around the link (a random token could hold any digits).
      const words = (ttlMs: number) => inviteSmsBody(LINK, ttlMs, language).replace(LINK, '');
      expect(words(INVITE_TTL_MS), language).toContain('10');
      expect(words(25 * 60_000), language).toContain('25');
      expect(words(25 * 60_000), language).not.toContain('10');
    }
  });

  it.each([
    ['pl', 1, 'przez 1 minutę.'],
    ['pl', 3, 'przez 3 minuty.'],
    ['pl', 10, 'przez 10 minut.'],
    ['pl', 22, 'przez 22 minuty.'],
    ['ro', 1, 'o dată, 1 minut.'],
    ['ro', 10, 'o dată, 10 minute.'],
    ['ro', 20, 'o dată, 20 de minute.'],
    ['ar', 1, 'ولمدة دقيقة واحدة.'],
    ['ar', 2, 'ولمدة دقيقتين.'],
    ['ar', 10, 'ولمدة 10 دقائق.'],
    ['ar', 15, 'ولمدة 15 دقيقة.'],
    ['ur', 1, '1 منٹ کے لیے'],
  ] as const)('says %s minutes in the plural form the language uses (%i → %s)', (language, minutes, words) => {
    expect(inviteSmsBody(LINK, minutes * 60_000, language)).toContain(words);
  });

  it("writes the parent's own script and diacritics, not a stripped version", () => {
    expect(inviteSmsBody(LINK, INVITE_TTL_MS, 'pl')).toMatch(/[ęąłż]/);
    expect(inviteSmsBody(LINK, INVITE_TTL_MS, 'ro')).toMatch(/[ăâîșț]/);
    expect(inviteSmsBody(LINK, INVITE_TTL_MS, 'ur')).toMatch(/[\u0600-\u06ff]/);
    expect(inviteSmsBody(LINK, INVITE_TTL_MS, 'ar')).toMatch(/[\u0600-\u06ff]/);
    // Romanian ș and ț are the comma-below letters, not the Turkish cedilla ones.
    expect(inviteSmsBody(LINK, INVITE_TTL_MS, 'ro')).not.toMatch(/[şţ]/);
  });

  it('opens Urdu and Arabic with a right-to-left letter and puts the link on its own line', () => {
    for (const language of ['ur', 'ar'] as const) {
      const body = inviteSmsBody(LINK, INVITE_TTL_MS, language);
      // The first strong letter sets the direction most phones show the message in.
      expect(body.match(/\p{L}/u)![0], language).toMatch(/[\u0600-\u06ff]/);
      expect(body, language).toContain(`\n${LINK}\n`);
    }
  });

  it('will not build with a language missing from the record', () => {
    // @ts-expect-error: every parent language must have its invite words
    const missing: typeof PARENT_INVITE_SMS = { en: PARENT_INVITE_SMS.en };
    expect(Object.keys(missing)).toHaveLength(1);
  });

  it('marks English as the original and every other language as a draft awaiting review', () => {
    expect(Object.fromEntries(PARENT_LANGUAGES.map((language) => [language, PARENT_INVITE_SMS[language].reviewed]))).toEqual({
      en: true,
      pl: false,
      ro: false,
      ur: false,
      ar: false,
    });
  });
});
