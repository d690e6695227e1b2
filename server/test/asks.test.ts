import type { Ack, AskUpdate, CallUpdate, CallWatch } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, joinedCase, startServer, tokenOf, type TestServer, type TestSocket } from './harness.js';

/** The desk asks the parent (issue 9): only the call's clinician asks, only the call's parent answers, both see it live and after a reconnect. */

function dataOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}
function refusalOf(ack: unknown): string {
  const parsed = ack as Ack;
  if (parsed.ok) throw new Error(`expected a refusal, got ${JSON.stringify(parsed)}`);
  return parsed.error.code;
}
const askOf = (ack: unknown) => {
  const { ask } = dataOf(ack as Ack<AskUpdate>);
  if (!ask) throw new Error('no ask in the update');
  return ask;
};

/** A server time (ISO) taken while `work` ran: the test clock is real time plus an offset. */
async function timed<T>(server: TestServer, work: () => Promise<T>): Promise<{ result: T; at: (iso: string | null | undefined) => boolean }> {
  const before = server.clock.now().getTime();
  const result = await work();
  const after = server.clock.now().getTime();
  return { result, at: (iso) => !!iso && Date.parse(iso) >= before && Date.parse(iso) <= after };
}

/** A socket and every `ask` update it was pushed. */
type Page = TestSocket & { asks: AskUpdate[]; nextAsk(match: (update: AskUpdate) => boolean): Promise<AskUpdate> };

async function page(server: TestServer, kind: 'staff' | 'parent' | 'guest', cookie: string): Promise<Page> {
  const socket = await connectSocket(server, { kind, cookie });
  const asks: AskUpdate[] = [];
  const waiters = new Set<() => void>();
  socket.socket.on('ask', (update) => {
    asks.push(update);
    for (const check of waiters) check();
  });
  const nextAsk = (match: (update: AskUpdate) => boolean) =>
    new Promise<AskUpdate>((resolve, reject) => {
      const from = asks.length;
      const check = () => {
        const found = asks.slice(from).find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => reject(new Error(`no matching ask; got ${JSON.stringify(asks.slice(from))}`)), 5_000);
      waiters.add(check);
    });
  return Object.assign(socket, { asks, nextAsk });
}

describe('the desk asks the parent, over the call socket', () => {
  let server: TestServer;
  let caseId: string;
  let callId: string;
  let parentId: string;
  let parentCookie: string;
  let clinician: Page;
  let parent: Page;
  let guest: Page;
  let clinician2: Page;
  let supervisor: Page;
  let otherParent: Page;
  const pages: Page[] = [];

  const send = (request: unknown) => clinician.emitRaw('ask:send', { callId, request });
  const answer = (who: Page, askId: string, value: 'accepted' | 'declined') => who.emitRaw('ask:answer', { callId, askId, answer: value });
  const watch = async (who: Page) => dataOf((await who.emitRaw('ask:watch', { callId })) as Ack<AskUpdate>);
  /** A round trip on the guest's own socket: anything sent to it before is delivered by then. */
  const settled = (who: Page) => who.emitRaw('ping', {});

  beforeAll(async () => {
    server = await startServer();
    const [clinicianCookie, clinician2Cookie, supervisorCookie] = await Promise.all([server.login('clinician'), server.login('clinician2'), server.login('supervisor')]);
    const joined = await joinedCase(server, clinicianCookie);
    ({ caseId, parentCookie } = joined);
    callId = joined.invite.call.id;
    parentId = joined.parentSession.participantId;
    const guestInvite = await server.inviteGuest(clinicianCookie, caseId, { role: 'interpreter', name: 'Ingrid Interpreter', phone: '07700 900777' });
    const guestJoin = await server.join(tokenOf(guestInvite.devJoinLink!));
    const other = await joinedCase(server, clinicianCookie, { reference: '111-OTHER', callerPhone: '07700 900456' });
    [clinician, parent, guest, clinician2, supervisor, otherParent] = await Promise.all([
      page(server, 'staff', clinicianCookie),
      page(server, 'parent', parentCookie),
      page(server, 'guest', guestJoin.cookie),
      page(server, 'staff', clinician2Cookie),
      page(server, 'staff', supervisorCookie),
      page(server, 'parent', other.parentCookie),
    ]);
    pages.push(clinician, parent, guest, clinician2, supervisor, otherParent);
    dataOf((await clinician.emitRaw('case:watch', { caseId })) as Ack<CallWatch>);
    dataOf((await supervisor.emitRaw('case:watch', { caseId })) as Ack<CallWatch>);
    dataOf((await parent.emitRaw('call:ready', { callId })) as Ack<CallUpdate>);
    dataOf((await guest.emitRaw('call:ready', { callId })) as Ack<CallUpdate>);
  }, 60_000);
  afterAll(async () => {
    for (const p of pages) p.close();
    await server.close();
  });

  // The steps below are one call, in order: each relies on the state the previous one left.

  it('refuses an ask while the parent is still in the waiting room with PARENT_NOT_IN_CALL', async () => {
    expect(refusalOf(await send({ kind: 'back_camera' }))).toBe('PARENT_NOT_IN_CALL');
    expect(await server.auditRows('ask_sent', `case:${caseId}`)).toHaveLength(0);
  });

  it('lets only the clinician of the call ask: another clinician, a supervisor, the parent and a guest are refused', async () => {
    dataOf((await clinician.emitRaw('call:admit', { callId, participantId: parentId })) as Ack<CallUpdate>);
    const ask = { callId, request: { kind: 'back_camera' } };
    expect(refusalOf(await clinician2.emitRaw('ask:send', ask))).toBe('FORBIDDEN');
    expect(refusalOf(await supervisor.emitRaw('ask:send', ask))).toBe('FORBIDDEN');
    expect(refusalOf(await parent.emitRaw('ask:send', ask))).toBe('FORBIDDEN');
    expect(refusalOf(await guest.emitRaw('ask:send', ask))).toBe('FORBIDDEN');
    expect(refusalOf(await clinician.emitRaw('ask:send', { callId, request: { kind: 'exam', exam: 'x_ray' } }))).toBe('VALIDATION_FAILED');
    expect(await server.auditRows('ask_sent', `case:${caseId}`)).toHaveLength(0);
  });

  it('relays "Show me with the back camera" to the parent and the desk with server times, never to a guest; audited', async () => {
    const parentSees = parent.nextAsk((u) => u.ask?.state === 'open');
    const supervisorSees = supervisor.nextAsk((u) => u.ask?.state === 'open');
    const { result, at } = await timed(server, () => send({ kind: 'back_camera' }));
    const sent = askOf(result);
    expect(sent).toEqual({ id: expect.any(String), callId, request: { kind: 'back_camera' }, state: 'open', askedAt: expect.any(String), answeredAt: null, timer: null });
    expect(at(sent.askedAt)).toBe(true);
    expect((await parentSees).ask).toEqual(sent);
    expect(at((await supervisorSees).serverNow)).toBe(true);
    await settled(guest);
    await settled(otherParent);
    expect(guest.asks).toEqual([]);
    expect(otherParent.asks).toEqual([]);
    const [row] = await server.auditRows('ask_sent', `case:${caseId}`);
    expect(row).toMatchObject({ actor: `user:${server.userIds.clinician}`, detail: { callId, askId: sent.id, kind: 'back_camera' } });
  });

  it("takes the parent's one-tap accept to the desk, audited; no one else may answer, and a second answer is ASK_NOT_OPEN", async () => {
    const { ask } = await watch(parent);
    expect(refusalOf(await answer(guest, ask!.id, 'accepted'))).toBe('FORBIDDEN');
    expect(refusalOf(await answer(otherParent, ask!.id, 'accepted'))).toBe('FORBIDDEN');
    expect(refusalOf(await answer(clinician, ask!.id, 'accepted'))).toBe('FORBIDDEN');
    const deskSees = clinician.nextAsk((u) => u.ask?.state === 'accepted');
    server.clock.advance(2_000);
    const { result, at } = await timed(server, () => answer(parent, ask!.id, 'accepted'));
    const accepted = askOf(result);
    expect(accepted).toMatchObject({ state: 'accepted', timer: null });
    expect(at(accepted.answeredAt)).toBe(true);
    expect((await deskSees).ask).toEqual(accepted);
    expect(refusalOf(await answer(parent, ask!.id, 'declined'))).toBe('ASK_NOT_OPEN');
    const rows = await server.auditRows('ask_answered', `case:${caseId}`);
    expect(rows.map((r) => r.detail)).toEqual([{ callId, askId: ask!.id, kind: 'back_camera', answer: 'accepted' }]);
    expect(rows[0]!.actor).toMatch(/^parent:/);
  });

  it('replaces the last ask with a new one (closed, audited), and starts a breathing timer from the server clock when the parent is ready', async () => {
    const previous = (await watch(clinician)).ask!;
    const breathing = askOf(await send({ kind: 'exam', exam: 'breathing' }));
    expect(breathing).toMatchObject({ request: { kind: 'exam', exam: 'breathing' }, state: 'open', timer: null });
    expect((await server.auditRows('ask_closed', `case:${caseId}`)).map((r) => r.detail)).toEqual([
      { callId, askId: previous.id, kind: 'back_camera', replaced: true },
    ]);
    expect(refusalOf(await answer(parent, previous.id, 'accepted'))).toBe('ASK_NOT_OPEN');

    server.clock.advance(3_000);
    const parentSees = parent.nextAsk((u) => u.ask?.timer !== null);
    const accepting = await timed(server, () => answer(parent, breathing.id, 'accepted'));
    const started = askOf(accepting.result);
    expect(started.timer).toEqual({ startedAt: started.answeredAt, durationMs: 30_000 });
    expect(accepting.at(started.timer?.startedAt)).toBe(true);
    expect((await parentSees).ask?.timer).toEqual(started.timer);

    server.clock.advance(40_000);
    const restarting = await timed(server, () => clinician.emitRaw('ask:timer', { callId, askId: breathing.id }));
    const restarted = askOf(restarting.result);
    expect(restarted.timer?.durationMs).toBe(30_000);
    expect(restarting.at(restarted.timer?.startedAt)).toBe(true);
    expect(refusalOf(await guest.emitRaw('ask:timer', { callId, askId: breathing.id }))).toBe('FORBIDDEN');
    expect(await server.auditRows('ask_timer_started', `case:${caseId}`)).toHaveLength(1);
  });

  it('has no timer for an exam without one (the glass test) and takes a decline to the desk', async () => {
    const glass = askOf(await send({ kind: 'exam', exam: 'glass_test' }));
    expect(refusalOf(await clinician.emitRaw('ask:timer', { callId, askId: glass.id }))).toBe('ASK_NOT_OPEN');
    const deskSees = clinician.nextAsk((u) => u.ask?.state === 'declined');
    askOf(await answer(parent, glass.id, 'declined'));
    expect((await deskSees).ask).toMatchObject({ id: glass.id, state: 'declined', timer: null });
  });

  it('restores the open ask to a reloaded parent page and a reloaded desk, from the database', async () => {
    const capillary = askOf(await send({ kind: 'exam', exam: 'capillary_refill' }));
    parent.close();
    clinician.close();
    parent = await page(server, 'parent', parentCookie);
    clinician = await page(server, 'staff', await server.login('clinician'));
    pages.push(parent, clinician);
    dataOf((await clinician.emitRaw('case:watch', { caseId })) as Ack<CallWatch>);
    expect((await watch(parent)).ask).toEqual(capillary);
    expect((await watch(clinician)).ask).toEqual(capillary);
    // The parent's new page hears the next change too.
    const parentSees = parent.nextAsk((u) => u.ask?.state === 'accepted');
    askOf(await answer(parent, capillary.id, 'accepted'));
    expect((await parentSees).ask?.timer?.durationMs).toBe(5_000);
  });

  it('lets only the staff watching and the parent see the current ask', async () => {
    expect(refusalOf(await guest.emitRaw('ask:watch', { callId }))).toBe('FORBIDDEN');
    expect(refusalOf(await otherParent.emitRaw('ask:watch', { callId }))).toBe('FORBIDDEN');
    expect((await watch(supervisor)).ask?.request).toEqual({ kind: 'exam', exam: 'capillary_refill' });
  });

  it("closes the ask on the clinician's word, for both sides; nothing is current after", async () => {
    const { ask } = await watch(clinician);
    expect(refusalOf(await parent.emitRaw('ask:close', { callId, askId: ask!.id }))).toBe('FORBIDDEN');
    const parentSees = parent.nextAsk((u) => u.ask?.state === 'closed');
    expect(askOf(await clinician.emitRaw('ask:close', { callId, askId: ask!.id })).state).toBe('closed');
    expect((await parentSees).ask?.id).toBe(ask!.id);
    expect((await watch(parent)).ask).toBeNull();
    expect(refusalOf(await clinician.emitRaw('ask:close', { callId, askId: ask!.id }))).toBe('ASK_NOT_OPEN');
  });

  it('refuses a bare "accepted" to a photo ask (only the photo itself answers it), and takes a decline', async () => {
    const photo = askOf(await send({ kind: 'photo' }));
    expect(refusalOf(await answer(parent, photo.id, 'accepted'))).toBe('ASK_NOT_OPEN');
    expect((await watch(clinician)).ask).toMatchObject({ id: photo.id, state: 'open' });
    expect(askOf(await answer(parent, photo.id, 'declined'))).toMatchObject({ state: 'declined' });
  });

  it('shows nothing once the call has ended, and takes no new ask', async () => {
    askOf(await send({ kind: 'exam', exam: 'fontanelle' }));
    dataOf((await clinician.emitRaw('call:end', { callId })) as Ack<CallUpdate>);
    expect((await watch(clinician)).ask).toBeNull();
    expect(refusalOf(await send({ kind: 'back_camera' }))).toBe('PARENT_NOT_IN_CALL');
  });

});
