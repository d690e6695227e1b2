import { SIGNAL_MAX_BYTES, type Ack, type CallUpdate, type ServerToClientPayload } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectError, connectSocket, inState, joinedCase, startServer, tokenOf, type TestServer, type TestSocket } from './harness.js';

const AN_OFFER = { type: 'offer', sdp: 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n' };
const AN_ANSWER = { type: 'answer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };

/** The update an acknowledgement carries, or a failure naming the refusal. */
function updateOf(ack: Ack<CallUpdate | null>): CallUpdate {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  if (!ack.data) throw new Error('no call update in the acknowledgement');
  return ack.data;
}
function refusalOf(ack: unknown): string {
  const parsed = ack as Ack;
  if (parsed.ok) throw new Error(`expected a refusal, got ${JSON.stringify(parsed)}`);
  return parsed.error.code;
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/** A joined case: the assigned clinician watching it and the parent's socket connected. */
async function watchedCall(server: TestServer, sockets: TestSocket[]) {
  const cookie = await server.login('clinician');
  const { caseId, parentCookie } = await joinedCase(server, cookie);
  const clinician = await connectSocket(server, { kind: 'staff', cookie });
  const parent = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
  sockets.push(clinician, parent);
  updateOf(await clinician.socket.emitWithAck('case:watch', { caseId }));
  return { cookie, caseId, parentCookie, clinician, parent };
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
    const error = await connectError(server, { kind: 'staff', cookie: clinician, protocolVersion: 0 });
    expect(error.data).toMatchObject({ code: 'PROTOCOL_MISMATCH', message: expect.stringMatching(/Reload/) });
  });

  it('refuses a handshake without {kind, protocolVersion} with VALIDATION_FAILED', async () => {
    const error = await connectError(server, { kind: 'staff', cookie: clinician, protocolVersion: 1.5 });
    expect(error.data).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses a socket without a session cookie with UNAUTHENTICATED', async () => {
    expect((await connectError(server, { kind: 'staff' })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await connectError(server, { kind: 'parent' })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a staff cookie offered as a parent session', async () => {
    expect((await connectError(server, { kind: 'parent', cookie: clinician })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
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

  it('accepts a staff socket with the staff cookie', async () => {
    const socket = await connectSocket(server, { kind: 'staff', cookie: clinician });
    expect(socket.socket.connected).toBe(true);
    socket.close();
  });
});

describe('a video call over the signalling socket', () => {
  let server: TestServer;
  let clinicianCookie: string;
  let caseId: string;
  let parentCookie: string;
  let otherCaseId: string;
  let clinician: TestSocket;
  let parent: TestSocket;
  let otherParent: TestSocket;
  let clinician2: TestSocket;
  let supervisor: TestSocket;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    server = await startServer();
    clinicianCookie = await server.login('clinician');
    const [clinician2Cookie, supervisorCookie] = await Promise.all([server.login('clinician2'), server.login('supervisor')]);
    ({ caseId, parentCookie } = await joinedCase(server, clinicianCookie));
    const other = await joinedCase(server, clinicianCookie, { reference: '111-OTHER', callerPhone: '07700 900456' });
    otherCaseId = other.caseId;
    [clinician, parent, otherParent, clinician2, supervisor] = await Promise.all([
      connectSocket(server, { kind: 'staff', cookie: clinicianCookie }),
      connectSocket(server, { kind: 'parent', cookie: parentCookie }),
      connectSocket(server, { kind: 'parent', cookie: other.parentCookie }),
      connectSocket(server, { kind: 'staff', cookie: clinician2Cookie }),
      connectSocket(server, { kind: 'staff', cookie: supervisorCookie }),
    ]);
    sockets.push(clinician, parent, otherParent, clinician2, supervisor);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  const storedCall = async () => (await server.getCase(clinicianCookie, caseId)).call;

  // The steps below are one call, in order: each relies on the state the previous one left.

  it('lets the clinician watch the case and see the call invited', async () => {
    const update = updateOf(await clinician.socket.emitWithAck('case:watch', { caseId }));
    expect(update).toMatchObject({ caseId, snapshot: { state: 'invited', reason: null, attempt: 0 }, presence: { clinician: true } });
  });

  it('puts the parent in the waiting room: both sides receive parent_waiting', async () => {
    const from = clinician.updates.length;
    const ack = updateOf(await parent.socket.emitWithAck('parent:ready', { caseId }));
    expect(ack.snapshot).toEqual({ state: 'parent_waiting', reason: null, attempt: 0 });
    expect((await clinician.waitForUpdate(inState('parent_waiting'), from)).presence).toEqual({ clinician: true, parent: true });
    await parent.waitForUpdate(inState('parent_waiting'));
    // The other case's parent is in its own waiting room.
    updateOf(await otherParent.socket.emitWithAck('parent:ready', { caseId: otherCaseId }));
  });

  it('refuses Admit from a clinician not assigned to the case, and the call stays waiting', async () => {
    expect(refusalOf(await clinician2.socket.emitWithAck('call:admit', { caseId }))).toBe('FORBIDDEN');
    expect(await storedCall()).toMatchObject({ state: 'parent_waiting', attempt: 0 });
  });

  it('refuses Admit from a supervisor, and from the parent', async () => {
    expect(refusalOf(await supervisor.socket.emitWithAck('call:admit', { caseId }))).toBe('FORBIDDEN');
    expect(refusalOf(await parent.emitRaw('call:admit', { caseId }))).toBe('FORBIDDEN');
    expect(await storedCall()).toMatchObject({ state: 'parent_waiting', attempt: 0 });
  });

  it('does not let a parent watch cases', async () => {
    expect(refusalOf(await parent.emitRaw('case:watch', { caseId }))).toBe('FORBIDDEN');
  });

  it('admits the parent when the assigned clinician says so: attempt 1, audited', async () => {
    const from = parent.updates.length;
    const ack = updateOf(await clinician.socket.emitWithAck('call:admit', { caseId }));
    expect(ack.snapshot).toEqual({ state: 'admitted', reason: null, attempt: 1 });
    await parent.waitForUpdate(inState('admitted', { attempt: 1 }), from);
    expect(await server.auditRows('call_admitted', `case:${caseId}`)).toHaveLength(1);
  });

  it('refuses a second Admit with CALL_STATE_CONFLICT', async () => {
    expect(refusalOf(await clinician.socket.emitWithAck('call:admit', { caseId }))).toBe('CALL_STATE_CONFLICT');
  });

  it("relays the clinician's signal only to this call's parent, and moves the call to connecting", async () => {
    const from = parent.signals.length;
    const ack = await clinician.socket.emitWithAck('signal', { caseId, attempt: 1, data: AN_OFFER });
    expect(ack).toEqual({ ok: true, data: null });
    expect(await parent.waitForSignal(from)).toEqual({ caseId, attempt: 1, data: AN_OFFER });
    await clinician.waitForUpdate(inState('connecting', { attempt: 1 }));
    await pause(150);
    expect(otherParent.signals).toEqual([]);
    expect(clinician.signals).toEqual([]);
    expect(clinician2.signals).toEqual([]);
    expect(supervisor.signals).toEqual([]);
  });

  it("relays the parent's answer only to the clinician", async () => {
    const from = clinician.signals.length;
    expect(await parent.socket.emitWithAck('signal', { caseId, attempt: 1, data: AN_ANSWER })).toEqual({ ok: true, data: null });
    expect(await clinician.waitForSignal(from)).toEqual({ caseId, attempt: 1, data: AN_ANSWER });
    await pause(100);
    expect(clinician2.signals).toEqual([]);
    expect(otherParent.signals).toEqual([]);
  });

  it("refuses another case's parent acting on this call with FORBIDDEN, and relays nothing", async () => {
    const from = clinician.signals.length;
    expect(refusalOf(await otherParent.socket.emitWithAck('signal', { caseId, attempt: 1, data: AN_OFFER }))).toBe('FORBIDDEN');
    expect(refusalOf(await otherParent.socket.emitWithAck('parent:ready', { caseId }))).toBe('FORBIDDEN');
    expect(refusalOf(await otherParent.socket.emitWithAck('call:end', { caseId }))).toBe('FORBIDDEN');
    await pause(100);
    expect(clinician.signals.slice(from)).toEqual([]);
    expect(parent.signals.every((signal) => signal.caseId === caseId)).toBe(true);
    expect(await storedCall()).toMatchObject({ state: 'connecting', attempt: 1 });
  });

  it('refuses a signal from a clinician not assigned to the case', async () => {
    const from = parent.signals.length;
    expect(refusalOf(await clinician2.socket.emitWithAck('signal', { caseId, attempt: 1, data: AN_OFFER }))).toBe('FORBIDDEN');
    await pause(100);
    expect(parent.signals.slice(from)).toEqual([]);
  });

  it('refuses a signal for another connection attempt with CALL_STATE_CONFLICT', async () => {
    const from = parent.signals.length;
    expect(refusalOf(await clinician.socket.emitWithAck('signal', { caseId, attempt: 2, data: AN_OFFER }))).toBe('CALL_STATE_CONFLICT');
    await pause(100);
    expect(parent.signals.slice(from)).toEqual([]);
  });

  it('refuses a signal over 64 KB with PAYLOAD_TOO_LARGE and keeps the socket connected', async () => {
    const from = parent.signals.length;
    const huge = { type: 'offer', sdp: 'a'.repeat(SIGNAL_MAX_BYTES + 5_000) };
    expect(refusalOf(await clinician.socket.emitWithAck('signal', { caseId, attempt: 1, data: huge }))).toBe('PAYLOAD_TOO_LARGE');
    // Just over the signal limit but within the envelope: the schema refuses it.
    const justOver = { type: 'offer', sdp: 'a'.repeat(SIGNAL_MAX_BYTES) };
    expect(refusalOf(await clinician.socket.emitWithAck('signal', { caseId, attempt: 1, data: justOver }))).toBe('VALIDATION_FAILED');
    expect(clinician.socket.connected).toBe(true);
    expect(await clinician.socket.emitWithAck('signal', { caseId, attempt: 1, data: { candidate: 'x' } })).toEqual({ ok: true, data: null });
    await parent.waitForSignal(from);
    expect(parent.signals.slice(from)).toEqual([{ caseId, attempt: 1, data: { candidate: 'x' } }]);
  });

  it.each([
    ['a caseId that is not a UUID', 'signal', { caseId: 'case-1', attempt: 1, data: {} }],
    ['no attempt', 'signal', { caseId: '00000000-0000-4000-8000-000000000000', data: {} }],
    ['data that is not an object', 'signal', { caseId: '00000000-0000-4000-8000-000000000000', attempt: 1, data: 'sdp' }],
    ['an extra key', 'call:admit', { caseId: '00000000-0000-4000-8000-000000000000', force: true }],
    ['no payload at all', 'call:end', null],
    ['an unknown media status', 'call:media', { caseId: '00000000-0000-4000-8000-000000000000', attempt: 1, status: 'great' }],
  ])('refuses %s with VALIDATION_FAILED and changes nothing', async (_label, event, payload) => {
    expect(refusalOf(await clinician.emitRaw(event, payload))).toBe('VALIDATION_FAILED');
    expect(clinician.socket.connected).toBe(true);
    expect(await storedCall()).toMatchObject({ state: 'connecting', attempt: 1 });
  });

  it('ignores a media report for an old attempt', async () => {
    const ack = updateOf(await clinician.socket.emitWithAck('call:media', { caseId, attempt: 7, status: 'connected' }));
    expect(ack.snapshot).toMatchObject({ state: 'connecting', attempt: 1 });
  });

  it('marks the call connected when media flows, for both sides', async () => {
    const from = parent.updates.length;
    const ack = updateOf(await clinician.socket.emitWithAck('call:media', { caseId, attempt: 1, status: 'connected' }));
    expect(ack.snapshot).toEqual({ state: 'connected', reason: null, attempt: 1 });
    await parent.waitForUpdate(inState('connected'), from);
    expect(await storedCall()).toMatchObject({ state: 'connected', connectedAt: expect.any(String) });
  });

  it('shows the clinician reconnecting when the parent’s socket drops', async () => {
    const from = clinician.updates.length;
    parent.close();
    const update = await clinician.waitForUpdate(inState('reconnecting'), from);
    expect(update.snapshot).toEqual({ state: 'reconnecting', reason: null, attempt: 1 });
    expect(update.presence).toEqual({ clinician: true, parent: false });
  });

  it('starts attempt 2 when the parent comes back and says ready', async () => {
    parent = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
    sockets.push(parent);
    const from = clinician.updates.length;
    const ack = updateOf(await parent.socket.emitWithAck('parent:ready', { caseId }));
    expect(ack.snapshot).toEqual({ state: 'reconnecting', reason: null, attempt: 2 });
    const update = await clinician.waitForUpdate(inState('reconnecting', { attempt: 2 }), from);
    expect(update.presence).toEqual({ clinician: true, parent: true });
    // Signals of the old attempt are now refused.
    expect(refusalOf(await clinician.socket.emitWithAck('signal', { caseId, attempt: 1, data: AN_OFFER }))).toBe('CALL_STATE_CONFLICT');
  });

  it('ends the call for both sides when the parent hangs up, and audits it', async () => {
    const from = clinician.updates.length;
    const ack = updateOf(await parent.socket.emitWithAck('call:end', { caseId }));
    expect(ack.snapshot).toEqual({ state: 'ended', reason: 'parent_left', attempt: 2 });
    await clinician.waitForUpdate(inState('ended', { reason: 'parent_left' }), from);
    await parent.waitForUpdate(inState('ended', { reason: 'parent_left' }));
    expect(await server.auditRows('call_admitted', `case:${caseId}`)).toHaveLength(1);
    const ended = await server.auditRows('call_ended', `case:${caseId}`);
    expect(ended).toHaveLength(1);
    expect(ended[0]!.actor).toMatch(/^parent:/);
    expect(await storedCall()).toMatchObject({ state: 'ended', reason: 'parent_left', endedAt: expect.any(String) });
  });

  it('answers parent:ready after the end with ended: nothing restarts', async () => {
    const ack = updateOf(await parent.socket.emitWithAck('parent:ready', { caseId }));
    expect(ack.snapshot).toEqual({ state: 'ended', reason: 'parent_left', attempt: 2 });
    expect(await storedCall()).toMatchObject({ state: 'ended' });
  });

  it('refuses signals once the call has ended', async () => {
    expect(refusalOf(await clinician.socket.emitWithAck('signal', { caseId, attempt: 2, data: AN_OFFER }))).toBe('CALL_STATE_CONFLICT');
  });

  it('answers a second End with the ended call, unchanged', async () => {
    const ack = updateOf(await clinician.socket.emitWithAck('call:end', { caseId }));
    expect(ack.snapshot).toEqual({ state: 'ended', reason: 'parent_left', attempt: 2 });
    expect(await server.auditRows('call_ended', `case:${caseId}`)).toHaveLength(1);
  });
});

describe('other call journeys', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('shows ended: clinician_ended to the parent', async () => {
    const { caseId, clinician, parent } = await watchedCall(server, sockets);
    updateOf(await parent.socket.emitWithAck('parent:ready', { caseId }));
    updateOf(await clinician.socket.emitWithAck('call:admit', { caseId }));
    const ack = updateOf(await clinician.socket.emitWithAck('call:end', { caseId }));
    expect(ack.snapshot).toMatchObject({ state: 'ended', reason: 'clinician_ended' });
    await parent.waitForUpdate(inState('ended', { reason: 'clinician_ended' }));
  });

  it('starts a fresh attempt when the clinician reloads during the call, and tells the parent', async () => {
    const { cookie, caseId, clinician, parent } = await watchedCall(server, sockets);
    updateOf(await parent.socket.emitWithAck('parent:ready', { caseId }));
    updateOf(await clinician.socket.emitWithAck('call:admit', { caseId }));
    updateOf(await clinician.socket.emitWithAck('call:media', { caseId, attempt: 1, status: 'connected' }));

    let from = parent.updates.length;
    clinician.close();
    const dropped = await parent.waitForUpdate(inState('reconnecting'), from);
    expect(dropped.snapshot.attempt).toBe(1);
    expect(dropped.presence).toEqual({ clinician: false, parent: true });

    from = parent.updates.length;
    const reloaded = await connectSocket(server, { kind: 'staff', cookie });
    sockets.push(reloaded);
    const ack = updateOf(await reloaded.socket.emitWithAck('case:watch', { caseId }));
    expect(ack.snapshot).toEqual({ state: 'reconnecting', reason: null, attempt: 2 });
    await parent.waitForUpdate(inState('reconnecting', { attempt: 2 }), from);
  });

  it('shows a refused camera as failed: permission_denied, and lets the parent retry without a new link', async () => {
    const { caseId, clinician, parent } = await watchedCall(server, sockets);
    const from = clinician.updates.length;
    const ack = updateOf(await parent.socket.emitWithAck('parent:failed', { caseId, reason: 'permission_denied' }));
    expect(ack.snapshot).toMatchObject({ state: 'failed', reason: 'permission_denied' });
    await clinician.waitForUpdate(inState('failed', { reason: 'permission_denied' }), from);
    expect(await server.auditRows('call_failed', `case:${caseId}`)).toHaveLength(1);
    expect(updateOf(await parent.socket.emitWithAck('parent:ready', { caseId })).snapshot).toMatchObject({ state: 'parent_waiting' });
    expect(refusalOf(await clinician.socket.emitWithAck('parent:failed', { caseId, reason: 'no_camera' }))).toBe('FORBIDDEN');
  });

  it('keeps the queue live for staff: the snapshot on watch, then a push when a call changes', async () => {
    const cookie = await server.login('clinician');
    const supervisor = await connectSocket(server, { kind: 'staff', cookie: await server.login('supervisor') });
    sockets.push(supervisor);
    const { caseId, parentCookie } = await joinedCase(server, cookie);
    const watched = await supervisor.socket.emitWithAck('queue:watch', {});
    if (!watched.ok) throw new Error(watched.error.code);
    expect(watched.data.items.find((item) => item.caseId === caseId)).toMatchObject({ call: { state: 'invited' }, smsStatus: 'sent' });

    const pushed = new Promise<ServerToClientPayload<'queue'>>((resolve) => {
      supervisor.socket.on('queue', (queue) => {
        if (queue.items.some((item) => item.caseId === caseId && item.call?.state === 'parent_waiting')) resolve(queue);
      });
    });
    const parent = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
    sockets.push(parent);
    updateOf(await parent.socket.emitWithAck('parent:ready', { caseId }));
    await pushed;
    // Any staff may watch it (the desk's case list refreshes from it); a parent may not.
    const clinician = await connectSocket(server, { kind: 'staff', cookie });
    sockets.push(clinician);
    expect((await clinician.socket.emitWithAck('queue:watch', {})).ok).toBe(true);
    expect(refusalOf(await parent.emitRaw('queue:watch', {}))).toBe('FORBIDDEN');
  });

  it('lets the parent leave the waiting room back to invited by closing the page', async () => {
    const { caseId, clinician, parent } = await watchedCall(server, sockets);
    updateOf(await parent.socket.emitWithAck('parent:ready', { caseId }));
    const from = clinician.updates.length;
    parent.close();
    const update = await clinician.waitForUpdate(inState('invited'), from);
    expect(update.presence.parent).toBe(false);
  });

  it("keeps a parent page left open on an ended call out of the case's next call: no state, no signals, no presence", async () => {
    const cookie = await server.login('clinician');
    const { caseId, parentCookie } = await joinedCase(server, cookie);
    const clinician = await connectSocket(server, { kind: 'staff', cookie });
    const oldParent = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
    sockets.push(clinician, oldParent);
    updateOf(await clinician.socket.emitWithAck('case:watch', { caseId }));
    updateOf(await oldParent.socket.emitWithAck('parent:ready', { caseId }));
    const first = updateOf(await clinician.socket.emitWithAck('call:end', { caseId }));
    await oldParent.waitForUpdate(inState('ended'));

    const invite = await server.invite(cookie, caseId);
    expect(invite.call.id).not.toBe(first.callId);
    const newParent = await connectSocket(server, { kind: 'parent', cookie: (await server.join(tokenOf(invite.devJoinLink!))).cookie });
    sockets.push(newParent);
    const oldUpdates = oldParent.updates.length;
    const waiting = updateOf(await newParent.socket.emitWithAck('parent:ready', { caseId }));
    expect(waiting.presence).toEqual({ clinician: true, parent: true });
    updateOf(await clinician.socket.emitWithAck('call:admit', { caseId }));
    expect(await clinician.socket.emitWithAck('signal', { caseId, attempt: 1, data: AN_OFFER })).toEqual({ ok: true, data: null });
    await newParent.waitForSignal();

    const from = clinician.updates.length;
    newParent.close();
    expect((await clinician.waitForUpdate(inState('reconnecting'), from)).presence.parent).toBe(false);
    await pause(100);
    expect(oldParent.updates.slice(oldUpdates).filter((u) => u.callId !== first.callId)).toEqual([]);
    expect(oldParent.signals).toEqual([]);
  });

  it('logs, and does not leave unhandled, a call-state broadcast that fails', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const { io } = server.app.signalling;
    const realIn = io.in.bind(io);
    // As the Redis adapter does when another node does not answer in time.
    io.in = (() => ({ fetchSockets: () => Promise.reject(new Error('timeout reached while waiting for fetchSockets response')) })) as never;
    try {
      server.deps.events.callChanged({ caseId: crypto.randomUUID(), callId: crypto.randomUUID(), snapshot: { state: 'invited', reason: null, attempt: 0 } });
      await pause(50);
    } finally {
      io.in = realIn;
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});

describe('a call that never connects', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await startServer({ connectTimeoutMs: 200 });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('fails with timeout, broadcast to both sides, when admitted without media', async () => {
    const { caseId, clinician, parent } = await watchedCall(server, sockets);
    updateOf(await parent.socket.emitWithAck('parent:ready', { caseId }));
    updateOf(await clinician.socket.emitWithAck('call:admit', { caseId }));

    const failed = await clinician.waitForUpdate(inState('failed', { reason: 'timeout' }));
    expect(failed.snapshot).toEqual({ state: 'failed', reason: 'timeout', attempt: 1 });
    await parent.waitForUpdate(inState('failed', { reason: 'timeout' }));
    const audits = await server.auditRows('call_failed', `case:${caseId}`);
    expect(audits.map((row) => row.actor)).toEqual(['system']);

    // A timed-out call can be retried without a new link.
    const retried = updateOf(await parent.socket.emitWithAck('parent:ready', { caseId }));
    expect(retried.snapshot).toMatchObject({ state: 'parent_waiting', reason: null });
  });

  it('does not time out a call that connected in time', async () => {
    const { cookie, caseId, clinician, parent } = await watchedCall(server, sockets);
    updateOf(await parent.socket.emitWithAck('parent:ready', { caseId }));
    updateOf(await clinician.socket.emitWithAck('call:admit', { caseId }));
    updateOf(await clinician.socket.emitWithAck('call:media', { caseId, attempt: 1, status: 'connected' }));
    await pause(400);
    expect((await server.getCase(cookie, caseId)).call).toMatchObject({ state: 'connected' });
  });
});
