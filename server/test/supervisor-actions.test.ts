import { randomUUID } from 'node:crypto';
import {
  assignmentResultSchema,
  availabilitySchema,
  blankDraft,
  caseSchema,
  deskNoticeSchema,
  deskNoticesSchema,
  savedDraftSchema,
  staffCliniciansSchema,
  type Ack,
  type CallUpdate,
  type CallWatch,
} from '@desk/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../src/auth/users.js';
import { cases, decisionDrafts, deskNotices } from '../src/db/schema.js';
import { dataOf, watchFeed } from './feeds.js';
import { connectSocket, decisionRowsFor, errorOf, newIdempotencyKey, PASSWORD, postDecision, startWithStaff, tokenOf, type TestServer } from './harness.js';

/**
 * Issue 10, "Actions": a supervisor gives a case to another clinician (the draft follows it, both
 * desks and the board hear it live, the new clinician gets a notice), asks a clinician to take a
 * waiting parent, reads a case without being able to touch its call or decision; clinicians say
 * whether they are available, and the board follows.
 */

let server: TestServer;
let clinician: string;
let clinician2: string;
let supervisor: string;
let ids: TestServer['userIds'];
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  ({ server, clinician, clinician2, supervisor } = await startWithStaff());
  ids = server.userIds;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

const assign = (caseId: string, clinicianId: string, cookie = supervisor) =>
  server.request('POST', `/api/cases/${caseId}/assignment`, { cookie, json: { clinicianId } });
const takeParent = (caseId: string, clinicianId: string, cookie = supervisor) =>
  server.request('POST', `/api/cases/${caseId}/take-parent`, { cookie, json: { clinicianId } });
const draftPath = (caseId: string) => `/api/cases/${caseId}/decisions/drafts/sign`;
const noticesOf = async (cookie: string) => {
  const response = await server.request('GET', '/api/me/notices', { cookie });
  expect(response.status).toBe(200);
  return deskNoticesSchema.parse(response.body).notices;
};

async function watched<T extends { close(): void }>(feed: Promise<T>): Promise<T> {
  const opened = await feed;
  sockets.push(opened);
  return opened;
}

/** A case of the first clinician whose parent is in the waiting room: the call id and the parent's page. */
async function parentWaiting(reference: string) {
  const created = await server.createCase(clinician, { reference });
  const invite = await server.invite(clinician, created.id);
  const desk = await watched(connectSocket(server, { kind: 'staff', cookie: clinician }));
  const callId = dataOf<CallWatch>(await desk.socket.emitWithAck('case:watch', { caseId: created.id })).update!.callId;
  const parentJoin = await server.join(tokenOf(invite.devJoinLink!));
  const parent = await watched(connectSocket(server, { kind: 'parent', cookie: parentJoin.cookie }));
  dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
  return { caseId: created.id, callId, desk, parentParticipantId: parentJoin.session.participantId };
}

describe('reassigning a case', () => {
  it('moves the case and its unsigned draft to the new clinician, audited, live on the board, both case lists and the new desk', async () => {
    const created = await server.createCase(clinician, { reference: '111-MOVE-001' });
    const draft = blankDraft('key-move-draft', { disposition: 'primary_care', notes: 'Half written: alert, pink' });
    expect((await server.request('PUT', draftPath(created.id), { cookie: clinician, json: draft })).status).toBe(200);
    // An old draft of the new clinician's for the same case (from an earlier turn with it) is replaced, not kept.
    await server.deps.db.insert(decisionDrafts).values({ caseId: created.id, userId: ids.clinician2, kind: 'sign', body: blankDraft('key-stale', { notes: 'Stale' }) });

    const [board, firstList, secondList] = await Promise.all([
      watched(watchFeed(server, supervisor, 'board')),
      watched(watchFeed(server, clinician, 'cases')),
      watched(watchFeed(server, clinician2, 'cases')),
    ]);
    const response = await assign(created.id, ids.clinician2);
    const answeredAt = Date.now();
    expect(response.status).toBe(200);
    expect(assignmentResultSchema.parse(response.body)).toEqual({ caseId: created.id, clinicianId: ids.clinician2, previousClinicianId: ids.clinician });

    const movedTo = (row: { clinician: { id: string } | null }) => row.clinician?.id === ids.clinician2;
    await Promise.all([board.waitForRow(created.id, movedTo), firstList.waitForRow(created.id, movedTo), secondList.waitForRow(created.id, movedTo)]);
    expect(Date.now() - answeredAt, 'the board and both lists show it within a second').toBeLessThan(1_000);
    expect(board.rows().get(created.id)?.clinician).toEqual({ id: ids.clinician2, name: 'Nurse Second' });

    const notice = await secondList.waitForNotice('case_assigned', created.id);
    expect(notice).toMatchObject({ kind: 'case_assigned', caseId: created.id, reference: '111-MOVE-001', childFirstName: 'Amelia', from: 'Supervisor Demo' });
    expect(await firstList.waitForNotice('case_unassigned', created.id)).toMatchObject({ from: 'Supervisor Demo' });
    expect(firstList.notices.filter((n) => n.kind === 'case_assigned' && n.caseId === created.id)).toEqual([]);
    expect((await noticesOf(clinician2)).find((n) => n.caseId === created.id)).toEqual(notice);

    const [row] = await server.deps.db.select().from(cases).where(eq(cases.id, created.id));
    expect(row!.assignedClinicianId).toBe(ids.clinician2);
    const moved = await server.request('GET', draftPath(created.id), { cookie: clinician2 });
    expect(moved.status).toBe(200);
    expect(savedDraftSchema.parse(moved.body).draft).toEqual(draft);
    expect((await server.request('GET', draftPath(created.id), { cookie: clinician })).status).toBe(403);
    expect(await server.deps.db.select().from(decisionDrafts).where(eq(decisionDrafts.caseId, created.id))).toHaveLength(1);

    const audited = await server.auditRows('case_reassigned', `case:${created.id}`);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor: `user:${ids.supervisor}`, detail: { from: ids.clinician, to: ids.clinician2 } });
    // The new clinician can now send the link; the previous one no longer can.
    expect((await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician })).status).toBe(403);
    await server.invite(clinician2, created.id);
  });

  it('dismisses a notice for its owner only: 204, then it is no longer listed; another user is told 404', async () => {
    const created = await server.createCase(clinician, { reference: '111-DISMISS' });
    expect((await assign(created.id, ids.clinician2)).status).toBe(200);
    const notice = (await noticesOf(clinician2)).find((n) => n.caseId === created.id && n.kind === 'case_assigned')!;
    expect((await server.request('POST', `/api/me/notices/${notice.id}/dismiss`, { cookie: clinician })).status).toBe(404);
    expect((await server.request('POST', `/api/me/notices/${randomUUID()}/dismiss`, { cookie: clinician2 })).status).toBe(404);
    expect((await server.request('POST', `/api/me/notices/${notice.id}/dismiss`, { cookie: clinician2 })).status).toBe(204);
    expect((await noticesOf(clinician2)).map((n) => n.id)).not.toContain(notice.id);
    // The previous clinician's own notice about the same case is theirs to dismiss: still listed.
    expect((await noticesOf(clinician)).some((n) => n.caseId === created.id && n.kind === 'case_unassigned')).toBe(true);
  });

  it('answers the same clinician again with 200 and changes nothing: no audit, no notice', async () => {
    const created = await server.createCase(clinician, { reference: '111-SAME' });
    const response = await assign(created.id, ids.clinician);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ caseId: created.id, clinicianId: ids.clinician, previousClinicianId: ids.clinician });
    expect(await server.auditRows('case_reassigned', `case:${created.id}`)).toEqual([]);
    expect(await server.deps.db.select().from(deskNotices).where(eq(deskNotices.caseId, created.id))).toEqual([]);
  });

  it('refuses with the contract codes: unknown case, closed case, live call, not an active clinician, wrong role, bad body', async () => {
    const open = await server.createCase(clinician, { reference: '111-REFUSE' });
    expect(errorOf(await assign(randomUUID(), ids.clinician2))).toMatchObject({ code: 'NOT_FOUND' });

    const signed = await server.createCase(clinician, { reference: '111-CLOSED' });
    expect((await postDecision(server, { caseId: signed.id, body: { disposition: 'self_care', notes: 'Well.' }, key: newIdempotencyKey(), cookie: clinician })).status).toBe(201);
    const closed = await assign(signed.id, ids.clinician2);
    expect([closed.status, errorOf(closed).code]).toEqual([409, 'CASE_CLOSED']);

    const leaver = await addUser(server.deps.db, { username: 'leaver-actions', displayName: 'Nurse Leaver', role: 'clinician', password: PASSWORD });
    const admin = await server.login('admin');
    expect((await server.request('POST', `/api/admin/users/${leaver.id}/disable`, { cookie: admin })).status).toBe(204);
    for (const target of [ids.supervisor, ids.admin, leaver.id, randomUUID()]) {
      const refused = await assign(open.id, target);
      expect([refused.status, errorOf(refused).code], target).toEqual([422, 'NOT_A_CLINICIAN']);
    }

    expect(errorOf(await assign(open.id, ids.clinician2, clinician))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await server.request('POST', `/api/cases/${open.id}/assignment`, { json: { clinicianId: ids.clinician2 } })).status).toBe(401);
    expect(errorOf(await server.request('POST', `/api/cases/${open.id}/assignment`, { cookie: supervisor, json: { clinicianId: 'clinician2' } }))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    // An admin may do it too.
    expect((await assign(open.id, ids.clinician2, admin)).status).toBe(200);
    expect(await server.auditRows('case_reassigned', `case:${signed.id}`)).toEqual([]);
  });

  it('moves a call nobody is on yet with the case: the parent’s link still works and the new clinician lets them in, the previous one cannot', async () => {
    const linkSent = await server.createCase(clinician, { reference: '111-LINK-SENT' });
    const invite = await server.invite(clinician, linkSent.id);
    const oldDesk = await watched(connectSocket(server, { kind: 'staff', cookie: clinician }));
    const callId = dataOf<CallWatch>(await oldDesk.socket.emitWithAck('case:watch', { caseId: linkSent.id })).update!.callId;
    expect((await assign(linkSent.id, ids.clinician2)).status).toBe(200);
    // Before the new clinician even opens the case, the previous one's open page no longer acts for the call.
    const early = (await oldDesk.socket.emitWithAck('call:end', { callId })) as Ack<unknown>;
    expect(early.ok, 'the previous clinician’s page cannot end the moved call').toBe(false);

    const newDesk = await watched(connectSocket(server, { kind: 'staff', cookie: clinician2 }));
    const watch = dataOf<CallWatch>(await newDesk.socket.emitWithAck('case:watch', { caseId: linkSent.id }));
    expect(watch.self, 'the new clinician hosts the call').not.toBeNull();
    expect(watch.update!.participants.find((p) => p.role === 'clinician')?.name).toBe('Nurse Second');
    const parentJoin = await server.join(tokenOf(invite.devJoinLink!));
    const parent = await watched(connectSocket(server, { kind: 'parent', cookie: parentJoin.cookie }));
    dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
    const refused = (await oldDesk.socket.emitWithAck('call:admit', { callId, participantId: parentJoin.session.participantId })) as Ack<unknown>;
    expect(refused.ok, 'the previous clinician cannot let the parent in').toBe(false);
    const admitted = dataOf<CallUpdate>(await newDesk.socket.emitWithAck('call:admit', { callId, participantId: parentJoin.session.participantId }));
    expect(admitted.snapshot.state).toBe('admitted');
  });

  it('refuses with 409 CALL_IN_PROGRESS while a parent waits or is in the call, and allows it once the call has ended', async () => {
    const waiting = await parentWaiting('111-WAITING');
    expect(errorOf(await assign(waiting.caseId, ids.clinician2))).toMatchObject({ code: 'CALL_IN_PROGRESS' });
    dataOf(await waiting.desk.socket.emitWithAck('call:admit', { callId: waiting.callId, participantId: waiting.parentParticipantId }));
    expect(errorOf(await assign(waiting.caseId, ids.clinician2))).toMatchObject({ code: 'CALL_IN_PROGRESS' });
    const [row] = await server.deps.db.select().from(cases).where(eq(cases.id, waiting.caseId));
    expect(row!.assignedClinicianId, 'nothing moved').toBe(ids.clinician);

    dataOf(await waiting.desk.socket.emitWithAck('call:end', { callId: waiting.callId }));
    expect((await assign(waiting.caseId, ids.clinician2)).status).toBe(200);
  });
});

describe('asking a clinician to take a waiting parent', () => {
  it('answers 202 with the notice, which reaches the case’s clinician live and is listed and audited; another clinician is refused', async () => {
    const waiting = await parentWaiting('111-TAKE');
    const desk = await watched(watchFeed(server, clinician, 'cases'));
    // Only the case's clinician can admit: asking another is refused, and nothing is sent or audited for it.
    const other = await takeParent(waiting.caseId, ids.clinician2);
    expect([other.status, errorOf(other).code]).toEqual([409, 'NOT_CASE_CLINICIAN']);
    expect(await noticesOf(clinician2)).not.toContainEqual(expect.objectContaining({ caseId: waiting.caseId }));
    const response = await takeParent(waiting.caseId, ids.clinician);
    expect(response.status).toBe(202);
    const notice = deskNoticeSchema.parse(response.body);
    expect(notice).toMatchObject({ kind: 'take_waiting_parent', caseId: waiting.caseId, reference: '111-TAKE', from: 'Supervisor Demo' });
    expect(await desk.waitForNotice('take_waiting_parent', waiting.caseId)).toEqual(notice);
    expect((await noticesOf(clinician))[0]).toEqual(notice);
    const audited = await server.auditRows('take_parent_requested', `case:${waiting.caseId}`);
    expect(audited.map((a) => a.detail)).toEqual([{ clinicianId: ids.clinician }]);
  });

  it('refuses with 409 NO_PARENT_WAITING, 422 NOT_A_CLINICIAN, 404, 409 CASE_CLOSED, and to clinicians', async () => {
    const linkSent = await server.createCase(clinician, { reference: '111-NOBODY' });
    await server.invite(clinician, linkSent.id);
    const nobody = await takeParent(linkSent.id, ids.clinician2);
    expect([nobody.status, errorOf(nobody).code]).toEqual([409, 'NO_PARENT_WAITING']);
    expect(errorOf(await takeParent(linkSent.id, ids.supervisor))).toMatchObject({ code: 'NOT_A_CLINICIAN' });
    expect(errorOf(await takeParent(randomUUID(), ids.clinician2))).toMatchObject({ code: 'NOT_FOUND' });
    const signed = await server.createCase(clinician, { reference: '111-TAKE-CLOSED' });
    await postDecision(server, { caseId: signed.id, body: { disposition: 'self_care', notes: 'Well.' }, key: newIdempotencyKey(), cookie: clinician });
    expect(errorOf(await takeParent(signed.id, ids.clinician2))).toMatchObject({ code: 'CASE_CLOSED' });
    expect(errorOf(await takeParent(linkSent.id, ids.clinician2, clinician))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await server.auditRows('take_parent_requested', `case:${linkSent.id}`)).toEqual([]);
  });
});

describe('availability and the clinicians list', () => {
  it("changes the board's clinician status live when a clinician sets themselves away, and back", async () => {
    // A clinician with no cases: nothing but what they set decides their status.
    const { id } = await addUser(server.deps.db, { username: 'freshshift', displayName: 'Nurse Fresh', role: 'clinician', password: PASSWORD });
    const fresh = await server.login('freshshift');
    const board = await watched(watchFeed(server, supervisor, 'board'));
    await board.waitForClinician(id, (c) => c.status === 'available');
    const away = await server.request('PUT', '/api/me/availability', { cookie: fresh, json: { availability: 'away' } });
    expect([away.status, availabilitySchema.parse(away.body)]).toEqual([200, { availability: 'away' }]);
    await board.waitForClinician(id, (c) => c.status === 'away');
    expect((await server.request('GET', '/api/me/availability', { cookie: fresh })).body).toEqual({ availability: 'away' });
    expect((await server.auditRows('availability_changed', `user:${id}`)).map((a) => a.detail)).toEqual([{ availability: 'away' }]);

    const staff = staffCliniciansSchema.parse((await server.request('GET', '/api/staff/clinicians', { cookie: supervisor })).body);
    expect(staff.clinicians.find((c) => c.id === id)).toEqual({ id, name: 'Nurse Fresh', signedIn: true, status: 'away' });

    await server.request('PUT', '/api/me/availability', { cookie: fresh, json: { availability: 'available' } });
    await board.waitForClinician(id, (c) => c.status === 'available');
  });

  it('refuses availability to anyone but a clinician, and a value that is not available or away', async () => {
    expect(errorOf(await server.request('GET', '/api/me/availability', { cookie: supervisor }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await server.request('PUT', '/api/me/availability', { cookie: supervisor, json: { availability: 'away' } }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await server.request('PUT', '/api/me/availability', { cookie: clinician, json: { availability: 'in_call' } }))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lists every active clinician, signed in or not, with the status the board gives them; never supervisors or disabled accounts', async () => {
    await addUser(server.deps.db, { username: 'nightshift', displayName: 'Nurse Night', role: 'clinician', password: PASSWORD });
    const response = await server.request('GET', '/api/staff/clinicians', { cookie: supervisor });
    expect(response.status).toBe(200);
    const { clinicians } = staffCliniciansSchema.parse(response.body);
    expect(clinicians.find((c) => c.name === 'Nurse Night')).toMatchObject({ signedIn: false, status: null });
    expect(clinicians.find((c) => c.id === ids.clinician)).toMatchObject({ signedIn: true, status: expect.any(String) });
    expect(clinicians.map((c) => c.name)).not.toContain('Supervisor Demo');
    expect(clinicians.map((c) => c.name)).not.toContain('Nurse Leaver');
    expect(clinicians.map((c) => c.name)).toEqual([...clinicians.map((c) => c.name)].sort((a, b) => a.localeCompare(b, 'en-GB')));
    expect(errorOf(await server.request('GET', '/api/staff/clinicians', { cookie: clinician }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe("a supervisor's read-only case", () => {
  it('answers the case view to a supervisor, audited as case_viewed, without the join link; a clinician reading it is not audited so', async () => {
    const created = await server.createCase(clinician, { reference: '111-VIEWED' });
    await server.invite(clinician, created.id);
    const seen = await server.request('GET', `/api/cases/${created.id}`, { cookie: supervisor });
    expect(seen.status).toBe(200);
    const view = caseSchema.parse(seen.body);
    expect(view).toMatchObject({ id: created.id, reference: '111-VIEWED', assignedClinician: 'Nurse Demo' });
    expect(view.devJoinLink).toBeUndefined();
    expect((await server.getCase(clinician, created.id)).devJoinLink).toEqual(expect.any(String));
    const audited = await server.auditRows('case_viewed', `case:${created.id}`);
    expect(audited.map((a) => a.actor)).toEqual([`user:${ids.supervisor}`]);
  });

  it('refuses a supervisor every call and decision control: invite, take the media, admit, relay credentials, draft, sign, amend', async () => {
    const waiting = await parentWaiting('111-HANDS-OFF');
    expect(errorOf(await server.request('POST', `/api/cases/${waiting.caseId}/invites`, { cookie: supervisor }))).toMatchObject({ code: 'FORBIDDEN' });
    const page = await watched(connectSocket(server, { kind: 'staff', cookie: supervisor }));
    const watch = dataOf<CallWatch>(await page.socket.emitWithAck('case:watch', { caseId: waiting.caseId }));
    expect(watch.self, 'the supervisor is not a participant of the call').toBeNull();
    for (const [event, payload] of [
      ['call:claim', { callId: waiting.callId }],
      ['call:admit', { callId: waiting.callId, participantId: waiting.parentParticipantId }],
      ['call:ice', { callId: waiting.callId }],
      ['call:end', { callId: waiting.callId }],
    ] as const) {
      expect(((await page.emitRaw(event, payload)) as Ack<unknown>), event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const draft = blankDraft('key-supervisor', { notes: 'Not mine to write' });
    expect(errorOf(await server.request('PUT', draftPath(waiting.caseId), { cookie: supervisor, json: draft }))).toMatchObject({ code: 'FORBIDDEN' });
    const decision = { disposition: 'self_care', notes: 'Well.' };
    expect(errorOf(await postDecision(server, { caseId: waiting.caseId, body: decision, key: newIdempotencyKey(), cookie: supervisor }))).toMatchObject({ code: 'FORBIDDEN' });
    dataOf(await waiting.desk.socket.emitWithAck('call:end', { callId: waiting.callId }));
    const signed = await postDecision(server, { caseId: waiting.caseId, body: decision, key: newIdempotencyKey(), cookie: clinician });
    const decisionId = (signed.body as { id: string }).id;
    const amended = await postDecision(server, { caseId: waiting.caseId, decisionId, body: { ...decision, reason: 'Changed' }, key: newIdempotencyKey(), cookie: supervisor });
    expect(errorOf(amended)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await decisionRowsFor(server, waiting.caseId)).map((d) => d.version), 'only the clinician signed').toEqual([1]);
  });
});
