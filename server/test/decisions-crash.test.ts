import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { audit, decisions } from '../src/db/schema.js';
import { A_CASE, newIdempotencyKey, postDecision, startWithStaff, type TestServer } from './harness.js';
import { pgBin, startPostgres, type TestPostgres } from './postgres-server.js';
import { spawnServer, type ServerProcess } from './server-process.js';

/**
 * Decision submit is exactly-once under failure (docs/operations.md, "Exactly-once decisions"):
 * the real server process on a real Postgres is killed with SIGKILL at random points while clients
 * submit and amend decisions, restarted, and the clients keep retrying as the desk's form does (the
 * same Idempotency-Key and body until an answer comes). Afterwards each case has exactly one signed
 * version of each submission and each has exactly one audit row.
 */

const SIGNED = { disposition: 'primary_care', timeframeHours: 6, notes: 'Amber on video', findings: [{ feature: 'nasal_flaring' }, { feature: 'breathing_rate', value: 45 }] };
const AMENDED = { ...SIGNED, timeframeHours: 2, reason: 'Worse on review' };

const ROUNDS = 3;
const CASES_PER_ROUND = 8;
/** A submission is sent within this of its round starting, and the kill lands within it too. */
const ROUND_SPREAD_MS = 400;
const RETRY_MS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBelow = (n: number) => Math.floor(Math.random() * n);

type Submitted = { id: string; version: number };

/** What the desk's form does: the same key and body again until the server answers (a refusal other than "try again" is a failure). */
async function submitUntilAnswered(url: string, cookie: string, urlPath: string, key: string, body: object): Promise<Submitted & { attempts: number }> {
  for (let attempts = 1; ; attempts += 1) {
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${url}${urlPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'Idempotency-Key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      status = response.status;
      text = await response.text();
    } catch {
      // The server died under the request, or is not back yet: the answer is unknown, so send it again.
      await sleep(RETRY_MS);
      continue;
    }
    if (status === 201 || status === 200) return { ...(JSON.parse(text) as Submitted), attempts };
    if (status === 503) {
      await sleep(RETRY_MS);
      continue;
    }
    throw new Error(`${urlPath}: ${status} ${text}`);
  }
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// Skipped only where Debian's postgresql package is missing (no initdb to start a server of our own); .ci/run installs it.
describe.skipIf(!pgBin)('exactly-once decisions across SIGKILL — skipped without the postgresql package', () => {
  let postgres: TestPostgres;
  let server: ServerProcess;
  let database: Database;

  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    await database?.close();
    postgres?.remove();
  });

  it('signs each decision and amendment exactly once, each with one audit row, however often the server is killed', async () => {
    const env = { DATABASE_URL: postgres.url, RATE_LIMIT_LOGIN_PER_MINUTE: '1000' };
    server = await spawnServer({ env });
    const port = server.port;
    const url = server.url;
    const cookie = await server.login();

    const caseIds: string[] = [];
    for (let i = 0; i < ROUNDS * CASES_PER_ROUND; i += 1) {
      const response = await fetch(`${url}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ ...A_CASE, reference: `111-KILL-${i}` }) });
      expect(response.status).toBe(201);
      caseIds.push(((await response.json()) as { id: string }).id);
    }

    const results = new Map<string, { signed: Submitted; amended: Submitted; attempts: number }>();
    let kills = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const batch = caseIds.slice(round * CASES_PER_ROUND, (round + 1) * CASES_PER_ROUND);
      const submissions = batch.map(async (caseId) => {
        await sleep(randomBelow(ROUND_SPREAD_MS));
        const path = `/api/cases/${caseId}/decisions`;
        const signed = await submitUntilAnswered(url, cookie, path, newIdempotencyKey(), SIGNED);
        const amended = await submitUntilAnswered(url, cookie, `${path}/${signed.id}/amendments`, newIdempotencyKey(), AMENDED);
        results.set(caseId, { signed, amended, attempts: signed.attempts + amended.attempts });
      });
      // The kill lands somewhere among this round's submissions: before, during or after any of them.
      await sleep(randomBelow(ROUND_SPREAD_MS));
      server.child.kill('SIGKILL');
      await server.exited;
      kills += 1;
      server = await spawnServer({ env, port });
      await until('ready after restart', async () => (await fetch(`${url}/api/ready`)).status === 200);
      await Promise.all(submissions);
    }
    expect(kills).toBe(ROUNDS);
    // Some submission was cut off and sent again (else the kills missed them all and proved nothing).
    expect([...results.values()].some((r) => r.attempts > 2)).toBe(true);

    database = await openDatabase({ databaseUrl: postgres.url, dataDir: 'memory://' });
    const rows = await database.db.select().from(decisions).where(inArray(decisions.caseId, caseIds));
    const trail = await database.db
      .select()
      .from(audit)
      .where(and(inArray(audit.action, ['decision_signed', 'decision_amended']), inArray(audit.subject, caseIds.map((id) => `case:${id}`))));
    for (const caseId of caseIds) {
      const result = results.get(caseId)!;
      const stored = rows.filter((row) => row.caseId === caseId).sort((a, b) => a.version - b.version);
      // One signed decision and one amendment, the very ones the client was answered with.
      expect(stored.map((row) => [row.id, row.version])).toEqual([
        [result.signed.id, 1],
        [result.amended.id, 2],
      ]);
      const audited = trail.filter((row) => row.subject === `case:${caseId}`);
      expect(audited.map((row) => [row.action, (row.detail as { decisionId: string }).decisionId]).sort()).toEqual(
        [
          ['decision_amended', result.amended.id],
          ['decision_signed', result.signed.id],
        ].sort(),
      );
    }
  }, 300_000);
});

describe('a decision and its audit row are one write', () => {
  let server: TestServer;
  let clinician: string;
  beforeAll(async () => {
    ({ server, clinician } = await startWithStaff());
  });
  afterAll(() => server.close());

  it('keeps no signed decision without its audit row when the audit write fails, and the retry signs it with one', async () => {
    const db = server.deps.db;
    // The database refuses the first decision_signed audit row, as a crash between the two writes would lose it.
    await db.execute(sql.raw(`create sequence audit_failures_${process.pid}`));
    await db.execute(
      sql.raw(`create function fail_first_decision_audit() returns trigger language plpgsql as $$
        begin
          if new.action = 'decision_signed' and nextval('audit_failures_${process.pid}') = 1 then raise exception 'injected audit failure'; end if;
          return new;
        end $$`),
    );
    await db.execute(sql.raw('create trigger fail_first_decision_audit before insert on audit for each row execute function fail_first_decision_audit()'));

    const created = await server.createCase(clinician);
    const key = newIdempotencyKey();
    const failed = await postDecision(server, { caseId: created.id, body: SIGNED, key, cookie: clinician });
    expect(failed.status).toBe(500);
    // Nothing half-signed is left: no decision row without its audit row.
    expect(await db.select().from(decisions).where(eq(decisions.caseId, created.id))).toEqual([]);

    const retried = await postDecision(server, { caseId: created.id, body: SIGNED, key, cookie: clinician });
    expect(retried.status).toBe(201);
    const signed = retried.body as { id: string };
    const rows = await server.auditRows('decision_signed', `case:${created.id}`);
    expect(rows.map((row) => (row.detail as { decisionId: string }).decisionId)).toEqual([signed.id]);
  });
});
