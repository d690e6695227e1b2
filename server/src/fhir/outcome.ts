import { createHash } from 'node:crypto';
import {
  assessBand,
  bandForValue,
  COMPLAINT_LABEL,
  describeDisposition,
  DISPOSITION_LABEL,
  FEATURES,
  formatAge,
  NG143,
  NG240,
  PARENT_LANGUAGE_INFO,
  type CasePhoto,
  type Complaint,
  type Decision,
  type Disposition,
  type FeatureKey,
} from '@desk/shared';
import type {
  Bundle,
  BundleEntry,
  CarePlan,
  ClinicalImpression,
  CodeableConcept,
  Coding,
  Composition,
  CompositionSection,
  Condition,
  Encounter,
  Media,
  Narrative,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Reference,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import type { CaseRow } from '../cases/service.js';

/**
 * The "outcome to the GP" export: one signed decision version as a FHIR R4 document Bundle
 * (Composition first, then everything it references, all as `urn:uuid:` entries). Codes come from
 * the NG143 catalogue in @desk/shared; anything without a code we are sure of travels as text.
 */

export const SERVICE_NAME = 'NHS 111 paediatric desk';
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const MEDIA_TYPE = 'http://terminology.hl7.org/CodeSystem/media-type';
const BCP47 = 'urn:ietf:bcp:47';
/** RFC 4122 namespace for names that are URLs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
const HOUR_MS = 3_600_000;

type NumericFeatureKey = { [K in FeatureKey]: (typeof FEATURES)[K] extends { kind: 'numeric' } ? K : never }[FeatureKey];

/**
 * How each measured feature travels: UCUM unit and the FHIR core vital-signs profile it meets.
 * Keyed by feature, so a new numeric feature in the catalogue does not type-check until it is added here.
 */
const VITAL_SIGNS: Record<NumericFeatureKey, { ucum: string; unit: string; profile: string; extraLoinc?: Coding[] }> = {
  breathing_rate: { ucum: '/min', unit: 'breaths/minute', profile: 'http://hl7.org/fhir/StructureDefinition/resprate' },
  heart_rate: { ucum: '/min', unit: 'beats/minute', profile: 'http://hl7.org/fhir/StructureDefinition/heartrate' },
  temperature_c: { ucum: 'Cel', unit: 'Cel', profile: 'http://hl7.org/fhir/StructureDefinition/bodytemp' },
  oxygen_saturation: {
    ucum: '%',
    unit: '%',
    profile: 'http://hl7.org/fhir/StructureDefinition/oxygensat',
    // The R4 oxygensat profile requires 2708-6 beside the pulse-oximetry code (as US Core does).
    extraLoinc: [{ system: LOINC, code: '2708-6', display: 'Oxygen saturation in Arterial blood' }],
  },
};

/** Presenting complaints: SNOMED CT only where the concept is certain; the rest as text. */
const COMPLAINT_SNOMED: Partial<Record<Complaint, Coding>> = {
  sore_throat: { system: SNOMED, code: '162397003', display: 'Pain in throat' },
  rash: { system: SNOMED, code: '271807003', display: 'Eruption of skin' },
  fever: { system: SNOMED, code: '386661006', display: 'Fever' },
};

const REFERRAL_CATEGORY: Coding = { system: SNOMED, code: '3457005', display: 'Patient referral' };

/** Dispositions that leave the child at home or with primary care for now: a plan, not a request to another service. */
const CARE_PLANNED: ReadonlySet<Disposition> = new Set(['self_care', 'pharmacy', 'primary_care']);

const PERFORMER_TYPE: Partial<Record<Disposition, string>> = {
  urgent_treatment_centre: 'Urgent treatment centre',
  emergency_department: 'Emergency department',
  ambulance: 'Ambulance service (999)',
  hub_referral: "Connecting Care Children's Hub",
  advice_line: 'Specialist paediatric advice line',
};

export type OutcomeSigner = { id: string; displayName: string };
export type OutcomeInput = {
  caseRow: CaseRow;
  /** The latest version: a superseded one is refused. */
  decision: Decision;
  signer: OutcomeSigner;
  /** When the document is assembled (`Bundle.timestamp`). */
  now: Date;
  /** The desk's public origin: the namespace of its own identifier systems. */
  baseUrl: string;
  /** Photos the parent sent for the case: each a Media resource whose content is the desk's authenticated image route. */
  photos?: readonly CasePhoto[];
};

/** 999 now; 1 h → asap; up to 4 h, or an urgent service without a timeframe → urgent; the rest routine. */
export function requestPriority(disposition: Disposition, timeframeHours: number | null): ServiceRequest['priority'] {
  if (disposition === 'ambulance') return 'stat';
  if (timeframeHours !== null && timeframeHours <= 1) return 'asap';
  if (timeframeHours !== null && timeframeHours <= 4) return 'urgent';
  if (disposition === 'urgent_treatment_centre' || disposition === 'emergency_department') return 'urgent';
  return 'routine';
}

/** Name-based (v5) UUID: the same decision always exports the same fullUrls, and the function stays pure. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The language asked for at creation: coded when the desk resolved it, else the words as asked (the desk did not understand them). */
function languageConcept(caseRow: CaseRow): CodeableConcept {
  if (!caseRow.languageSupported) return { text: caseRow.languageRequested ?? undefined };
  const { name } = PARENT_LANGUAGE_INFO[caseRow.preferredLanguage];
  return { coding: [{ system: BCP47, code: caseRow.preferredLanguage, display: name }], text: name };
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function narrative(lines: string[]): Narrative {
  const body = lines.length > 1 ? `<ul>${lines.map((l) => `<li>${escapeXml(l)}</li>`).join('')}</ul>` : `<p>${escapeXml(lines[0] ?? '')}</p>`;
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${body}</div>` };
}

const PHOTO_NOTE =
  "Taken by the parent on their own phone during the video call, at the clinician's request, and sent with the parent's consent. Re-encoded by the desk with all metadata (EXIF, GPS) removed.";

const bandLabel = (band: string) => (band === 'not_assessed' ? 'not assessed (no findings recorded)' : band);

export function outcomeBundle(input: OutcomeInput): Bundle {
  const { caseRow, decision, signer, now } = input;
  if (decision.supersededById) throw new Error(`Decision ${decision.id} is superseded by ${decision.supersededById}: export the latest version`);
  if (decision.caseId !== caseRow.id) throw new Error(`Decision ${decision.id} belongs to another case`);
  const baseUrl = input.baseUrl.replace(/\/+$/, '');
  const idSystem = (what: string) => `${baseUrl}/fhir/Id/${what}`;
  const signedAt = decision.signedAt;
  const after = (hours: number) => new Date(Date.parse(signedAt) + hours * HOUR_MS).toISOString();
  const complaint = caseRow.complaint as Complaint;

  const entries: BundleEntry[] = [];
  /** A reference to a resource before it is added (the Encounter and the complaint point at each other). */
  const refTo = (namespace: string, name: string) => ({ reference: `urn:uuid:${uuidV5(name, namespace)}` });
  /** Adds a resource under a stable urn:uuid and returns a reference to it. */
  function add<T extends Resource>(namespace: string, name: string, resource: T, display?: string): Reference<T> {
    const id = uuidV5(name, namespace);
    const fullUrl = `urn:uuid:${id}`;
    // resourceType and id first, as FHIR JSON is conventionally written.
    entries.push({ fullUrl, resource: Object.assign({ resourceType: resource.resourceType, id }, resource) });
    return display ? { reference: fullUrl, display } : { reference: fullUrl };
  }

  const organization = add<Organization>(URL_NAMESPACE, `${baseUrl}#organization`, { resourceType: 'Organization', name: SERVICE_NAME }, SERVICE_NAME);
  const practitioner = add<Practitioner>(
    signer.id,
    'practitioner',
    { resourceType: 'Practitioner', identifier: [{ system: idSystem('staff-user'), value: signer.id }], name: [{ text: signer.displayName }] },
    signer.displayName,
  );
  const patient = add<Patient>(
    caseRow.id,
    'patient',
    {
      resourceType: 'Patient',
      ...(caseRow.nhsNumber ? { identifier: [{ system: NHS_NUMBER_SYSTEM, value: caseRow.nhsNumber }] } : {}),
      name: [{ given: [caseRow.childFirstName] }],
      ...(caseRow.dateOfBirth ? { birthDate: caseRow.dateOfBirth } : {}),
      ...(caseRow.gpPractice ? { generalPractitioner: [{ display: caseRow.gpPractice }] } : {}),
      ...(caseRow.languageRequested ? { communication: [{ language: languageConcept(caseRow), preferred: true }] } : {}),
    },
    caseRow.childFirstName,
  );
  const encounterRef = refTo(caseRow.id, 'encounter');
  const conditionRef = refTo(caseRow.id, 'presenting-complaint');
  add<Encounter>(caseRow.id, 'encounter', {
    resourceType: 'Encounter',
    identifier: [{ system: idSystem('111-case-reference'), value: caseRow.reference }],
    status: 'finished',
    class: { system: ACT_CODE, code: 'VR', display: 'virtual' },
    serviceType: { text: SERVICE_NAME },
    subject: patient,
    participant: [{ individual: practitioner }],
    period: { start: caseRow.createdAt.toISOString(), end: signedAt },
    reasonReference: [conditionRef],
    serviceProvider: organization,
  });

  const complaintText = COMPLAINT_LABEL[complaint];
  const complaintSnomed = COMPLAINT_SNOMED[complaint];
  add<Condition>(caseRow.id, 'presenting-complaint', {
    resourceType: 'Condition',
    clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: 'active', display: 'Active' }] },
    category: [{ coding: [{ system: CONDITION_CATEGORY, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }], text: 'Presenting complaint' }],
    code: complaintSnomed ? { coding: [complaintSnomed], text: complaintText } : { text: complaintText },
    subject: patient,
    encounter: encounterRef,
    recordedDate: caseRow.createdAt.toISOString(),
    note: [{ text: `Presenting complaint as reported to NHS 111 by the caller (${caseRow.relationship}).` }],
  });

  // Limits and emergency features are recomputed for the notes; the band itself is the stored, signed one.
  const assessment = assessBand({ findings: decision.findings, ageMonths: caseRow.childAgeMonths, complaint });
  // Measured values become vital signs, descriptive features exam findings. Findings carry no time of
  // their own, so they are effective when signed (a Period breaks vital-signs vs-1 in Medplum's validator).
  const observed = { subject: patient, encounter: encounterRef, effectiveDateTime: signedAt, issued: signedAt, performer: [practitioner] };
  const findingRefs: Reference<Observation>[] = [];
  const findingLines: string[] = [];
  const impressionFindings: NonNullable<ClinicalImpression['finding']> = [];
  for (const finding of decision.findings) {
    const definition = FEATURES[finding.feature];
    const snomed: Coding[] = definition.snomed ? [{ system: SNOMED, ...definition.snomed }] : [];
    let observation: Observation;
    let line: string;
    let basis: string | null = null;
    if (definition.kind === 'numeric') {
      const vital = VITAL_SIGNS[finding.feature as NumericFeatureKey];
      const value = finding.value;
      const banded = value === undefined ? null : bandForValue(finding.feature, value, caseRow.childAgeMonths);
      basis = banded ? `NICE NG143 ${banded.band}: ${banded.text}` : null;
      line = `${definition.label}: ${value ?? 'not recorded'} ${definition.unit}${banded ? ` (NG143 ${banded.band})` : ' (not banded)'}`;
      observation = {
        resourceType: 'Observation',
        meta: { profile: [vital.profile] },
        status: 'final',
        category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }], text: 'Vital signs' }],
        code: { coding: [{ system: LOINC, ...definition.loinc }, ...(vital.extraLoinc ?? []), ...snomed], text: definition.label },
        ...observed,
        // The decision schema requires a value for a measured feature; a stored row without one is shown as missing, not as 0.
        ...(value === undefined ? { dataAbsentReason: { text: 'Not recorded' } } : { valueQuantity: { value, unit: vital.unit, system: UCUM, code: vital.ucum } }),
        ...(banded ? { interpretation: [{ text: `NICE NG143 ${banded.band}` }] } : {}),
        note: [{ text: banded ? banded.text : value === undefined ? 'No value recorded.' : 'Not banded: the NICE NG143 thresholds apply to children under 5.' }],
      };
    } else {
      const present = finding.status === 'present';
      if (present) basis = `NICE NG143 ${definition.band}: ${definition.label}`;
      line = `${definition.label}: ${present ? `present (NG143 ${definition.band})` : 'absent'}`;
      observation = {
        resourceType: 'Observation',
        status: 'final',
        category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'exam', display: 'Exam' }], text: 'Examination' }],
        code: snomed.length ? { coding: snomed, text: definition.label } : { text: definition.label },
        ...observed,
        valueBoolean: present,
        interpretation: [{ text: present ? `Present: NICE NG143 ${definition.band}` : 'Absent' }],
      };
    }
    const reference = add(decision.id, `finding:${finding.feature}`, observation, definition.label);
    findingRefs.push(reference);
    findingLines.push(line);
    if (basis) impressionFindings.push({ itemReference: reference, basis });
  }

  const outcomeText = describeDisposition(decision.disposition, decision.timeframeHours);
  const summary = [
    `NICE NG143 traffic light (fever in under 5s): ${bandLabel(decision.band)}. The band supports the clinician's decision; the clinician decides.`,
    `Outcome: ${outcomeText}.`,
    decision.overridden
      ? `Override: this outcome is less urgent than the NG143 route for the band. Reason: ${decision.overrideReason ?? 'not recorded'}`
      : 'No override: the outcome meets the NG143 route for the band.',
  ].join(' ');
  const impressionNotes = [
    ...(decision.notes.trim() ? [`Clinician's notes: ${decision.notes.trim()}`] : []),
    ...assessment.emergencyReasons.map((r) => `Emergency feature: ${r.text}`),
    ...assessment.limits,
    ...(decision.amendmentReason ? [`Amended (version ${decision.version}): ${decision.amendmentReason}`] : []),
  ];
  const impression = add<ClinicalImpression>(decision.id, 'clinical-impression', {
    resourceType: 'ClinicalImpression',
    status: 'completed',
    description: `Remote assessment, age ${formatAge(caseRow.childAgeMonths)}, using the NICE NG143 traffic-light table as a structured checklist`,
    subject: patient,
    encounter: encounterRef,
    effectiveDateTime: signedAt,
    date: signedAt,
    assessor: practitioner,
    problem: [conditionRef],
    protocol: [NG143.url, ...(assessment.emergencyReasons.some((r) => r.feature === 'non_blanching_rash') ? [NG240.url] : [])],
    summary,
    ...(impressionFindings.length ? { finding: impressionFindings } : {}),
    ...(impressionNotes.length ? { note: impressionNotes.map((text) => ({ text })) } : {}),
  });

  const outcomeLines = [outcomeText];
  let outcome: Reference;
  if (CARE_PLANNED.has(decision.disposition)) {
    const scheduled = decision.timeframeHours !== null ? { start: signedAt, end: after(decision.timeframeHours) } : null;
    const topic = decision.safetyNettingTopic;
    const topicLabel = topic ? ((COMPLAINT_LABEL as Record<string, string>)[topic] ?? topic.replace(/_/g, ' ')) : null;
    const safetyNetting = topicLabel
      ? `Safety-netting advice given (topic: ${topicLabel})${decision.safetyNettingSms ? `; sent to the caller by SMS at ${decision.safetyNettingSms.createdAt}` : ''}.`
      : null;
    if (safetyNetting) outcomeLines.push(safetyNetting);
    outcome = add<CarePlan>(decision.id, 'care-plan', {
      resourceType: 'CarePlan',
      status: 'active',
      intent: 'plan',
      title: outcomeText,
      description: `${SERVICE_NAME} outcome: ${outcomeText}`,
      subject: patient,
      encounter: encounterRef,
      period: { start: signedAt, ...(scheduled ? { end: scheduled.end } : {}) },
      created: signedAt,
      author: practitioner,
      addresses: [conditionRef],
      supportingInfo: [impression],
      activity: [{ detail: { status: 'not-started', description: outcomeText, ...(scheduled ? { scheduledPeriod: scheduled } : {}) } }],
      ...(safetyNetting ? { note: [{ text: safetyNetting }] } : {}),
    });
  } else {
    const notes: string[] = [];
    const reasons: CodeableConcept[] = [];
    let performer: NonNullable<ServiceRequest['performer']>[number] | null = null;
    if (decision.hubReferral) {
      reasons.push({ text: decision.hubReferral.reason });
      notes.push(`Preferred hub: ${decision.hubReferral.hub}`);
      performer = { display: `${PERFORMER_TYPE.hub_referral}: ${decision.hubReferral.hub}` };
    }
    if (decision.adviceLine) {
      notes.push(`Spoke to ${decision.adviceLine.specialist}. Advice: ${decision.adviceLine.advice}`);
      performer = { display: decision.adviceLine.specialist };
    }
    outcomeLines.push(...notes);
    const timeframe = decision.timeframeHours;
    outcome = add<ServiceRequest>(decision.id, 'service-request', {
      resourceType: 'ServiceRequest',
      // The advice call has happened by the time the decision is signed; the other requests are still to be met.
      status: decision.disposition === 'advice_line' ? 'completed' : 'active',
      intent: 'order',
      ...(decision.disposition === 'advice_line' || decision.disposition === 'ambulance' ? {} : { category: [{ coding: [REFERRAL_CATEGORY], text: 'Referral' }] }),
      priority: requestPriority(decision.disposition, timeframe),
      code: { text: DISPOSITION_LABEL[decision.disposition] },
      subject: patient,
      encounter: encounterRef,
      ...(timeframe !== null ? { occurrencePeriod: { start: signedAt, end: after(timeframe) } } : { occurrenceDateTime: signedAt }),
      authoredOn: signedAt,
      requester: practitioner,
      performerType: { text: PERFORMER_TYPE[decision.disposition] ?? DISPOSITION_LABEL[decision.disposition] },
      ...(performer ? { performer: [performer] } : {}),
      ...(reasons.length ? { reasonCode: reasons } : {}),
      reasonReference: [conditionRef],
      supportingInfo: [impression, ...findingRefs],
      ...(notes.length ? { note: notes.map((text) => ({ text })) } : {}),
    });
  }

  // The image stays on the desk (clinicians only, behind a staff session): the document carries where it is, its type, size and hash.
  const photos = input.photos ?? [];
  const photoRefs = photos.map((photo, index) =>
    add<Media>(
      caseRow.id,
      `photo:${photo.id}`,
      {
        resourceType: 'Media',
        identifier: [{ system: idSystem('case-photo'), value: photo.id }, { system: idSystem('case-photo-sha256'), value: photo.sha256 }],
        status: 'completed',
        type: { coding: [{ system: MEDIA_TYPE, code: 'image', display: 'Image' }], text: 'Photo' },
        subject: patient,
        encounter: encounterRef,
        createdDateTime: photo.createdAt,
        width: photo.width,
        height: photo.height,
        note: [{ text: PHOTO_NOTE }],
        content: { contentType: photo.mime, url: `${baseUrl}${photo.url}`, size: photo.bytes, title: `Photo ${index + 1}`, creation: photo.createdAt },
      },
      `Photo ${index + 1}`,
    ),
  );
  const photoLines = photos.map((photo, index) => `Photo ${index + 1}: ${photo.width}×${photo.height} JPEG taken ${photo.createdAt}, held by ${SERVICE_NAME}.`);

  const sections: CompositionSection[] = [
    { title: 'Presenting complaint', text: narrative([complaintText]), entry: [conditionRef] },
    {
      title: 'Findings (NICE NG143 traffic light, fever in under 5s)',
      text: narrative(findingLines.length ? findingLines : ['No findings recorded.']),
      ...(findingRefs.length ? { entry: findingRefs } : {}),
    },
    { title: 'Clinical impression', text: narrative([summary, ...impressionNotes]), entry: [impression] },
    { title: 'Outcome', text: narrative(outcomeLines), entry: [outcome] },
    ...(photoRefs.length ? [{ title: 'Photos', text: narrative([PHOTO_NOTE, ...photoLines]), entry: photoRefs }] : []),
  ];
  const documentId = (decisionId: string, version: number) => ({ system: idSystem('outcome'), value: `${decisionId}-v${version}` });
  const composition: Composition = {
    resourceType: 'Composition',
    identifier: { system: idSystem('case'), value: caseRow.id },
    status: decision.version > 1 ? 'amended' : 'final',
    type: { coding: [{ system: LOINC, code: '34133-9', display: 'Summary of episode note' }], text: `${SERVICE_NAME} outcome` },
    subject: patient,
    encounter: encounterRef,
    date: signedAt,
    author: [practitioner],
    title: `${SERVICE_NAME}: outcome for ${caseRow.childFirstName}`,
    attester: [{ mode: 'professional', time: signedAt, party: practitioner }],
    custodian: organization,
    ...(decision.supersedesId ? { relatesTo: [{ code: 'replaces', targetIdentifier: documentId(decision.supersedesId, decision.version - 1) }] } : {}),
    section: sections,
  };
  const compositionId = uuidV5('composition', decision.id);

  return {
    resourceType: 'Bundle',
    meta: { lastUpdated: signedAt },
    identifier: documentId(decision.id, decision.version),
    type: 'document',
    timestamp: now.toISOString(),
    // A document starts with its Composition.
    entry: [{ fullUrl: `urn:uuid:${compositionId}`, resource: Object.assign({ resourceType: composition.resourceType, id: compositionId }, composition) }, ...entries],
  };
}
