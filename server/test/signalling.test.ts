import { SIGNAL_MAX_BYTES, type Ack, type CallUpdate, type CallWatch, type Signal } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectError, connectSocket, errorOf, inState, joinedCase, participantIn, startServer, type TestServer, type TestSocket } from './harness.js';

const AN_OFFER = { kind: 'description', type: 'offer', sdp: 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n' } as const;
const AN_ANSWER = { kind: 'description', type: 'answer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } as const;
const A_CANDIDATE = { kind: 'candidate', candidate: 'candidate:1 1 udp 2122260223 198.51.100.18 40000 typ host', sdpMid: '0', sdpMLineIndex: 0 } as const;

function dataOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}
const updateOf = (ack: Ack<CallUpdate>) => dataOf(ack);
const watchOf = (ack: Ack<CallWatch>) => {
  const watch = dataOf(ack);
  if (!watch.update) throw new Error('no call in the watch');
  return { update: watch.update, self: watch.self };
};
function refusalOf(ack: unknown): string {
  const parsed = ack as Ack;
  if (parsed.ok) throw new Error(`expected a refusal, got ${JSON.stringify(parsed)}`);
  return parsed.error.code;
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A joined case: the assigned clinician watching it (holding its media) and the parent's socket connected. */
async function watchedCall(server: TestServer, sockets: TestSocket[]) {
  const cookie = await server.login('clinician');
  const { caseId, parentCookie, parentSession } = await joinedCase(server, cookie);
  const clinician = await connectSocket(server, { kind: 'staff', cookie });
  const parent = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
  sockets.push(clinician, parent);
  const { update, self } = watchOf(await clinician.socket.emitWithAck('case:watch', { caseId }));
  const callId = update.callId;
  const ids = { clinician: self!.participantId, parent: parentSession.participantId };
  return { cookie, caseId, callId, ids, parentCookie, clinician, parent };
}

/** …and the parent let in, with media reported connected. */
async function connectedCall(server: TestServer, sockets: TestSocket[]) {
  const call = await watchedCall(server, sockets);
  updateOf(await call.parent.socket.emitWithAck('call:ready', { callId: call.callId }));
  updateOf(await call.clinician.socket.emitWithAck('call:admit', { callId: call.callId, participantId: call.ids.parent }));
  updateOf(await call.clinician.socket.emitWithAck('call:media', { callId: call.callId, peers: { [call.ids.parent]: 'connected' } }));
  return call;
}

describe('socket handshake', () => {
  let server: TestServer;
  let clinician: string;
  beforeAll(async () => {
    server = await startServer();
    clinician = await server.login('clinician');
  });
  afterAll(() => server.close());

  it('refuses an old client with PROTOCOL_MISMATCH', async () => {
    const error = await connectError(server, { kind: 'staff', cookie: clinician, protocolVersion: 1 });
    expect(error.data).toMatchObject({ code: 'PROTOCOL_MISMATCH', message: expect.stringMatching(/Reload/) });
  });

  it('refuses a handshake without {kind, protocolVersion, endpoint} with VALIDATION_FAILED', async () => {
    expect((await connectError(server, { kind: 'staff', cookie: clinician, protocolVersion: 1.5 })).data).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await connectError(server, { kind: 'staff', cookie: clinician, endpoint: 'x' })).data).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses a socket without a session cookie with UNAUTHENTICATED', async () => {
    expect((await connectError(server, { kind: 'staff' })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await connectError(server, { kind: 'parent' })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await connectError(server, { kind: 'guest' })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a staff cookie offered as a join session, and a parent session offered as a guest', async () => {
    expect((await connectError(server, { kind: 'parent', cookie: clinician })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
    const { parentCookie } = await joinedCase(server, clinician);
    expect((await connectError(server, { kind: 'guest', cookie: parentCookie })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a handshake from another site with FORBIDDEN, even with a valid cookie (CSRF)', async () => {
    const error = await connectError(server, { kind: 'staff', cookie: clinician, origin: 'https://evil.example' });
    expect(error.data).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('accepts a handshake whose Origin is its own host', async () => {
    const socket = await connectSocket(server, { kind: 'staff', cookie: clinician, origin: server.url });
    expect(socket.socket.connected).toBe(true);
    socket.close();
  });
});

describe('a video call with the parent, over the signalling socket', () => {
  let server: TestServer;
  let clinicianCookie: string;
  let caseId: string;
  let callId: string;
  let ids: { clinician: string; parent: string };
  let parentCookie: string;
  let otherCall: { callId: string; parentId: string; parent: TestSocket };
  let clinician: TestSocket;
  let parent: TestSocket;
  let clinician2: TestSocket;
  let supervisor: TestSocket;
  const sockets: TestSocket[] = [];
  const signal = (from: string, to: string, data: Signal['data'], generation = 1_000_001): Signal => ({ callId, from, to, generation, data });

  beforeAll(async () => {
    server = await startServer();
    clinicianCookie = await server.login('clinician');
    const [clinician2Cookie, supervisorCookie] = await Promise.all([server.login('clinician2'), server.login('supervisor')]);
    const joined = await joinedCase(server, clinicianCookie);
    ({ caseId, parentCookie } = joined);
    callId = joined.invite.call.id;
    const other = await joinedCase(server, clinicianCookie, { reference: '111-OTHER', callerPhone: '07700 900456' });
    [clinician, parent, clinician2, supervisor] = await Promise.all([
      connectSocket(server, { kind: 'staff', cookie: clinicianCookie }),
      connectSocket(server, { kind: 'parent', cookie: parentCookie }),
      connectSocket(server, { kind: 'staff', cookie: clinician2Cookie }),
      connectSocket(server, { kind: 'staff', cookie: supervisorCookie }),
    ]);
    otherCall = {
      callId: other.invite.call.id,
      parentId: other.parentSession.participantId,
      parent: await connectSocket(server, { kind: 'parent', cookie: other.parentCookie }),
    };
    ids = { clinician: '', parent: joined.parentSession.participantId };
    sockets.push(clinician, parent, otherCall.parent, clinician2, supervisor);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  const storedCall = async () => (await server.getCase(clinicianCookie, caseId)).call;

  // The steps below are one call, in order: each relies on the state the previous one left.

  it('lets the assigned clinician watch the case and take its media; the case lists the participants', async () => {
    const { update, self } = watchOf(await clinician.socket.emitWithAck('case:watch', { caseId }));
    expect(update).toMatchObject({ caseId, callId, snapshot: { state: 'invited', reason: null } });
    expect(self).toEqual({ participantId: expect.any(String), holding: true });
    ids.clinician = self!.participantId;
    expect(participantIn(update, 'clinician')).toMatchObject({ id: ids.clinician, name: 'Nurse Demo', state: 'admitted', present: true, epoch: 1 });
    expect(participantIn(update, 'parent')).toMatchObject({ id: ids.parent, name: 'Mother', state: 'invited', present: false });
    expect((await storedCall())?.participants).toEqual([
      { id: ids.clinician, role: 'clinician', name: 'Nurse Demo', state: 'admitted', reason: null, present: true },
      { id: ids.parent, role: 'parent', name: 'Mother', state: 'invited', reason: null, present: false },
    ]);
  });

  it('lets other staff watch without taking anything', async () => {
    expect(dataOf(await clinician2.socket.emitWithAck('case:watch', { caseId })).self).toBeNull();
    expect(dataOf(await supervisor.socket.emitWithAck('case:watch', { caseId })).self).toBeNull();
  });

  it('puts the parent in the waiting room: both sides receive parent_waiting with the parent present', async () => {
    const from = clinician.updates.length;
    const ack = updateOf(await parent.socket.emitWithAck('call:ready', { callId }));
    expect(ack.snapshot).toEqual({ state: 'parent_waiting', reason: null });
    const seen = await clinician.waitForUpdate(inState('parent_waiting'), from);
    expect(participantIn(seen, 'parent')).toMatchObject({ state: 'waiting', present: true, epoch: 1 });
    expect(seen.seq).toBeGreaterThan(0);
    await parent.waitForUpdate(inState('parent_waiting'));
    updateOf(await otherCall.parent.socket.emitWithAck('call:ready', { callId: otherCall.callId }));
  });

  it('refuses Admit from a clinician who does not hold the call, from a supervisor, and from the parent', async () => {
    const admit = { callId, participantId: ids.parent };
    expect(refusalOf(await clinician2.socket.emitWithAck('call:admit', admit))).toBe('FORBIDDEN');
    expect(refusalOf(await supervisor.socket.emitWithAck('call:admit', admit))).toBe('FORBIDDEN');
    expect(refusalOf(await parent.emitRaw('call:admit', admit))).toBe('FORBIDDEN');
    expect(await storedCall()).toMatchObject({ state: 'parent_waiting' });
  });

  it('does not let a parent watch cases or claim a call', async () => {
    expect(refusalOf(await parent.emitRaw('case:watch', { caseId }))).toBe('FORBIDDEN');
    expect(refusalOf(await parent.emitRaw('call:claim', { callId }))).toBe('FORBIDDEN');
  });

  it('admits the parent when the clinician says so, audited; a second Admit is a conflict', async () => {
    const from = parent.updates.length;
    const ack = updateOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: ids.parent }));
    expect(ack.snapshot).toEqual({ state: 'admitted', reason: null });
    expect(participantIn(ack, 'parent')).toMatchObject({ state: 'admitted', admittedAt: expect.any(String) });
    await parent.waitForUpdate(inState('admitted'), from);
    expect(await server.auditRows('call_admitted', `case:${caseId}`)).toHaveLength(1);
    expect(refusalOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: ids.parent }))).toBe('CALL_STATE_CONFLICT');
  });

  it("relays the clinician's offer only to this call's parent, addressed, and the answer only back", async () => {
    let from = parent.signals.length;
    clinician.socket.emit('signal', signal(ids.clinician, ids.parent, AN_OFFER));
    expect(await parent.waitForSignal(from)).toEqual(signal(ids.clinician, ids.parent, AN_OFFER));
    from = clinician.signals.length;
    parent.socket.emit('signal', signal(ids.parent, ids.clinician, AN_ANSWER));
    parent.socket.emit('signal', signal(ids.parent, ids.clinician, A_CANDIDATE));
    await clinician.waitForSignal(from + 1);
    expect(clinician.signals.slice(from)).toEqual([signal(ids.parent, ids.clinician, AN_ANSWER), signal(ids.parent, ids.clinician, A_CANDIDATE)]);
    await pause(150);
    expect(otherCall.parent.signals).toEqual([]);
    expect(clinician2.signals).toEqual([]);
    expect(supervisor.signals).toEqual([]);
  });

  it.each([
    ["another call's parent, into this call", () => otherCall.parent, () => signal(otherCall.parentId, ids.clinician, AN_OFFER)],
    ['a clinician who does not hold the call', () => clinician2, () => signal(ids.clinician, ids.parent, AN_OFFER)],
    ['the clinician claiming to be the parent', () => clinician, () => signal(ids.parent, ids.clinician, AN_ANSWER)],
  ])('refuses a signal from %s with FORBIDDEN, and relays nothing', async (_label, sender, make) => {
    const fromErrors = sender().signalErrors.length;
    const [parentSignals, clinicianSignals] = [parent.signals.length, clinician.signals.length];
    sender().socket.emit('signal', make());
    expect(await sender().waitForSignalError(fromErrors)).toMatchObject({ callId: make().callId, code: 'FORBIDDEN' });
    await pause(100);
    expect(parent.signals.length).toBe(parentSignals);
    expect(clinician.signals.length).toBe(clinicianSignals);
  });

  it("refuses a signal addressed to a participant of another call with CALL_STATE_CONFLICT", async () => {
    const from = clinician.signalErrors.length;
    clinician.socket.emit('signal', signal(ids.clinician, otherCall.parentId, AN_OFFER));
    expect(await clinician.waitForSignalError(from)).toMatchObject({ code: 'CALL_STATE_CONFLICT', to: otherCall.parentId });
    await pause(100);
    expect(otherCall.parent.signals).toEqual([]);
  });

  it("refuses another case's parent acting on this call with FORBIDDEN", async () => {
    expect(refusalOf(await otherCall.parent.socket.emitWithAck('call:ready', { callId }))).toBe('FORBIDDEN');
    expect(refusalOf(await otherCall.parent.socket.emitWithAck('call:leave', { callId }))).toBe('FORBIDDEN');
    expect(await storedCall()).toMatchObject({ state: 'admitted' });
  });

  it('refuses a signal over 64 KB with PAYLOAD_TOO_LARGE and keeps the socket connected', async () => {
    const from = clinician.signalErrors.length;
    clinician.socket.emit('signal', signal(ids.clinician, ids.parent, { kind: 'description', type: 'offer', sdp: 'a'.repeat(SIGNAL_MAX_BYTES + 1) }));
    expect(await clinician.waitForSignalError(from)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(clinician.socket.connected).toBe(true);
    const next = parent.signals.length;
    clinician.socket.emit('signal', signal(ids.clinician, ids.parent, A_CANDIDATE));
    expect(await parent.waitForSignal(next)).toMatchObject({ data: A_CANDIDATE });
  });

  it.each([
    ['a callId that is not a UUID', (s: Signal) => ({ ...s, callId: 'call-1' })],
    ['no generation', (s: Signal) => ({ ...s, generation: undefined })],
    ['data of an unknown kind', (s: Signal) => ({ ...s, data: { kind: 'sdp', sdp: 'x' } })],
    ['opaque data as before', (s: Signal) => ({ ...s, data: { type: 'offer', sdp: 'x' } })],
    ['an extra key', (s: Signal) => ({ ...s, force: true })],
  ])('refuses a signal with %s with VALIDATION_FAILED, and relays nothing', async (_label, spoil) => {
    const from = clinician.signalErrors.length;
    const before = parent.signals.length;
    clinician.socket.emit('signal', spoil(signal(ids.clinician, ids.parent, A_CANDIDATE)) as Signal);
    expect(await clinician.waitForSignalError(from)).toMatchObject({ code: 'VALIDATION_FAILED' });
    await pause(50);
    expect(parent.signals.length).toBe(before);
  });

  it.each([
    ['an extra key', 'call:admit', () => ({ callId, participantId: ids.parent, force: true })],
    ['no payload at all', 'call:end', () => null],
    ['an unknown media status', 'call:media', () => ({ callId, peers: { [ids.parent]: 'great' } })],
    ['a participant id that is not a UUID', 'call:remove', () => ({ callId, participantId: 'someone' })],
  ])('refuses %s with VALIDATION_FAILED and changes nothing', async (_label, event, payload) => {
    expect(refusalOf(await clinician.emitRaw(event, payload()))).toBe('VALIDATION_FAILED');
    expect(clinician.socket.connected).toBe(true);
    expect(await storedCall()).toMatchObject({ state: 'admitted' });
  });

  it('marks the call connected when a side reports media flowing, for both sides', async () => {
    const from = parent.updates.length;
    const ack = updateOf(await parent.socket.emitWithAck('call:media', { callId, peers: { [ids.clinician]: 'connected' } }));
    expect(ack.snapshot).toEqual({ state: 'connected', reason: null });
    expect(participantIn(ack, 'parent').state).toBe('connected');
    await clinician.waitForUpdate(inState('connected'), from);
    expect(await storedCall()).toMatchObject({ state: 'connected', connectedAt: expect.any(String) });
  });

  it('drops stale snapshots by seq: every update after another has a higher seq', () => {
    const seqs = clinician.updates.map((u) => u.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('marks the parent reconnecting when their socket drops, but leaves the call connected: media says, not the socket', async () => {
    const from = clinician.updates.length;
    parent.close();
    const update = await clinician.waitForUpdate((u) => !participantIn(u, 'parent').present, from);
    expect(participantIn(update, 'parent')).toMatchObject({ state: 'reconnecting', present: false });
    expect(update.snapshot.state).toBe('connected');
  });

  it('keeps the epoch when the same page comes back (its peers carry on), and bumps it for a new page', async () => {
    const endpoint = parent.endpoint;
    parent = await connectSocket(server, { kind: 'parent', cookie: parentCookie, endpoint });
    sockets.push(parent);
    const back = updateOf(await parent.socket.emitWithAck('call:ready', { callId }));
    expect(participantIn(back, 'parent')).toMatchObject({ present: true, epoch: 1 });
    expect(back.snapshot.state).toBe('connected');

    const reloaded = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
    sockets.push(reloaded);
    const fresh = updateOf(await reloaded.socket.emitWithAck('call:ready', { callId }));
    expect(participantIn(fresh, 'parent')).toMatchObject({ present: true, epoch: 2 });
    expect(fresh.snapshot.state).toBe('reconnecting');
    // Only the new page receives the parent's signals now.
    const [oldCount, newCount] = [parent.signals.length, reloaded.signals.length];
    clinician.socket.emit('signal', signal(ids.clinician, ids.parent, AN_OFFER, 1_000_002));
    await reloaded.waitForSignal(newCount);
    await pause(100);
    expect(parent.signals.length).toBe(oldCount);
    parent.close();
    parent = reloaded;
  });

  it('lets the parent leave: failed parent_left (retryable), audited; signals to them are refused', async () => {
    const from = clinician.updates.length;
    const ack = updateOf(await parent.socket.emitWithAck('call:leave', { callId }));
    expect(ack.snapshot).toEqual({ state: 'failed', reason: 'parent_left' });
    expect(participantIn(ack, 'parent')).toMatchObject({ state: 'left', reason: 'parent_left' });
    await clinician.waitForUpdate(inState('failed', { reason: 'parent_left' }), from);
    const left = await server.auditRows('participant_left', `case:${caseId}`);
    expect(left.map((row) => row.actor)).toEqual([expect.stringMatching(/^parent:/)]);
    const errors = clinician.signalErrors.length;
    clinician.socket.emit('signal', signal(ids.clinician, ids.parent, A_CANDIDATE, 1_000_002));
    expect(await clinician.waitForSignalError(errors)).toMatchObject({ code: 'CALL_STATE_CONFLICT' });
  });

  it('lets the parent rejoin the waiting room without a new link', async () => {
    const ack = updateOf(await parent.socket.emitWithAck('call:ready', { callId }));
    expect(ack.snapshot).toEqual({ state: 'parent_waiting', reason: null });
    expect(participantIn(ack, 'parent')).toMatchObject({ state: 'waiting', present: true });
  });

  it("ends the call for everyone on the clinician's End, audited once; a second End changes nothing, and the parent's session ends with the call", async () => {
    const from = parent.updates.length;
    const ack = updateOf(await clinician.socket.emitWithAck('call:end', { callId }));
    expect(ack.snapshot).toEqual({ state: 'ended', reason: 'clinician_ended' });
    expect(ack.participants.map((p) => p.state)).toEqual(['left', 'left']);
    await parent.waitForUpdate(inState('ended', { reason: 'clinician_ended' }), from);
    expect(updateOf(await clinician.socket.emitWithAck('call:end', { callId })).snapshot).toEqual({ state: 'ended', reason: 'clinician_ended' });
    // The parent's session ended with the call: told first (above), then disconnected, and the link's cookie opens nothing more.
    await expect.poll(() => parent.socket.connected, { timeout: 10_000 }).toBe(false);
    expect((await connectError(server, { kind: 'parent', cookie: parentCookie })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await server.auditRows('call_ended', `case:${caseId}`)).toHaveLength(1);
    expect(await storedCall()).toMatchObject({ state: 'ended', endedAt: expect.any(String) });
  });
});

describe('guests: an on-call paediatrician and an interpreter', () => {
  let server: TestServer;
  let cookie: string;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await startServer();
    cookie = await server.login('clinician');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it.each([
    ['paediatrician', 'Dr Priya Patel', 'on-call paediatrician'],
    ['interpreter', 'Ana Kowalska', 'interpreter'],
  ] as const)('invites a %s with their own link, without revoking the parent’s', async (role, name, label) => {
    const created = await server.createCase(cookie);
    const parentInvite = await server.invite(cookie, created.id);
    const invite = await server.inviteGuest(cookie, created.id, { role, name, phone: '07700 900777' });
    expect(invite.participant).toMatchObject({ role, name, state: 'invited' });
    expect(invite.call.id).toBe(parentInvite.call.id);
    expect(invite.call.participants.map((p) => p.role)).toEqual(['clinician', 'parent', role]);
    const outbox = await server.request('GET', '/api/dev/outbox');
    const sms = (outbox.body as { to: string; body: string }[])[0]!;
    expect(sms).toMatchObject({ to: '+447700900777' });
    expect(sms.body).toContain(`as the ${label}`);
    expect(sms.body).toContain('Nurse Demo');
    expect(sms.body).not.toContain('Amelia');
    // The parent's link still works.
    const parent = await server.join(parentInvite.devJoinLink!.split('/join/')[1]!);
    expect(parent.session.role).toBe('parent');
    const audit = await server.auditRows('invite_sent', `case:${created.id}`);
    expect(audit.map((row) => row.detail)).toContainEqual(expect.objectContaining({ role, participantId: invite.participant.id }));
  });

  it('refuses an unknown role or no name with 400 VALIDATION_FAILED, and a number that is not a UK mobile with 422 MOBILE_REQUIRED', async () => {
    const created = await server.createCase(cookie);
    const post = (json: unknown) => server.request('POST', `/api/cases/${created.id}/invites`, { cookie, json });
    expect(errorOf(await post({ role: 'surgeon', name: 'X', phone: '07700 900777' }))).toMatchObject({ code: 'VALIDATION_FAILED', fields: { role: expect.any(String) } });
    expect(errorOf(await post({ role: 'interpreter', name: '', phone: '07700 900777' }))).toMatchObject({ code: 'VALIDATION_FAILED', fields: { name: expect.any(String) } });
    for (const phone of ['0113 496 0000', 'not a phone', '+33 6 12 34 56 78']) {
      const refused = await post({ role: 'interpreter', name: 'X', phone });
      expect(refused.status).toBe(422);
      expect(errorOf(refused).code).toBe('MOBILE_REQUIRED');
    }
    // Nothing was sent, and nobody was added to the call.
    expect((await server.getCase(cookie, created.id)).call).toBeNull();
  });

  it('holds four at most: a third guest is 409 CALL_FULL, a new link to the same guest is not', async () => {
    const created = await server.createCase(cookie);
    await server.inviteGuest(cookie, created.id, { role: 'interpreter', name: 'Ana', phone: '07700 900701' });
    const first = await server.inviteGuest(cookie, created.id, { role: 'paediatrician', name: 'Dr Patel', phone: '07700 900702' });
    const third = await server.request('POST', `/api/cases/${created.id}/invites`, { cookie, json: { role: 'interpreter', name: 'Bo', phone: '07700 900703' } });
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ error: { code: 'CALL_FULL' } });
    const again = await server.inviteGuest(cookie, created.id, { role: 'paediatrician', name: 'Dr Patel', phone: '07700 900702' });
    expect(again.participant.id).toBe(first.participant.id);
    // The first link to that guest is now dead; the new one works.
    expect((await server.request('POST', '/api/join', { json: { token: first.devJoinLink!.split('/join/')[1] } })).status).toBe(410);
    expect((await server.join(again.devJoinLink!.split('/join/')[1]!)).session.participantId).toBe(first.participant.id);
  });

  it('tells a guest who invited them and for which call (child’s first name and age only), and no more', async () => {
    const created = await server.createCase(cookie);
    const invite = await server.inviteGuest(cookie, created.id, { role: 'interpreter', name: 'Ana Kowalska', phone: '07700 900777' });
    const token = invite.devJoinLink!.split('/join/')[1]!;
    const preview = await server.request('POST', '/api/join/preview', { json: { token } });
    expect(preview.body).toEqual({
      role: 'interpreter',
      childFirstName: 'Amelia',
      childAgeMonths: 26,
      clinicianName: 'Nurse Demo',
      guestName: 'Ana Kowalska',
      service: "NHS 111 children's team",
      // Guests always get English pages, whatever the family's language.
      language: 'en',
    });
    const { cookie: guestCookie, session } = await server.join(token);
    expect(session).toMatchObject({ role: 'interpreter', caseId: null, callId: invite.call.id, participantId: invite.participant.id });
    expect(JSON.stringify(session)).not.toContain('07700');
    // The case itself stays closed to the guest, by REST and by socket.
    expect((await server.request('GET', `/api/cases/${created.id}`, { cookie: guestCookie })).status).toBe(401);
    expect((await server.request('GET', `/api/cases/${created.id}/decisions`, { cookie: guestCookie })).status).toBe(401);
    const guest = await connectSocket(server, { kind: 'guest', cookie: guestCookie });
    sockets.push(guest);
    expect(refusalOf(await guest.emitRaw('case:watch', { caseId: created.id }))).toBe('FORBIDDEN');
    expect(refusalOf(await guest.emitRaw('cases:watch', {}))).toBe('FORBIDDEN');
    // Nor another call: its link is for this one.
    const other = await joinedCase(server, cookie, { reference: '111-ELSEWHERE' });
    expect(refusalOf(await guest.emitRaw('call:ready', { callId: other.invite.call.id }))).toBe('FORBIDDEN');
    expect(refusalOf(await guest.emitRaw('call:leave', { callId: other.invite.call.id }))).toBe('FORBIDDEN');
  });

  it('admits a waiting guest only with the parent’s agreement (audited), and relays between guest and parent only', async () => {
    const { caseId, callId, ids, clinician, parent } = await connectedCall(server, sockets);
    const interpreterInvite = await server.inviteGuest(cookie, caseId, { role: 'interpreter', name: 'Ana', phone: '07700 900777' });
    const doctorInvite = await server.inviteGuest(cookie, caseId, { role: 'paediatrician', name: 'Dr Patel', phone: '07700 900778' });
    const interpreterCookie = (await server.join(interpreterInvite.devJoinLink!.split('/join/')[1]!)).cookie;
    const interpreter = await connectSocket(server, { kind: 'guest', cookie: interpreterCookie });
    const doctor = await connectSocket(server, { kind: 'guest', cookie: (await server.join(doctorInvite.devJoinLink!.split('/join/')[1]!)).cookie });
    sockets.push(interpreter, doctor);
    const interpreterId = interpreterInvite.participant.id;
    const doctorId = doctorInvite.participant.id;

    const waiting = updateOf(await interpreter.socket.emitWithAck('call:ready', { callId }));
    expect(waiting.participants.find((p) => p.id === interpreterId)).toMatchObject({ state: 'waiting', present: true });
    expect(waiting.snapshot.state).toBe('connected');
    updateOf(await doctor.socket.emitWithAck('call:ready', { callId }));

    expect(refusalOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: interpreterId }))).toBe('PARENT_AGREEMENT_REQUIRED');
    const admitted = updateOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: interpreterId, parentAgreed: true }));
    expect(admitted.participants.find((p) => p.id === interpreterId)?.state).toBe('admitted');
    const audit = await server.auditRows('guest_admitted', `case:${caseId}`);
    expect(audit.map((row) => row.detail)).toEqual([expect.objectContaining({ participantId: interpreterId, role: 'interpreter', parentAgreed: true })]);

    // Interpreter ↔ parent: relayed both ways. The waiting doctor hears none of it, and cannot signal in.
    const make = (from: string, to: string): Signal => ({ callId, from, to, generation: 1_000_001, data: A_CANDIDATE });
    let from = parent.signals.length;
    interpreter.socket.emit('signal', make(interpreterId, ids.parent));
    await parent.waitForSignal(from);
    from = interpreter.signals.length;
    parent.socket.emit('signal', make(ids.parent, interpreterId));
    await interpreter.waitForSignal(from);
    const errors = doctor.signalErrors.length;
    doctor.socket.emit('signal', make(doctorId, ids.parent));
    expect(await doctor.waitForSignalError(errors)).toMatchObject({ code: 'CALL_STATE_CONFLICT' });
    await pause(100);
    expect(doctor.signals).toEqual([]);

    // The clinician removes the interpreter: out of media, and what they send is refused.
    const removed = updateOf(await clinician.socket.emitWithAck('call:remove', { callId, participantId: interpreterId }));
    expect(removed.participants.find((p) => p.id === interpreterId)).toMatchObject({ state: 'removed', reason: 'guest_removed' });
    // They hear it, then their link's session ends with their part in the call: the page is disconnected and the cookie opens nothing.
    await interpreter.waitForUpdate((u) => u.participants.some((p) => p.id === interpreterId && p.state === 'removed'));
    await expect.poll(() => interpreter.socket.connected, { timeout: 10_000 }).toBe(false);
    expect((await connectError(server, { kind: 'guest', cookie: interpreterCookie })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await server.auditRows('guest_removed', `case:${caseId}`)).toHaveLength(1);
  });
});

describe('the same case open in a second tab', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('does not take the call silently; "Use this tab" moves it (audited) without dropping the parent', async () => {
    const { cookie, caseId, callId, ids, clinician, parent } = await connectedCall(server, sockets);
    const second = await connectSocket(server, { kind: 'staff', cookie });
    sockets.push(second);
    const watch = watchOf(await second.socket.emitWithAck('case:watch', { caseId }));
    expect(watch.self).toEqual({ participantId: ids.clinician, holding: false });
    expect(refusalOf(await second.socket.emitWithAck('call:end', { callId }))).toBe('CALL_HELD_ELSEWHERE');
    expect(refusalOf(await second.socket.emitWithAck('call:admit', { callId, participantId: ids.parent }))).toBe('CALL_HELD_ELSEWHERE');

    const from = clinician.updates.length;
    const moved = dataOf(await second.socket.emitWithAck('call:claim', { callId }));
    expect(moved.self).toEqual({ participantId: ids.clinician, holding: true });
    expect(participantIn(moved.update!, 'clinician')).toMatchObject({ epoch: 2, present: true });
    expect(participantIn(moved.update!, 'parent').state).not.toBe('left');
    // The first tab hears that the call moved (its epoch is gone) and can no longer act or signal.
    const heard = await clinician.waitForUpdate((u) => participantIn(u, 'clinician').epoch === 2, from);
    expect(heard.snapshot.state).toBe('reconnecting');
    expect(refusalOf(await clinician.socket.emitWithAck('call:end', { callId }))).toBe('CALL_HELD_ELSEWHERE');
    const errors = clinician.signalErrors.length;
    clinician.socket.emit('signal', { callId, from: ids.clinician, to: ids.parent, generation: 1_000_001, data: A_CANDIDATE });
    expect(await clinician.waitForSignalError(errors)).toMatchObject({ code: 'FORBIDDEN' });
    // The parent's signals now reach the new tab.
    const next = second.signals.length;
    parent.socket.emit('signal', { callId, from: ids.parent, to: ids.clinician, generation: 2_000_001, data: A_CANDIDATE });
    await second.waitForSignal(next);
    expect(await server.auditRows('call_moved', `case:${caseId}`)).toHaveLength(1);
    // The old tab closing later changes nothing: it no longer holds the call.
    clinician.close();
    await pause(200);
    expect(participantIn((await server.deps.calls.update(callId))!, 'clinician').present).toBe(true);
  });

  it('lets a new tab take a call whose holder has gone, without asking', async () => {
    const { cookie, caseId, clinician } = await watchedCall(server, sockets);
    clinician.close();
    const reloaded = await connectSocket(server, { kind: 'staff', cookie });
    sockets.push(reloaded);
    await expect.poll(async () => watchOf(await reloaded.socket.emitWithAck('case:watch', { caseId })).self?.holding).toBe(true);
  });
});

describe('deadlines, enforced by the sweeper', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await startServer({ sweep: false });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  const timing = () => server.deps.calls.timing;

  it('fails a call admitted without media at the media deadline, broadcast to both sides; the parent can retry', async () => {
    const { caseId, callId, ids, clinician, parent } = await watchedCall(server, sockets);
    updateOf(await parent.socket.emitWithAck('call:ready', { callId }));
    updateOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: ids.parent }));
    expect(await server.app.sweeper.runOnce()).toBe(0);
    server.clock.advance(timing().mediaMs);
    expect(await server.app.sweeper.runOnce()).toBe(1);
    await clinician.waitForUpdate(inState('failed', { reason: 'timeout' }));
    await parent.waitForUpdate(inState('failed', { reason: 'timeout' }));
    expect((await server.auditRows('call_failed', `case:${caseId}`)).map((row) => row.actor)).toEqual(['system']);
    expect(updateOf(await parent.socket.emitWithAck('call:ready', { callId })).snapshot).toEqual({ state: 'parent_waiting', reason: null });
  });

  it('gives "Keep trying" a new media deadline', async () => {
    const { callId, ids, clinician, parent } = await watchedCall(server, sockets);
    updateOf(await parent.socket.emitWithAck('call:ready', { callId }));
    updateOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: ids.parent }));
    server.clock.advance(timing().mediaMs - 1_000);
    updateOf(await parent.socket.emitWithAck('call:keep_trying', { callId }));
    server.clock.advance(2_000);
    await server.app.sweeper.runOnce();
    expect((await server.deps.calls.update(callId))?.snapshot.state).toBe('admitted');
  });

  it('counts a parent whose page said goodbye (pagehide) and did not come back as left', async () => {
    const { callId, parentCookie, clinician, parent } = await connectedCall(server, sockets);
    const leaving = await server.request('POST', '/api/join/leaving', { cookie: parentCookie, json: { endpoint: parent.endpoint } });
    expect(leaving.status).toBe(204);
    const from = clinician.updates.length;
    parent.close();
    await clinician.waitForUpdate((u) => !participantIn(u, 'parent').present, from);
    server.clock.advance(timing().closingMs);
    await server.app.sweeper.runOnce();
    expect((await server.deps.calls.update(callId))?.snapshot).toEqual({ state: 'failed', reason: 'parent_left' });
  });

  it('lets a reload come back within the goodbye grace without leaving', async () => {
    const { callId, parentCookie, parent } = await connectedCall(server, sockets);
    await server.request('POST', '/api/join/leaving', { cookie: parentCookie, json: { endpoint: parent.endpoint } });
    parent.close();
    const reloaded = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
    sockets.push(reloaded);
    updateOf(await reloaded.socket.emitWithAck('call:ready', { callId }));
    server.clock.advance(timing().closingMs);
    await server.app.sweeper.runOnce();
    expect(participantIn((await server.deps.calls.update(callId))!, 'parent')).toMatchObject({ state: 'admitted', present: true });
  });

  it('fires a deadline once when two nodes sweep the same database', async () => {
    const { caseId, callId, ids, clinician, parent } = await watchedCall(server, sockets);
    updateOf(await parent.socket.emitWithAck('call:ready', { callId }));
    updateOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: ids.parent }));
    const { createApp } = await import('../src/app.js');
    const second = createApp({ config: server.deps.config, database: { ...server.database, close: async () => undefined }, clock: server.clock, sweep: false });
    try {
      server.clock.advance(timing().mediaMs);
      await Promise.all([server.app.sweeper.runOnce(), second.sweeper.runOnce()]);
      expect((await server.deps.calls.update(callId))?.snapshot).toEqual({ state: 'failed', reason: 'timeout' });
      const failed = (await server.auditRows('call_failed', `case:${caseId}`)).filter((row) => (row.detail as { callId?: string }).callId === callId);
      expect(failed).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe('the live queue and presence checks', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('keeps the case list live for staff: the snapshot on watch, then a delta with the next seq when a call changes', async () => {
    const cookie = await server.login('clinician');
    const desk = await connectSocket(server, { kind: 'staff', cookie });
    sockets.push(desk);
    const { caseId, parentCookie, invite } = await joinedCase(server, cookie);
    const watched = dataOf(await desk.socket.emitWithAck('cases:watch', {}));
    expect(watched.cases.find((row) => row.caseId === caseId)).toMatchObject({ state: 'link_sent', call: { state: 'invited' } });
    const pushed = new Promise<number>((resolve) => {
      desk.socket.on('cases:delta', (delta) => {
        if (delta.upserts.some((row) => row.caseId === caseId && row.state === 'parent_waiting')) resolve(delta.seq);
      });
    });
    const parent = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
    sockets.push(parent);
    updateOf(await parent.socket.emitWithAck('call:ready', { callId: invite.call.id }));
    expect(await pushed).toBeGreaterThan(watched.seq);
    // A parent's socket gets no list of cases, and no board.
    expect(refusalOf(await parent.emitRaw('cases:watch', {}))).toBe('FORBIDDEN');
    expect(refusalOf(await parent.emitRaw('board:watch', {}))).toBe('FORBIDDEN');
  });

  it('puts a waiting parent whose page closes back to invited', async () => {
    const { callId, clinician, parent } = await watchedCall(server, sockets);
    updateOf(await parent.socket.emitWithAck('call:ready', { callId }));
    const from = clinician.updates.length;
    parent.close();
    const update = await clinician.waitForUpdate(inState('invited'), from);
    expect(participantIn(update, 'parent')).toMatchObject({ state: 'invited', present: false });
  });

  it('logs, and does not leave unhandled, a presence check that fails (as a Redis adapter can when a node does not answer)', async () => {
    const { callId, parent } = await watchedCall(server, sockets);
    updateOf(await parent.socket.emitWithAck('call:ready', { callId }));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const { io } = server.app.signalling;
    const realIn = io.in.bind(io);
    io.in = (() => ({ fetchSockets: () => Promise.reject(new Error('timeout reached while waiting for fetchSockets response')) })) as never;
    try {
      parent.close();
      await pause(200);
    } finally {
      io.in = realIn;
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
