import {
  FEATURES,
  assessBand,
  bandForValue,
  featureKeys,
  type BandAssessment,
  type Complaint,
  type Decision,
  featuresInGroup,
  type FeatureGroup,
  type FeatureKey,
  type RecordedFinding,
  type TrafficLight,
} from '@desk/shared';

/**
 * The checklist as the clinician fills it in, and its mapping to and from the API's finding list.
 * Pure. A feature missing from the state is "not assessed", which is not the same as "absent".
 */

/** Descriptive features hold 'present' | 'absent'; numeric features hold the text as typed. */
export type FindingsState = Partial<Record<FeatureKey, string>>;

export type FindingStatus = 'present' | 'absent';
export type DescriptiveChoice = FindingStatus | 'not_assessed';

/** The finding list the API takes: descriptive `{feature, status}`, measured `{feature, value}`. */
export type FindingInput = { feature: FeatureKey; status: FindingStatus } | { feature: FeatureKey; value: number };

/** What the banding needs to know about the child. */
export type TriagePatient = { ageMonths: number; complaint: Complaint };

export const isFeatureKey = (key: string): key is FeatureKey => Object.hasOwn(FEATURES, key);

/** Control id of a feature: the text input, or the first radio of a descriptive feature's group. */
export const findingControlId = (feature: FeatureKey) => `finding-${feature}`;

export function descriptiveChoice(findings: FindingsState, feature: FeatureKey): DescriptiveChoice {
  const value = findings[feature];
  return value === 'present' || value === 'absent' ? value : 'not_assessed';
}

/** Sets one feature; "not assessed" and an emptied number remove it, so it is not sent. */
export function withFinding(findings: FindingsState, feature: FeatureKey, value: DescriptiveChoice | string): FindingsState {
  const next = { ...findings };
  if (value === 'not_assessed' || value.trim() === '') delete next[feature];
  else next[feature] = value;
  return next;
}

/** A typed measurement as a number: "38.5" → 38.5; blank or not a number → null. */
export function parseMeasurement(text: string | undefined): number | null {
  const trimmed = (text ?? '').trim();
  if (!trimmed || !/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** The typed measurement when it is a number inside the catalogue's range, else null (not banded yet). */
export function measuredValue(findings: FindingsState, feature: FeatureKey): number | null {
  const definition = FEATURES[feature];
  if (definition.kind !== 'numeric') return null;
  const value = parseMeasurement(findings[feature]);
  return value !== null && value >= definition.min && value <= definition.max ? value : null;
}

/** The findings as the banding reads them: descriptive choices, and measurements that are valid numbers. */
export function toRecordedFindings(findings: FindingsState): RecordedFinding[] {
  const recorded: RecordedFinding[] = [];
  for (const feature of featureKeys) {
    if (FEATURES[feature].kind === 'numeric') {
      const value = measuredValue(findings, feature);
      if (value !== null) recorded.push({ feature, status: 'present', value });
    } else {
      const choice = descriptiveChoice(findings, feature);
      if (choice !== 'not_assessed') recorded.push({ feature, status: choice });
    }
  }
  return recorded;
}

export function assessFindings(findings: FindingsState, patient: TriagePatient): BandAssessment {
  return assessBand({ findings: toRecordedFindings(findings), ageMonths: patient.ageMonths, complaint: patient.complaint });
}

/**
 * The measurements typed that are not numbers, as form errors. A number out of range is left for
 * the shared schema, so its message is the server's.
 */
export function measurementErrors(findings: FindingsState): Partial<Record<FeatureKey, string>> {
  const errors: Partial<Record<FeatureKey, string>> = {};
  for (const feature of featureKeys) {
    const definition = FEATURES[feature];
    const text = findings[feature];
    if (definition.kind !== 'numeric' || text === undefined || text.trim() === '') continue;
    if (parseMeasurement(text) === null) errors[feature] = `Enter the ${definition.label.toLowerCase()} as a number, like ${definition.step < 1 ? '38.5' : '40'}`;
  }
  return errors;
}

/**
 * Only what the clinician set, in catalogue order (so `findings.N` in a server error names a feature).
 * Measurements that are not numbers are left out: `measurementErrors` reports them first.
 */
export function toFindingsPayload(findings: FindingsState): FindingInput[] {
  const payload: FindingInput[] = [];
  for (const feature of featureKeys) {
    if (FEATURES[feature].kind === 'numeric') {
      const value = parseMeasurement(findings[feature]);
      if (value !== null) payload.push({ feature, value });
    } else {
      const choice = descriptiveChoice(findings, feature);
      if (choice !== 'not_assessed') payload.push({ feature, status: choice });
    }
  }
  return payload;
}

/** A signed version's findings back into the form, for an amendment. */
export function fromDecisionFindings(findings: Decision['findings']): FindingsState {
  const state: FindingsState = {};
  for (const finding of findings) {
    if (FEATURES[finding.feature].kind === 'numeric') {
      if (finding.value !== undefined) state[finding.feature] = String(finding.value);
    } else {
      state[finding.feature] = finding.status;
    }
  }
  return state;
}

/** Drops unknown features and impossible values (a draft saved by an older desk). */
export function sanitiseFindings(raw: Record<string, string>): FindingsState {
  const state: FindingsState = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isFeatureKey(key)) continue;
    if (FEATURES[key].kind === 'numeric' || value === 'present' || value === 'absent') state[key] = value;
  }
  return state;
}

export type FindingsDigest = {
  /** Present features and measurements, by the band NG143 gives them (measurements banded by age). */
  byBand: Record<TrafficLight, string[]>;
  /** Measurements NG143 sets no threshold for at this age. */
  unbanded: string[];
  absent: string[];
  notAssessed: number;
};

/** A signed version's findings, grouped for reading: red first, then amber, green, absent. */
export function digestFindings(findings: Decision['findings'], ageMonths: number): FindingsDigest {
  const digest: FindingsDigest = { byBand: { red: [], amber: [], green: [] }, unbanded: [], absent: [], notAssessed: 0 };
  for (const finding of findings) {
    const definition = FEATURES[finding.feature];
    if (definition.kind === 'numeric') {
      if (finding.value === undefined) continue;
      const banded = bandForValue(finding.feature, finding.value, ageMonths);
      if (banded) digest.byBand[banded.band].push(banded.text);
      else digest.unbanded.push(`${definition.label} ${finding.value} ${definition.unit}`);
    } else if (finding.status === 'absent') {
      digest.absent.push(definition.label);
    } else {
      digest.byBand[definition.band].push(definition.label);
    }
  }
  const recorded = new Set(findings.map((f) => f.feature));
  digest.notAssessed = featureKeys.filter((key) => !recorded.has(key)).length;
  return digest;
}

export type GroupSummary = {
  total: number;
  /** Set present or absent, or measured (a valid number): what the traffic light counts as assessed. */
  answered: number;
  /** Present features (and measurements) by the band they carry for this child. */
  present: Record<TrafficLight, number>;
  /** Features a video call cannot show (catalogue `videoVisible: false`). */
  notOnVideo: number;
};

/** What one checklist group holds, for its header line ("2 of 5 answered · 1 red"). */
export function groupSummary(findings: FindingsState, group: FeatureGroup, ageMonths: number): GroupSummary {
  const summary: GroupSummary = { total: 0, answered: 0, present: { red: 0, amber: 0, green: 0 }, notOnVideo: 0 };
  for (const feature of featuresInGroup(group)) {
    const definition = FEATURES[feature];
    summary.total += 1;
    if (!definition.videoVisible) summary.notOnVideo += 1;
    if (definition.kind === 'numeric') {
      const value = measuredValue(findings, feature);
      if (value === null) continue;
      summary.answered += 1;
      const banded = bandForValue(feature, value, ageMonths);
      if (banded) summary.present[banded.band] += 1;
    } else {
      const choice = descriptiveChoice(findings, feature);
      if (choice === 'not_assessed') continue;
      summary.answered += 1;
      if (choice === 'present') summary.present[definition.band] += 1;
    }
  }
  return summary;
}
