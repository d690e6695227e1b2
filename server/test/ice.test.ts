import { createHmac } from 'node:crypto';
import { iceConfigSchema, type Ack, type CallUpdate, type IceConfig } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { DEFAULT_TURN_CREDENTIAL_TTL_S, iceConfigFor } from '../src/signalling/ice.js';
import { connectError, connectSocket, joinedCase, tokenOf, startServer, type TestServer, type TestSocket } from './harness.js';

const TURN_SECRET = 'turn-shared-secret-for-tests';
const TURN_URLS = 'turn:turn.example.test:3478?transport=udp,turns:turn.example.test:443?transport=tcp';
const CALL_ID = '1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b';
const PARTICIPANT_ID = 'c0000000-0000-4000-8000-000000000002';

/** What coturn does with `use-auth-secret`: the password is base64(HMAC-SHA1(secret, username)); the leading digits are the expiry. */
function coturnAccepts(server: { username?: string; credential?: string }, secret: string, nowS: number): boolean {
  const { username = '', credential = '' } = server;
  const expiry = Number(/^(\d+):/.exec(username)?.[1] ?? 0);
  return expiry > nowS && createHmac('sha1', secret).update(username).digest('base64') === credential;
}

const turnOf = (config: IceConfig) => config.iceServers.find((s) => s.username !== undefined);

describe('ICE configuration', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const nowS = now.getTime() / 1000;

  it('offers host candidates only by default: no STUN or TURN server is contacted unless configured', () => {
    expect(iceConfigFor({ turn: null, stunUrls: [], iceTransportPolicy: 'all' }, now, { callId: CALL_ID, participantId: PARTICIPANT_ID })).toEqual({
      iceServers: [],
      iceTransportPolicy: 'all',
      expiresAt: null,
    });
  });

  it('gives coturn REST credentials for one participant of one call: expiry:callId:participantId, HMAC-SHA1 of the shared secret, 2 h by default', () => {
    const config = loadConfig({ TURN_URLS, TURN_SECRET, STUN_URLS: 'stun:stun.example.test:3478' });
    expect(config.turn?.credentialTtlS).toBe(DEFAULT_TURN_CREDENTIAL_TTL_S);
    expect(DEFAULT_TURN_CREDENTIAL_TTL_S).toBe(7_200);
    const ice = iceConfigFor(config, now, { callId: CALL_ID, participantId: PARTICIPANT_ID });
    const expiry = nowS + 7_200;
    expect(ice).toEqual({
      iceServers: [
        { urls: ['stun:stun.example.test:3478'] },
        {
          urls: ['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:443?transport=tcp'],
          username: `${expiry}:${CALL_ID}:${PARTICIPANT_ID}`,
          credential: createHmac('sha1', TURN_SECRET).update(`${expiry}:${CALL_ID}:${PARTICIPANT_ID}`).digest('base64'),
        },
      ],
      iceTransportPolicy: 'all',
      expiresAt: new Date(expiry * 1000).toISOString(),
    });
    expect(coturnAccepts(turnOf(ice)!, TURN_SECRET, nowS + 7_199)).toBe(true);
    expect(coturnAccepts(turnOf(ice)!, TURN_SECRET, nowS + 7_200)).toBe(false);
    expect(coturnAccepts(turnOf(ice)!, 'another secret', nowS)).toBe(false);
  });

  it('reads TURN_CREDENTIAL_TTL_S and ICE_TRANSPORT_POLICY, and refuses relay-only without a relay', () => {
    const config = loadConfig({ TURN_URLS, TURN_SECRET, TURN_CREDENTIAL_TTL_S: '14400', ICE_TRANSPORT_POLICY: 'relay' });
    const ice = iceConfigFor(config, now, { callId: CALL_ID, participantId: PARTICIPANT_ID });
    expect(turnOf(ice)!.username).toBe(`${nowS + 14_400}:${CALL_ID}:${PARTICIPANT_ID}`);
    expect(ice.iceTransportPolicy).toBe('relay');
    expect(() => loadConfig({ ICE_TRANSPORT_POLICY: 'relay' })).toThrow(ConfigError);
    expect(() => loadConfig({ TURN_URLS, TURN_SECRET, TURN_CREDENTIAL_TTL_S: '10' })).toThrow(ConfigError);
    expect(() => loadConfig({ ICE_TRANSPORT_POLICY: 'none' })).toThrow(ConfigError);
  });
});

describe('TURN credentials over the socket (call:ice)', () => {
  let server: TestServer;
  let cookie: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { TURN_URLS, TURN_SECRET } });
    server.planted.add(TURN_SECRET, 'TURN secret');
    cookie = await server.login('clinician');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  async function open(kind: 'staff' | 'parent' | 'guest', socketCookie: string) {
    const socket = await connectSocket(server, { kind, cookie: socketCookie });
    sockets.push(socket);
    return socket;
  }
  function dataOf<T>(ack: Ack<T>): T {
    if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }
  function refusalOf(ack: unknown): string {
    const parsed = ack as Ack;
    if (parsed.ok) throw new Error(`expected a refusal, got ${JSON.stringify(parsed)}`);
    return parsed.error.code;
  }
  /** Asks for credentials as a page does; plants what it got so a log holding it fails the file. */
  async function iceOf(socket: TestSocket, callId: string): Promise<IceConfig> {
    const ice = iceConfigSchema.parse(dataOf(await socket.socket.emitWithAck('call:ice', { callId })));
    const turn = turnOf(ice);
    if (turn?.credential) server.planted.add(turn.credential, 'TURN credential');
    return ice;
  }

  /** A case with the clinician watching (holding its media) and the parent's page connected, not yet ready. */
  async function call() {
    const joined = await joinedCase(server, cookie);
    const clinician = await open('staff', cookie);
    const watch = dataOf(await clinician.socket.emitWithAck('case:watch', { caseId: joined.caseId }));
    const parent = await open('parent', joined.parentCookie);
    const callId = joined.invite.call.id;
    return { ...joined, callId, clinician, parent, clinicianId: watch.self!.participantId, parentId: joined.parentSession.participantId };
  }

  it('puts no TURN credentials in the REST sessions: not for a parent holding a link, not for staff', async () => {
    const { parentSession } = await call();
    expect(parentSession.iceServers).toEqual([]);
    const staff = await server.request('GET', '/api/auth/session', { cookie });
    expect(staff.status).toBe(200);
    expect((staff.body as { iceServers: unknown }).iceServers).toEqual([]);
  });

  it('gives a parent none before admission, nor in the waiting room; once admitted, credentials for this call and this participant', async () => {
    const { callId, clinician, parent, parentId } = await call();
    expect(refusalOf(await parent.emitRaw('call:ice', { callId }))).toBe('NOT_IN_CALL');
    dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
    expect(refusalOf(await parent.emitRaw('call:ice', { callId }))).toBe('NOT_IN_CALL');

    dataOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: parentId }));
    const nowS = Math.floor(server.clock.now().getTime() / 1000);
    const ice = await iceOf(parent, callId);
    const turn = turnOf(ice)!;
    expect(turn.urls).toEqual(TURN_URLS.split(','));
    const [expiry, ...identity] = turn.username!.split(':');
    expect(identity).toEqual([callId, parentId]);
    expect(Number(expiry) - nowS).toBeGreaterThanOrEqual(DEFAULT_TURN_CREDENTIAL_TTL_S - 2);
    expect(Number(expiry) - nowS).toBeLessThanOrEqual(DEFAULT_TURN_CREDENTIAL_TTL_S + 2);
    expect(ice.expiresAt).toBe(new Date(Number(expiry) * 1000).toISOString());
    expect(ice.iceTransportPolicy).toBe('all');
    expect(coturnAccepts(turn, TURN_SECRET, nowS)).toBe(true);
  });

  it('gives the clinician holding the call credentials of their own, and none to a page that does not hold a participant', async () => {
    const { callId, caseId, clinician, clinicianId, parent, parentId, parentCookie } = await call();
    expect(turnOf(await iceOf(clinician, callId))!.username).toMatch(new RegExp(`^\\d+:${callId}:${clinicianId}$`));
    dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
    dataOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: parentId }));
    // The parent's second tab has not taken the media; a second desk tab does not hold it either.
    const parentTab = await open('parent', parentCookie);
    expect(refusalOf(await parentTab.emitRaw('call:ice', { callId }))).toBe('FORBIDDEN');
    const deskTab = await open('staff', cookie);
    const watch = dataOf(await deskTab.socket.emitWithAck('case:watch', { caseId }));
    expect(watch.self).toMatchObject({ holding: false });
    expect(refusalOf(await deskTab.emitRaw('call:ice', { callId }))).toBe('CALL_HELD_ELSEWHERE');
    // Nor to staff who are not the call's clinician, watching it.
    for (const name of ['clinician2', 'supervisor']) {
      const other = await open('staff', await server.login(name));
      dataOf(await other.socket.emitWithAck('case:watch', { caseId }));
      expect(refusalOf(await other.emitRaw('call:ice', { callId }))).toBe('FORBIDDEN');
    }
  });

  it('gives fresh credentials with a later expiry on every ask (before an ICE restart or rebuild)', async () => {
    const { callId, clinician, parent, parentId } = await call();
    dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
    dataOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: parentId }));
    const first = await iceOf(parent, callId);
    server.clock.advance(90 * 60 * 1000);
    const again = await iceOf(parent, callId);
    const expiryOf = (ice: IceConfig) => Number(turnOf(ice)!.username!.split(':')[0]);
    expect(expiryOf(again) - expiryOf(first)).toBeGreaterThanOrEqual(90 * 60 - 2);
    // An hour and a half into the call, the first credentials have half an hour left; the new ones a full two hours.
    const nowS = Math.floor(server.clock.now().getTime() / 1000);
    expect(expiryOf(again) - nowS).toBeGreaterThanOrEqual(DEFAULT_TURN_CREDENTIAL_TTL_S - 2);
    expect(coturnAccepts(turnOf(again)!, TURN_SECRET, nowS)).toBe(true);
    // The clock jumped 90 minutes with nobody at the desk: the clinician's session is idle-expired, so sign in again for the next tests.
    cookie = await server.login('clinician');
  });

  it('refuses a guest removed from the call, a parent who left and everyone once the call ended, with NOT_IN_CALL', async () => {
    const { callId, caseId, clinician, parent, parentId } = await call();
    dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
    dataOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: parentId }));
    const invite = await server.inviteGuest(cookie, caseId, { role: 'interpreter', name: 'Ana Kowalska', phone: '07700 900777' });
    const guestCookie = (await server.join(tokenOf(invite.devJoinLink!))).cookie;
    const guest = await open('guest', guestCookie);
    const guestId = invite.participant.id;
    dataOf(await guest.socket.emitWithAck('call:ready', { callId }));
    expect(refusalOf(await guest.emitRaw('call:ice', { callId }))).toBe('NOT_IN_CALL');
    dataOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: guestId, parentAgreed: true }));
    expect(turnOf(await iceOf(guest, callId))!.username).toMatch(new RegExp(`:${callId}:${guestId}$`));

    dataOf(await clinician.socket.emitWithAck('call:remove', { callId, participantId: guestId }));
    // Removed: their link's session ends, so the page is disconnected and cannot come back to ask.
    await expect.poll(() => guest.socket.connected, { timeout: 10_000 }).toBe(false);
    expect((await connectError(server, { kind: 'guest', cookie: guestCookie })).data).toMatchObject({ code: 'UNAUTHENTICATED' });

    await iceOf(parent, callId);
    const left: CallUpdate = dataOf(await parent.socket.emitWithAck('call:leave', { callId, reason: 'left' }));
    expect(left.participants.find((p) => p.id === parentId)?.state).toBe('left');
    expect(refusalOf(await parent.emitRaw('call:ice', { callId }))).toBe('NOT_IN_CALL');

    await iceOf(clinician, callId);
    dataOf(await clinician.socket.emitWithAck('call:end', { callId, reason: 'clinician_ended' }));
    expect(refusalOf(await clinician.emitRaw('call:ice', { callId }))).toBe('NOT_IN_CALL');
  });

  it('refuses a parent asking for another call’s credentials', async () => {
    const { parent } = await call();
    const other = await call();
    expect(refusalOf(await parent.emitRaw('call:ice', { callId: other.callId }))).toBe('FORBIDDEN');
  });
});
