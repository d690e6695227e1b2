import { describe, expect, it } from 'vitest';
import { EMPTY_CASE_FORM, ageInMonths, toCreateCaseInput, validateCaseForm } from '../src/features/cases/caseForm';
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
    const input = toCreateCaseInput({ ...EMPTY_CASE_FORM, relationship: 'Other', relationshipOther: 'Aunt', gpPractice: '  ' });
    expect(input).toEqual({ reference: '', childFirstName: '', callerPhone: '', relationship: 'Aunt' });
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
