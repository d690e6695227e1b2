import type { Ack, BoardSnapshot, CallUpdate, CallWatch } from '@desk/shared';
import { boardSnapshotSchema } from '@desk/shared';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cases } from '../src/db/schema.js';
import { loadBoardCases } from '../src/supervisor/board.js';
import { dataOf, WAIT_MS, watchFeed as watchBoard } from './feeds.js';
import { connectSocket, newIdempotencyKey, postDecision, startServer, tokenOf, type TestServer } from './harness.js';

/**
 * Issue 10: the supervisors' board over real sockets. A watcher gets a snapshot, then deltas with
 * contiguous seq; each state change of a case yields the row in its new state; a reconnect's
 * snapshot equals what the database says; nobody but a supervisor (or admin) gets any of it.
 */

describe('the supervisor board', () => {
  let server: TestServer;
  let clinicianCookie: string;
  let supervisorCookie: string;
  const sockets: { close(): void }[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { BOARD_DECIDED_VISIBLE_SECONDS: '600' } });
    [clinicianCookie, supervisorCookie] = await Promise.all([server.login('clinician'), server.login('supervisor')]);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  /** The clinician signs home care (which closes the case). */
  async function signSelfCare(caseId: string, notes: string): Promise<void> {
    const signed = await postDecision(server, { caseId, body: { disposition: 'self_care', notes }, key: newIdempotencyKey(), cookie: clinicianCookie });
    expect(signed.status).toBe(201);
  }

  it('answers GET /api/supervisor/board with the contract shape, and the socket with the same', async () => {
    await server.createCase(clinicianCookie, { reference: '111-BOARD-REST' });
    const rest = await server.request('GET', '/api/supervisor/board', { cookie: supervisorCookie });
    expect(rest.status).toBe(200);
    const snapshot = boardSnapshotSchema.parse(rest.body);
    expect(snapshot.cases.find((c) => c.reference === '111-BOARD-REST')).toMatchObject({ state: 'new', clinician: { name: 'Nurse Demo' }, ageBand: '1_to_4_years' });
    expect(snapshot.thresholds).toEqual({ parentWaitingSeconds: 120, linkUnopenedSeconds: 600, reconnectingSeconds: 60, undecidedSeconds: 1800 });
    expect(snapshot.clinicians.map((c) => c.name)).toContain('Nurse Demo');
    expect(snapshot.headline.open).toBeGreaterThanOrEqual(1);
    const board = await watchBoard(server, supervisorCookie);
    sockets.push(board);
    expect(board.snapshot.cases.map((c) => c.caseId).sort()).toEqual(snapshot.cases.map((c) => c.caseId).sort());
  });

  it('moves a row through new → link sent → parent waiting → in call → wrap-up → decided, each by a delta', async () => {
    const board = await watchBoard(server, supervisorCookie);
    sockets.push(board);
    const created = await server.createCase(clinicianCookie, { reference: '111-BOARD-FLOW' });
    await board.waitForState(created.id, 'new');
    expect(board.rows().get(created.id)).toMatchObject({ reference: '111-BOARD-FLOW', clinician: { name: 'Nurse Demo' }, call: null, band: null });

    const desk = await connectSocket(server, { kind: 'staff', cookie: clinicianCookie });
    sockets.push(desk);
    const invite = await server.invite(clinicianCookie, created.id);
    await board.waitForState(created.id, 'link_sent');
    const watch: CallWatch = dataOf(await desk.socket.emitWithAck('case:watch', { caseId: created.id }));
    const callId = watch.update!.callId;

    const parentJoin = await server.join(tokenOf(invite.devJoinLink!));
    const parent = await connectSocket(server, { kind: 'parent', cookie: parentJoin.cookie });
    sockets.push(parent);
    const waitingAt = Date.now();
    dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
    await board.waitForState(created.id, 'parent_waiting');
    const waitingRow = board.rows().get(created.id)!;
    // The wait counts from the server's time the parent came in, not from the delta.
    expect(Math.abs(Date.parse(waitingRow.stateSince) - waitingAt)).toBeLessThan(2_000);

    const admitted: CallUpdate = dataOf(
      await desk.socket.emitWithAck('call:admit', { callId, participantId: parentJoin.session.participantId }),
    );
    expect(admitted.snapshot.state).toBe('admitted');
    await board.waitForState(created.id, 'in_call');
    dataOf(await desk.socket.emitWithAck('call:media', { callId, peers: { [parentJoin.session.participantId]: 'connected' } }));
    dataOf(await desk.socket.emitWithAck('call:end', { callId }));
    await board.waitForState(created.id, 'wrap_up');

    await signSelfCare(created.id, 'Well on video.');
    await board.waitForState(created.id, 'decided');
    expect(board.rows().get(created.id)).toMatchObject({ state: 'decided', overridden: false });
    // The clinician's status followed the call: in call, then wrap-up, and now back to available.
    const snapshot = dataOf<BoardSnapshot>(await board.socket.socket.emitWithAck('board:watch', {}));
    expect(snapshot.clinicians.find((c) => c.name === 'Nurse Demo')).toMatchObject({ status: 'available', handledThisShift: 1 });
  });

  it('shows a call whose people have all gone as abandoned, not in call', async () => {
    const board = await watchBoard(server, supervisorCookie);
    sockets.push(board);
    const created = await server.createCase(clinicianCookie, { reference: '111-BOARD-GONE' });
    const invite = await server.invite(clinicianCookie, created.id);
    const desk = await connectSocket(server, { kind: 'staff', cookie: clinicianCookie });
    const callId = (dataOf<CallWatch>(await desk.socket.emitWithAck('case:watch', { caseId: created.id }))).update!.callId;
    const parentJoin = await server.join(tokenOf(invite.devJoinLink!));
    const parent = await connectSocket(server, { kind: 'parent', cookie: parentJoin.cookie });
    dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
    dataOf(await desk.socket.emitWithAck('call:admit', { callId, participantId: parentJoin.session.participantId }));
    await board.waitForState(created.id, 'in_call');
    // Both pages vanish (lost signal, closed laptop): the call is still "admitted" on paper.
    desk.close();
    parent.close();
    await board.waitForState(created.id, 'abandoned');
  });

  it('refuses the board to clinicians and parents (socket and REST)', async () => {
    const desk = await connectSocket(server, { kind: 'staff', cookie: clinicianCookie });
    sockets.push(desk);
    const refused = (await desk.socket.emitWithAck('board:watch', {})) as Ack<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await server.request('GET', '/api/supervisor/board', { cookie: clinicianCookie })).status).toBe(403);
    expect((await server.request('GET', '/api/supervisor/board')).status).toBe(401);
  });

  it('gives a reconnecting watcher a snapshot equal to the database, with no stale row', async () => {
    const board = await watchBoard(server, supervisorCookie);
    const created = await server.createCase(clinicianCookie, { reference: '111-BOARD-STALE' });
    await board.waitForState(created.id, 'new');
    // The watcher drops; meanwhile the case is signed (it would leave a stale "new" row behind if the page kept it).
    board.close();
    await signSelfCare(created.id, 'Decided by phone.');
    const again = await watchBoard(server, supervisorCookie);
    sockets.push(again);
    const truth = await loadBoardCases(server.deps);
    expect(again.snapshot.cases).toEqual(truth);
    expect(again.snapshot.cases.find((c) => c.caseId === created.id)?.state).toBe('decided');
  });

  it('sends changes made together as one delta, carrying only the rows that changed', async () => {
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => server.createCase(clinicianCookie, { reference: `111-BURST-${i}` })));
    const board = await watchBoard(server, supervisorCookie);
    sockets.push(board);
    for (const c of made) expect(board.rows().get(c.id)?.clinician).not.toBeNull();
    const before = board.deltas.length;
    // Twelve cases lose their clinician in one statement (as a bulk change would), and say so at once.
    await server.deps.db.update(cases).set({ assignedClinicianId: null }).where(inArray(cases.id, made.map((c) => c.id)));
    for (const c of made) server.deps.events.caseChanged(c.id);
    await vi.waitFor(() => expect(made.every((c) => board.rows().get(c.id)?.clinician === null)).toBe(true), { timeout: WAIT_MS });
    const burst = board.deltas.slice(before).filter((d) => d.upserts.length);
    expect(burst).toHaveLength(1);
    expect(burst[0]!.upserts.map((r) => r.caseId).sort()).toEqual(made.map((c) => c.id).sort());
  });
});
