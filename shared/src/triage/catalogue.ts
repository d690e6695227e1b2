import { z } from 'zod';

/**
 * The NICE NG143 traffic-light table ("Fever in under 5s: assessment and initial management",
 * table 1), one entry per feature. This file is the one place the desk's clinical checklist is
 * defined: reviewers read it, the server bands from it, the UI renders it, FHIR codes come from it.
 * The software supports the clinician's decision; it never makes one.
 */

export const NG143 = { id: 'NICE NG143', title: 'Fever in under 5s: assessment and initial management', url: 'https://www.nice.org.uk/guidance/ng143' } as const;
export const NG240 = { id: 'NICE NG240', title: 'Meningitis (bacterial) and meningococcal disease', url: 'https://www.nice.org.uk/guidance/ng240' } as const;

export const featureGroups = ['colour', 'activity', 'respiratory', 'circulation', 'other'] as const;
export type FeatureGroup = (typeof featureGroups)[number];
export const FEATURE_GROUP_LABEL: Record<FeatureGroup, string> = {
  colour: 'Colour of skin, lips or tongue',
  activity: 'Activity',
  respiratory: 'Respiratory',
  circulation: 'Circulation and hydration',
  other: 'Other',
};

/**
 * How to assess each group over video (CLINICAL.md: what a video call can show). Shown beside the
 * group; the lighting caveat on colour is hazard H5's control.
 */
export const VIDEO_ASSESSMENT_TIP: Partial<Record<FeatureGroup, string>> = {
  colour:
    'Colour on video depends on the lighting and the phone camera: ask the parent to use daylight, and compare the lips, tongue, palms and soles.',
  respiratory:
    "Ask the parent to uncover the chest and hold the phone still: count breaths for 30–60 seconds, look for indrawing under the ribs and flaring, and listen for grunting.",
  circulation:
    'Capillary refill: ask the parent to press on the breastbone or a fingertip for 5 seconds close to the camera, then count the seconds until the colour returns.',
  other:
    'Rash: ask the parent to switch to the back camera and press the side of a clear glass firmly on the spots. Spots that do not fade are a non-blanching rash.',
};

export type TrafficLight = 'green' | 'amber' | 'red';
export const TRAFFIC_LIGHT_RANK: Record<'not_assessed' | TrafficLight, number> = { not_assessed: 0, green: 1, amber: 2, red: 3 };

export type SnomedCoding = { code: string; display: string };

type CommonDef = {
  group: FeatureGroup;
  label: string;
  /** Can the clinician see or hear this on a video call (colour, effort, cry, rash under a glass…)? */
  videoVisible: boolean;
  source: string;
  /** Only codes we are sure of; otherwise the feature travels as text (FHIR `code.text`). */
  snomed?: SnomedCoding;
};
export type DescriptiveFeature = CommonDef & {
  kind: 'descriptive';
  band: TrafficLight;
  /** Suggests 999 on its own (CLINICAL.md: status epilepticus, a child who does not wake). */
  emergency?: true;
};
export type NumericFeature = CommonDef & { kind: 'numeric'; unit: string; min: number; max: number; step: number; loinc: SnomedCoding };
export type FeatureDefinition = DescriptiveFeature | NumericFeature;

const ng143 = `${NG143.id} table 1`;
const d = (
  group: FeatureGroup,
  band: TrafficLight,
  label: string,
  videoVisible: boolean,
  extra: { snomed?: SnomedCoding; emergency?: true; source?: string } = {},
): DescriptiveFeature => ({ kind: 'descriptive', group, band, label, videoVisible, source: extra.source ?? ng143, ...extra });

export const FEATURES = {
  // Colour (video: yes, with a lighting caveat — see hazard H5)
  colour_normal: d('colour', 'green', 'Normal colour of skin, lips and tongue', true),
  pallor_reported: d('colour', 'amber', 'Pallor reported by parent or carer', false, { snomed: { code: '398979000', display: 'Pale complexion' } }),
  pale_mottled_ashen_or_blue: d('colour', 'red', 'Pale, mottled, ashen or blue', true),
  // Activity
  responds_normally_to_social_cues: d('activity', 'green', 'Responds normally to social cues', true),
  content_smiling: d('activity', 'green', 'Content or smiles', true),
  stays_awake_or_wakes_quickly: d('activity', 'green', 'Stays awake or wakes quickly', true),
  strong_normal_cry_or_not_crying: d('activity', 'green', 'Strong normal cry or not crying', true),
  not_responding_normally_to_social_cues: d('activity', 'amber', 'Not responding normally to social cues', true),
  no_smile: d('activity', 'amber', 'No smile', true),
  wakes_only_with_prolonged_stimulation: d('activity', 'amber', 'Wakes only with prolonged stimulation', true),
  decreased_activity: d('activity', 'amber', 'Decreased activity', true),
  no_response_to_social_cues: d('activity', 'red', 'No response to social cues', true),
  appears_ill_to_professional: d('activity', 'red', 'Appears ill to a healthcare professional', true),
  does_not_wake_or_stay_awake: d('activity', 'red', 'Does not wake, or if roused does not stay awake', true, { emergency: true }),
  weak_high_pitched_or_continuous_cry: d('activity', 'red', 'Weak, high-pitched or continuous cry', true),
  // Respiratory
  nasal_flaring: d('respiratory', 'amber', 'Nasal flaring', true),
  crackles: d('respiratory', 'amber', 'Crackles in the chest', false, { snomed: { code: '48409008', display: 'Crackles' } }),
  grunting: d('respiratory', 'red', 'Grunting', true),
  chest_indrawing: d('respiratory', 'red', 'Moderate or severe chest indrawing', true),
  breathing_rate: {
    kind: 'numeric', group: 'respiratory', label: 'Breathing rate', unit: 'breaths/min', min: 0, max: 200, step: 1,
    videoVisible: true, source: ng143, snomed: { code: '86290005', display: 'Respiratory rate' }, loinc: { code: '9279-1', display: 'Respiratory rate' },
  },
  oxygen_saturation: {
    kind: 'numeric', group: 'respiratory', label: 'Oxygen saturation in air', unit: '%', min: 50, max: 100, step: 1,
    videoVisible: false, source: ng143, snomed: { code: '431314004', display: 'Peripheral oxygen saturation' }, loinc: { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
  },
  // Circulation and hydration
  normal_skin_and_eyes: d('circulation', 'green', 'Normal skin and eyes', true),
  moist_mucous_membranes: d('circulation', 'green', 'Moist mucous membranes', true),
  heart_rate: {
    kind: 'numeric', group: 'circulation', label: 'Heart rate', unit: 'beats/min', min: 0, max: 300, step: 1,
    videoVisible: false, source: ng143, snomed: { code: '364075005', display: 'Heart rate' }, loinc: { code: '8867-4', display: 'Heart rate' },
  },
  capillary_refill_3s_or_more: d('circulation', 'amber', 'Capillary refill time 3 seconds or more', true, { snomed: { code: '50427001', display: 'Increased capillary filling time' } }),
  dry_mucous_membranes: d('circulation', 'amber', 'Dry mucous membranes', true),
  poor_feeding: d('circulation', 'amber', 'Poor feeding (infants)', false),
  reduced_urine_output: d('circulation', 'amber', 'Reduced urine output', false),
  reduced_skin_turgor: d('circulation', 'red', 'Reduced skin turgor', true),
  // Other
  temperature_c: {
    kind: 'numeric', group: 'other', label: 'Temperature', unit: '°C', min: 25, max: 45, step: 0.1,
    videoVisible: false, source: ng143, snomed: { code: '386725007', display: 'Body temperature' }, loinc: { code: '8310-5', display: 'Body temperature' },
  },
  fever_5_days_or_more: d('other', 'amber', 'Fever for 5 days or more', false),
  rigors: d('other', 'amber', 'Rigors', true, { snomed: { code: '38880002', display: 'Rigor' } }),
  limb_or_joint_swelling: d('other', 'amber', 'Swelling of a limb or joint', true),
  not_using_limb: d('other', 'amber', 'Non-weight bearing limb or not using an extremity', true),
  non_blanching_rash: d('other', 'red', 'Non-blanching rash', true, { source: `${ng143}; ${NG240.id}` }),
  bulging_fontanelle: d('other', 'red', 'Bulging fontanelle', true),
  neck_stiffness: d('other', 'red', 'Neck stiffness', true, { snomed: { code: '161882006', display: 'Stiff neck' } }),
  status_epilepticus: d('other', 'red', 'Status epilepticus', true, { emergency: true, snomed: { code: '230456007', display: 'Status epilepticus' } }),
  focal_neurological_signs: d('other', 'red', 'Focal neurological signs', true),
  focal_seizures: d('other', 'red', 'Focal seizures', true),
  // Not a table 1 row: NG143's remote-assessment rule sends an immediately life-threatening child to
  // 999, and CLINICAL.md names compromised airway, breathing or circulation as such a sign.
  compromised_airway_breathing_or_circulation: d(
    'other',
    'red',
    'Signs of compromised airway, breathing or circulation (immediately life-threatening)',
    true,
    { emergency: true, source: `${NG143.id} remote assessment; CLINICAL.md` },
  ),
} as const satisfies Record<string, FeatureDefinition>;

export type FeatureKey = keyof typeof FEATURES;
export const featureKeys = Object.keys(FEATURES) as [FeatureKey, ...FeatureKey[]];
export const featureKeySchema = z.enum(featureKeys, { message: 'Unknown feature' });

export function featureDefinition(key: FeatureKey): FeatureDefinition {
  return FEATURES[key];
}

export function featuresInGroup(group: FeatureGroup): FeatureKey[] {
  return featureKeys.filter((key) => FEATURES[key].group === group);
}

export function isNumericFeature(key: FeatureKey): boolean {
  return FEATURES[key].kind === 'numeric';
}

/** NG143 covers under-5s: from this age its numeric thresholds are not applied automatically. */
export const NG143_MAX_AGE_MONTHS = 59;
/** A temperature at or above this is fever (NG143). */
export const FEVER_C = 38;
