import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, normaliseNhsNumber } from '../src/index.js';

describe('isValidNhsNumber (Modulus 11)', () => {
  it.each([
    ['9434765919'],
    ['943 476 5919'],
    ['4010232137'],
    // Remainder 0 → check digit 11, written as 0.
    ['1000000060'],
  ])('accepts %s', (text) => {
    expect(isValidNhsNumber(text)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '9434765918'],
    ['a transposition of two digits', '9434765991'],
    ['check digit 10, which no NHS number has', '1000000010'],
    ['nine digits', '943476591'],
    ['eleven digits', '94347659190'],
    ['a letter', '943476591X'],
    ['dashes', '943-476-5919'],
    ['an empty string', ''],
  ])('refuses %s (%s)', (_label, text) => {
    expect(isValidNhsNumber(text)).toBe(false);
  });

  it('refuses every candidate whose check digit would be 10', () => {
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`100000001${last}`)).toBe(false);
  });
});

describe('normaliseNhsNumber', () => {
  it('drops the spaces of the printed form', () => {
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919');
  });
});
