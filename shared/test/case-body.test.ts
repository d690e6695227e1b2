import { describe, expect, it } from 'vitest';
import { CHILD_AGE_MONTHS_MAX, createCaseBodySchema, fieldErrors, type CreateCaseBody } from '../src/index.js';

const validBody: CreateCaseBody = {
  reference: '111-ABC-123',
  childFirstName: 'Amelia',
  childAgeMonths: 24,
  callerPhone: '07700 900123',
  relationship: 'Mother',
  complaint: 'fever',
};

function errorsOf(body: unknown): Record<string, string> {
  const parsed = createCaseBodySchema.safeParse(body);
  if (parsed.success) throw new Error('expected the body to be refused');
  return fieldErrors(parsed.error);
}

describe('createCaseBodySchema', () => {
  it('accepts the required fields and stores the phone normalised to +44', () => {
    expect(createCaseBodySchema.parse(validBody)).toEqual({ ...validBody, callerPhone: '+447700900123' });
  });

  it.each([['+44 7700 900123'], ['0044 7700 900123'], ['(07700) 900-123']])('normalises %s', (callerPhone) => {
    expect(createCaseBodySchema.parse({ ...validBody, callerPhone }).callerPhone).toBe('+447700900123');
  });

  it('accepts a landline (the case goes on by phone)', () => {
    expect(createCaseBodySchema.parse({ ...validBody, callerPhone: '0113 496 0000' }).callerPhone).toBe('+441134960000');
  });

  it('refuses a number that is not a UK phone, naming the field', () => {
    expect(errorsOf({ ...validBody, callerPhone: '0800 123 4567' })).toHaveProperty('callerPhone');
  });

  it('accepts a valid NHS number and stores its digits only', () => {
    expect(createCaseBodySchema.parse({ ...validBody, nhsNumber: '943 476 5919' }).nhsNumber).toBe('9434765919');
  });

  it('refuses an NHS number that fails the check digit', () => {
    expect(errorsOf({ ...validBody, nhsNumber: '9434765918' })).toEqual({ nhsNumber: 'This is not a valid NHS number: check the digits' });
    expect(errorsOf({ ...validBody, nhsNumber: '12345' })).toEqual({ nhsNumber: 'An NHS number has 10 digits' });
  });

  it.each([[0], [1], [CHILD_AGE_MONTHS_MAX]])('accepts an age of %i months', (childAgeMonths) => {
    expect(createCaseBodySchema.parse({ ...validBody, childAgeMonths }).childAgeMonths).toBe(childAgeMonths);
  });

  it('sees children up to 17 years 11 months (215 months)', () => {
    expect(CHILD_AGE_MONTHS_MAX).toBe(215);
  });

  it.each([
    ['negative', -1],
    ['18 years', 216],
    ['not whole months', 1.5],
    ['a string', '24'],
  ])('refuses an age that is %s', (_label, childAgeMonths) => {
    expect(errorsOf({ ...validBody, childAgeMonths })).toHaveProperty('childAgeMonths');
  });

  it('refuses unknown keys', () => {
    expect(errorsOf({ ...validBody, diagnosis: 'measles' })).toHaveProperty('_');
  });

  it('names every missing required field', () => {
    expect(Object.keys(errorsOf({})).sort()).toEqual(
      ['callerPhone', 'childAgeMonths', 'childFirstName', 'complaint', 'reference', 'relationship'].sort(),
    );
  });

  it('refuses a blank reference and one longer than 40 characters', () => {
    expect(errorsOf({ ...validBody, reference: '   ' })).toHaveProperty('reference');
    expect(errorsOf({ ...validBody, reference: 'x'.repeat(41) })).toHaveProperty('reference');
    expect(createCaseBodySchema.parse({ ...validBody, reference: 'x'.repeat(40) }).reference).toHaveLength(40);
  });

  it('refuses a complaint outside the list', () => {
    expect(errorsOf({ ...validBody, complaint: 'headache' })).toHaveProperty('complaint');
  });

  it('turns empty optional text into undefined', () => {
    const parsed = createCaseBodySchema.parse({ ...validBody, gpPractice: '', preferredLanguage: '   ' });
    expect(parsed.gpPractice).toBeUndefined();
    expect(parsed.preferredLanguage).toBeUndefined();
  });

  it('treats a blank NHS number or date of birth as not given', () => {
    const parsed = createCaseBodySchema.parse({ ...validBody, nhsNumber: '', dateOfBirth: '  ' });
    expect(parsed.nhsNumber).toBeUndefined();
    expect(parsed.dateOfBirth).toBeUndefined();
  });

  it('trims optional text that is given', () => {
    expect(createCaseBodySchema.parse({ ...validBody, gpPractice: '  Leeds Road Surgery ' }).gpPractice).toBe('Leeds Road Surgery');
  });

  it('accepts a date of birth in the past as YYYY-MM-DD', () => {
    expect(createCaseBodySchema.parse({ ...validBody, dateOfBirth: '2020-02-29' }).dateOfBirth).toBe('2020-02-29');
  });

  it.each([
    ['in another format', '29/02/2020'],
    ['that does not exist', '2023-02-30'],
    ['with a month 13', '2023-13-01'],
    ['in the future', `${new Date().getUTCFullYear() + 1}-01-01`],
  ])('refuses a date of birth %s', (_label, dateOfBirth) => {
    expect(errorsOf({ ...validBody, dateOfBirth })).toHaveProperty('dateOfBirth');
  });
});
