import { randomUUID } from 'node:crypto';
import { decisionSchema, type AmendmentInput, type Decision, type DecisionInput } from '@desk/shared';
import type { Bundle, CarePlan, ClinicalImpression, Composition, Encounter, Observation, Patient, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleIssues, unknownHl7Codes, unresolvedReferences } from './fhir-validation.js';
import { errorOf, joinedCase, startServer, type JsonResponse, type TestServer } from './harness.js';

let server: TestServer;
let clinician: string;
let supervisor: string;
beforeAll(async () => {
  server = await startServer();
  [clinician, supervisor] = await Promise.all([server.login('clinician'), server.login('supervisor')]);
});
afterAll(() => server.close());

const NHS_NUMBER = '9434765919';
/** 26 months before today, to match the harness case's age. */
function dateOfBirth(): string {
  const date = new Date();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - 26);
  return date.toISOString().slice(0, 10);
}

const AMBER_PRIMARY_CARE: DecisionInput = {
  disposition: 'primary_care',
  timeframeHours: 6,
  notes: 'Seen on video: nasal flaring, counted breathing rate 45/min. <b>Calpol</b> & fluids advised.',
  findings: [
    { feature: 'nasal_flaring' },
    { feature: 'breathing_rate', value: 45 },
    { feature: 'temperature_c', value: 38.4 },
    { feature: 'grunting', status: 'absent' },
  ],
};

const outcomeUrl = (caseId: string) => `/api/cases/${caseId}/outcome.fhir.json`;
const getOutcome = (caseId: string, cookie?: string) => server.request('GET', outcomeUrl(caseId), cookie ? { cookie } : {});
const bundleOf = (response: JsonResponse): Bundle => JSON.parse(response.body as string) as Bundle;

async function signDecision(caseId: string, body: DecisionInput): Promise<Decision> {
  const response = await server.request('POST', `/api/cases/${caseId}/decisions`, { cookie: clinician, json: body, headers: { 'Idempotency-Key': `key-${randomUUID()}` } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return decisionSchema.parse(response.body);
}

async function amendDecision(caseId: string, decisionId: string, body: AmendmentInput): Promise<Decision> {
  const response = await server.request('POST', `/api/cases/${caseId}/decisions/${decisionId}/amendments`, {
    cookie: clinician,
    json: body,
    headers: { 'Idempotency-Key': `key-${randomUUID()}` },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return decisionSchema.parse(response.body);
}

function resources<T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] {
  return (bundle.entry ?? []).map((e) => e.resource!).filter((r): r is T => r.resourceType === type);
}
function only<T extends Resource>(bundle: Bundle, type: T['resourceType']): T {
  const found = resources<T>(bundle, type);
  expect(found, `${type} entries`).toHaveLength(1);
  return found[0]!;
}
const observationCoded = (bundle: Bundle, system: string, code: string) =>
  resources<Observation>(bundle, 'Observation').find((o) => o.code.coding?.some((c) => c.system === system && c.code === code));
const observationTitled = (bundle: Bundle, text: string) => resources<Observation>(bundle, 'Observation').find((o) => o.code.text === text);

/** The bundle is a valid R4 document: no validator errors or warnings, every reference resolves, HL7 codes exist. */
function expectValidDocument(bundle: Bundle): void {
  expect(bundleIssues(bundle)).toEqual([]);
  expect(unresolvedReferences(bundle)).toEqual([]);
  expect(unknownHl7Codes(bundle)).toEqual([]);
  for (const entry of bundle.entry ?? []) expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource!.id}`);
}

describe('GET /api/cases/:caseId/outcome.fhir.json', () => {
  it('answers 404 NOT_FOUND before a decision is signed, and for an unknown case', async () => {
    const created = await server.createCase(clinician);
    const response = await getOutcome(created.id, clinician);
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('NOT_FOUND');
    expect((await getOutcome('00000000-0000-4000-8000-000000000000', clinician)).status).toBe(404);
    expect(await server.auditRows('outcome_exported', `case:${created.id}`)).toEqual([]);
  });

  it('exports the signed decision as a FHIR R4 document that validates, and audits the export', async () => {
    const birthDate = dateOfBirth();
    const created = await server.createCase(clinician, { nhsNumber: '943 476 5919', dateOfBirth: birthDate, gpPractice: 'Beech Surgery' });
    const decision = await signDecision(created.id, AMBER_PRIMARY_CARE);
    expect(decision.band).toBe('amber');

    const response = await getOutcome(created.id, clinician);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bundle = bundleOf(response);
    expectValidDocument(bundle);

    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'document',
      meta: { lastUpdated: decision.signedAt },
      identifier: { value: `${decision.id}-v1` },
    });
    expect(bundle.entry![0]!.resource!.resourceType).toBe('Composition');
    const composition = only<Composition>(bundle, 'Composition');
    expect(composition).toMatchObject({ status: 'final', type: { coding: [{ system: 'http://loinc.org', code: '34133-9' }] } });
    expect(composition.relatesTo).toBeUndefined();

    const patient = only<Patient>(bundle, 'Patient');
    expect(patient.identifier).toEqual([{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: NHS_NUMBER }]);
    expect(patient).toMatchObject({ name: [{ given: ['Amelia'] }], birthDate, generalPractitioner: [{ display: 'Beech Surgery' }] });
    expect(patient).not.toHaveProperty('extension');

    const encounter = only<Encounter>(bundle, 'Encounter');
    expect(encounter).toMatchObject({
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR' },
      serviceType: { text: 'NHS 111 paediatric desk' },
      period: { start: created.createdAt, end: decision.signedAt },
      subject: { reference: `urn:uuid:${patient.id}` },
    });

    const breathing = observationCoded(bundle, 'http://loinc.org', '9279-1');
    expect(breathing).toMatchObject({
      status: 'final',
      category: [{ coding: [{ code: 'vital-signs' }] }],
      valueQuantity: { value: 45, system: 'http://unitsofmeasure.org', code: '/min' },
      interpretation: [{ text: 'NICE NG143 amber' }],
    });
    expect(breathing!.code.coding).toContainEqual({ system: 'http://snomed.info/sct', code: '86290005', display: 'Respiratory rate' });
    expect(observationCoded(bundle, 'http://loinc.org', '8310-5')).toMatchObject({ valueQuantity: { value: 38.4, code: 'Cel' } });
    expect(observationTitled(bundle, 'Nasal flaring')).toMatchObject({ category: [{ coding: [{ code: 'exam' }] }], valueBoolean: true });
    const grunting = observationTitled(bundle, 'Grunting');
    expect(grunting).toMatchObject({ valueBoolean: false, interpretation: [{ text: 'Absent' }] });
    expect(grunting!.code.coding).toBeUndefined();

    const plan = only<CarePlan>(bundle, 'CarePlan');
    const sixHoursLater = new Date(Date.parse(decision.signedAt) + 6 * 3_600_000).toISOString();
    expect(plan).toMatchObject({
      status: 'active',
      intent: 'plan',
      activity: [{ detail: { description: 'GP / primary care within 6 hours', scheduledPeriod: { start: decision.signedAt, end: sixHoursLater } } }],
    });
    expect(resources(bundle, 'ServiceRequest')).toEqual([]);

    const impression = only<ClinicalImpression>(bundle, 'ClinicalImpression');
    expect(impression.status).toBe('completed');
    expect(impression.summary).toContain('NICE NG143 traffic light (fever in under 5s): amber');
    expect(impression.summary).toContain('No override');
    expect(impression.protocol).toEqual(['https://www.nice.org.uk/guidance/ng143']);
    expect(impression.note?.map((n) => n.text)).toContain(`Clinician's notes: ${AMBER_PRIMARY_CARE.notes}`);
    // Free text reaches the narrative escaped, never as markup.
    expect(JSON.stringify(composition.section)).toContain('&lt;b&gt;Calpol&lt;/b&gt; &amp; fluids');

    const audits = await server.auditRows('outcome_exported', `case:${created.id}`);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: `user:${server.userIds.clinician}`, detail: { decisionId: decision.id, version: 1 } });
  });

  it('lets a supervisor export too, and exports the same resources each time', async () => {
    const created = await server.createCase(clinician);
    await signDecision(created.id, AMBER_PRIMARY_CARE);
    const first = bundleOf(await getOutcome(created.id, clinician));
    const response = await getOutcome(created.id, supervisor);
    expect(response.status).toBe(200);
    const again = bundleOf(response);
    expect(again.entry).toEqual(first.entry);
    expect(again.identifier).toEqual(first.identifier);
  });

  it('after an amendment exports the new version only, marked as replacing the first', async () => {
    const created = await server.createCase(clinician, { nhsNumber: NHS_NUMBER });
    const first = await signDecision(created.id, { ...AMBER_PRIMARY_CARE, notes: 'First version notes.' });
    const amended = await amendDecision(created.id, first.id, {
      ...AMBER_PRIMARY_CARE,
      disposition: 'emergency_department',
      timeframeHours: 4,
      notes: 'Called back: breathing faster.',
      reason: 'Parent called back: breathing worse.',
    });
    const bundle = bundleOf(await getOutcome(created.id, clinician));
    expectValidDocument(bundle);
    expect(bundle.identifier).toMatchObject({ value: `${amended.id}-v2` });
    expect(bundle.meta?.lastUpdated).toBe(amended.signedAt);
    expect(only<Composition>(bundle, 'Composition')).toMatchObject({
      status: 'amended',
      relatesTo: [{ code: 'replaces', targetIdentifier: { value: `${first.id}-v1` } }],
    });
    expect(resources(bundle, 'CarePlan')).toEqual([]);
    expect(only<ServiceRequest>(bundle, 'ServiceRequest')).toMatchObject({
      status: 'active',
      priority: 'urgent',
      code: { text: 'Emergency department' },
      occurrencePeriod: { start: amended.signedAt, end: new Date(Date.parse(amended.signedAt) + 4 * 3_600_000).toISOString() },
    });
    expect(only<Encounter>(bundle, 'Encounter').period?.end).toBe(amended.signedAt);
    expect(JSON.stringify(bundle)).not.toContain('First version notes.');
    expect(only<ClinicalImpression>(bundle, 'ClinicalImpression').note?.map((n) => n.text)).toContain('Amended (version 2): Parent called back: breathing worse.');
  });

  it('answers 401 to an anonymous request and to a parent session', async () => {
    const { caseId, parentCookie } = await joinedCase(server, clinician);
    await signDecision(caseId, AMBER_PRIMARY_CARE);
    const anonymous = await getOutcome(caseId);
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    const parent = await getOutcome(caseId, parentCookie);
    expect(parent.status).toBe(401);
    expect(await server.auditRows('outcome_exported', `case:${caseId}`)).toEqual([]);
  });
});
