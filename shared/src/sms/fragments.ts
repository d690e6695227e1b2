/**
 * What an SMS costs: its encoding and how many fragments (parts) the network bills (issue 12).
 * GSM 03.38 when every character is in the default alphabet or its extension table (those count
 * two septets: an escape and the character); otherwise UCS-2, which counts UTF-16 code units, so a
 * character outside the BMP (most emoji) counts two. A multi-part message loses room to its
 * concatenation header: 153 septets or 67 code units a part instead of 160 or 70 alone. A part never
 * splits an escape pair or a surrogate pair: the whole character moves to the next part, as phones
 * and providers do.
 */

export type SmsEncoding = 'gsm' | 'ucs2';

export type SmsFragments = {
  encoding: SmsEncoding;
  /** Septets (GSM) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  fragments: number;
};

export const SMS_LIMITS: Record<SmsEncoding, { single: number; perPart: number }> = {
  gsm: { single: 160, perPart: 153 },
  ucs2: { single: 70, perPart: 67 },
};

/** The GSM 03.38 default alphabet (the escape, 0x1B, is not a character a text may hold). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: each is sent as escape + character, two septets. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

/** Septets a character takes in GSM 03.38, or null when it has none (the text must go as UCS-2). */
function gsmSeptets(character: string): 1 | 2 | null {
  if (GSM_BASIC.has(character)) return 1;
  if (GSM_EXTENSION.has(character)) return 2;
  return null;
}

export function smsEncoding(text: string): SmsEncoding {
  for (const character of text) if (gsmSeptets(character) === null) return 'ucs2';
  return 'gsm';
}

/** Packs characters of the given sizes into parts of `perPart` without splitting one. */
function partsFor(sizes: number[], perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > perPart) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

export function smsFragments(text: string): SmsFragments {
  const encoding = smsEncoding(text);
  // Array.from walks code points: a surrogate pair is one character of two code units.
  const sizes = Array.from(text, (character) => (encoding === 'gsm' ? gsmSeptets(character)! : character.length));
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const { single, perPart } = SMS_LIMITS[encoding];
  return { encoding, units, fragments: units <= single ? 1 : partsFor(sizes, perPart) };
}
