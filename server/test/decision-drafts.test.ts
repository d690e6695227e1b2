import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { blankDraft, savedDraftSchema, type DecisionDraftBody, type DecisionInput } from '@desk/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { decisionDrafts, decisions } from '../src/db/schema.js';
import { errorOf, newIdempotencyKey, postDecision, startServer, startWithStaff, type TestServer } from './harness.js';

let server: TestServer;
let clinician: string;
let clinician2: string;
let supervisor: string;
beforeAll(async () => {
  ({ server, clinician, clinician2, supervisor } = await startWithStaff());
});
afterAll(() => server.close());

/** Half-typed work: no notes yet, a finding, a timeframe not chosen. Not a valid decision, and it need not be. */
const A_DRAFT: DecisionDraftBody = blankDraft('key-draft-0001', {
  disposition: 'primary_care',
  notes: 'Seen on video: alert, pink',
  findings: { temperature_c: '38.4', rash: 'absent' },
  savedAt: '2025-01-02T14:02:00.000Z',
});

const A_DECISION: DecisionInput = { disposition: 'self_care', notes: 'Well child. Safety-netting given.' };

const draftPath = (caseId: string, kind = 'sign') => `/api/cases/${caseId}/decisions/drafts/${kind}`;
const putDraft = (caseId: string, body: unknown, cookie = clinician, kind = 'sign') =>
  server.request('PUT', draftPath(caseId, kind), { cookie, json: body });

describe('decision drafts', () => {
  it('saves the draft with 200 and gives it back, stamped with the server clock', async () => {
    const created = await server.createCase(clinician);
    const before = server.clock.now().getTime();

    const saved = await putDraft(created.id, A_DRAFT);
    expect(saved.status).toBe(200);
    const body = savedDraftSchema.parse(saved.body);
    expect(body).toEqual({ kind: 'sign', draft: A_DRAFT, updatedAt: expect.any(String) });
    expect(Date.parse(body.updatedAt)).toBeGreaterThanOrEqual(before);

    const read = await server.request('GET', draftPath(created.id), { cookie: clinician });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(body);
  });

  it('replaces the draft on the next save, keeping one row per case, clinician and form', async () => {
    const created = await server.createCase(clinician);
    await putDraft(created.id, A_DRAFT);
    server.clock.advance(60_000);
    const second = await putDraft(created.id, { ...A_DRAFT, notes: 'Seen on video: alert, pink, no rash.' });
    expect(second.status).toBe(200);
    await putDraft(created.id, { ...A_DRAFT, amends: 'some-version' }, clinician, 'amend');

    const rows = await server.deps.db.select().from(decisionDrafts).where(eq(decisionDrafts.caseId, created.id));
    expect(rows.map((r) => r.kind).sort()).toEqual(['amend', 'sign']);
    const read = savedDraftSchema.parse((await server.request('GET', draftPath(created.id), { cookie: clinician })).body);
    expect(read.draft.notes).toBe('Seen on video: alert, pink, no rash.');
    expect(read.updatedAt).toBe(savedDraftSchema.parse(second.body).updatedAt);
  });

  it('answers 404 NOT_FOUND when there is no draft, and for an unknown case', async () => {
    const created = await server.createCase(clinician);
    const none = await server.request('GET', draftPath(created.id), { cookie: clinician });
    expect(none.status).toBe(404);
    expect(errorOf(none).code).toBe('NOT_FOUND');

    const unknownCase = '00000000-0000-4000-8000-000000000000';
    expect((await putDraft(unknownCase, A_DRAFT)).status).toBe(404);
    expect((await server.request('GET', draftPath(unknownCase), { cookie: clinician })).status).toBe(404);
  });

  it('deletes the draft with 204, and deleting again is harmless', async () => {
    const created = await server.createCase(clinician);
    await putDraft(created.id, A_DRAFT);
    expect((await server.request('DELETE', draftPath(created.id), { cookie: clinician })).status).toBe(204);
    expect((await server.request('GET', draftPath(created.id), { cookie: clinician })).status).toBe(404);
    expect((await server.request('DELETE', draftPath(created.id), { cookie: clinician })).status).toBe(204);
  });

  it('refuses another clinician and a supervisor with 403, and nobody signed in with 401', async () => {
    const created = await server.createCase(clinician);
    await putDraft(created.id, A_DRAFT);
    for (const cookie of [clinician2, supervisor]) {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const response = await server.request(method, draftPath(created.id), { cookie, json: method === 'PUT' ? A_DRAFT : undefined });
        expect(response.status, `${method} as ${cookie}`).toBe(403);
        expect(errorOf(response).code).toBe('FORBIDDEN');
      }
    }
    const anonymous = await server.request('GET', draftPath(created.id));
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    expect((await server.request('PUT', draftPath(created.id), { json: A_DRAFT })).status).toBe(401);
    // The owner's draft is untouched by the refused requests.
    expect(savedDraftSchema.parse((await server.request('GET', draftPath(created.id), { cookie: clinician })).body).draft).toEqual(A_DRAFT);
  });

  it('refuses an unknown kind with 400', async () => {
    const created = await server.createCase(clinician);
    const response = await putDraft(created.id, A_DRAFT, clinician, 'final');
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect((await server.request('GET', draftPath(created.id, 'final'), { cookie: clinician })).status).toBe(400);
  });

  it.each([
    ['notes over 5000 characters', { ...A_DRAFT, notes: 'x'.repeat(5001) }],
    ['more than 100 findings', { ...A_DRAFT, findings: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`feature_${i}`, 'present'])) }],
    ['an unknown field', { ...A_DRAFT, signedBy: 'someone' }],
    ['a number where text goes', { ...A_DRAFT, notes: 42 }],
    ['no idempotency key', { ...A_DRAFT, idempotencyKey: '' }],
  ])('refuses a draft with %s with 400 and stores nothing', async (_what, body) => {
    const created = await server.createCase(clinician);
    const response = await putDraft(created.id, body);
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect((await server.request('GET', draftPath(created.id), { cookie: clinician })).status).toBe(404);
  });

  it('refuses a body over the JSON limit with 413', async () => {
    const created = await server.createCase(clinician);
    const response = await putDraft(created.id, { ...A_DRAFT, notes: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('deletes the sign draft when the decision is signed, and never lists a draft as a decision', async () => {
    const created = await server.createCase(clinician);
    await putDraft(created.id, A_DRAFT);
    const listed = await server.request('GET', `/api/cases/${created.id}/decisions`, { cookie: clinician });
    expect(listed.body).toEqual([]);

    const signed = await postDecision(server, { caseId: created.id, body: A_DECISION, key: newIdempotencyKey(), cookie: clinician });
    expect(signed.status).toBe(201);

    expect((await server.request('GET', draftPath(created.id), { cookie: clinician })).status).toBe(404);
    const versions = await server.request('GET', `/api/cases/${created.id}/decisions`, { cookie: clinician });
    expect(versions.body).toHaveLength(1);
    const rows = await server.deps.db.select().from(decisions).where(eq(decisions.caseId, created.id));
    expect(rows.map((r) => r.notes)).toEqual([A_DECISION.notes]);

    // A late autosave from the tab that just signed cannot bring the first-decision draft back.
    const late = await server.request('PUT', draftPath(created.id), { cookie: clinician, json: A_DRAFT });
    expect(late.status).toBe(409);
    expect((await server.request('GET', draftPath(created.id), { cookie: clinician })).status).toBe(404);
  });

  it('deletes the amend draft when the amendment is signed, and keeps the draft if signing fails', async () => {
    const created = await server.createCase(clinician);
    const first = await postDecision(server, { caseId: created.id, body: A_DECISION, key: newIdempotencyKey(), cookie: clinician });
    const decisionId = (first.body as { id: string }).id;
    await putDraft(created.id, { ...A_DRAFT, amends: decisionId, amendmentReason: 'Temperature re-measured' }, clinician, 'amend');

    const refused = await postDecision(server, { caseId: created.id, decisionId, body: { ...A_DECISION, reason: '' }, key: newIdempotencyKey(), cookie: clinician });
    expect(refused.status).toBe(400);
    expect((await server.request('GET', draftPath(created.id, 'amend'), { cookie: clinician })).status).toBe(200);

    const amended = await postDecision(server, {
      caseId: created.id,
      decisionId,
      body: { ...A_DECISION, reason: 'Temperature re-measured' },
      key: newIdempotencyKey(),
      cookie: clinician,
    });
    expect(amended.status).toBe(201);
    expect((await server.request('GET', draftPath(created.id, 'amend'), { cookie: clinician })).status).toBe(404);
  });

  it('keeps the draft across a restart: it is in the database, not in memory', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'desk-drafts-restart-'));
    try {
      const first = await startServer({ database: await openDatabase({ databaseUrl: null, dataDir }) });
      const cookie = await first.login('clinician');
      const created = await first.createCase(cookie);
      expect((await first.request('PUT', draftPath(created.id), { cookie, json: A_DRAFT })).status).toBe(200);
      await first.close();

      const second = await startServer({ database: await openDatabase({ databaseUrl: null, dataDir }) });
      try {
        const [row] = await second.deps.db
          .select()
          .from(decisionDrafts)
          .where(and(eq(decisionDrafts.caseId, created.id), eq(decisionDrafts.userId, second.userIds.clinician)));
        expect(row).toMatchObject({ kind: 'sign', body: A_DRAFT });
        const read = await second.request('GET', draftPath(created.id), { cookie: await second.login('clinician') });
        expect(savedDraftSchema.parse(read.body).draft).toEqual(A_DRAFT);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
