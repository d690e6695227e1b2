import { describe, expect, it } from 'vitest';
import {
  assessBand,
  bandForValue,
  FEATURES,
  featureKeys,
  type BandName,
  type Complaint,
  type FeatureKey,
  type RecordedFinding,
  type TrafficLight,
} from '../src/index.js';

/**
 * NICE NG143 table 1 as CLINICAL.md gives it, written out by hand: a wrong catalogue entry fails
 * here rather than being copied into the expectation. `emergency` marks the features that suggest
 * 999 on their own (status epilepticus, a child who does not wake or stay awake).
 */
const DESCRIPTIVE: [FeatureKey, TrafficLight, ('' | ', suggests 999')?][] = [
  // Colour of skin, lips or tongue
  ['colour_normal', 'green'],
  ['pallor_reported', 'amber'],
  ['pale_mottled_ashen_or_blue', 'red'],
  // Activity
  ['responds_normally_to_social_cues', 'green'],
  ['content_smiling', 'green'],
  ['stays_awake_or_wakes_quickly', 'green'],
  ['strong_normal_cry_or_not_crying', 'green'],
  ['not_responding_normally_to_social_cues', 'amber'],
  ['no_smile', 'amber'],
  ['wakes_only_with_prolonged_stimulation', 'amber'],
  ['decreased_activity', 'amber'],
  ['no_response_to_social_cues', 'red'],
  ['appears_ill_to_professional', 'red'],
  ['does_not_wake_or_stay_awake', 'red', ', suggests 999'],
  ['weak_high_pitched_or_continuous_cry', 'red'],
  // Respiratory
  ['nasal_flaring', 'amber'],
  ['crackles', 'amber'],
  ['grunting', 'red'],
  ['chest_indrawing', 'red'],
  // Circulation and hydration
  ['normal_skin_and_eyes', 'green'],
  ['moist_mucous_membranes', 'green'],
  ['capillary_refill_3s_or_more', 'amber'],
  ['dry_mucous_membranes', 'amber'],
  ['poor_feeding', 'amber'],
  ['reduced_urine_output', 'amber'],
  ['reduced_skin_turgor', 'red'],
  // Other
  ['fever_5_days_or_more', 'amber'],
  ['rigors', 'amber'],
  ['limb_or_joint_swelling', 'amber'],
  ['not_using_limb', 'amber'],
  ['non_blanching_rash', 'red'],
  ['bulging_fontanelle', 'red'],
  ['neck_stiffness', 'red'],
  ['status_epilepticus', 'red', ', suggests 999'],
  ['focal_neurological_signs', 'red'],
  ['focal_seizures', 'red'],
  // Beyond table 1: NG143's remote-assessment rule (immediately life-threatening → 999), CLINICAL.md.
  ['compromised_airway_breathing_or_circulation', 'red', ', suggests 999'],
];
/** Measured, banded by age: breathing rate, oxygen saturation, heart rate, temperature. */
const NUMERIC: FeatureKey[] = ['breathing_rate', 'oxygen_saturation', 'heart_rate', 'temperature_c'];

const present = (feature: FeatureKey): RecordedFinding => ({ feature, status: 'present' });
const absent = (feature: FeatureKey): RecordedFinding => ({ feature, status: 'absent' });
const measured = (feature: FeatureKey, value: number): RecordedFinding => ({ feature, status: 'present', value });
/** A feverish 2-year-old unless the test says otherwise. */
const assess = (findings: RecordedFinding[], ageMonths = 26, complaint: Complaint | null = 'fever') => assessBand({ findings, ageMonths, complaint });
const bandOf = (feature: FeatureKey, value: number, ageMonths: number): TrafficLight | null => bandForValue(feature, value, ageMonths)?.band ?? null;

describe('the NG143 catalogue', () => {
  it('has exactly the table features: every descriptive feature above plus the four measurements', () => {
    expect([...featureKeys].sort()).toEqual([...DESCRIPTIVE.map(([key]) => key), ...NUMERIC].sort());
  });

  it.each(NUMERIC)('%s is measured, not ticked', (feature) => {
    expect(FEATURES[feature].kind).toBe('numeric');
  });
});

describe('assessBand: a descriptive feature present bands as NG143 table 1 says', () => {
  it.each(DESCRIPTIVE.map(([feature, band, emergency = '']) => [feature, band, emergency] as const))('%s present → %s%s', (feature, band, emergency) => {
    const definition = FEATURES[feature];
    expect(definition.kind).toBe('descriptive');
    expect(definition.kind === 'descriptive' && definition.band).toBe(band);
    // A feverish child, so a non-blanching rash here is also an emergency (tested on its own below).
    const assessment = assess([present(feature)]);
    expect(assessment.band).toBe(band);
    expect(assessment.reasons).toEqual([{ feature, band, text: definition.label }]);
    const expectEmergency = emergency !== '' || feature === 'non_blanching_rash';
    expect(assessment.emergencyReasons.length > 0, `${feature} emergency`).toBe(expectEmergency);
  });

  it.each(DESCRIPTIVE.map(([feature]) => feature))('%s recorded absent contributes nothing: still not assessed, never green', (feature) => {
    const assessment = assess([absent(feature)]);
    expect(assessment.band).toBe('not_assessed');
    expect(assessment.reasons).toEqual([]);
    expect(assessment.emergencyReasons).toEqual([]);
  });
});

describe('bandForValue: breathing rate', () => {
  it.each([
    // [value, age in completed months, band]
    [40, 13, 'green'],
    [41, 13, 'amber'], // over 40/min over 12 months
    [50, 8, 'green'],
    [51, 8, 'amber'], // over 50/min at 6–12 months
    [50, 6, 'green'],
    [51, 6, 'amber'],
    [55, 5, 'green'], // no amber threshold under 6 months
    [41, 11, 'green'], // 11 months is still "6–12 months": the 50 threshold applies
    [51, 11, 'amber'],
    [41, 12, 'amber'], // 12 months is "over 12 months": the 40 threshold applies
    [60, 2, 'green'],
    [61, 2, 'red'], // over 60/min at any age under 5
    [60, 5, 'green'],
    [61, 5, 'red'],
    [60, 8, 'amber'],
    [61, 8, 'red'],
    [60, 24, 'amber'],
    [61, 24, 'red'],
    [61, 59, 'red'],
  ] as const)('%i/min at %i months → %s', (value, ageMonths, band) => {
    expect(bandOf('breathing_rate', value, ageMonths)).toBe(band);
  });
});

describe('bandForValue: heart rate', () => {
  it.each([
    [160, 0, 'green'],
    [161, 0, 'amber'],
    [160, 11, 'green'],
    [161, 11, 'amber'], // over 160 under 12 months
    [151, 12, 'amber'], // over 150 at 12–24 months
    [150, 12, 'green'],
    [150, 23, 'green'],
    [151, 23, 'amber'],
    [141, 23, 'green'],
    [140, 24, 'green'],
    [141, 24, 'amber'], // over 140 at 2–5 years
    [140, 59, 'green'],
    [141, 59, 'amber'],
  ] as const)('%i/min at %i months → %s', (value, ageMonths, band) => {
    expect(bandOf('heart_rate', value, ageMonths)).toBe(band);
  });
});

describe('bandForValue: temperature', () => {
  it.each([
    [38, 2, 'red'], // 38 °C or more under 3 months
    [37.9, 2, 'green'],
    [38, 0, 'red'],
    [38.5, 3, 'green'], // 3 months is "3–6 months": the 39 threshold applies
    [39, 3, 'amber'],
    [39, 4, 'amber'], // 39 °C or more at 3–6 months
    [38.9, 4, 'green'],
    [39, 5, 'amber'],
    [39, 6, 'green'], // from 6 months NG143 bands no temperature on its own
    [40.5, 24, 'green'],
  ] as const)('%d °C at %i months → %s', (value, ageMonths, band) => {
    expect(bandOf('temperature_c', value, ageMonths)).toBe(band);
  });
});

describe('bandForValue: oxygen saturation in air (every age)', () => {
  it.each([
    [95, 0, 'amber'],
    [96, 0, 'green'],
    [95, 13, 'amber'],
    [96, 13, 'green'],
    [95, 59, 'amber'],
    [95, 60, 'amber'],
    [95, 120, 'amber'], // 10 years: still amber
    [96, 120, 'green'],
    [88, 120, 'amber'],
  ] as const)('%i%% at %i months → %s', (value, ageMonths, band) => {
    expect(bandOf('oxygen_saturation', value, ageMonths)).toBe(band);
  });
});

describe('from 60 months the NG143 rate and temperature thresholds are not applied', () => {
  it.each([
    ['breathing_rate', 70],
    ['heart_rate', 190],
    ['temperature_c', 40],
  ] as const)('%s %d at 60 and 120 months: no band; at 59 months it is banded', (feature, value) => {
    expect(bandForValue(feature, value, 60)).toBeNull();
    expect(bandForValue(feature, value, 120)).toBeNull();
    expect(bandForValue(feature, value, 59)).not.toBeNull();
  });

  it('shows the value unbanded: what is not banded never makes the child green, and the limit is labelled', () => {
    const assessment = assess([measured('breathing_rate', 70), measured('heart_rate', 190), measured('temperature_c', 40)], 60);
    expect(assessment.band).toBe('not_assessed');
    expect(assessment.reasons).toEqual([]);
    expect(assessment.limits).toEqual([expect.stringMatching(/Age 5 years or over.*not banded.*guide only/)]);
  });

  it('still bands the descriptive features and oxygen saturation over 5', () => {
    expect(assess([present('grunting')], 96).band).toBe('red');
    expect(assess([measured('oxygen_saturation', 94)], 96).band).toBe('amber');
  });
});

describe('assessBand: the highest band present', () => {
  it('green + amber + red → red, with the red features first in the reasons', () => {
    const assessment = assess([
      present('colour_normal'),
      present('no_smile'),
      present('grunting'),
      measured('breathing_rate', 45),
      present('neck_stiffness'),
    ]);
    expect(assessment.band).toBe('red');
    expect(assessment.reasons.map((r) => [r.feature, r.band])).toEqual([
      ['grunting', 'red'],
      ['neck_stiffness', 'red'],
      ['colour_normal', 'green'],
      ['no_smile', 'amber'],
      ['breathing_rate', 'amber'],
    ]);
  });

  it.each([
    [[present('colour_normal'), present('no_smile')], 'amber'],
    [[present('colour_normal'), measured('heart_rate', 100)], 'green'],
    [[measured('heart_rate', 151), present('content_smiling')], 'amber'],
    [[measured('breathing_rate', 61), present('rigors')], 'red'],
  ] as [RecordedFinding[], BandName][])('%j → %s', (findings, band) => {
    expect(assess(findings, 13).band).toBe(band);
  });

  it('puts the amber features first when amber is the highest band', () => {
    const assessment = assess([present('colour_normal'), present('rigors')]);
    expect(assessment.reasons.map((r) => r.feature)).toEqual(['rigors', 'colour_normal']);
  });
});

describe('assessBand: not assessed is not the same as absent', () => {
  it('nothing recorded → not_assessed, every feature listed as not assessed', () => {
    const assessment = assess([]);
    expect(assessment.band).toBe('not_assessed');
    expect(assessment.reasons).toEqual([]);
    expect([...assessment.notAssessed].sort()).toEqual([...featureKeys].sort());
  });

  it('a red feature recorded absent → not red, and not green either: absence alone says nothing is well', () => {
    expect(assess([absent('non_blanching_rash')]).band).toBe('not_assessed');
  });

  it('green needs something seen: a green feature present, or a value within the NG143 threshold for the age', () => {
    expect(assess([absent('grunting')]).band).toBe('not_assessed');
    expect(assess([absent('grunting'), present('colour_normal')]).band).toBe('green');
    expect(assess([measured('temperature_c', 37)]).band).toBe('green');
  });

  it('lists exactly the features with nothing recorded', () => {
    const assessment = assess([present('colour_normal'), absent('grunting'), measured('heart_rate', 120)]);
    const recorded: FeatureKey[] = ['colour_normal', 'grunting', 'heart_rate'];
    expect([...assessment.notAssessed].sort()).toEqual(featureKeys.filter((key) => !recorded.includes(key)).sort());
  });
});

describe('assessBand: emergency features suggest 999', () => {
  it.each(['status_epilepticus', 'does_not_wake_or_stay_awake'] as const)('%s is an emergency with or without fever', (feature) => {
    for (const complaint of ['fever', 'other'] as const) {
      const assessment = assess([present(feature), measured('temperature_c', 37)], 26, complaint);
      expect(assessment.band).toBe('red');
      expect(assessment.emergencyReasons.map((r) => r.feature)).toEqual([feature]);
    }
  });

  it.each([
    ['temperature 38 °C', [measured('temperature_c', 38)], 'rash'],
    ['temperature 39.5 °C', [measured('temperature_c', 39.5)], 'other'],
    ['a complaint of fever, not measured', [], 'fever'],
    ['a complaint of fever, brought down to 37.4 °C (a reported fever counts)', [measured('temperature_c', 37.4)], 'fever'],
  ] as [string, RecordedFinding[], Complaint][])('non-blanching rash with fever (%s) → red and an emergency (NG240)', (_label, fever, complaint) => {
    const assessment = assess([present('non_blanching_rash'), ...fever], 26, complaint);
    expect(assessment.band).toBe('red');
    expect(assessment.emergencyReasons).toEqual([{ feature: 'non_blanching_rash', band: 'red', text: expect.stringContaining('meningococcal') }]);
  });

  it.each([
    ['temperature 37.9 °C, complaint rash', [measured('temperature_c', 37.9)], 'rash'],
    ['no temperature, complaint rash', [], 'rash'],
    ['no temperature, no complaint', [], null],
  ] as [string, RecordedFinding[], Complaint | null][])('non-blanching rash without fever (%s) → red but not an emergency', (_label, others, complaint) => {
    const assessment = assess([present('non_blanching_rash'), ...others], 26, complaint);
    expect(assessment.band).toBe('red');
    expect(assessment.emergencyReasons).toEqual([]);
  });

  it('a red feature that is not an emergency suggests no 999 on its own', () => {
    expect(assess([present('grunting'), measured('breathing_rate', 70)]).emergencyReasons).toEqual([]);
  });
});

describe('assessBand: the limits of the table are labelled', () => {
  const NO_FEVER = /No fever recorded.*guide only/;
  const OVER_5 = /Age 5 years or over.*guide only/;

  it.each([
    ['a feverish 2-year-old', [measured('temperature_c', 38.5)], 26, 'other', []],
    ['complaint fever, not measured', [], 26, 'fever', []],
    ['rigors reported', [present('rigors')], 26, 'cough_cold', []],
    ['no fever, under 5', [measured('temperature_c', 37)], 26, 'cough_cold', [NO_FEVER]],
    ['nothing recorded, complaint ear pain', [], 26, 'ear_pain', [NO_FEVER]],
    ['over 5 with fever', [measured('temperature_c', 39)], 60, 'fever', [OVER_5]],
    ['over 5 without fever', [], 84, 'sore_throat', [OVER_5]],
  ] as [string, RecordedFinding[], number, Complaint, RegExp[]][])('%s', (_label, findings, ageMonths, complaint, limits) => {
    const assessment = assess(findings, ageMonths, complaint);
    expect(assessment.limits).toHaveLength(limits.length);
    limits.forEach((limit, index) => expect(assessment.limits[index]).toMatch(limit));
  });
});
