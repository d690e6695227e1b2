import type { ParentLanguage } from '@desk/shared';

/**
 * The words of the parent's video-link SMS in each parent language (issue 12). Every language is
 * required (a missing one fails the build); each is a function of the link and the link's life in
 * whole minutes, which the caller takes from the configured TTL, never from text here. The child is
 * never named: a mistyped number must not learn who is ill (docs/security.md).
 *
 * `reviewed: false` marks a draft translation awaiting professional review (docs/operations.md).
 * Non-English texts go as UCS-2 (diacritics and script kept), 67 code units a part: each is short
 * enough that with a production link (about 85 characters) it stays within 3 fragments
 * (`server/test/invite-sms.test.ts`). Urdu and Arabic open with a word of their own script, so a
 * phone that sets the direction from the first strong letter shows the message right to left, and
 * put the link on its own line, so no punctuation joins it or flips it.
 */
export type InviteSmsText = {
  reviewed: boolean;
  body: (link: string, minutes: number) => string;
};

/** One plural form per CLDR category the language uses for whole minutes of 1 and above. */
function minutesIn(locale: ParentLanguage, forms: Partial<Record<Intl.LDMLPluralRule, (n: number) => string>> & { other: (n: number) => string }) {
  const rules = new Intl.PluralRules(locale);
  return (minutes: number) => (forms[rules.select(minutes)] ?? forms.other)(minutes);
}

/** English minutes, for the parent's invite and the colleagues' (always English) one. */
export const englishMinutes = (minutes: number) => `${minutes} minute${minutes === 1 ? '' : 's'}`;
const polishMinutes = minutesIn('pl', { one: () => '1 minutę', few: (n) => `${n} minuty`, other: (n) => `${n} minut` });
const romanianMinutes = minutesIn('ro', { one: () => '1 minut', few: (n) => `${n} minute`, other: (n) => `${n} de minute` });
const arabicMinutes = minutesIn('ar', { one: () => 'دقيقة واحدة', two: () => 'دقيقتين', few: (n) => `${n} دقائق`, other: (n) => `${n} دقيقة` });

export const PARENT_INVITE_SMS: Record<ParentLanguage, InviteSmsText> = {
  // The original words, unchanged.
  en: {
    reviewed: true,
    body: (link, minutes) =>
      `NHS 111: the nurse you are speaking to would like to see your child on a video call. Tap to join: ${link} The link works once and expires in ${englishMinutes(minutes)}. The video is not recorded.`,
  },
  pl: {
    reviewed: false,
    body: (link, minutes) => `NHS 111: pielęgniarka chce zobaczyć dziecko na wideo. Dołącz: ${link} Link działa raz, przez ${polishMinutes(minutes)}. Bez nagrywania.`,
  },
  ro: {
    reviewed: false,
    body: (link, minutes) => `NHS 111: asistenta vrea să vadă copilul prin video. Intrați: ${link} Link valabil o dată, ${romanianMinutes(minutes)}. Fără înregistrare.`,
  },
  ur: {
    reviewed: false,
    // Urdu counts minutes with one form: منٹ.
    body: (link, minutes) => `منجانب NHS 111: نرس ویڈیو پر بچے کو دیکھنا چاہتی ہیں۔ شامل ہوں:\n${link}\nلنک ایک بار، ${minutes} منٹ کے لیے۔ ریکارڈنگ نہیں ہوگی۔`,
  },
  ar: {
    reviewed: false,
    body: (link, minutes) => `من NHS 111: يود الممرض رؤية طفلك بالفيديو. اضغط للانضمام:\n${link}\nالرابط لمرة واحدة ولمدة ${arabicMinutes(minutes)}. لا يُسجَّل الفيديو.`,
  },
};
