import { describe, expect, it } from 'vitest';
import {
  amendmentInputSchema,
  decisionInputSchema,
  describeDisposition,
  dispositions,
  fieldErrors,
  TIMEFRAME_HOURS,
  type DecisionInput,
  type Disposition,
} from '../src/index.js';

const HUB_REFERRAL = { hub: 'North Connecting Care Children\'s Hub', reason: 'Recurrent wheeze: joint GP/paediatrician clinic' };
const ADVICE_LINE = { specialist: 'Dr Patel, paediatric registrar', advice: 'Manage at home; GP review in 24 hours' };
/** Referral details travel only with their referral: a hub or advice-line decision needs them. */
const referralFor = (disposition: Disposition) =>
  disposition === 'hub_referral' ? { hubReferral: HUB_REFERRAL } : disposition === 'advice_line' ? { adviceLine: ADVICE_LINE } : {};

const accepts = (disposition: Disposition, timeframeHours: number | null | undefined) =>
  decisionInputSchema.safeParse({ disposition, timeframeHours, notes: 'Seen on video.', ...referralFor(disposition) }).success;

/** The field errors of a body the schema refuses (fails the test if it is accepted). */
function refusal(body: unknown, schema: typeof decisionInputSchema | typeof amendmentInputSchema = decisionInputSchema): Record<string, string> {
  const parsed = schema.safeParse(body);
  expect(parsed.success, JSON.stringify(body)).toBe(false);
  return parsed.success ? {} : fieldErrors(parsed.error);
}
const A_DECISION = { disposition: 'pharmacy', notes: '' } as const satisfies DecisionInput;

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
    const parsed = decisionInputSchema.parse({ disposition: 'pharmacy', notes: '', findings: [{ feature: 'non_blanching_rash' }] });
    expect(parsed.findings).toEqual([{ feature: 'non_blanching_rash', status: 'present' }]);
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

describe('decisionInputSchema findings: catalogue keys only', () => {
  const withFindings = (findings: unknown[]) => ({ ...A_DECISION, findings });

  it.each(['fever', 'rash_non_blanching', 'Grunting', ''])('refuses the unknown feature %j', (feature) => {
    expect(refusal(withFindings([{ feature }]))).toEqual({ 'findings.0.feature': 'Unknown feature' });
  });

  it.each([
    ['breathing_rate', 0],
    ['breathing_rate', 200],
    ['heart_rate', 300],
    ['oxygen_saturation', 50],
    ['oxygen_saturation', 100],
    ['temperature_c', 25],
    ['temperature_c', 38.4],
    ['temperature_c', 45],
  ] as const)('accepts %s with the value %d (within its range)', (feature, value) => {
    expect(decisionInputSchema.parse(withFindings([{ feature, value }])).findings).toEqual([{ feature, status: 'present', value }]);
  });

  it.each([
    ['breathing_rate', -1],
    ['breathing_rate', 201],
    ['heart_rate', 301],
    ['oxygen_saturation', 49],
    ['oxygen_saturation', 101],
    ['temperature_c', 24.9],
    ['temperature_c', 45.1],
  ] as const)('refuses %s with the value %d (outside its range) on the value', (feature, value) => {
    expect(refusal(withFindings([{ feature, value }]))).toEqual({ 'findings.0.value': expect.stringMatching(/must be between/) });
  });

  it('needs a value for a measured feature', () => {
    expect(refusal(withFindings([{ feature: 'heart_rate' }]))).toEqual({ 'findings.0.value': 'Enter the heart rate as a number' });
  });

  it('refuses a value that is not a finite number', () => {
    expect(refusal(withFindings([{ feature: 'heart_rate', value: '120' }]))).toHaveProperty(['findings.0.value']);
    expect(refusal(withFindings([{ feature: 'heart_rate', value: null }]))).toHaveProperty(['findings.0.value']);
  });

  it('refuses a measured feature recorded as absent', () => {
    expect(refusal(withFindings([{ feature: 'breathing_rate', status: 'absent', value: 30 }]))).toEqual({
      'findings.0.status': 'A measured value cannot be absent',
    });
  });

  it('takes no value for a descriptive feature, present or absent', () => {
    expect(refusal(withFindings([{ feature: 'grunting', value: 1 }]))).toEqual({ 'findings.0.value': 'Grunting takes no value' });
    expect(decisionInputSchema.parse(withFindings([{ feature: 'grunting', status: 'absent' }])).findings).toEqual([
      { feature: 'grunting', status: 'absent' },
    ]);
  });

  it('refuses a status other than present or absent, and unknown keys on a finding', () => {
    expect(refusal(withFindings([{ feature: 'grunting', status: 'maybe' }]))).toHaveProperty(['findings.0.status']);
    expect(refusal(withFindings([{ feature: 'grunting', band: 'green' }]))).toHaveProperty(['findings.0']);
  });

  it('refuses the same feature twice, on the second', () => {
    expect(refusal(withFindings([{ feature: 'grunting' }, { feature: 'rigors' }, { feature: 'grunting', status: 'absent' }]))).toEqual({
      'findings.2.feature': 'grunting is recorded twice',
    });
    expect(refusal(withFindings([{ feature: 'heart_rate', value: 120 }, { feature: 'heart_rate', value: 130 }]))).toEqual({
      'findings.1.feature': 'heart_rate is recorded twice',
    });
  });

  it('refuses a band sent by the client: the server works it out', () => {
    expect(refusal({ ...A_DECISION, band: 'green' })).toHaveProperty(['_']);
  });
});

describe('decisionInputSchema referrals', () => {
  it('needs the hub and the reason for a hub referral', () => {
    expect(refusal({ disposition: 'hub_referral', notes: '' })).toEqual({ hubReferral: expect.stringMatching(/hub and the reason/) });
    expect(refusal({ disposition: 'hub_referral', notes: '', hubReferral: { hub: 'North' } })).toHaveProperty(['hubReferral.reason']);
    expect(refusal({ disposition: 'hub_referral', notes: '', hubReferral: { ...HUB_REFERRAL, hub: '   ' } })).toEqual({
      'hubReferral.hub': 'Enter the preferred hub',
    });
    expect(decisionInputSchema.parse({ disposition: 'hub_referral', notes: '', hubReferral: HUB_REFERRAL }).hubReferral).toEqual(HUB_REFERRAL);
  });

  it('needs the specialist and their advice for an advice line referral', () => {
    expect(refusal({ disposition: 'advice_line', notes: '' })).toEqual({ adviceLine: expect.stringMatching(/specialist/) });
    expect(refusal({ disposition: 'advice_line', notes: '', adviceLine: { specialist: 'Dr Patel', advice: '' } })).toEqual({
      'adviceLine.advice': 'Enter the advice given',
    });
    expect(decisionInputSchema.parse({ disposition: 'advice_line', notes: '', adviceLine: ADVICE_LINE }).adviceLine).toEqual(ADVICE_LINE);
  });

  it('refuses unknown keys in referral details', () => {
    expect(refusal({ disposition: 'hub_referral', notes: '', hubReferral: { ...HUB_REFERRAL, urgent: true } })).toHaveProperty(['hubReferral']);
  });

  it.each(dispositions.filter((d) => d !== 'hub_referral'))('refuses hub details with %s', (disposition) => {
    const body = { disposition, timeframeHours: TIMEFRAME_HOURS[disposition][0], notes: '', ...referralFor(disposition), hubReferral: HUB_REFERRAL };
    expect(refusal(body)).toEqual({ hubReferral: 'Hub details go only with a hub referral' });
  });

  it.each(dispositions.filter((d) => d !== 'advice_line'))('refuses advice line details with %s', (disposition) => {
    const body = { disposition, timeframeHours: TIMEFRAME_HOURS[disposition][0], notes: '', ...referralFor(disposition), adviceLine: ADVICE_LINE };
    expect(refusal(body)).toEqual({ adviceLine: 'Advice line details go only with an advice line referral' });
  });
});

describe('decisionInputSchema overrideReason', () => {
  it('is optional', () => {
    expect(decisionInputSchema.parse(A_DECISION)).not.toHaveProperty('overrideReason');
  });

  it('is trimmed, and must not be empty when sent', () => {
    expect(decisionInputSchema.parse({ ...A_DECISION, overrideReason: '  Parent is a paediatric nurse  ' }).overrideReason).toBe(
      'Parent is a paediatric nurse',
    );
    for (const overrideReason of ['', '   ']) {
      expect(refusal({ ...A_DECISION, overrideReason })).toEqual({ overrideReason: 'Enter why this disposition is right despite the band' });
    }
  });

  it('refuses one over 1000 characters', () => {
    expect(refusal({ ...A_DECISION, overrideReason: 'x'.repeat(1001) })).toHaveProperty(['overrideReason']);
    expect(decisionInputSchema.safeParse({ ...A_DECISION, overrideReason: 'x'.repeat(1000) }).success).toBe(true);
  });
});

describe('amendmentInputSchema', () => {
  it('is the full decision plus the reason for the amendment', () => {
    expect(amendmentInputSchema.parse({ ...A_DECISION, reason: ' Call-back: now feeding well ' })).toEqual({
      ...A_DECISION,
      findings: [],
      reason: 'Call-back: now feeding well',
    });
  });

  it('needs a reason', () => {
    expect(refusal(A_DECISION, amendmentInputSchema)).toEqual({ reason: expect.any(String) });
    expect(refusal({ ...A_DECISION, reason: '  ' }, amendmentInputSchema)).toEqual({ reason: 'Enter the reason for the amendment' });
  });

  it('applies the same rules as a first decision', () => {
    expect(refusal({ disposition: 'primary_care', timeframeHours: 3, notes: '', reason: 'Changed' }, amendmentInputSchema)).toHaveProperty([
      'timeframeHours',
    ]);
    expect(refusal({ disposition: 'hub_referral', notes: '', reason: 'Changed' }, amendmentInputSchema)).toHaveProperty(['hubReferral']);
    expect(refusal({ ...A_DECISION, reason: 'Changed', findings: [{ feature: 'fever' }] }, amendmentInputSchema)).toHaveProperty([
      'findings.0.feature',
    ]);
  });

  it('is not accepted as a first decision (no reason there)', () => {
    expect(refusal({ ...A_DECISION, reason: 'Changed' })).toHaveProperty(['_']);
  });
});

describe('describeDisposition', () => {
  it('says the timeframe the way the parent reads it', () => {
    expect(describeDisposition('primary_care', null)).toBe('GP / primary care (routine)');
    expect(describeDisposition('primary_care', 1)).toBe('GP / primary care within 1 hour');
    expect(describeDisposition('emergency_department', 4)).toBe('Emergency department within 4 hours');
  });
});
