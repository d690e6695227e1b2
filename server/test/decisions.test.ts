import { caseSchema, decisionSchema, type DecisionInput } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionRowsFor, errorOf, newIdempotencyKey, postDecision, startWithStaff, type JsonResponse, type TestServer } from './harness.js';

let server: TestServer;
let clinician: string;
let clinician2: string;
let supervisor: string;
beforeAll(async () => {
  // No SMS worker: a replay answers with the decision as stored, and its SMS's status (live) stays put between the two answers.
  ({ server, clinician, clinician2, supervisor } = await startWithStaff({ smsWorker: false }));
});
afterAll(() => server.close());

const A_DECISION: DecisionInput = {
  disposition: 'primary_care',
  timeframeHours: 6,
  notes: 'Seen on video: alert, pink, no rash. Safety-netting given.',
  findings: [{ feature: 'temperature_c', status: 'present', value: 38.4 }],
};

const newKey = newIdempotencyKey;
const sign = (caseId: string, body: unknown, key: string | null, cookie = clinician): Promise<JsonResponse> =>
  postDecision(server, { caseId, body, key, cookie });
const rowsFor = (caseId: string) => decisionRowsFor(server, caseId);

describe('POST /api/cases/:id/decisions', () => {
  it('signs a decision with 201: version 1, signed by the clinician, audited, and the case closes', async () => {
    const created = await server.createCase(clinician);
    const response = await sign(created.id, A_DECISION, newKey());
    expect(response.status).toBe(201);
    const decision = decisionSchema.parse(response.body);
    expect(decision).toMatchObject({
      caseId: created.id,
      version: 1,
      supersedesId: null,
      disposition: 'primary_care',
      timeframeHours: 6,
      notes: A_DECISION.notes,
      findings: A_DECISION.findings,
      // A 26-month-old at 38.4 °C: measured, nothing amber or red.
      band: 'green',
      overridden: false,
      signedBy: 'Nurse Demo',
    });
    expect(Date.parse(decision.signedAt)).not.toBeNaN();
    const audits = await server.auditRows('decision_signed', `case:${created.id}`);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: `user:${server.userIds.clinician}`, detail: { decisionId: decision.id, version: 1 } });
    expect((await server.getCase(clinician, created.id)).status).toBe('closed');
    const open = caseSchema.array().parse((await server.request('GET', '/api/cases', { cookie: clinician })).body);
    expect(open.map((c) => c.id)).not.toContain(created.id);
  });

  it('defaults findings to [] and accepts a decision without a timeframe', async () => {
    const created = await server.createCase(clinician);
    const response = await sign(created.id, { disposition: 'self_care', notes: '' }, newKey());
    expect(response.status).toBe(201);
    expect(decisionSchema.parse(response.body)).toMatchObject({ findings: [], timeframeHours: null });
  });

  it('refuses a decision without an Idempotency-Key with 400 IDEMPOTENCY_KEY_REQUIRED, and stores nothing', async () => {
    const created = await server.createCase(clinician);
    const response = await sign(created.id, A_DECISION, null);
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await rowsFor(created.id)).toEqual([]);
  });

  it('refuses an Idempotency-Key that is too short or has odd characters with 400', async () => {
    const created = await server.createCase(clinician);
    for (const key of ['short', 'has spaces in it', 'x'.repeat(129)]) {
      const response = await sign(created.id, A_DECISION, key);
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    }
    expect(await rowsFor(created.id)).toEqual([]);
  });

  it('answers a replay (same key, same body) with the same decision and stores one row', async () => {
    const created = await server.createCase(clinician);
    const key = newKey();
    const first = decisionSchema.parse((await sign(created.id, A_DECISION, key)).body);
    const again = await sign(created.id, A_DECISION, key);
    expect([200, 201]).toContain(again.status);
    expect(decisionSchema.parse(again.body)).toEqual(first);
    expect(await rowsFor(created.id)).toHaveLength(1);
    expect(await server.auditRows('decision_signed', `case:${created.id}`)).toHaveLength(1);
  });

  it('compares a replayed body after parsing: key order and defaulted fields do not matter', async () => {
    const created = await server.createCase(clinician);
    const key = newKey();
    const first = decisionSchema.parse((await sign(created.id, { disposition: 'pharmacy', notes: 'Calpol.' }, key)).body);
    const reordered = await sign(created.id, { notes: 'Calpol.', findings: [], timeframeHours: null, disposition: 'pharmacy' }, key);
    expect([200, 201]).toContain(reordered.status);
    expect(decisionSchema.parse(reordered.body).id).toBe(first.id);
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED, and keeps the first decision', async () => {
    const created = await server.createCase(clinician);
    const key = newKey();
    const first = decisionSchema.parse((await sign(created.id, A_DECISION, key)).body);
    const changed = await sign(created.id, { ...A_DECISION, disposition: 'emergency_department', timeframeHours: 1 }, key);
    expect(changed.status).toBe(422);
    expect(errorOf(changed).code).toBe('IDEMPOTENCY_KEY_REUSED');
    // A replay is answered before any other check, even that the body is valid.
    const invalid = await sign(created.id, { ...A_DECISION, timeframeHours: 3 }, key);
    expect(invalid.status).toBe(422);
    const rows = await rowsFor(created.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, disposition: 'primary_care', timeframeHours: 6 });
  });

  it('refuses a second decision under a new key with 409 DECISION_EXISTS', async () => {
    const created = await server.createCase(clinician);
    await sign(created.id, A_DECISION, newKey());
    const second = await sign(created.id, { ...A_DECISION, notes: 'Changed my mind.' }, newKey());
    expect(second.status).toBe(409);
    expect(errorOf(second).code).toBe('DECISION_EXISTS');
    expect(await rowsFor(created.id)).toHaveLength(1);
  });

  it.each([
    ['primary_care in 3 hours', { ...A_DECISION, timeframeHours: 3 }],
    ['emergency_department without a timeframe', { disposition: 'emergency_department', notes: '' }],
    ['self_care within 1 hour', { disposition: 'self_care', timeframeHours: 1, notes: '' }],
  ])('refuses %s with 400 on timeframeHours', async (_label, body) => {
    const created = await server.createCase(clinician);
    const response = await sign(created.id, body, newKey());
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { timeframeHours: expect.any(String) } });
    expect(await rowsFor(created.id)).toEqual([]);
  });

  it('refuses unknown keys and an unknown disposition with 400', async () => {
    const created = await server.createCase(clinician);
    expect((await sign(created.id, { ...A_DECISION, signedBy: 'someone else' }, newKey())).status).toBe(400);
    expect((await sign(created.id, { ...A_DECISION, disposition: 'walk_in' }, newKey())).status).toBe(400);
    expect(await rowsFor(created.id)).toEqual([]);
  });

  it('does not remember a failed request: a 400 under key K, then a valid body under K, is 201', async () => {
    const created = await server.createCase(clinician);
    const key = newKey();
    expect((await sign(created.id, { ...A_DECISION, timeframeHours: 3 }, key)).status).toBe(400);
    const valid = await sign(created.id, A_DECISION, key);
    expect(valid.status).toBe(201);
    expect(await rowsFor(created.id)).toHaveLength(1);
  });

  it('stores one row when the same submission arrives twice at once (a double click)', async () => {
    const created = await server.createCase(clinician);
    const key = newKey();
    const answers = await Promise.all([sign(created.id, A_DECISION, key), sign(created.id, A_DECISION, key)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    const [a, b] = answers.map((answer) => decisionSchema.parse(answer.body));
    expect(a!.id).toBe(b!.id);
    expect(await rowsFor(created.id)).toHaveLength(1);
  });

  it('lets only one of two different submissions at once win; the other gets 409', async () => {
    const created = await server.createCase(clinician);
    const answers = await Promise.all([sign(created.id, A_DECISION, newKey()), sign(created.id, A_DECISION, newKey())]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await rowsFor(created.id)).toHaveLength(1);
  });

  it('refuses a clinician not assigned to the case, and a supervisor, and stores nothing', async () => {
    const created = await server.createCase(clinician);
    const other = await sign(created.id, A_DECISION, newKey(), clinician2);
    expect(other.status).toBe(403);
    expect(errorOf(other).code).toBe('FORBIDDEN');
    expect((await sign(created.id, A_DECISION, newKey(), supervisor)).status).toBe(403);
    expect(await rowsFor(created.id)).toEqual([]);
    expect((await server.getCase(clinician, created.id)).status).toBe('open');
  });

  it('answers 404 for a decision on an unknown case', async () => {
    const response = await sign('00000000-0000-4000-8000-000000000000', A_DECISION, newKey());
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('NOT_FOUND');
  });
});

describe('a signed decision is immutable', () => {
  it.each(['PUT', 'PATCH', 'DELETE'])('answers %s with 405 DECISION_IMMUTABLE and leaves the row as it was', async (method) => {
    const created = await server.createCase(clinician);
    const decision = decisionSchema.parse((await sign(created.id, A_DECISION, newKey())).body);
    const before = await rowsFor(created.id);
    const response = await server.request(method, `/api/cases/${created.id}/decisions/${decision.id}`, {
      cookie: clinician,
      json: method === 'DELETE' ? undefined : { ...A_DECISION, disposition: 'self_care', timeframeHours: null },
    });
    expect(response.status).toBe(405);
    expect(errorOf(response).code).toBe('DECISION_IMMUTABLE');
    expect(await rowsFor(created.id)).toEqual(before);
  });

  it('still needs a signed-in user to be told so', async () => {
    const response = await server.request('DELETE', '/api/cases/00000000-0000-4000-8000-000000000000/decisions/00000000-0000-4000-8000-000000000001');
    expect(response.status).toBe(401);
  });
});

describe('GET /api/cases/:id/decisions', () => {
  it('lists every version, newest first, to the clinician and the supervisor', async () => {
    const created = await server.createCase(clinician);
    const first = decisionSchema.parse((await sign(created.id, A_DECISION, newKey())).body);
    const amendment = await server.request('POST', `/api/cases/${created.id}/decisions/${first.id}/amendments`, {
      cookie: clinician,
      json: { ...A_DECISION, disposition: 'emergency_department', timeframeHours: 4, notes: 'Amended after call-back.', reason: 'Worse on call-back' },
      headers: { 'Idempotency-Key': newKey() },
    });
    expect(amendment.status).toBe(201);
    const amended = decisionSchema.parse(amendment.body);
    for (const cookie of [clinician, supervisor]) {
      const response = await server.request('GET', `/api/cases/${created.id}/decisions`, { cookie });
      expect(response.status).toBe(200);
      const listed = decisionSchema.array().parse(response.body);
      expect(listed.map((d) => [d.version, d.id, d.supersedesId, d.supersededById])).toEqual([
        [2, amended.id, first.id, null],
        [1, first.id, null, amended.id],
      ]);
    }
  });

  it('lists nothing for a case without a decision, and 404 for an unknown case', async () => {
    const created = await server.createCase(clinician);
    expect((await server.request('GET', `/api/cases/${created.id}/decisions`, { cookie: clinician })).body).toEqual([]);
    expect((await server.request('GET', '/api/cases/not-a-case/decisions', { cookie: clinician })).status).toBe(404);
  });
});
