import type { Ack, CallUpdate, CallWatch } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectError, connectSocket, inState, joinedCase, participantIn, startServer, type TestServer, type TestSocket } from './harness.js';

function dataOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/**
 * Issue 9: a parent's mistaken End (in the waiting room or in the call) must not cost them the
 * link. Their join session lives on; "Rejoin" puts them back in the waiting room, and the
 * clinician lets them in again, until the clinician ends the call.
 */
describe('a parent who leaves by mistake rejoins without a new link, until the clinician ends the call', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  let callId: string;
  let parentCookie: string;
  let clinician: TestSocket;
  let parent: TestSocket;
  let ids: { clinician: string; parent: string };

  beforeAll(async () => {
    server = await startServer();
    const cookie = await server.login('clinician');
    const joined = await joinedCase(server, cookie);
    parentCookie = joined.parentCookie;
    clinician = await connectSocket(server, { kind: 'staff', cookie });
    parent = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
    sockets.push(clinician, parent);
    const watch: CallWatch = dataOf(await clinician.socket.emitWithAck('case:watch', { caseId: joined.caseId }));
    callId = watch.update!.callId;
    ids = { clinician: watch.self!.participantId, parent: joined.parentSession.participantId };
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  const ready = async (): Promise<CallUpdate> => dataOf(await parent.socket.emitWithAck('call:ready', { callId }));

  it('counts the wait from the server’s time the parent came into the waiting room', async () => {
    const before = Date.now();
    const update = await ready();
    expect(update.snapshot).toEqual({ state: 'parent_waiting', reason: null });
    const since = Date.parse(participantIn(update, 'parent').waitingSince ?? '');
    expect(since).toBeGreaterThanOrEqual(before - 1_000);
    expect(since).toBeLessThanOrEqual(Date.now());
  });

  it('takes a mistaken End in the waiting room as leaving (failed parent_left), keeping the join session', async () => {
    const from = clinician.updates.length;
    const left: CallUpdate = dataOf(await parent.socket.emitWithAck('call:leave', { callId, reason: 'left' }));
    expect(left.snapshot).toEqual({ state: 'failed', reason: 'parent_left' });
    expect(participantIn(left, 'parent')).toMatchObject({ state: 'left', reason: 'parent_left', waitingSince: null });
    await clinician.waitForUpdate(inState('failed', { reason: 'parent_left' }), from);
    // The link's session still opens the page: a reload or a new socket is let in.
    expect((await server.request('GET', '/api/join/session', { cookie: parentCookie })).status).toBe(200);
    const another = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
    expect(another.socket.connected).toBe(true);
    another.close();
  });

  it('puts the parent back in the waiting room on Rejoin, and the clinician admits them again; media flows', async () => {
    const back = await ready();
    expect(back.snapshot).toEqual({ state: 'parent_waiting', reason: null });
    expect(participantIn(back, 'parent')).toMatchObject({ state: 'waiting', present: true, waitingSince: expect.any(String) });
    const admitted: CallUpdate = dataOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: ids.parent }));
    expect(admitted.snapshot.state).toBe('admitted');
    const connected: CallUpdate = dataOf(await clinician.socket.emitWithAck('call:media', { callId, peers: { [ids.parent]: 'connected' } }));
    expect(connected.snapshot.state).toBe('connected');
    expect(participantIn(connected, 'parent')).toMatchObject({ state: 'connected', waitingSince: null });
  });

  it('lets the parent leave and rejoin from the call too', async () => {
    expect(dataOf(await parent.socket.emitWithAck('call:leave', { callId, reason: 'left' })).snapshot).toEqual({ state: 'failed', reason: 'parent_left' });
    expect((await ready()).snapshot).toEqual({ state: 'parent_waiting', reason: null });
  });

  it('ends it for good on the clinician’s End: the parent cannot rejoin and the link’s session is over', async () => {
    const ended: CallUpdate = dataOf(await clinician.socket.emitWithAck('call:end', { callId }));
    expect(ended.snapshot).toEqual({ state: 'ended', reason: 'clinician_ended' });
    await expect.poll(() => parent.socket.connected, { timeout: 10_000 }).toBe(false);
    expect((await connectError(server, { kind: 'parent', cookie: parentCookie })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await server.request('GET', '/api/join/session', { cookie: parentCookie })).status).toBe(401);
    expect((await server.deps.calls.update(callId))?.snapshot).toEqual({ state: 'ended', reason: 'clinician_ended' });
  });
});
