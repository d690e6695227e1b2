import { describe, expect, it } from 'vitest';
import { decisionInputSchema, describeDisposition, dispositions, fieldErrors, TIMEFRAME_HOURS, type Disposition } from '../src/index.js';

const accepts = (disposition: Disposition, timeframeHours: number | null | undefined) =>
  decisionInputSchema.safeParse({ disposition, timeframeHours, notes: 'Seen on video.' }).success;

describe('decisionInputSchema timeframes', () => {
  const table: [Disposition, (number | null)[], (number | null)[]][] = [
    ['primary_care', [1, 2, 6, 12, 24, null], [3, 4, 48]],
    ['emergency_department', [1, 4], [null, 2, 6]],
    ['urgent_treatment_centre', [null, 1, 2, 4], [6, 12, 24]],
    ['self_care', [null], [1, 24]],
    ['pharmacy', [null], [1, 24]],
    ['ambulance', [null], [1]],
    ['hub_referral', [null], [1, 24]],
    ['advice_line', [null], [1, 24]],
  ];

  it('covers every disposition', () => {
    expect(table.map(([d]) => d).sort()).toEqual([...dispositions].sort());
  });

  it.each(table)('%s accepts %j and refuses %j', (disposition, allowed, refused) => {
    for (const hours of allowed) expect(accepts(disposition, hours), `${disposition} ${hours}`).toBe(true);
    for (const hours of refused) expect(accepts(disposition, hours), `${disposition} ${hours}`).toBe(false);
    expect([...TIMEFRAME_HOURS[disposition]].sort()).toEqual([...allowed].sort());
  });

  it('reads a missing timeframe as none', () => {
    expect(accepts('self_care', undefined)).toBe(true);
    expect(accepts('primary_care', undefined)).toBe(true);
    expect(accepts('emergency_department', undefined)).toBe(false);
  });

  it('puts the timeframe error on timeframeHours and lists the choices', () => {
    const parsed = decisionInputSchema.safeParse({ disposition: 'primary_care', timeframeHours: 3, notes: '' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(fieldErrors(parsed.error)).toEqual({
        timeframeHours: 'Choose a timeframe for this disposition: 1 h, 2 h, 6 h, 12 h, 24 h, none',
      });
    }
  });

  it('refuses a negative or fractional timeframe', () => {
    expect(accepts('primary_care', -1)).toBe(false);
    expect(accepts('primary_care', 1.5)).toBe(false);
  });
});

describe('decisionInputSchema body', () => {
  it('defaults findings to an empty list', () => {
    expect(decisionInputSchema.parse({ disposition: 'pharmacy', notes: '' })).toEqual({ disposition: 'pharmacy', notes: '', findings: [] });
  });

  it('defaults a finding to present', () => {
    const parsed = decisionInputSchema.parse({ disposition: 'pharmacy', notes: '', findings: [{ feature: 'rash_non_blanching' }] });
    expect(parsed.findings).toEqual([{ feature: 'rash_non_blanching', status: 'present' }]);
  });

  it('refuses unknown keys', () => {
    expect(decisionInputSchema.safeParse({ disposition: 'pharmacy', notes: '', signedBy: 'someone' }).success).toBe(false);
  });

  it('needs notes (they may be empty) and a known disposition', () => {
    expect(decisionInputSchema.safeParse({ disposition: 'pharmacy' }).success).toBe(false);
    expect(decisionInputSchema.safeParse({ disposition: 'walk_in_centre', notes: '' }).success).toBe(false);
  });

  it('refuses notes over 5000 characters', () => {
    expect(decisionInputSchema.safeParse({ disposition: 'pharmacy', notes: 'x'.repeat(5001) }).success).toBe(false);
    expect(decisionInputSchema.safeParse({ disposition: 'pharmacy', notes: 'x'.repeat(5000) }).success).toBe(true);
  });
});

describe('describeDisposition', () => {
  it('says the timeframe the way the parent reads it', () => {
    expect(describeDisposition('primary_care', null)).toBe('GP / primary care (routine)');
    expect(describeDisposition('primary_care', 1)).toBe('GP / primary care within 1 hour');
    expect(describeDisposition('emergency_department', 4)).toBe('Emergency department within 4 hours');
  });
});
