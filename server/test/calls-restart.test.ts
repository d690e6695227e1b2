import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callParticipants, calls, invites } from '../src/db/schema.js';
import { PASSWORD, startServer, type TestServer } from './harness.js';

let server: TestServer;
let clinician: string;

beforeAll(async () => {
  server = await startServer({ sweep: false });
  clinician = await server.login('clinician', PASSWORD);
});
afterAll(() => server.close());

describe('call state across a restart and under concurrent requests', () => {
  it('fails a call that a crash left mid-connection once its deadline is due: the deadline is on the row, not in a timer', async () => {
    const created = await server.createCase(clinician);
    const invite = await server.invite(clinician, created.id);
    // As a crashed process leaves it: connecting, its media deadline long past, no process holding a timer.
    await server.deps.db
      .update(calls)
      .set({ state: 'connecting', deadlineKind: 'media', deadlineAt: new Date(Date.now() - 60 * 60 * 1000) })
      .where(eq(calls.id, invite.call.id));
    await server.app.sweeper.runOnce();
    expect(await server.deps.calls.byId(invite.call.id)).toMatchObject({ state: 'failed', reason: 'timeout', deadlineKind: 'abandon' });
  });

  it('keeps one open call per case, with one clinician and one parent, when two links are sent at the same moment', async () => {
    const created = await server.createCase(clinician);
    const [first, second] = await Promise.all([server.invite(clinician, created.id), server.invite(clinician, created.id)]);
    expect(first.call.id).toBe(second.call.id);
    expect(first.participant.id).toBe(second.participant.id);
    const rows = await server.deps.db.select().from(calls).where(eq(calls.caseId, created.id));
    expect(rows).toHaveLength(1);
    const people = await server.deps.db.select().from(callParticipants).where(eq(callParticipants.callId, first.call.id));
    expect(people.map((p) => p.role).sort()).toEqual(['clinician', 'parent']);
    const links = await server.deps.db.select().from(invites).where(eq(invites.caseId, created.id));
    expect(new Set(links.map((l) => l.callId))).toEqual(new Set([first.call.id]));
    // Only the newer of the two links is live.
    expect(links.filter((l) => !l.revokedAt)).toHaveLength(1);
  });

  it('gives up after a bounded number of version conflicts rather than retrying forever', async () => {
    const created = await server.createCase(clinician);
    const invite = await server.invite(clinician, created.id);
    const db = server.deps.db;
    // Another writer changes the call between every read and write.
    const realTransaction = db.transaction.bind(db);
    let writes = 0;
    db.transaction = (async (work: Parameters<typeof db.transaction>[0]) => {
      writes += 1;
      await db.update(calls).set({ updatedAt: new Date() }).where(eq(calls.id, invite.call.id));
      await db.execute(`update calls set version = nextval('call_seq') where id = '${invite.call.id}'`);
      return realTransaction(work);
    }) as typeof db.transaction;
    try {
      await expect(server.deps.calls.apply(invite.call.id, { type: 'LINK_EXPIRED' }, 'system')).rejects.toMatchObject({ code: 'CALL_STATE_CONFLICT' });
    } finally {
      db.transaction = realTransaction;
    }
    expect(writes).toBe(5);
  });
});

describe('the sweeper on its own', () => {
  let hinted: TestServer;
  let polled: TestServer;
  beforeAll(async () => {
    // One server that would not poll for a minute: only the hint from its own write can fire in time.
    [hinted, polled] = await Promise.all([
      startServer({ callTiming: { closingMs: 300 }, sweepPollMs: 60_000 }),
      startServer({ sweepPollMs: 400 }),
    ]);
  });
  afterAll(() => Promise.all([hinted.close(), polled.close()]));

  it('fires a deadline this node wrote when it falls due, without polling for it', async () => {
    const cookie = await hinted.login('clinician', PASSWORD);
    const created = await hinted.createCase(cookie);
    const invite = await hinted.invite(cookie, created.id);
    const callId = invite.call.id;
    const parentId = invite.participant.id;
    const clinicianId = invite.call.participants.find((p) => p.role === 'clinician')!.id;
    const apply = (command: Parameters<typeof hinted.deps.calls.apply>[1]) => hinted.deps.calls.apply(callId, command, 'system');
    await apply({ type: 'CLAIM', participantId: clinicianId, endpoint: 'desk-page-1', takeover: false, holderAlive: false });
    await apply({ type: 'READY', participantId: parentId, endpoint: 'phone-page-1' });
    await apply({ type: 'ADMIT', by: clinicianId, participantId: parentId, parentAgreed: false });
    // The parent's page said it was closing, then went: due 300 ms later.
    await apply({ type: 'CLOSING', participantId: parentId, endpoint: 'phone-page-1' });
    await apply({ type: 'ENDPOINT_LOST', participantId: parentId, endpoint: 'phone-page-1' });
    await expect.poll(async () => (await hinted.deps.calls.byId(callId))?.reason, { timeout: 5_000 }).toBe('parent_left');
  });

  it('finds a deadline another node wrote (straight into the database) by polling', async () => {
    const cookie = await polled.login('clinician', PASSWORD);
    const created = await polled.createCase(cookie);
    const invite = await polled.invite(cookie, created.id);
    await polled.deps.db
      .update(calls)
      .set({ state: 'reconnecting', deadlineKind: 'media', deadlineAt: new Date(Date.now() - 1_000) })
      .where(eq(calls.id, invite.call.id));
    await expect.poll(async () => (await polled.deps.calls.byId(invite.call.id))?.reason, { timeout: 5_000 }).toBe('timeout');
  });
});
