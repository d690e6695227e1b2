import type { Ack, CallWatch } from '@desk/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invites } from '../src/db/schema.js';
import { connectSocket, errorOf, startServer, tokenOf, type TestServer, type TestSocket } from './harness.js';

function dataOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

const INTERPRETER = { role: 'interpreter', name: 'Ingrid Interpreter', phone: '07700 900777' } as const;

/**
 * Issue 11: ending a call never strands anyone on a link that still works. Every unused link of
 * the call dies with it (the parent's and guests'), so an old SMS opens the "link has expired or
 * has already been used" page, and only a link sent after the end starts a new call.
 */
describe('ending a call revokes its unused links', () => {
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

  const invitesFor = (caseId: string) => server.deps.db.select().from(invites).where(eq(invites.caseId, caseId));

  /** The clinician's desk on the case (it takes the call's media), as the case page opens it. */
  async function desk(caseId: string): Promise<{ socket: TestSocket; callId: string }> {
    const socket = await connectSocket(server, { kind: 'staff', cookie });
    sockets.push(socket);
    const watch: CallWatch = dataOf(await socket.socket.emitWithAck('case:watch', { caseId }));
    return { socket, callId: watch.update!.callId };
  }

  const joinWith = (token: string) => server.request('POST', '/api/join', { json: { token } });

  it('cancelling the link before the parent joined: the old SMS link answers 410 LINK_EXPIRED, and the audit says why', async () => {
    const created = await server.createCase(cookie);
    const token = tokenOf((await server.invite(cookie, created.id)).devJoinLink!);
    const { socket, callId } = await desk(created.id);

    const ended = dataOf(await socket.socket.emitWithAck('call:end', { callId }));
    expect(ended.snapshot).toEqual({ state: 'ended', reason: 'clinician_ended' });

    // The preview (what the join page asks first) and the tap both refuse it, with the code the page shows the expired screen for.
    const preview = await server.request('POST', '/api/join/preview', { json: { token } });
    expect(preview.status).toBe(410);
    expect(errorOf(preview).code).toBe('LINK_EXPIRED');
    const refused = await joinWith(token);
    expect(refused.status).toBe(410);
    expect(errorOf(refused)).toMatchObject({ code: 'LINK_EXPIRED', message: expect.stringMatching(/expired or has already been used/) });
    expect(refused.headers.getSetCookie()).toEqual([]);

    const [row] = await invitesFor(created.id);
    expect(row).toMatchObject({ usedAt: null, revokedAt: expect.any(Date) });
    expect((await server.auditRows('join_refused', `case:${created.id}`)).map((r) => r.detail)).toEqual([expect.objectContaining({ why: 'revoked' })]);
    const revoked = await server.auditRows('invites_revoked', `case:${created.id}`);
    expect(revoked.map((r) => r.detail)).toEqual([{ callId, inviteIds: [row!.id], participantIds: [row!.participantId], why: 'call_ended' }]);
    // The call stays as it ended: a refused old link does not reopen or fail it.
    expect((await server.getCase(cookie, created.id)).call).toMatchObject({ id: callId, state: 'ended', reason: 'clinician_ended' });
  });

  it('ending by phone fallback revokes the link too', async () => {
    const created = await server.createCase(cookie);
    const token = tokenOf((await server.invite(cookie, created.id)).devJoinLink!);
    const { socket, callId } = await desk(created.id);
    dataOf(await socket.socket.emitWithAck('call:end', { callId, reason: 'phone_fallback' }));
    expect(errorOf(await joinWith(token)).code).toBe('LINK_EXPIRED');
  });

  it('ending after the parent joined: a guest’s unused link is revoked with it, the used one is left as used', async () => {
    const created = await server.createCase(cookie);
    const parentToken = tokenOf((await server.invite(cookie, created.id)).devJoinLink!);
    expect((await joinWith(parentToken)).status).toBe(200);
    const guest = await server.inviteGuest(cookie, created.id, INTERPRETER);
    const guestToken = tokenOf(guest.devJoinLink!);
    const { socket, callId } = await desk(created.id);

    dataOf(await socket.socket.emitWithAck('call:end', { callId }));

    const refused = await joinWith(guestToken);
    expect(refused.status).toBe(410);
    expect(errorOf(refused).code).toBe('LINK_EXPIRED');
    const rows = await invitesFor(created.id);
    const guestRow = rows.find((r) => r.participantId === guest.participant.id)!;
    const parentRow = rows.find((r) => r.participantId !== guest.participant.id)!;
    expect(guestRow).toMatchObject({ usedAt: null, revokedAt: expect.any(Date) });
    expect(parentRow).toMatchObject({ usedAt: expect.any(Date), revokedAt: null });
    const revoked = await server.auditRows('invites_revoked', `case:${created.id}`);
    expect(revoked.map((r) => r.detail)).toEqual([{ callId, inviteIds: [guestRow.id], participantIds: [guest.participant.id], why: 'call_ended' }]);
  });

  it('lets a link sent after the end start a new call, and that link works', async () => {
    const created = await server.createCase(cookie);
    const old = await server.invite(cookie, created.id);
    const { socket, callId } = await desk(created.id);
    dataOf(await socket.socket.emitWithAck('call:end', { callId }));

    const fresh = await server.invite(cookie, created.id);
    expect(fresh.call.id).not.toBe(callId);
    expect(fresh.call).toMatchObject({ state: 'invited', linkExpiresAt: fresh.expiresAt });
    const joined = await joinWith(tokenOf(fresh.devJoinLink!));
    expect(joined.status).toBe(200);
    expect(errorOf(await joinWith(tokenOf(old.devJoinLink!))).code).toBe('LINK_EXPIRED');
  });

  it('removing a guest who never joined revokes their link only; the parent’s still works', async () => {
    const created = await server.createCase(cookie);
    const parentToken = tokenOf((await server.invite(cookie, created.id)).devJoinLink!);
    const guest = await server.inviteGuest(cookie, created.id, INTERPRETER);
    const { socket, callId } = await desk(created.id);

    dataOf(await socket.socket.emitWithAck('call:remove', { callId, participantId: guest.participant.id }));

    expect(errorOf(await joinWith(tokenOf(guest.devJoinLink!))).code).toBe('LINK_EXPIRED');
    const revoked = await server.auditRows('invites_revoked', `case:${created.id}`);
    expect(revoked.map((r) => r.detail)).toEqual([expect.objectContaining({ callId, participantIds: [guest.participant.id], why: 'guest_removed' })]);
    expect((await joinWith(parentToken)).status).toBe(200);
  });

  it('writes no revocation when nothing was left unused', async () => {
    const created = await server.createCase(cookie);
    expect((await joinWith(tokenOf((await server.invite(cookie, created.id)).devJoinLink!))).status).toBe(200);
    const { socket, callId } = await desk(created.id);
    dataOf(await socket.socket.emitWithAck('call:end', { callId }));
    expect(await server.auditRows('invites_revoked', `case:${created.id}`)).toEqual([]);
  });
});

describe('the case view says when the parent’s link expires', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startServer();
    cookie = await server.login('clinician');
  });
  afterAll(() => server.close());

  it('is null before any link, then the latest parent link’s expiry; a guest’s link does not change it', async () => {
    const created = await server.createCase(cookie);
    expect(created.call).toBeNull();
    const first = await server.invite(cookie, created.id);
    expect(first.call.linkExpiresAt).toBe(first.expiresAt);
    expect((await server.getCase(cookie, created.id)).call?.linkExpiresAt).toBe(first.expiresAt);

    server.clock.advance(60_000);
    const again = await server.invite(cookie, created.id);
    expect(again.expiresAt).not.toBe(first.expiresAt);
    expect((await server.getCase(cookie, created.id)).call?.linkExpiresAt).toBe(again.expiresAt);

    server.clock.advance(60_000);
    const guest = await server.inviteGuest(cookie, created.id, INTERPRETER);
    expect(guest.call.linkExpiresAt).toBe(again.expiresAt);
    expect((await server.getCase(cookie, created.id)).call?.linkExpiresAt).toBe(again.expiresAt);
  });

  it('is null on a call that has only a guest’s link', async () => {
    const created = await server.createCase(cookie);
    const guest = await server.inviteGuest(cookie, created.id, INTERPRETER);
    expect(guest.call.linkExpiresAt).toBeNull();
    expect((await server.getCase(cookie, created.id)).call?.linkExpiresAt).toBeNull();
  });
});
