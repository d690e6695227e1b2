import { describe, expect, it } from 'vitest';
import {
  EMPTY_CASE_FORM,
  ageInMonths,
  errorsAfterEdit,
  looksLike111Reference,
  readDateOfBirth,
  toCreateCaseInput,
  validateCaseForm,
} from '../src/features/cases/caseForm';
import { emptyDraft, validateDecision, withDisposition } from '../src/features/decision/decisionDraft';
import { callStateTag } from '../src/features/queue/callStateTag';

describe('ageInMonths', () => {
  it.each([
    ['2', 'years', 24],
    ['1.5', 'years', 18],
    ['7', 'months', 7],
    ['0', 'months', 0],
    ['', 'years', undefined],
  ] as const)('%s %s → %s', (value, unit, months) => {
    expect(ageInMonths(value, unit)).toBe(months);
  });

  it('leaves a fraction of a month for the schema to refuse', () => {
    const result = validateCaseForm({ ...EMPTY_CASE_FORM, ageValue: '0.3', ageUnit: 'years' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.ageValue).toBe("Enter the child's age in whole months");
  });
});

describe('toCreateCaseInput', () => {
  it('leaves out blank optional fields and uses the free-text relationship for Other', () => {
    const input = toCreateCaseInput({ ...EMPTY_CASE_FORM, relationship: 'Other', relationshipOther: 'Aunt', gpPractice: '  ' }, '2026-12-03');
    expect(input).toEqual({ reference: '', childFirstName: '', callerPhone: '', relationship: 'Aunt' });
  });
});

describe('looksLike111Reference', () => {
  it.each([
    ['111-ABC-123', true],
    ['111-E2E-0001', true],
    ['  111-abc-123 ', true],
    ['111-X', true],
    ['x', false],
    ['111', false],
    ['111-', false],
    ['111-ABC-', false],
    ['111 ABC 123', false],
    ['ABC-123', false],
    ['111--ABC', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLike111Reference(text)).toBe(expected);
  });
});

describe('readDateOfBirth', () => {
  const today = '2026-12-03';
  const all = ['day', 'month', 'year'];
  it.each([
    [{ day: '', month: '', year: '' }, null],
    [{ day: ' ', month: '', year: '' }, null],
    [{ day: '15', month: '3', year: '2024' }, { date: '2024-03-15' }],
    [{ day: '3', month: '12', year: '2026' }, { date: '2026-12-03' }],
    [{ day: '15', month: '', year: '2024' }, { error: 'Date of birth must include a month', parts: ['month'] }],
    [{ day: '', month: '3', year: '' }, { error: 'Date of birth must include a day and a year', parts: ['day', 'year'] }],
    [{ day: '30', month: '2', year: '2024' }, { error: 'Date of birth must be a real date', parts: all }],
    [{ day: '1', month: 'March', year: '2024' }, { error: 'Date of birth must be a real date', parts: all }],
    [{ day: '15', month: '3', year: '24' }, { error: 'Date of birth must be a real date', parts: ['year'] }],
    [{ day: '4', month: '12', year: '2026' }, { error: 'Date of birth must be today or in the past', parts: all }],
  ])('%o → %o', (parts, expected) => {
    expect(readDateOfBirth(parts, today)).toEqual(expected);
  });

  it('goes to the API as YYYY-MM-DD, and a date not yet whole is not sent', () => {
    expect(toCreateCaseInput({ ...EMPTY_CASE_FORM, dateOfBirth: { day: '5', month: '3', year: '2024' } }, today)).toMatchObject({ dateOfBirth: '2024-03-05' });
    expect(toCreateCaseInput({ ...EMPTY_CASE_FORM, dateOfBirth: { day: '5', month: '', year: '2024' } }, today)).not.toHaveProperty('dateOfBirth');
  });
});

describe('errorsAfterEdit', () => {
  const today = '2026-12-03';
  const values = { ...EMPTY_CASE_FORM, reference: '111-ABC-123', callerPhone: '07700 900123', ageValue: '0.3', ageUnit: 'years' as const };
  it.each([
    ['a field put right loses its error', { callerPhone: 'Enter a UK phone number' }, 'client', 'callerPhone', {}],
    ['a field still wrong keeps it', { ageValue: 'Enter the child\'s age in whole months' }, 'client', 'ageValue', { ageValue: 'Enter the child\'s age in whole months' }],
    ['an edit elsewhere leaves it', { childFirstName: "Enter the child's first name" }, 'client', 'callerPhone', { childFirstName: "Enter the child's first name" }],
    ['a server error goes when its field is edited', { callerPhone: 'Refused' }, 'server', 'callerPhone', {}],
    ['a server error stays while others are edited', { ageValue: 'The desk sees children under 18' }, 'server', 'reference', { ageValue: 'The desk sees children under 18' }],
    ['the age unit is the age\'s field', { ageValue: 'The desk sees children under 18' }, 'server', 'ageUnit', {}],
  ] as const)('%s', (_, errors, source, name, expected) => {
    expect(errorsAfterEdit(errors, source, name, values, today)).toEqual(expected);
  });
});

describe('decision draft', () => {
  it('keeps the timeframe only when the new disposition offers it', () => {
    const gp = { ...withDisposition(emptyDraft(), 'primary_care'), timeframe: '1' };
    expect(withDisposition(gp, 'emergency_department').timeframe).toBe('1');
    expect(withDisposition(gp, 'urgent_treatment_centre').timeframe).toBe('1');
    expect(withDisposition({ ...gp, timeframe: '24' }, 'emergency_department').timeframe).toBe('');
    expect(withDisposition(gp, 'self_care').timeframe).toBe('');
  });

  it.each([
    ['self_care', '', null],
    ['primary_care', 'routine', null],
    ['primary_care', '12', 12],
    ['emergency_department', '1', 1],
  ] as const)('%s with timeframe "%s" signs timeframeHours %s', (disposition, timeframe, hours) => {
    const result = validateDecision({ ...emptyDraft(), disposition, timeframe, notes: 'Notes' });
    expect(result).toMatchObject({ ok: true, body: { disposition, timeframeHours: hours, findings: [] } });
  });
});

describe('callStateTag', () => {
  it('makes a waiting parent prominent and names the failure reason', () => {
    expect(callStateTag({ state: 'parent_waiting', reason: null })).toEqual({
      label: 'Parent waiting',
      colour: 'orange',
      prominent: true,
    });
    expect(callStateTag({ state: 'failed', reason: 'permission_denied' }).label).toBe('Video failed: camera blocked');
    expect(callStateTag(null).label).toBe('Phone only');
  });
});
