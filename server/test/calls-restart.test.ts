import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, invites } from '../src/db/schema.js';
import { PASSWORD, startServer, type TestServer } from './harness.js';

let server: TestServer;
let clinician: string;

beforeAll(async () => {
  server = await startServer({ connectTimeoutMs: 5_000 });
  clinician = await server.login('clinician', PASSWORD);
});
afterAll(() => server.close());

describe('call state across a restart and under concurrent requests', () => {
  it('fails a call that a restart left mid-connection once its time is up, instead of leaving it connecting forever', async () => {
    const created = await server.createCase(clinician);
    const invite = await server.invite(clinician, created.id);
    // As a crashed process leaves it: connecting, last touched long ago, no timer running.
    await server.deps.db
      .update(calls)
      .set({ state: 'connecting', attempt: 1, updatedAt: new Date(Date.now() - 60 * 60 * 1000) })
      .where(eq(calls.id, invite.call.id));

    await server.deps.calls.resumeTimeouts();

    await expect
      .poll(async () => (await server.deps.calls.byId(invite.call.id))?.state, { timeout: 5_000 })
      .toBe('failed');
    expect((await server.deps.calls.byId(invite.call.id))?.reason).toBe('timeout');
  });

  it('keeps one open call per case when two links are sent at the same moment', async () => {
    const created = await server.createCase(clinician);
    const [first, second] = await Promise.all([server.invite(clinician, created.id), server.invite(clinician, created.id)]);
    expect(first.call.id).toBe(second.call.id);
    const rows = await server.deps.db.select().from(calls).where(eq(calls.caseId, created.id));
    expect(rows).toHaveLength(1);
    const links = await server.deps.db.select().from(invites).where(eq(invites.caseId, created.id));
    expect(new Set(links.map((l) => l.callId))).toEqual(new Set([first.call.id]));
  });
});
