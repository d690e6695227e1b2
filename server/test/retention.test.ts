import { blankDraft, type DecisionDraftBody } from '@desk/shared';
import { count, eq, lt, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, calls, cases, decisionDrafts, decisions, invites, sessions, smsOutbox } from '../src/db/schema.js';
import type { RetentionCounts } from '../src/retention/job.js';
import { A_CASE, newIdempotencyKey, postDecision, startServer, tokenOf, type TestServer } from './harness.js';

/**
 * The retention job (docs/operations.md, "Retention"), run by hand against the test clock: it
 * deletes what the service need not keep, keeps the child's record (cases, decisions, calls) and
 * the audit trail, and says what it did in one audit row of counts.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const SELF_CARE = { disposition: 'self_care', notes: 'Well child. Safety-netting given.' };
const A_DRAFT: DecisionDraftBody = blankDraft('key-draft-retention', { disposition: 'primary_care', notes: 'Amending: seen again' });

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ smsWorker: false });
});
afterAll(() => server.close());

const db = () => server.deps.db;
const run = async (): Promise<RetentionCounts> => {
  const counts = await server.app.retention.runOnce();
  if (!counts) throw new Error('the retention run failed');
  return counts;
};
const countOf = async (table: typeof decisions | typeof audit | typeof cases | typeof calls) => (await db().select({ n: count() }).from(table))[0]!.n;
const sessionsEndedBefore = async (cutoff: Date) =>
  (await db().select({ n: count() }).from(sessions).where(or(lt(sessions.expiresAt, cutoff), lt(sessions.revokedAt, cutoff))))[0]!.n;

describe('the retention job', () => {
  it('deletes sessions and one-time links ended more than RETENTION_SESSION_DAYS ago, and keeps live ones', async () => {
    const clinician = await server.login('clinician');
    const signedOut = await server.login('clinician2');
    expect((await server.request('POST', '/api/auth/logout', { cookie: signedOut })).status).toBe(204);
    const created = await server.createCase(clinician);
    const invite = await server.invite(clinician, created.id);
    await server.join(tokenOf(invite.devJoinLink!));
    // A second link, never used.
    await server.invite(clinician, created.id);

    // Everything above ends within 12 hours; 30 days later it is past the grace.
    server.clock.advance(12 * HOUR_MS + 30 * DAY_MS + 60_000);
    const live = await server.login('clinician');
    const cutoff = new Date(server.clock.now().getTime() - 30 * DAY_MS);
    const due = await sessionsEndedBefore(cutoff);
    expect(due).toBeGreaterThanOrEqual(3);
    const [casesBefore, callsBefore] = [await countOf(cases), await countOf(calls)];

    const counts = await run();
    expect(counts.sessions).toBe(due);
    expect(counts.invites).toBeGreaterThanOrEqual(2);
    expect(await sessionsEndedBefore(cutoff)).toBe(0);
    expect(await db().select().from(invites).where(eq(invites.caseId, created.id))).toEqual([]);
    // The old cookie is simply unknown now; the session made since still works.
    expect((await server.request('GET', '/api/auth/session', { cookie: clinician })).status).toBe(401);
    expect((await server.request('GET', '/api/auth/session', { cookie: live })).status).toBe(200);
    // The case and its call are the child's record: kept.
    expect([await countOf(cases), await countOf(calls)]).toEqual([casesBefore, callsBefore]);
    expect((await server.getCase(live, created.id)).call).not.toBeNull();
  });

  it('deletes drafts of signed decisions (saved before the signature, or untouched for RETENTION_DRAFT_DAYS), never an unsigned case’s', async () => {
    const clinician = await server.login('clinician');
    const signedCase = await server.createCase(clinician);
    const unsignedCase = await server.createCase(clinician);
    // A draft left behind by someone else before the signature (a late autosave of another tab).
    await db().insert(decisionDrafts).values({ caseId: signedCase.id, userId: server.userIds.clinician2, kind: 'sign', body: A_DRAFT, updatedAt: server.clock.now() });
    server.clock.advance(1_000);
    expect((await postDecision(server, { caseId: signedCase.id, body: SELF_CARE, key: newIdempotencyKey(), cookie: clinician })).status).toBe(201);
    server.clock.advance(1_000);
    // An amendment begun after signing, and a first decision not yet signed.
    const draftPath = (caseId: string, kind: string) => `/api/cases/${caseId}/decisions/drafts/${kind}`;
    expect((await server.request('PUT', draftPath(signedCase.id, 'amend'), { cookie: clinician, json: A_DRAFT })).status).toBe(200);
    expect((await server.request('PUT', draftPath(unsignedCase.id, 'sign'), { cookie: clinician, json: A_DRAFT })).status).toBe(200);
    const draftsOf = (caseId: string) => db().select({ kind: decisionDrafts.kind, userId: decisionDrafts.userId }).from(decisionDrafts).where(eq(decisionDrafts.caseId, caseId));

    expect((await run()).drafts).toBe(1);
    expect(await draftsOf(signedCase.id)).toEqual([{ kind: 'amend', userId: server.userIds.clinician }]);

    // Abandoned: the amendment draft goes after 30 days; the unsigned case's draft stays.
    server.clock.advance(30 * DAY_MS + 60_000);
    expect((await run()).drafts).toBe(1);
    expect(await draftsOf(signedCase.id)).toEqual([]);
    expect(await draftsOf(unsignedCase.id)).toEqual([{ kind: 'sign', userId: server.userIds.clinician }]);
  });

  it('wipes the text of an SMS RETENTION_SMS_BODY_HOURS after it settled, keeping the row; a queued one is left alone', async () => {
    const clinician = await server.login('clinician');
    const created = await server.createCase(clinician, { ...A_CASE, callerPhone: '07700 900456' });
    const { sms: invited } = await server.invite(clinician, created.id);
    expect((await postDecision(server, { caseId: created.id, body: SELF_CARE, key: newIdempotencyKey(), cookie: clinician })).status).toBe(201);
    await server.app.smsWorker.runOnce();
    const settledRows = await db().select().from(smsOutbox).where(eq(smsOutbox.caseId, created.id));
    expect(settledRows.map((row) => row.status)).toEqual(['sent', 'sent']);

    // Queued after the others settled (no worker runs here): the job must not touch it.
    const other = await server.createCase(clinician, { ...A_CASE, callerPhone: '07700 900457' });
    server.clock.advance(HOUR_MS);
    // Signed in again: an hour idle ends a staff session.
    const { sms: queued } = await server.invite(await server.login('clinician'), other.id);

    // Not yet 24 hours since they were sent.
    expect((await run()).smsBodies).toBe(0);
    server.clock.advance(23 * HOUR_MS + 60_000);
    const counts = await run();
    expect(counts.smsBodies).toBeGreaterThanOrEqual(2);

    const after = await db().select().from(smsOutbox).where(eq(smsOutbox.caseId, created.id));
    for (const row of after) {
      expect(row).toMatchObject({ body: null, link: null, secretBody: null, status: 'sent', to: '+447700900456' });
    }
    expect(after.map((row) => row.template).sort()).toEqual(['safety_netting', 'video_invite']);
    // The case still says what became of its SMS (signed in again: a day has passed).
    expect((await server.getCase(await server.login('clinician'), created.id)).lastSms).toMatchObject({ id: invited.id, status: 'sent' });
    const [stillQueued] = await db().select().from(smsOutbox).where(eq(smsOutbox.id, queued.id));
    expect(stillQueued).toMatchObject({ status: 'queued', body: expect.stringContaining('/join/') });
  });

  it('never deletes a decision or an audit row, writes one audit row of counts per run, and finds nothing the second time', async () => {
    const clinician = await server.login('clinician');
    const created = await server.createCase(clinician, { childFirstName: 'Ottoline', callerPhone: '07700 900458' });
    expect((await postDecision(server, { caseId: created.id, body: SELF_CARE, key: newIdempotencyKey(), cookie: clinician })).status).toBe(201);
    await server.app.smsWorker.runOnce();
    server.clock.advance(400 * DAY_MS);
    const [decisionsBefore, auditBefore] = [await countOf(decisions), await countOf(audit)];

    // A run that tried to delete audit rows would fail on the trigger (migration 0005): both succeed.
    const first = await run();
    const again = await run();
    expect(again).toEqual({ sessions: 0, invites: 0, drafts: 0, smsBodies: 0, photos: 0 });
    expect(await countOf(decisions)).toBe(decisionsBefore);
    // Nothing of the trail went; exactly the two runs' rows came.
    expect(await countOf(audit)).toBe(auditBefore + 2);

    const rows = await db().select().from(audit).where(eq(audit.action, 'retention_run')).orderBy(audit.at);
    const [firstRow, secondRow] = rows.slice(-2);
    expect(firstRow).toMatchObject({ actor: 'system', subject: null, detail: { ...first, policy: { sessionDays: 30, draftDays: 30, smsBodyHours: 24, photoDays: 30 } } });
    expect(secondRow!.detail).toMatchObject(again);
    // Counts only: nothing a row held.
    const written = JSON.stringify(rows.map((row) => row.detail));
    for (const value of ['Ottoline', '900458', 'Well child', 'join']) expect(written).not.toContain(value);
  });

  it('has no photos to delete yet: the count is 0 and the setting is recorded', async () => {
    const counts = await run();
    expect(counts.photos).toBe(0);
  });
});

describe('the retention job on its schedule', () => {
  it('runs at start and again every RETENTION_INTERVAL_MINUTES, on its own', async () => {
    const scheduled = await startServer({ smsWorker: false, retention: true, env: { RETENTION_INTERVAL_MINUTES: '0.01' } });
    const runs = () => scheduled.deps.db.select({ n: count() }).from(audit).where(eq(audit.action, 'retention_run'));
    try {
      const until = Date.now() + 20_000;
      while ((await runs())[0]!.n < 3) {
        if (Date.now() > until) throw new Error(`only ${(await runs())[0]!.n} retention runs in 20 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await scheduled.close();
    }
  });
});
