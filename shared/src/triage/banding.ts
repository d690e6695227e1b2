import type { Complaint } from '../protocol/rest.js';
import { FEATURES, FEVER_C, NG143_MAX_AGE_MONTHS, TRAFFIC_LIGHT_RANK, featureKeys, type FeatureKey, type TrafficLight } from './catalogue.js';

export type BandName = 'not_assessed' | TrafficLight;

/** A finding as recorded (after parsing): a descriptive feature present/absent, or a measured value. */
export type RecordedFinding = { feature: FeatureKey; status: 'present' | 'absent'; value?: number };

/** Why a band was reached: one line per feature that contributed, in the clinician's words. */
export type BandReason = { feature: FeatureKey; band: TrafficLight; text: string };

export type BandAssessment = {
  band: BandName;
  reasons: BandReason[];
  /** Features with no finding recorded: not assessed is not the same as absent. */
  notAssessed: FeatureKey[];
  /** Features that on their own suggest 999 (fever with non-blanching rash, status epilepticus, not waking). */
  emergencyReasons: BandReason[];
  /** Limits of the table for this child, shown beside the band. */
  limits: string[];
};

/**
 * NG143 numeric thresholds by age in completed months (CLINICAL.md). Returns the band a measured
 * value reaches and why, or null when NG143 sets no threshold for this age (green when measured).
 */
export function bandForValue(feature: FeatureKey, value: number, ageMonths: number): { band: TrafficLight; text: string } | null {
  const over5 = ageMonths > NG143_MAX_AGE_MONTHS;
  switch (feature) {
    case 'breathing_rate':
      if (over5) return null;
      if (value > 60) return { band: 'red', text: `Breathing rate ${value}/min: over 60` };
      if (ageMonths >= 6 && ageMonths <= 11 && value > 50) return { band: 'amber', text: `Breathing rate ${value}/min: over 50 at 6–12 months` };
      if (ageMonths >= 12 && value > 40) return { band: 'amber', text: `Breathing rate ${value}/min: over 40 over 12 months` };
      return { band: 'green', text: `Breathing rate ${value}/min` };
    case 'heart_rate':
      if (over5) return null;
      if (ageMonths <= 11 && value > 160) return { band: 'amber', text: `Heart rate ${value}/min: over 160 under 12 months` };
      if (ageMonths >= 12 && ageMonths <= 23 && value > 150) return { band: 'amber', text: `Heart rate ${value}/min: over 150 at 12–24 months` };
      if (ageMonths >= 24 && value > 140) return { band: 'amber', text: `Heart rate ${value}/min: over 140 at 2–5 years` };
      return { band: 'green', text: `Heart rate ${value}/min` };
    case 'temperature_c':
      if (over5) return null;
      if (ageMonths <= 2 && value >= 38) return { band: 'red', text: `Temperature ${value} °C: 38 °C or more under 3 months` };
      if (ageMonths >= 3 && ageMonths <= 5 && value >= 39) return { band: 'amber', text: `Temperature ${value} °C: 39 °C or more at 3–6 months` };
      return { band: 'green', text: `Temperature ${value} °C` };
    case 'oxygen_saturation':
      // Applies at every age (CLINICAL.md).
      if (value <= 95) return { band: 'amber', text: `Oxygen saturation ${value}% in air: 95% or less` };
      return { band: 'green', text: `Oxygen saturation ${value}% in air` };
    default:
      return null;
  }
}

// A reported fever counts even when a measured temperature is lower (NG143: parental perception of fever is valid; antipyretics mask it).
function hasFever(findings: RecordedFinding[], complaint: Complaint | null): boolean {
  const temperature = findings.find((f) => f.feature === 'temperature_c')?.value;
  const present = (key: FeatureKey) => findings.some((f) => f.feature === key && f.status === 'present');
  return (temperature !== undefined && temperature >= FEVER_C) || complaint === 'fever' || present('fever_5_days_or_more') || present('rigors');
}

/**
 * The highest NG143 band among the recorded findings. Present descriptive features band as the
 * table says; measured values band by age where NG143 sets thresholds; absent features and
 * unbanded values contribute nothing. Nothing that contributes → not_assessed. The clinician decides.
 */
export function assessBand(input: { findings: RecordedFinding[]; ageMonths: number; complaint: Complaint | null }): BandAssessment {
  const { findings, ageMonths, complaint } = input;
  const reasons: BandReason[] = [];
  const emergencyReasons: BandReason[] = [];
  for (const finding of findings) {
    const definition = FEATURES[finding.feature];
    if (definition.kind === 'numeric') {
      if (finding.value === undefined) continue;
      const banded = bandForValue(finding.feature, finding.value, ageMonths);
      if (banded) reasons.push({ feature: finding.feature, ...banded });
      continue;
    }
    if (finding.status !== 'present') continue;
    const reason: BandReason = { feature: finding.feature, band: definition.band, text: definition.label };
    reasons.push(reason);
    if ('emergency' in definition && definition.emergency) emergencyReasons.push(reason);
  }
  if (findings.some((f) => f.feature === 'non_blanching_rash' && f.status === 'present') && hasFever(findings, complaint)) {
    emergencyReasons.push({ feature: 'non_blanching_rash', band: 'red', text: 'Fever with a non-blanching rash: suspected meningococcal disease (NG240)' });
  }

  // Only what was seen sets a band: a present feature or a value NG143 bands at this age. A feature
  // recorded absent, or a value not banded (5 years and over), leaves the band where it was, so a
  // child is never called green on the strength of what they do not have.
  let band: BandName = 'not_assessed';
  for (const reason of reasons) if (TRAFFIC_LIGHT_RANK[reason.band] > TRAFFIC_LIGHT_RANK[band]) band = reason.band;
  const recorded = new Set(findings.map((f) => f.feature));

  const limits: string[] = [];
  if (ageMonths > NG143_MAX_AGE_MONTHS) {
    limits.push('Age 5 years or over: NG143 is for under 5s. Breathing rate, heart rate and temperature are shown, not banded. The table is a guide only.');
  } else if (!hasFever(findings, complaint)) {
    limits.push('No fever recorded: NG143 is written for feverish children. The table is a guide only.');
  }
  return {
    band,
    // The features that set the band first, so the panel can say "amber because …".
    reasons: reasons.filter((r) => r.band === band && band !== 'green').concat(reasons.filter((r) => r.band !== band || band === 'green')),
    notAssessed: featureKeys.filter((key) => !recorded.has(key)),
    emergencyReasons,
    limits,
  };
}
