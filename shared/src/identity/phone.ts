/**
 * UK phone numbers as callers give them (07…, +44 7…, 0044…, 01…, with spaces, dashes, brackets),
 * normalised to E.164 (+44…). Mobiles can receive the video link by SMS; landlines cannot.
 */
export type UkPhoneKind = 'mobile' | 'landline';
export type UkPhone = { e164: string; kind: UkPhoneKind };

/** Returns null when the text is not a UK mobile or geographic/non-geographic landline number. */
export function parseUkPhone(text: string): UkPhone | null {
  const compact = text.replace(/[\s\-().]/g, '');
  let national: string;
  if (/^\+44\d+$/.test(compact)) national = compact.slice(3).replace(/^0/, '');
  else if (/^0044\d+$/.test(compact)) national = compact.slice(4).replace(/^0/, '');
  else if (/^0\d+$/.test(compact)) national = compact.slice(1);
  else return null;

  // 071–075, 077–079 and the Isle of Man's 07624 are mobile ranges; 070 and 076 are not phones.
  if (/^7([1-57-9]\d{8}|624\d{6})$/.test(national)) return { e164: `+44${national}`, kind: 'mobile' };
  // 01 and 02 geographic numbers (a few 01 areas have 9 digits), 03 non-geographic.
  if (/^[12]\d{8,9}$/.test(national) || /^3\d{9}$/.test(national)) {
    return { e164: `+44${national}`, kind: 'landline' };
  }
  return null;
}

/** +447700900123 → 07700 900123, the way a UK clinician reads a number back. */
export function formatUkPhone(e164: string): string {
  const national = `0${e164.replace(/^\+44/, '')}`;
  if (national.startsWith('07')) return `${national.slice(0, 5)} ${national.slice(5)}`;
  if (national.startsWith('02')) return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  // Four-digit codes: 011x and 01x1 cities (0113 Leeds, 0121 Birmingham) and 03 non-geographic numbers.
  if (/^(01\d1|011\d|03)/.test(national) && national.length === 11) {
    return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  }
  return `${national.slice(0, 5)} ${national.slice(5)}`;
}
