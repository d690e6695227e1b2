import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { expectAuditInsertOnly } from './audit-checks.js';
import { PASSWORD, startServer, tokenOf, type TestServer } from './harness.js';
import { pgBin, startPostgres, type TestPostgres } from './postgres-server.js';

/**
 * The same drizzle schema, migrations and routes on real Postgres (DATABASE_URL), not only PGlite.
 * Needs Debian's postgresql package (`.ci/run` installs it); without it this file says so and skips.
 */

// Skipped only where Debian's postgresql package is missing (no initdb to start a server of our own); .ci/run installs it.
describe.skipIf(!pgBin)('on Postgres (DATABASE_URL) — skipped without the postgresql package', () => {
  let postgres: TestPostgres;
  let server: TestServer;

  beforeAll(async () => {
    postgres = await startPostgres();
    const database = await openDatabase({ databaseUrl: postgres.url, dataDir: 'memory://' });
    expect(database.driver).toBe('postgres');
    server = await startServer({ database });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    postgres?.remove();
  });

  it('keeps the audit table insert-only (the trigger refuses UPDATE, DELETE, TRUNCATE)', async () => {
    await expectAuditInsertOnly(server.deps.db);
  });

  it('migrates and serves the whole story: case, one-time link, join, decision, amendment, FHIR outcome', async () => {
    expect((await server.request('GET', '/api/ready')).status).toBe(200);
    const clinician = await server.login('clinician', PASSWORD);
    const created = await server.createCase(clinician, { nhsNumber: '9434765919' });
    const invite = await server.invite(clinician, created.id);
    await server.join(tokenOf(invite.devJoinLink!));
    expect((await server.request('POST', '/api/join', { json: { token: tokenOf(invite.devJoinLink!) } })).status).toBe(410);

    const headers = () => ({ 'Idempotency-Key': `key-${randomUUID()}` });
    const body = { disposition: 'primary_care', timeframeHours: 6, notes: 'Amber on video', findings: [{ feature: 'nasal_flaring' }, { feature: 'breathing_rate', value: 45 }] };
    const signed = await server.request('POST', `/api/cases/${created.id}/decisions`, { cookie: clinician, json: body, headers: headers() });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({ band: 'amber', overridden: false, version: 1 });
    const v1 = signed.body as { id: string };
    const amended = await server.request('POST', `/api/cases/${created.id}/decisions/${v1.id}/amendments`, {
      cookie: clinician,
      json: { ...body, timeframeHours: 2, reason: 'Worse on review' },
      headers: headers(),
    });
    expect(amended.status).toBe(201);
    expect(amended.body).toMatchObject({ version: 2, supersedesId: v1.id });
    expect((await server.request('DELETE', `/api/cases/${created.id}/decisions/${v1.id}`, { cookie: clinician })).status).toBe(405);

    const outcome = await server.request('GET', `/api/cases/${created.id}/outcome.fhir.json`, { cookie: clinician });
    expect(outcome.status).toBe(200);
    expect(await server.auditRows('decision_amended', `case:${created.id}`)).toHaveLength(1);
  });
});
