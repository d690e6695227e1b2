import type { Decision, Disposition } from '@desk/shared';
import type { Bundle, CarePlan, ClinicalImpression, Observation, Patient, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { CaseRow } from '../src/cases/service.js';
import { outcomeBundle, requestPriority, uuidV5, type OutcomeInput } from '../src/fhir/outcome.js';
import { bundleIssues, unknownHl7Codes, unresolvedReferences } from './fhir-validation.js';

const CASE: CaseRow = {
  id: '5b0d7a52-3f1e-4c55-9a7e-2f1d3c4b5a60',
  reference: '111-XYZ-789',
  childFirstName: 'Noah',
  childAgeMonths: 18,
  dateOfBirth: null,
  nhsNumber: null,
  gpPractice: null,
  callerPhone: '+447700900123',
  callerPhoneKind: 'mobile',
  relationship: 'Father',
  complaint: 'fever',
  preferredLanguage: 'en',
  languageRequested: null,
  languageSupported: true,
  languageChosenAt: null,
  status: 'closed',
  assignedClinicianId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  safeguardingReason: null,
  safeguardingFlaggedBy: null,
  safeguardingFlaggedAt: null,
  calledBackAt: null,
  createdAt: new Date('2025-02-03T09:00:00.000Z'),
  updatedAt: new Date('2025-02-03T09:25:00.000Z'),
};

const DECISION: Decision = {
  id: '0e8a4d1c-6b2f-4a3e-8d5c-1f2e3d4c5b6a',
  caseId: CASE.id,
  version: 1,
  supersedesId: null,
  supersededById: null,
  amendmentReason: null,
  disposition: 'self_care',
  timeframeHours: null,
  notes: '',
  findings: [],
  band: 'not_assessed',
  overridden: false,
  overrideReason: null,
  hubReferral: null,
  adviceLine: null,
  safetyNettingTopic: null,
  safetyNettingSms: null,
  signedBy: 'Nurse Demo',
  signedAt: '2025-02-03T09:25:00.000Z',
};

const input = (decision: Partial<Decision>, caseRow: Partial<CaseRow> = {}): OutcomeInput => ({
  caseRow: { ...CASE, ...caseRow },
  decision: { ...DECISION, ...decision },
  signer: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', displayName: 'Nurse Demo' },
  now: new Date('2025-02-03T10:00:00.000Z'),
  baseUrl: 'https://desk.example.nhs.uk/',
});

function resources<T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] {
  return (bundle.entry ?? []).map((e) => e.resource!).filter((r): r is T => r.resourceType === type);
}

function expectValidDocument(bundle: Bundle): void {
  expect(bundleIssues(bundle)).toEqual([]);
  expect(unresolvedReferences(bundle)).toEqual([]);
  expect(unknownHl7Codes(bundle)).toEqual([]);
}

describe('outcomeBundle', () => {
  it('sends a 999 ambulance as a stat ServiceRequest, with the emergency feature in the impression', () => {
    const bundle = outcomeBundle(
      input({
        disposition: 'ambulance',
        band: 'red',
        findings: [{ feature: 'status_epilepticus', status: 'present' }],
        notes: 'Fitting for over 5 minutes on video.',
      }),
    );
    expectValidDocument(bundle);
    expect(resources(bundle, 'CarePlan')).toEqual([]);
    const [request] = resources<ServiceRequest>(bundle, 'ServiceRequest');
    expect(request).toMatchObject({
      status: 'active',
      intent: 'order',
      priority: 'stat',
      code: { text: '999 ambulance' },
      performerType: { text: 'Ambulance service (999)' },
      occurrenceDateTime: DECISION.signedAt,
    });
    const [fit] = resources<Observation>(bundle, 'Observation');
    expect(fit).toMatchObject({
      code: { coding: [{ system: 'http://snomed.info/sct', code: '230456007' }], text: 'Status epilepticus' },
      valueBoolean: true,
      interpretation: [{ text: 'Present: NICE NG143 red' }],
    });
    const [impression] = resources<ClinicalImpression>(bundle, 'ClinicalImpression');
    expect(impression!.summary).toContain('(fever in under 5s): red');
    expect(impression!.note?.map((n) => n.text)).toContain('Emergency feature: Status epilepticus');
  });

  it("sends a Children's Hub referral as a routine patient-referral ServiceRequest with the reason and hub", () => {
    const bundle = outcomeBundle(
      input({
        disposition: 'hub_referral',
        band: 'green',
        findings: [{ feature: 'colour_normal', status: 'present' }],
        hubReferral: { hub: 'North Hub', reason: 'Recurrent febrile illness: joint GP/paediatrician clinic.' },
      }),
    );
    expectValidDocument(bundle);
    const [request] = resources<ServiceRequest>(bundle, 'ServiceRequest');
    expect(request).toMatchObject({
      status: 'active',
      priority: 'routine',
      category: [{ coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] }],
      code: { text: "Referral: Connecting Care Children's Hub" },
      performer: [{ display: "Connecting Care Children's Hub: North Hub" }],
      reasonCode: [{ text: 'Recurrent febrile illness: joint GP/paediatrician clinic.' }],
      note: [{ text: 'Preferred hub: North Hub' }],
    });
    expect(request).not.toHaveProperty('occurrencePeriod');
  });

  it('records an advice-line call as a completed ServiceRequest with who was spoken to and their advice', () => {
    const bundle = outcomeBundle(input({ disposition: 'advice_line', adviceLine: { specialist: 'Dr Patel, paediatric registrar', advice: 'Review by GP tomorrow.' } }));
    expectValidDocument(bundle);
    expect(resources<ServiceRequest>(bundle, 'ServiceRequest')[0]).toMatchObject({
      status: 'completed',
      priority: 'routine',
      performer: [{ display: 'Dr Patel, paediatric registrar' }],
      note: [{ text: 'Spoke to Dr Patel, paediatric registrar. Advice: Review by GP tomorrow.' }],
    });
  });

  it('writes self-care as a CarePlan without a timeframe, and an override with its reason', () => {
    const bundle = outcomeBundle(
      input({
        disposition: 'self_care',
        band: 'amber',
        findings: [{ feature: 'no_smile', status: 'present' }],
        overridden: true,
        overrideReason: 'Shy on camera; smiling with parent off-screen.',
        safetyNettingTopic: 'fever',
      }),
    );
    expectValidDocument(bundle);
    const [plan] = resources<CarePlan>(bundle, 'CarePlan');
    expect(plan).toMatchObject({ activity: [{ detail: { status: 'not-started', description: 'Self-care at home with safety-netting' } }], note: [{ text: 'Safety-netting advice given (topic: Fever).' }] });
    expect(plan!.activity![0]!.detail).not.toHaveProperty('scheduledPeriod');
    expect(plan!.period).toEqual({ start: DECISION.signedAt });
    expect(resources<ClinicalImpression>(bundle, 'ClinicalImpression')[0]!.summary).toContain(
      'Override: this outcome is less urgent than the NG143 route for the band. Reason: Shy on camera; smiling with parent off-screen.',
    );
  });

  it('codes every measured value with LOINC, SNOMED CT and UCUM, and leaves them unbanded from 5 years', () => {
    const bundle = outcomeBundle(
      input(
        {
          disposition: 'primary_care',
          timeframeHours: 24,
          band: 'green',
          findings: [
            { feature: 'breathing_rate', status: 'present', value: 30 },
            { feature: 'heart_rate', status: 'present', value: 150 },
            { feature: 'temperature_c', status: 'present', value: 39.5 },
            { feature: 'oxygen_saturation', status: 'present', value: 97 },
          ],
        },
        { childAgeMonths: 72 },
      ),
    );
    expectValidDocument(bundle);
    const observations = resources<Observation>(bundle, 'Observation');
    expect(observations.map((o) => [o.code.coding?.[0]?.code, o.valueQuantity?.value, o.valueQuantity?.code])).toEqual([
      ['9279-1', 30, '/min'],
      ['8867-4', 150, '/min'],
      ['8310-5', 39.5, 'Cel'],
      ['59408-5', 97, '%'],
    ]);
    // Oxygen saturation is banded at every age; the rest only under 5.
    expect(observations.map((o) => o.interpretation?.[0]?.text)).toEqual([undefined, undefined, undefined, 'NICE NG143 green']);
    expect(observations[0]!.note).toEqual([{ text: 'Not banded: the NICE NG143 thresholds apply to children under 5.' }]);
    expect(resources<ClinicalImpression>(bundle, 'ClinicalImpression')[0]!.note?.map((n) => n.text)).toContainEqual(expect.stringContaining('Age 5 years or over'));
  });

  it('holds no identifier or birth date the case does not have, and codes a complaint only when sure', () => {
    const bundle = outcomeBundle(input({}, { complaint: 'cough_cold' }));
    expectValidDocument(bundle);
    const [patient] = resources<Patient>(bundle, 'Patient');
    expect(patient).toEqual({ resourceType: 'Patient', id: expect.any(String), name: [{ given: ['Noah'] }] });
    const condition = bundle.entry!.find((e) => e.resource!.resourceType === 'Condition')!.resource!;
    expect(condition).toMatchObject({ code: { text: 'Cough or cold' } });
    expect(condition).not.toHaveProperty('code.coding');
  });

  it("codes the parent's language as BCP 47 when the desk resolved it, and sends an unsupported one as the words asked", () => {
    const polish = outcomeBundle(input({}, { preferredLanguage: 'pl', languageRequested: 'pl-PL', languageSupported: true }));
    expectValidDocument(polish);
    expect(resources<Patient>(polish, 'Patient')[0]!.communication).toEqual([
      { language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'pl', display: 'Polish' }], text: 'Polish' }, preferred: true },
    ]);
    const welsh = outcomeBundle(input({}, { preferredLanguage: 'en', languageRequested: 'Welsh', languageSupported: false }));
    expectValidDocument(welsh);
    expect(resources<Patient>(welsh, 'Patient')[0]!.communication).toEqual([{ language: { text: 'Welsh' }, preferred: true }]);
  });

  it('is pure: the same decision gives the same document, with fullUrls stable across exports', () => {
    expect(outcomeBundle(input({}))).toEqual(outcomeBundle(input({})));
    expect(uuidV5('patient', CASE.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a superseded version', () => {
    expect(() => outcomeBundle(input({ supersededById: '9f1c2b3a-4d5e-4f60-8a7b-6c5d4e3f2a1b' }))).toThrow(/superseded/);
  });

  it.each<[Disposition, number | null, ServiceRequest['priority']]>([
    ['ambulance', null, 'stat'],
    ['emergency_department', 1, 'asap'],
    ['emergency_department', 4, 'urgent'],
    ['urgent_treatment_centre', null, 'urgent'],
    ['urgent_treatment_centre', 2, 'urgent'],
    ['hub_referral', null, 'routine'],
    ['advice_line', null, 'routine'],
  ])('gives %s within %s h the priority %s', (disposition, hours, priority) => {
    expect(requestPriority(disposition, hours)).toBe(priority);
  });

  it('would be caught by the validator if it broke the document rules (the checks are live)', () => {
    const bundle = outcomeBundle(input({ findings: [{ feature: 'breathing_rate', status: 'present', value: 30 }] }));
    const withoutComposition: Bundle = { ...bundle, entry: bundle.entry!.slice(1) };
    expect(bundleIssues(withoutComposition).map((f) => f.issue.details?.text)).toContainEqual(expect.stringContaining('bdl-11'));
    const wrongCode = structuredClone(bundle);
    const rate = wrongCode.entry!.find((e) => e.resource!.resourceType === 'Observation')!.resource as Observation;
    rate.code.coding = [{ system: 'http://loinc.org', code: '8867-4' }];
    expect(bundleIssues(wrongCode).map((f) => f.where)).toContainEqual(expect.stringContaining('as http://hl7.org/fhir/StructureDefinition/resprate'));
    expect(unresolvedReferences({ ...bundle, entry: bundle.entry!.filter((e) => e.resource!.resourceType !== 'Patient') })).not.toEqual([]);
  });
});
