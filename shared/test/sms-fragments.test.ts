import { describe, expect, it } from 'vitest';
import { smsEncoding, smsFragments, type SmsEncoding } from '../src/index.js';

/** [what it is, text, encoding, units (septets or UTF-16 code units), fragments]: counted by hand. */
const TABLE: [string, string, SmsEncoding, number, number][] = [
  ['plain English', 'The link works once.', 'gsm', 20, 1],
  ['English with € (extension table: two septets)', 'Parking costs €5', 'gsm', 17, 1],
  ['English with [ ] (two septets each)', 'Reply [YES]', 'gsm', 13, 1],
  ['the GSM basic set beyond ASCII: £ é Δ ñ', 'Paid £3 café Δ niño', 'gsm', 19, 1],
  ['160 GSM characters: one part', 'a'.repeat(160), 'gsm', 160, 1],
  ['161 GSM characters: two parts of 153', 'a'.repeat(161), 'gsm', 161, 2],
  ['306 GSM characters: still two', 'a'.repeat(306), 'gsm', 306, 2],
  ['307 GSM characters: three', 'a'.repeat(307), 'gsm', 307, 3],
  ['80 € signs: 160 septets, one part', '€'.repeat(80), 'gsm', 160, 1],
  ['an escape pair is not split across parts', `${'a'.repeat(152)}€${'a'.repeat(152)}`, 'gsm', 306, 3],
  ['Polish with ą and ł (neither is GSM)', 'Mała gorączka', 'ucs2', 13, 1],
  ['Polish ó alone forces UCS-2 (GSM has ò and ö, not ó)', 'Kiedy wróci', 'ucs2', 11, 1],
  ['Romanian with ș and ț (comma below)', 'Vă rugăm să țineți copilul în brațe', 'ucs2', 35, 1],
  ['Arabic', 'لا يتم تسجيل الفيديو', 'ucs2', 20, 1],
  ['Urdu', 'ویڈیو ریکارڈ نہیں ہوتی', 'ucs2', 22, 1],
  ['70 UCS-2 units: one part', `${'a'.repeat(69)}ł`, 'ucs2', 70, 1],
  ['71 UCS-2 units: two parts of 67', `${'a'.repeat(70)}ł`, 'ucs2', 71, 2],
  ['134 UCS-2 units: two; 135: three', `${'a'.repeat(133)}ł`, 'ucs2', 134, 2],
  ['135 UCS-2 units: three', `${'a'.repeat(134)}ł`, 'ucs2', 135, 3],
  ['an emoji outside the BMP counts two code units', 'OK 👍', 'ucs2', 5, 1],
  ['a surrogate pair is not split across parts', `${'ł'.repeat(66)}👍${'ł'.repeat(66)}`, 'ucs2', 134, 3],
];

describe('SMS encoding and fragments (GSM 03.38 / UCS-2)', () => {
  it.each(TABLE)('%s', (_what, text, encoding, units, fragments) => {
    expect(smsEncoding(text)).toBe(encoding);
    expect(smsFragments(text)).toEqual({ encoding, units, fragments });
  });

  it('treats a tab and the escape character itself as outside GSM', () => {
    expect(smsEncoding('a\tb')).toBe('ucs2');
    expect(smsEncoding('a\u001bb')).toBe('ucs2');
    expect(smsEncoding('line one\nline two')).toBe('gsm');
  });
});
