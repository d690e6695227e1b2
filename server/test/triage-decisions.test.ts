import { randomUUID } from 'node:crypto';
import {
  decisionSchema,
  nextStepForParent,
  outboxMessageSchema,
  safetyNettingPreviewSchema,
  type Case,
  type Complaint,
  type CreateCaseBody,
  type Decision,
  type DecisionInput,
  type Disposition,
} from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionRowsFor, errorOf, newIdempotencyKey, postDecision, startWithStaff, type JsonResponse, type TestServer } from './harness.js';

/**
 * The clinical core over real HTTP: the server bands the findings from the case's age, enforces
 * the NG143 guardrail, keeps signed decisions immutable (amendments are new versions), and sends
 * the parent safety-netting advice by SMS. The clinician decides; the server records and checks.
 */

let server: TestServer;
let clinician: string;
let clinician2: string;
let supervisor: string;
beforeAll(async () => {
  // SMS are sent when a test says so (`sendQueuedSms`): the answer to a request shows them queued.
  ({ server, clinician, clinician2, supervisor } = await startWithStaff({ smsWorker: false }));
});
afterAll(() => server.close());

const CHILD_NAME = 'Zephyrine';
const HUB_REFERRAL = { hub: "North Connecting Care Children's Hub", reason: 'Recurrent wheeze: joint GP/paediatrician clinic' };
const ADVICE_LINE = { specialist: 'Dr Patel, paediatric registrar', advice: 'Home with safety-netting; GP review tomorrow' };

let phones = 0;
/** A case of its own with its own mobile number, so its SMS can be told apart in the shared outbox. */
const newCase = (body: Partial<CreateCaseBody> = {}): Promise<Case> =>
  server.createCase(clinician, { childFirstName: CHILD_NAME, callerPhone: `07700 9${String(10_000 + ++phones).padStart(5, '0')}`, ...body });

const newKey = newIdempotencyKey;
const sign = (caseId: string, body: unknown, key: string | null = newKey(), cookie = clinician): Promise<JsonResponse> =>
  postDecision(server, { caseId, body, key, cookie });
const amend = (caseId: string, decisionId: string, body: unknown, key: string | null = newKey(), cookie = clinician): Promise<JsonResponse> =>
  postDecision(server, { caseId, decisionId, body, key, cookie });
const preview = (caseId: string, body: unknown, cookie = clinician) =>
  server.request('POST', `/api/cases/${caseId}/decisions/preview`, { cookie, json: body });
const listed = async (caseId: string): Promise<Decision[]> =>
  decisionSchema.array().parse((await server.request('GET', `/api/cases/${caseId}/decisions`, { cookie: clinician })).body);
const rowsFor = (caseId: string) => decisionRowsFor(server, caseId);
/** The SMS worker's pass: what signing queued goes out. */
const sendQueuedSms = () => server.app.smsWorker.runOnce();
/** What the parent's phone received, oldest first (the dev outbox is the demo's phone). */
const smsTo = async (caseRow: Case) =>
  outboxMessageSchema
    .array()
    .parse((await server.request('GET', '/api/dev/outbox')).body)
    .filter((message) => message.to === caseRow.callerPhone)
    .reverse();

async function signed(caseId: string, body: DecisionInput): Promise<Decision> {
  const response = await sign(caseId, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return decisionSchema.parse(response.body);
}

const SELF_CARE = { disposition: 'self_care', notes: 'Alert and smiling on video.' } as const satisfies DecisionInput;
const GRUNTING = [{ feature: 'grunting' }] as const satisfies DecisionInput['findings'];

describe('the band is computed on the server from the findings and the case age', () => {
  it('bands breathing rate 41 at 13 months amber, and stores and returns it', async () => {
    const created = await newCase({ childAgeMonths: 13 });
    const decision = await signed(created.id, {
      disposition: 'primary_care',
      timeframeHours: 6,
      notes: '',
      findings: [{ feature: 'breathing_rate', value: 41 }],
    });
    expect(decision).toMatchObject({ band: 'amber', overridden: false, overrideReason: null, findings: [{ feature: 'breathing_rate', status: 'present', value: 41 }] });
    expect((await rowsFor(created.id))[0]).toMatchObject({ band: 'amber', overridden: false });
    expect((await listed(created.id))[0]).toMatchObject({ id: decision.id, band: 'amber' });
  });

  it('bands the same breathing rate green at 8 months (the threshold there is 50)', async () => {
    const created = await newCase({ childAgeMonths: 8 });
    const decision = await signed(created.id, { ...SELF_CARE, findings: [{ feature: 'breathing_rate', value: 41 }] });
    expect(decision).toMatchObject({ band: 'green', overridden: false });
  });

  it('records not_assessed when nothing was seen (a red feature recorded absent is not green), and green for a green feature', async () => {
    expect((await signed((await newCase()).id, SELF_CARE)).band).toBe('not_assessed');
    expect((await signed((await newCase()).id, { ...SELF_CARE, findings: [{ feature: 'grunting', status: 'absent' }] })).band).toBe('not_assessed');
    const green = await signed((await newCase()).id, {
      ...SELF_CARE,
      findings: [{ feature: 'grunting', status: 'absent' }, { feature: 'colour_normal' }],
    });
    expect(green.band).toBe('green');
  });

  it('suggests 999 for compromised airway, breathing or circulation: anything else needs an override reason', async () => {
    const created = await newCase();
    const response = await sign(created.id, {
      disposition: 'emergency_department',
      timeframeHours: 1,
      notes: '',
      findings: [{ feature: 'compromised_airway_breathing_or_circulation' }],
    });
    expect(response.status).toBe(201);
    const refused = await sign((await newCase()).id, {
      disposition: 'primary_care',
      timeframeHours: 1,
      notes: '',
      findings: [{ feature: 'compromised_airway_breathing_or_circulation' }],
    });
    expect(errorOf(refused).code).toBe('OVERRIDE_REASON_REQUIRED');
  });

  it('refuses a band sent by the client with 400, and stores nothing', async () => {
    const created = await newCase();
    const response = await sign(created.id, { ...SELF_CARE, band: 'green' });
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect(await rowsFor(created.id)).toEqual([]);
  });

  it('refuses an unknown feature key with 400 VALIDATION_FAILED on that finding, and stores nothing', async () => {
    const created = await newCase();
    const response = await sign(created.id, { ...SELF_CARE, findings: [{ feature: 'fever', value: 38.4 }] });
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'findings.0.feature': 'Unknown feature' } });
    expect(await rowsFor(created.id)).toEqual([]);
  });
});

describe('the NG143 guardrail is enforced by the server', () => {
  it('refuses a red finding with self-care and no override reason: 422 OVERRIDE_REASON_REQUIRED, nothing stored, nothing sent', async () => {
    const created = await newCase();
    const response = await sign(created.id, { ...SELF_CARE, findings: GRUNTING });
    expect(response.status).toBe(422);
    expect(errorOf(response)).toMatchObject({ code: 'OVERRIDE_REASON_REQUIRED', fields: { overrideReason: expect.any(String) } });
    expect(errorOf(response).message).toMatch(/Red: face-to-face assessment within 2 hours/);
    expect(await listed(created.id)).toEqual([]);
    expect(await rowsFor(created.id)).toEqual([]);
    expect(await server.auditRows('decision_signed', `case:${created.id}`)).toEqual([]);
    expect(await smsTo(created)).toEqual([]);
    expect((await server.getCase(clinician, created.id)).status).toBe('open');
  });

  it('signs it with an override reason: 201 overridden, the reason audited, and the parent still gets safety-netting', async () => {
    const created = await newCase();
    const overrideReason = 'Grunting stopped after nose cleared; parent is a paediatric nurse';
    const response = await sign(created.id, { ...SELF_CARE, findings: GRUNTING, overrideReason });
    expect(response.status).toBe(201);
    const decision = decisionSchema.parse(response.body);
    expect(decision).toMatchObject({ band: 'red', overridden: true, overrideReason });
    const [auditRow] = await server.auditRows('decision_signed', `case:${created.id}`);
    expect(auditRow?.detail).toMatchObject({ decisionId: decision.id, band: 'red', overridden: true, overrideReason });
    expect(await smsTo(created)).toHaveLength(1);
  });

  it('leaves the audit without an override reason when none was needed', async () => {
    const created = await newCase();
    await signed(created.id, SELF_CARE);
    const [auditRow] = await server.auditRows('decision_signed', `case:${created.id}`);
    expect(auditRow?.detail).toMatchObject({ band: 'not_assessed', overridden: false });
    expect(auditRow?.detail).not.toHaveProperty('overrideReason');
  });

  it.each([
    // [what was recorded, disposition, timeframe, status, findings, complaint]
    ['amber (breathing 41/min at 26 months)', 'primary_care', 6, 201, [{ feature: 'breathing_rate', value: 41 }], 'cough_cold'],
    ['amber', 'urgent_treatment_centre', null, 201, [{ feature: 'rigors' }], 'fever'],
    ['amber', 'pharmacy', null, 422, [{ feature: 'rigors' }], 'fever'],
    ['red', 'primary_care', 2, 201, GRUNTING, 'cough_cold'],
    ['red', 'primary_care', 6, 422, GRUNTING, 'cough_cold'],
    ['red', 'urgent_treatment_centre', null, 422, GRUNTING, 'cough_cold'],
    ['red', 'emergency_department', 4, 201, GRUNTING, 'cough_cold'],
    ['status epilepticus', 'primary_care', 1, 422, [{ feature: 'status_epilepticus' }], 'other'],
    ['status epilepticus', 'ambulance', null, 201, [{ feature: 'status_epilepticus' }], 'other'],
    ['fever with a non-blanching rash', 'urgent_treatment_centre', 1, 422, [{ feature: 'non_blanching_rash' }], 'fever'],
    ['fever with a non-blanching rash', 'emergency_department', 1, 201, [{ feature: 'non_blanching_rash' }], 'fever'],
    ['a non-blanching rash, fever reported, 37.4 °C after paracetamol', 'primary_care', 1, 422, [{ feature: 'non_blanching_rash' }, { feature: 'temperature_c', value: 37.4 }], 'fever'],
    ['a non-blanching rash at 37 °C', 'primary_care', 1, 201, [{ feature: 'non_blanching_rash' }, { feature: 'temperature_c', value: 37 }], 'rash'],
    ['green', 'self_care', null, 201, [{ feature: 'colour_normal' }], 'fever'],
  ] as [string, Disposition, number | null, number, DecisionInput['findings'], Complaint][])(
    '%s, then %s (timeframe %s h) → %i',
    async (_what, disposition, timeframeHours, status, findings, complaint) => {
      const created = await newCase({ complaint });
      const response = await sign(created.id, { disposition, timeframeHours, notes: '', findings });
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      if (status === 201) expect(decisionSchema.parse(response.body).overridden).toBe(false);
      else expect(errorOf(response).code).toBe('OVERRIDE_REASON_REQUIRED');
      expect(await rowsFor(created.id)).toHaveLength(status === 201 ? 1 : 0);
    },
  );
});

describe('timeframes and referral details', () => {
  it.each([
    ['primary care within 3 hours', { disposition: 'primary_care', timeframeHours: 3 }, 400],
    ['the emergency department without a timeframe', { disposition: 'emergency_department', timeframeHours: null }, 400],
    ['an urgent treatment centre without a timeframe', { disposition: 'urgent_treatment_centre', timeframeHours: null }, 201],
  ] as const)('%s → %i', async (_label, choice, status) => {
    const created = await newCase();
    const response = await sign(created.id, { ...choice, notes: '' });
    expect(response.status).toBe(status);
    if (status === 400) expect(errorOf(response).fields).toHaveProperty(['timeframeHours']);
  });

  it.each([
    ['hub_referral', 'hubReferral', HUB_REFERRAL],
    ['advice_line', 'adviceLine', ADVICE_LINE],
  ] as const)('refuses %s without its details with 400, and signs and returns it with them', async (disposition, field, details) => {
    const created = await newCase();
    const missing = await sign(created.id, { disposition, notes: '' });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).fields).toHaveProperty([field]);
    expect(await rowsFor(created.id)).toEqual([]);

    const decision = await signed(created.id, { disposition, notes: '', [field]: details });
    expect(decision).toMatchObject({ disposition, [field]: details, [field === 'hubReferral' ? 'adviceLine' : 'hubReferral']: null });
    expect((await listed(created.id))[0]).toMatchObject({ [field]: details });
  });

  it('refuses hub details on another disposition with 400', async () => {
    const created = await newCase();
    const response = await sign(created.id, { ...SELF_CARE, hubReferral: HUB_REFERRAL });
    expect(response.status).toBe(400);
    expect(errorOf(response).fields).toEqual({ hubReferral: 'Hub details go only with a hub referral' });
  });
});

describe('amendments: a signed decision is never changed, only superseded', () => {
  const V1 = { disposition: 'primary_care', timeframeHours: 6, notes: 'Seen on video.', findings: [{ feature: 'rigors' }] } as const satisfies DecisionInput;
  const V2 = { ...V1, disposition: 'primary_care', timeframeHours: 2, reason: 'Call-back: drinking less' } as const;

  it('amends with 201: version 2 supersedes version 1, listed newest first, version 1 untouched, both audited', async () => {
    const created = await newCase();
    const v1 = await signed(created.id, V1);
    const [v1Before] = await rowsFor(created.id);
    const response = await amend(created.id, v1.id, V2);
    expect(response.status).toBe(201);
    const v2 = decisionSchema.parse(response.body);
    expect(v2).toMatchObject({ version: 2, supersedesId: v1.id, supersededById: null, amendmentReason: V2.reason, timeframeHours: 2, band: 'amber' });

    expect((await listed(created.id)).map((d) => [d.version, d.id, d.supersedesId, d.supersededById])).toEqual([
      [2, v2.id, v1.id, null],
      [1, v1.id, null, v2.id],
    ]);
    expect((await rowsFor(created.id))[0]).toEqual(v1Before);

    const [signedAudit] = await server.auditRows('decision_signed', `case:${created.id}`);
    const amendedAudits = await server.auditRows('decision_amended', `case:${created.id}`);
    expect(signedAudit?.detail).toMatchObject({ decisionId: v1.id, version: 1 });
    expect(amendedAudits).toHaveLength(1);
    expect(amendedAudits[0]).toMatchObject({ actor: `user:${server.userIds.clinician}`, detail: { decisionId: v2.id, version: 2, supersedesId: v1.id } });
  });

  it('refuses to amend a superseded version with 409 DECISION_SUPERSEDED', async () => {
    const created = await newCase();
    const v1 = await signed(created.id, V1);
    expect((await amend(created.id, v1.id, V2)).status).toBe(201);
    const again = await amend(created.id, v1.id, { ...V2, notes: 'Another change' });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('DECISION_SUPERSEDED');
    expect(await rowsFor(created.id)).toHaveLength(2);
  });

  it('refuses an amendment without a reason with 400, and stores nothing', async () => {
    const created = await newCase();
    const v1 = await signed(created.id, V1);
    const response = await amend(created.id, v1.id, { ...V1, timeframeHours: 2 });
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { reason: expect.any(String) } });
    expect(await rowsFor(created.id)).toHaveLength(1);
  });

  it('refuses an amendment without an Idempotency-Key with 400', async () => {
    const created = await newCase();
    const v1 = await signed(created.id, V1);
    const response = await amend(created.id, v1.id, V2, null);
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('answers a replayed amendment (same key, same body) with the same version 2', async () => {
    const created = await newCase();
    const v1 = await signed(created.id, V1);
    const key = newKey();
    const first = decisionSchema.parse((await amend(created.id, v1.id, V2, key)).body);
    await sendQueuedSms();
    const replay = await amend(created.id, v1.id, V2, key);
    expect(replay.status).toBe(200);
    // The same decision and the same SMS, which has gone out since the first answer.
    const { safetyNettingSms: replayedSms, ...replayed } = decisionSchema.parse(replay.body);
    const { safetyNettingSms: firstSms, ...firstDecision } = first;
    expect(replayed).toEqual(firstDecision);
    expect(firstSms).toMatchObject({ status: 'queued' });
    expect(replayedSms).toMatchObject({ id: firstSms!.id, status: 'sent' });
    expect(await rowsFor(created.id)).toHaveLength(2);
    expect(await server.auditRows('decision_amended', `case:${created.id}`)).toHaveLength(1);
  });

  it('refuses the same amendment key with a different body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const created = await newCase();
    const v1 = await signed(created.id, V1);
    const key = newKey();
    expect((await amend(created.id, v1.id, V2, key)).status).toBe(201);
    const reused = await amend(created.id, v1.id, { ...V2, reason: 'A different reason' }, key);
    expect(reused.status).toBe(422);
    expect(errorOf(reused).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await rowsFor(created.id)).toHaveLength(2);
  });

  it('lets exactly one of two amendments of version 1 at once win; the other gets 409', async () => {
    const created = await newCase();
    const v1 = await signed(created.id, V1);
    const answers = await Promise.all([
      amend(created.id, v1.id, V2),
      amend(created.id, v1.id, { ...V2, disposition: 'emergency_department', timeframeHours: 4 }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.map((a) => (a.status === 409 ? errorOf(a).code : null))).toContain('DECISION_SUPERSEDED');
    expect(await rowsFor(created.id)).toHaveLength(2);
    expect(await server.auditRows('decision_amended', `case:${created.id}`)).toHaveLength(1);
  });

  it('applies the guardrail to an amendment: red with self-care and no override reason → 422, no new version', async () => {
    const created = await newCase();
    const v1 = await signed(created.id, { ...V1, disposition: 'emergency_department', timeframeHours: 1, findings: GRUNTING });
    const response = await amend(created.id, v1.id, { ...SELF_CARE, findings: GRUNTING, reason: 'Parent declined ED' });
    expect(response.status).toBe(422);
    expect(errorOf(response).code).toBe('OVERRIDE_REASON_REQUIRED');
    expect(await rowsFor(created.id)).toHaveLength(1);
    expect(await server.auditRows('decision_amended', `case:${created.id}`)).toEqual([]);
  });

  it('refuses an amendment by a clinician not assigned to the case with 403, and an unknown decision with 404', async () => {
    const created = await newCase();
    const v1 = await signed(created.id, V1);
    expect((await amend(created.id, v1.id, V2, newKey(), clinician2)).status).toBe(403);
    expect((await amend(created.id, v1.id, V2, newKey(), supervisor)).status).toBe(403);
    const unknown = await amend(created.id, randomUUID(), V2);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe('NOT_FOUND');
    expect(await rowsFor(created.id)).toHaveLength(1);
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('answers %s on either version with 405 DECISION_IMMUTABLE and changes no row', async (method) => {
    const created = await newCase();
    const v1 = await signed(created.id, V1);
    const v2 = decisionSchema.parse((await amend(created.id, v1.id, V2)).body);
    const before = await rowsFor(created.id);
    for (const id of [v1.id, v2.id]) {
      const response = await server.request(method, `/api/cases/${created.id}/decisions/${id}`, {
        cookie: clinician,
        json: method === 'DELETE' ? undefined : { ...SELF_CARE, band: 'green' },
      });
      expect(response.status).toBe(405);
      expect(errorOf(response).code).toBe('DECISION_IMMUTABLE');
    }
    expect(await rowsFor(created.id)).toEqual(before);
  });
});

describe('safety-netting SMS to the parent', () => {
  it.each([
    ['self_care', null, 'fever', 'fever'],
    ['pharmacy', null, 'other', 'general'],
    ['primary_care', 6, 'cough_cold', 'cough_cold'],
  ] as [Disposition, number | null, Complaint, string][])(
    'signing %s (within %s h) on a mobile case with complaint %s sends the %s advice link, without the child\u2019s name',
    async (disposition, timeframeHours, complaint, topic) => {
      const created = await newCase({ complaint });
      const decision = await signed(created.id, { disposition, timeframeHours, notes: '' });
      // Signed with the SMS queued in the same commit; the worker sends it.
      expect(decision.safetyNettingSms).toMatchObject({ to: created.callerPhone, status: 'queued' });
      await sendQueuedSms();
      // The topic's page, with this SMS's own code (`&t=`, 128 bits): nothing about the child.
      const link = new RegExp(`^${server.url}/advice/${topic}\\?lang=en&t=[A-Za-z0-9_-]{22}$`);
      const messages = await smsTo(created);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ to: created.callerPhone, link: expect.stringMatching(link), status: 'sent' });
      expect(messages[0]!.body).toContain(messages[0]!.link);
      // What to do comes first, in the parent's words.
      expect(messages[0]!.body).toContain(nextStepForParent(disposition, timeframeHours)!);
      expect(messages[0]!.body).not.toContain(CHILD_NAME);
      expect(decision.safetyNettingTopic).toBe(topic);
      expect((await listed(created.id))[0]!.safetyNettingSms).toMatchObject({ to: created.callerPhone, status: 'sent' });
    },
  );

  it.each([
    ['emergency_department', { timeframeHours: 1 }],
    ['ambulance', {}],
    ['hub_referral', { hubReferral: HUB_REFERRAL }],
    ['advice_line', { adviceLine: ADVICE_LINE }],
    ['urgent_treatment_centre', { timeframeHours: 2 }],
  ] as const)('signing %s sends no SMS', async (disposition, extra) => {
    const created = await newCase();
    const decision = await signed(created.id, { disposition, notes: '', ...extra });
    expect(decision.safetyNettingSms).toBeNull();
    expect(await smsTo(created)).toEqual([]);
  });

  it('still safety-nets a parent whose child stays home under a referral chosen by override (CLINICAL.md)', async () => {
    const created = await newCase();
    const decision = await signed(created.id, {
      disposition: 'hub_referral',
      notes: '',
      hubReferral: HUB_REFERRAL,
      findings: GRUNTING,
      overrideReason: 'Known to the hub team; reviewed with the paediatrician on the MDT line',
    });
    expect(decision).toMatchObject({ band: 'red', overridden: true });
    expect(decision.safetyNettingSms?.status).toBe('queued');
    expect(await smsTo(created)).toHaveLength(1);
  });

  it('sends no SMS to a landline', async () => {
    const created = await newCase({ callerPhone: '0113 496 0001' });
    expect(created.callerPhoneKind).toBe('landline');
    const decision = await signed(created.id, SELF_CARE);
    expect(decision.safetyNettingSms).toBeNull();
    expect(await smsTo(created)).toEqual([]);
  });

  it('sends a new SMS for an amendment that changes the disposition or timeframe, and none for one that only changes the notes', async () => {
    const created = await newCase();
    const v1 = await signed(created.id, { disposition: 'primary_care', timeframeHours: 24, notes: '' });
    expect(await smsTo(created)).toHaveLength(1);

    const timeframe = decisionSchema.parse((await amend(created.id, v1.id, { disposition: 'primary_care', timeframeHours: 6, notes: '', reason: 'Sooner' })).body);
    expect(timeframe.safetyNettingSms?.status).toBe('queued');
    expect(await smsTo(created)).toHaveLength(2);

    const disposition = decisionSchema.parse((await amend(created.id, timeframe.id, { ...SELF_CARE, reason: 'Improved' })).body);
    expect(disposition.safetyNettingSms?.status).toBe('queued');
    expect(await smsTo(created)).toHaveLength(3);

    const notesOnly = await amend(created.id, disposition.id, { ...SELF_CARE, notes: 'Typo fixed.', reason: 'Notes' });
    expect(notesOnly.status).toBe(201);
    expect(decisionSchema.parse(notesOnly.body).safetyNettingSms).toBeNull();
    expect(await smsTo(created)).toHaveLength(3);
  });
});

describe('POST /api/cases/:id/decisions/preview', () => {
  it('shows exactly the SMS that signing then sends, and stores nothing', async () => {
    const created = await newCase({ complaint: 'fever' });
    const body: DecisionInput = { disposition: 'self_care', notes: '', findings: [{ feature: 'temperature_c', value: 38.2 }] };
    const response = await preview(created.id, body);
    expect(response.status).toBe(200);
    const shown = safetyNettingPreviewSchema.parse(response.body);
    expect(shown).toMatchObject({ willSend: true, reason: null, to: created.callerPhone, topic: 'fever', adviceUrl: `${server.url}/advice/fever?lang=en` });
    expect(await rowsFor(created.id)).toEqual([]);
    expect(await smsTo(created)).toEqual([]);
    expect(await server.auditRows('decision_signed', `case:${created.id}`)).toEqual([]);
    expect((await server.getCase(clinician, created.id)).status).toBe('open');

    await signed(created.id, body);
    const [sent] = await smsTo(created);
    // Word for word, but for the link's code, made at signing: the preview holds a stand-in of the same length.
    const code = /&t=([A-Za-z0-9_-]{22})/.exec(sent!.body)![1]!;
    expect(sent).toMatchObject({ to: shown.to, body: shown.body!.replace(/&t=X{22}/, `&t=${code}`), link: `${shown.adviceUrl}&t=${code}` });
    expect(sent!.body.length).toBe(shown.body!.length);
  });

  it.each([
    ['a landline', { callerPhone: '0113 496 0002' }, SELF_CARE, /landline/],
    ['the emergency department', {}, { disposition: 'emergency_department', timeframeHours: 1, notes: '' }, /No safety-netting SMS/],
  ] as const)('says why no SMS will go to %s', async (_label, caseBody, body, reason) => {
    const created = await newCase(caseBody);
    const shown = safetyNettingPreviewSchema.parse((await preview(created.id, body)).body);
    expect(shown).toMatchObject({ willSend: false, to: null, body: null, reason: expect.stringMatching(reason) });
  });

  it('refuses an invalid body with 400 and a supervisor with 403', async () => {
    const created = await newCase();
    expect((await preview(created.id, { disposition: 'primary_care', timeframeHours: 3, notes: '' })).status).toBe(400);
    expect((await preview(created.id, SELF_CARE, supervisor)).status).toBe(403);
  });
});
