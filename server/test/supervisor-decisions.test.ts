import { randomUUID } from 'node:crypto';
import { recentDecisionSchema, type DecisionInput } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startServer, type TestServer } from './harness.js';

/**
 * Once signed, a case leaves the live queue; the supervisor still reviews the day's decisions,
 * with overrides and referrals standing out (issue 4, CLINICAL.md governance).
 */
let server: TestServer;
let clinician: string;
let supervisor: string;

beforeAll(async () => {
  server = await startServer();
  clinician = await server.login('clinician', PASSWORD);
  supervisor = await server.login('supervisor', PASSWORD);
});
afterAll(() => server.close());

const sign = async (caseId: string, body: DecisionInput) => {
  const response = await server.request('POST', `/api/cases/${caseId}/decisions`, {
    cookie: clinician,
    json: body,
    headers: { 'Idempotency-Key': `key-${randomUUID()}` },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string };
};
const recent = async (cookie = supervisor) => {
  const response = await server.request('GET', '/api/supervisor/decisions', { cookie });
  return { status: response.status, items: response.status === 200 ? recentDecisionSchema.array().parse(response.body) : [] };
};

describe('GET /api/supervisor/decisions', () => {
  it('lists the latest version of each decision signed in the last day, newest first, with overrides and referrals', async () => {
    const overridden = await server.createCase(clinician, { reference: 'SUP-OVERRIDE' });
    await sign(overridden.id, {
      disposition: 'self_care',
      notes: '',
      findings: [{ feature: 'grunting' }],
      overrideReason: 'Grunting resolved on re-check; parent is a paediatric nurse',
    });
    const referred = await server.createCase(clinician, { reference: 'SUP-HUB' });
    const first = await sign(referred.id, { disposition: 'primary_care', timeframeHours: 24, notes: '' });
    const amended = await server.request('POST', `/api/cases/${referred.id}/decisions/${first.id}/amendments`, {
      cookie: clinician,
      headers: { 'Idempotency-Key': `key-${randomUUID()}` },
      json: { reason: 'Discussed at MDT', disposition: 'hub_referral', notes: '', hubReferral: { hub: 'North hub', reason: 'Recurrent wheeze' } },
    });
    expect(amended.status).toBe(201);

    const { status, items } = await recent();
    expect(status).toBe(200);
    const references = items.map((item) => item.reference);
    expect(references.indexOf('SUP-HUB')).toBeLessThan(references.indexOf('SUP-OVERRIDE'));
    const hub = items.find((item) => item.reference === 'SUP-HUB')!;
    expect(hub.decision).toMatchObject({ version: 2, disposition: 'hub_referral', hubReferral: { hub: 'North hub' } });
    expect(items.filter((item) => item.caseId === referred.id)).toHaveLength(1);
    expect(items.find((item) => item.reference === 'SUP-OVERRIDE')!.decision).toMatchObject({
      band: 'red',
      overridden: true,
      overrideReason: expect.stringContaining('Grunting resolved'),
    });
  });

  it('leaves out decisions older than a day', async () => {
    const old = await server.createCase(clinician, { reference: 'SUP-OLD' });
    await sign(old.id, { disposition: 'pharmacy', notes: '' });
    server.clock.advance(25 * 60 * 60 * 1000);
    // Staff sessions last 12 hours: the supervisor signs in again the next day.
    supervisor = await server.login('supervisor', PASSWORD);
    clinician = await server.login('clinician', PASSWORD);
    expect((await recent()).items.map((item) => item.reference)).not.toContain('SUP-OLD');
  });

  it('is for supervisors: a clinician gets 403 and an anonymous caller 401', async () => {
    expect((await recent(clinician)).status).toBe(403);
    expect((await server.request('GET', '/api/supervisor/decisions')).status).toBe(401);
  });
});
