import { describe, expect, it } from 'vitest';
import { formatUkPhone, parseUkPhone } from '../src/index.js';

describe('parseUkPhone', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['07700900123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['+44 (0)7700 900123', '+447700900123'],
    ['0044 7700 900123', '+447700900123'],
    ['(07700) 900-123', '+447700900123'],
    ['07700.900.123', '+447700900123'],
    ['07123 456789', '+447123456789'],
    ['07912 345678', '+447912345678'],
    // The Isle of Man's 07624 is the one mobile range inside 076.
    ['07624 123456', '+447624123456'],
  ])('reads %s as the mobile %s', (text, e164) => {
    expect(parseUkPhone(text)).toEqual({ e164, kind: 'mobile' });
  });

  it.each([
    ['0113 496 0000', '+441134960000'],
    ['020 7946 0000', '+442079460000'],
    ['01632 960 001', '+441632960001'],
    ['+44 20 7946 0000', '+442079460000'],
    // A few 01 areas have nine national digits.
    ['016977 2345', '+44169772345'],
    ['0300 123 4567', '+443001234567'],
    ['0345 600 0000', '+443456000000'],
  ])('reads %s as the landline %s', (text, e164) => {
    expect(parseUkPhone(text)).toEqual({ e164, kind: 'landline' });
  });

  it.each([
    ['a freephone number', '0800 123 4567'],
    ['a premium-rate number', '0906 123 4567'],
    ['a personal number (070)', '070 1234 5678'],
    ['a pager number (076, not 07624)', '07612 345678'],
    ['a mobile one digit short', '0770 090 012'],
    ['a mobile one digit long', '07700 9001234'],
    ['a landline too short', '0113 496 00'],
    ['a landline too long', '0113 496 00000'],
    ['letters', '07700 9OO123'],
    ['a number without the leading 0', '7700 900123'],
    ['a US number', '+1 202 555 0100'],
    ['an empty string', ''],
    ['text', 'mobile'],
  ])('refuses %s (%s)', (_label, text) => {
    expect(parseUkPhone(text)).toBeNull();
  });
});

describe('formatUkPhone', () => {
  it.each([
    ['+447700900123', '07700 900123'],
    ['+442079460000', '020 7946 0000'],
    ['+441134960000', '0113 496 0000'],
    ['+441214960000', '0121 496 0000'],
    ['+441632960001', '01632 960001'],
    ['+443001234567', '0300 123 4567'],
  ])('reads %s back as %s', (e164, spoken) => {
    expect(formatUkPhone(e164)).toBe(spoken);
  });

  it('formats whatever parseUkPhone accepts back into something parseUkPhone reads the same way', () => {
    for (const text of ['07700 900123', '0113 496 0000', '020 7946 0000', '01632 960 001', '016977 2345', '0300 123 4567']) {
      const parsed = parseUkPhone(text);
      expect(parsed).not.toBeNull();
      expect(parseUkPhone(formatUkPhone(parsed!.e164))).toEqual(parsed);
    }
  });
});
