import { callBackResultSchema, caseSchema, safeguardingConcernSchema, type CallWatch } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, watchFeed } from './feeds.js';
import { connectSocket, errorOf, startWithStaff, tokenOf, type TestServer } from './harness.js';

/**
 * Issue 11: the case's clinician flags a safeguarding concern (reason required, audited with its
 * text, on the case and live on the supervisor's board), and records phoning the parent back after
 * video failed (the board's call-back due ends, audited; a later failed call asks again).
 */

let server: TestServer;
let clinician: string;
let clinician2: string;
let supervisor: string;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  ({ server, clinician, clinician2, supervisor } = await startWithStaff());
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

async function watched<T extends { close(): void }>(feed: Promise<T>): Promise<T> {
  const opened = await feed;
  sockets.push(opened);
  return opened;
}

const flag = (caseId: string, json: unknown, cookie = clinician) => server.request('POST', `/api/cases/${caseId}/safeguarding`, { cookie, json });
const callBack = (caseId: string, cookie = clinician) => server.request('POST', `/api/cases/${caseId}/call-back`, { cookie });
const caseAs = async (cookie: string, caseId: string) => {
  const response = await server.request('GET', `/api/cases/${caseId}`, { cookie });
  expect(response.status).toBe(200);
  return caseSchema.parse(response.body);
};

describe('a safeguarding concern', () => {
  it('needs a reason of 1 to 500 characters', async () => {
    const created = await server.createCase(clinician, { reference: '111-SAFE-001' });
    for (const json of [{ reason: '' }, { reason: '   \n ' }, { reason: 'x'.repeat(501) }, {}, { reason: 'ok', extra: 1 }]) {
      const response = await flag(created.id, json);
      expect(response.status, JSON.stringify(json)).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    }
    expect((await caseAs(clinician, created.id)).safeguarding).toBeNull();
    expect(await server.auditRows('safeguarding_flagged', `case:${created.id}`)).toEqual([]);
  });

  it("is flagged only by the case's clinician: another clinician and a supervisor are refused", async () => {
    const created = await server.createCase(clinician, { reference: '111-SAFE-002' });
    for (const cookie of [clinician2, supervisor]) {
      const response = await flag(created.id, { reason: 'Bruising' }, cookie);
      expect(response.status).toBe(403);
      expect(errorOf(response).code).toBe('FORBIDDEN');
    }
    expect((await caseAs(clinician, created.id)).safeguarding).toBeNull();
    expect(await server.auditRows('safeguarding_flagged', `case:${created.id}`)).toEqual([]);
  });

  it('is kept on the case, audited with its reason, and shown live on the board and to supervisors; a second flag replaces the reason', async () => {
    const created = await server.createCase(clinician, { reference: '111-SAFE-003' });
    const board = await watched(watchFeed(server, supervisor, 'board'));
    await board.waitForRow(created.id, (row) => row.state === 'new');
    expect(board.rows().get(created.id)?.safeguarding).toBe(false);

    const response = await flag(created.id, { reason: '  Bruises on the upper arms that the story does not explain.  ' });
    expect(response.status).toBe(200);
    const concern = safeguardingConcernSchema.parse(response.body);
    expect(concern).toMatchObject({ reason: 'Bruises on the upper arms that the story does not explain.', flaggedBy: 'Nurse Demo' });

    await board.waitForRow(created.id, (row) => row.safeguarding);
    expect((await caseAs(clinician, created.id)).safeguarding).toEqual(concern);
    // The supervisor's read-only view carries it too.
    expect((await caseAs(supervisor, created.id)).safeguarding).toEqual(concern);
    const [audited] = await server.auditRows('safeguarding_flagged', `case:${created.id}`);
    expect(audited).toMatchObject({ actor: `user:${server.userIds.clinician}`, detail: { reason: concern.reason, replaced: false } });

    const again = await flag(created.id, { reason: 'Also: the sibling was not at school today.' });
    expect(again.status).toBe(200);
    expect((await caseAs(clinician, created.id)).safeguarding?.reason).toBe('Also: the sibling was not at school today.');
    const rows = await server.auditRows('safeguarding_flagged', `case:${created.id}`);
    expect(rows.map((r) => r.detail)).toEqual([
      { reason: concern.reason, replaced: false },
      { reason: 'Also: the sibling was not at school today.', replaced: true },
    ]);
  });
});

describe('calling the parent back after video failed', () => {
  /** A case whose parent was let in and video connected (the desk asked them to hang up), then the clinician carried on by phone: the parent is owed a call-back. */
  async function carriedOnByPhone(caseId: string, connect = true) {
    const invite = await server.invite(clinician, caseId);
    const desk = await watched(connectSocket(server, { kind: 'staff', cookie: clinician }));
    const callId = dataOf<CallWatch>(await desk.socket.emitWithAck('case:watch', { caseId })).update!.callId;
    const parentJoin = await server.join(tokenOf(invite.devJoinLink!));
    const parent = await watched(connectSocket(server, { kind: 'parent', cookie: parentJoin.cookie }));
    dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
    dataOf(await desk.socket.emitWithAck('call:admit', { callId, participantId: parentJoin.session.participantId }));
    if (connect) dataOf(await desk.socket.emitWithAck('call:media', { callId, peers: { [parentJoin.session.participantId]: 'connected' } }));
    dataOf(await desk.socket.emitWithAck('call:end', { callId, reason: 'phone_fallback' }));
    return callId;
  }

  it('is refused, and the board never says call-back due, when video never connected (the parent is still on the phone)', async () => {
    const created = await server.createCase(clinician, { reference: '111-BACK-003' });
    const board = await watched(watchFeed(server, supervisor, 'board'));
    await carriedOnByPhone(created.id, false);
    await board.waitForState(created.id, 'wrap_up');
    expect((await caseAs(clinician, created.id)).call).toMatchObject({ state: 'ended', reason: 'phone_fallback', connectedAt: null });
    const response = await callBack(created.id);
    expect(response.status).toBe(409);
    expect(errorOf(response).code).toBe('CALL_BACK_NOT_DUE');
    expect(await server.auditRows('parent_called_back', `case:${created.id}`)).toEqual([]);
  });

  it('is refused while no call-back is due', async () => {
    const created = await server.createCase(clinician, { reference: '111-BACK-001' });
    const response = await callBack(created.id);
    expect(response.status).toBe(409);
    expect(errorOf(response).code).toBe('CALL_BACK_NOT_DUE');
  });

  it("is recorded only by the case's clinician, audited, ends the board's call-back due, and a later failed call asks again", async () => {
    const created = await server.createCase(clinician, { reference: '111-BACK-002' });
    const board = await watched(watchFeed(server, supervisor, 'board'));
    const callId = await carriedOnByPhone(created.id);
    await board.waitForState(created.id, 'call_back_due');
    const due = await caseAs(clinician, created.id);
    expect(due.call).toMatchObject({ state: 'ended', reason: 'phone_fallback' });
    expect(due.call?.stateSince).toEqual(expect.any(String));
    expect(due.calledBackAt).toBeNull();

    for (const cookie of [clinician2, supervisor]) {
      const refused = await callBack(created.id, cookie);
      expect(refused.status).toBe(403);
      expect(errorOf(refused).code).toBe('FORBIDDEN');
    }
    expect(await server.auditRows('parent_called_back', `case:${created.id}`)).toEqual([]);

    const response = await callBack(created.id);
    expect(response.status).toBe(200);
    const result = callBackResultSchema.parse(response.body);
    const row = await board.waitForState(created.id, 'wrap_up').then(() => board.rows().get(created.id)!);
    expect(row).toMatchObject({ calledBackAt: result.calledBackAt, stateSince: result.calledBackAt });
    expect((await caseAs(clinician, created.id)).calledBackAt).toBe(result.calledBackAt);
    const [audited] = await server.auditRows('parent_called_back', `case:${created.id}`);
    expect(audited).toMatchObject({ actor: `user:${server.userIds.clinician}`, detail: { callId, callState: 'ended', callReason: 'phone_fallback' } });

    // Recorded once: a second tap is told nothing is due.
    const twice = await callBack(created.id);
    expect(twice.status).toBe(409);
    expect(errorOf(twice).code).toBe('CALL_BACK_NOT_DUE');

    // A new link: the new call is the story; when it too ends by phone, the parent is owed a call-back again.
    const secondCall = await carriedOnByPhone(created.id);
    expect(secondCall).not.toBe(callId);
    await board.waitForState(created.id, 'call_back_due');
    expect((await callBack(created.id)).status).toBe(200);
    await board.waitForState(created.id, 'wrap_up');
    expect(await server.auditRows('parent_called_back', `case:${created.id}`)).toHaveLength(2);
  });
});
