import { firstGeneration, type CallUpdate, type IceConfig, type Participant, type Signal } from '@desk/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCallController, type CallControllerOptions } from '../src/features/call/controller';
import type { LocalMedia } from '../src/features/call/localMedia';
import { createLocalMedia } from '../src/features/call/localMedia';
import { createPeerManager, type MeshTarget } from '../src/features/call/peerManager';
import { RESTART_GRACE_MS, ANSWERER_GRACE_MS } from '../src/features/call/reconnect';
import { createCallSession } from '../src/features/call/session';
import type { PeerFactory } from '../src/features/video/peer-types';
import {
  CALL_CASE_ID,
  CALL_ID,
  CLINICIAN_ID,
  INTERPRETER_ID,
  NO_TURN,
  PARENT_ID,
  callUpdate,
  createCallSocketFake,
  createFakePeerFactory,
  fakeStream,
  manualTimers,
  person,
} from './call-fakes';

const OFFER = { kind: 'description', type: 'offer', sdp: 'v=0 offer' } as const;
const CANDIDATE = { kind: 'candidate', candidate: 'candidate:1 1 udp 1 198.51.100.18 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } as const;

/** A clock the test moves by hand, shared by the machines and the stats ticks. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function meshHarness(self: Participant, iceConfig: (callId: string) => IceConfig | Promise<IceConfig> = () => NO_TURN, factory?: PeerFactory) {
  const time = clock();
  const ticks = manualTimers();
  const peers = createFakePeerFactory();
  const sent: Signal[] = [];
  const reports: Record<string, string>[] = [];
  const media: LocalMedia = createLocalMedia({ open: async () => ({ ok: true, stream: fakeStream() }), log: () => undefined });
  let probes = 0;
  const manager = createPeerManager({
    channel: { send: (signal) => sent.push(signal), probe: () => (probes += 1) },
    media,
    iceConfig,
    loadPeerFactory: () => factory ?? peers.factory,
    now: time.now,
    timers: ticks.timers,
    log: () => undefined,
    onReport: (statuses) => reports.push(statuses),
  });
  const target = (others: Participant[], me: Participant = self): MeshTarget => ({ callId: CALL_ID, self: me, peers: others });
  /** One stats tick, letting the async getStats settle. */
  const tick = async (ms = 250) => {
    time.advance(ms);
    ticks.tick();
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { time, ticks, peers, sent, reports, media, manager, target, tick, probes: () => probes };
}

const clinician = person('clinician', { state: 'admitted', present: true, epoch: 1, admittedAt: '2026-12-02T10:00:00Z' });
const parent = person('parent', { state: 'admitted', present: true, epoch: 1, admittedAt: '2026-12-02T10:00:05Z' });
const interpreter = person('interpreter', { state: 'admitted', present: true, epoch: 1, admittedAt: '2026-12-02T10:01:00Z' });

describe('call session', () => {
  const session = () => createCallSession({ now: () => 0, log: () => undefined });

  it('applies only snapshots newer than the last, whatever the order they come in', () => {
    const s = session();
    const older = callUpdate('admitted');
    const newer = callUpdate('connected');
    s.apply(newer, 'event');
    s.apply(older, 'ack');
    expect(s.store.getState().update?.snapshot.state).toBe('connected');
    expect(s.store.getState().known).toBe(true);
  });

  it('says when another page took this participant’s media, and stops holding it', () => {
    const s = session();
    const first = callUpdate('connected');
    s.setSelf({ callId: CALL_ID, participantId: CLINICIAN_ID, holding: true }, first);
    expect(s.holds()).toBe(true);
    const moved = callUpdate('reconnecting');
    moved.participants[0] = { ...moved.participants[0]!, epoch: 2 };
    s.apply(moved, 'event');
    expect(s.store.getState()).toMatchObject({ movedAway: true, self: { holding: false } });
    expect(s.holds()).toBe(false);
  });
});

describe('peer manager', () => {
  it('offers to the parent as the clinician, numbering from its epoch, with every signal addressed', () => {
    const h = meshHarness(clinician);
    h.manager.reconcile(h.target([parent]));
    const peer = h.peers.last()!;
    expect(peer.options.initiator).toBe(true);
    peer.options.onSignal(OFFER);
    expect(h.sent).toEqual([{ callId: CALL_ID, from: CLINICIAN_ID, to: PARENT_ID, generation: firstGeneration(1), data: OFFER }]);
  });

  it('answers as the parent: builds on the first offer, queues signals that overtook the snapshot, drops another generation’s', () => {
    const h = meshHarness(parent);
    const generation = firstGeneration(1);
    // The offer overtakes the snapshot that puts the clinician in media for this page.
    h.manager.handleSignal({ callId: CALL_ID, from: CLINICIAN_ID, to: PARENT_ID, generation, data: OFFER });
    expect(h.peers.peers).toHaveLength(0);
    h.manager.reconcile(h.target([clinician]));
    const peer = h.peers.last()!;
    expect(peer.options.initiator).toBe(false);
    expect(peer.received).toEqual([OFFER]);
    h.manager.handleSignal({ callId: CALL_ID, from: CLINICIAN_ID, to: PARENT_ID, generation: generation - 1, data: CANDIDATE });
    h.manager.handleSignal({ callId: CALL_ID, from: CLINICIAN_ID, to: PARENT_ID, generation, data: CANDIDATE });
    h.manager.handleSignal({ callId: 'another-call', from: CLINICIAN_ID, to: PARENT_ID, generation, data: CANDIDATE });
    expect(peer.received).toEqual([OFFER, CANDIDATE]);
  });

  it('holds one connection per other person in a mesh, each pair with its fixed offerer', () => {
    const h = meshHarness(parent);
    h.manager.reconcile(h.target([clinician, interpreter]));
    // The parent was admitted before the interpreter: it offers to the interpreter, and answers the clinician.
    expect(h.peers.peers.map((p) => p.options.initiator)).toEqual([true]);
    expect(Object.keys(h.manager.store.getState().slots).sort()).toEqual([CLINICIAN_ID, INTERPRETER_ID].sort());
    // The interpreter leaves: their connection goes, the clinician's stays.
    h.manager.reconcile(h.target([clinician]));
    expect(h.peers.peers[0]!.destroyed).toBe(true);
    expect(Object.keys(h.manager.store.getState().slots)).toEqual([CLINICIAN_ID]);
  });

  it('starts a new connection when the other side’s page is replaced, and outranks every older signal', () => {
    const h = meshHarness(clinician);
    h.manager.reconcile(h.target([parent]));
    const first = h.peers.last()!;
    h.manager.reconcile(h.target([{ ...parent, epoch: 2 }]));
    const second = h.peers.last()!;
    expect(first.destroyed).toBe(true);
    expect(second).not.toBe(first);
    second.options.onSignal(OFFER);
    expect(h.sent.at(-1)!.generation).toBeGreaterThan(firstGeneration(1));
  });

  it('shows reconnecting within a second of packets stopping, restarts ICE after the grace, and rebuilds when it cannot', async () => {
    const h = meshHarness(clinician);
    h.manager.reconcile(h.target([parent]));
    const peer = h.peers.last()!;
    h.peers.flow(peer);
    await h.tick();
    expect(h.manager.store.getState().slots[PARENT_ID]!.peerState).toBe('connected');
    // No more packets.
    await h.tick();
    await h.tick(500);
    expect(h.manager.store.getState().slots[PARENT_ID]!.peerState).toBe('connected');
    await h.tick(500);
    expect(h.manager.store.getState().slots[PARENT_ID]!).toMatchObject({ peerState: 'reconnecting', quality: { words: 'Reconnecting…' } });
    expect(peer.restarts).toBe(0);
    await h.tick(RESTART_GRACE_MS);
    expect(peer.restarts).toBe(1);
    expect(h.probes()).toBeGreaterThan(0);
    // The restart's answer never came: the next try rebuilds with a higher generation.
    peer.canRestart = false;
    await h.tick(2_000);
    expect(peer.destroyed).toBe(true);
    const rebuilt = h.peers.last()!;
    rebuilt.options.onSignal(OFFER);
    expect(h.sent.at(-1)!.generation).toBe(firstGeneration(1) + 1);
    h.peers.flow(rebuilt);
    await h.tick();
    expect(h.manager.store.getState().slots[PARENT_ID]!.peerState).toBe('connected');
    expect(h.reports.map((r) => r[PARENT_ID])).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  /** ICE configurations as the server gives them: each ask a new credential, with a later expiry. */
  function turnSource() {
    const asked: string[] = [];
    const configFor = (n: number): IceConfig => ({
      iceServers: [{ urls: 'turn:turn.example.test:3478', username: `${1_767_225_600 + n}:${CALL_ID}:self`, credential: `credential-${n}` }],
      iceTransportPolicy: 'relay',
      expiresAt: new Date((1_767_225_600 + n) * 1000).toISOString(),
    });
    return { asked, configFor, source: (callId: string) => configFor(asked.push(callId)) };
  }

  it('asks the server for fresh ICE servers before an ICE restart, and restarts with them; a rebuild gets fresh ones too', async () => {
    const turn = turnSource();
    const h = meshHarness(clinician, turn.source);
    h.manager.reconcile(h.target([parent]));
    const peer = h.peers.last()!;
    expect(turn.asked).toEqual([CALL_ID]);
    expect(peer.options.ice).toEqual(turn.configFor(1));
    h.peers.flow(peer);
    await h.tick();
    await h.tick();
    await h.tick(1_000);
    expect(h.manager.store.getState().slots[PARENT_ID]!.peerState).toBe('reconnecting');
    expect(turn.asked).toHaveLength(1);
    await h.tick(RESTART_GRACE_MS);
    expect(peer.restarts).toBe(1);
    expect(turn.asked).toHaveLength(2);
    // The restart gathered with the new credentials, not the ones the connection was made with.
    expect(peer.iceAtRestarts).toEqual([turn.configFor(2)]);
    // The restart did not take: the rebuilt connection is made with credentials asked for at that moment.
    peer.canRestart = false;
    await h.tick(2_000);
    expect(peer.destroyed).toBe(true);
    expect(turn.asked).toHaveLength(3);
    expect(h.peers.last()!.options.ice).toEqual(turn.configFor(3));
  });

  it('holds the restart until the server answers, and as the answerer has fresh credentials ready for the offerer’s restart', async () => {
    const answers: ((config: IceConfig) => void)[] = [];
    const turn = turnSource();
    const h = meshHarness(clinician, () => new Promise<IceConfig>((resolve) => answers.push(resolve)));
    h.manager.reconcile(h.target([parent]));
    expect(h.peers.peers).toHaveLength(0);
    answers.shift()!(turn.configFor(1));
    await vi.waitFor(() => expect(h.peers.peers).toHaveLength(1));
    const peer = h.peers.last()!;
    h.peers.flow(peer);
    await h.tick();
    await h.tick();
    await h.tick(1_000);
    await h.tick(RESTART_GRACE_MS);
    expect(answers).toHaveLength(1);
    expect(peer.restarts).toBe(0);
    answers.shift()!(turn.configFor(2));
    await vi.waitFor(() => expect(peer.restarts).toBe(1));
    expect(peer.iceAtRestarts).toEqual([turn.configFor(2)]);

    // The answerer: on reconnecting it asks at once and hands the new credentials to its connection.
    const a = turnSource();
    const answerer = meshHarness(parent, a.source);
    answerer.manager.reconcile(answerer.target([clinician]));
    answerer.manager.handleSignal({ callId: CALL_ID, from: CLINICIAN_ID, to: PARENT_ID, generation: firstGeneration(1), data: OFFER });
    const answering = answerer.peers.last()!;
    expect(answering.options.ice).toEqual(a.configFor(1));
    answerer.peers.flow(answering);
    await answerer.tick();
    await answerer.tick(1_100);
    expect(answerer.manager.store.getState().slots[CLINICIAN_ID]!.peerState).toBe('reconnecting');
    expect(answering.iceUpdates).toEqual([a.configFor(2)]);
  });

  it('as the answerer, takes the offerer’s ICE restart only once fresh credentials are on its connection', async () => {
    const answers: ((config: IceConfig) => void)[] = [];
    const turn = turnSource();
    let asks = 0;
    const h = meshHarness(parent, () => (++asks === 1 ? turn.configFor(1) : new Promise<IceConfig>((resolve) => answers.push(resolve))));
    h.manager.reconcile(h.target([clinician]));
    const at = (ufrag: string) => ({ kind: 'description', type: 'offer', sdp: `v=0\r\na=ice-ufrag:${ufrag}\r\n` }) as const;
    const signal = (data: Signal['data']) => h.manager.handleSignal({ callId: CALL_ID, from: CLINICIAN_ID, to: PARENT_ID, generation: firstGeneration(1), data });
    signal(at('first'));
    const peer = h.peers.last()!;
    expect(peer.options.ice).toEqual(turn.configFor(1));
    // A renegotiation keeps the ufrag: no new allocation, nothing to wait for.
    signal(at('first'));
    expect(peer.received).toEqual([at('first'), at('first')]);
    expect(asks).toBe(1);
    // A new ufrag is an ICE restart: the offer and what follows wait for the server's fresh credentials.
    signal(at('restarted'));
    signal(CANDIDATE);
    expect(peer.received).toHaveLength(2);
    expect(answers).toHaveLength(1);
    answers.shift()!(turn.configFor(2));
    await vi.waitFor(() => expect(peer.received).toEqual([at('first'), at('first'), at('restarted'), CANDIDATE]));
    expect(peer.iceUpdates).toEqual([turn.configFor(2)]);
    expect(h.peers.peers).toHaveLength(1);
  });

  it('keeps the last ICE servers when a fresh ask is refused, and makes no connection before it has any', async () => {
    let refuse = false;
    const turn = turnSource();
    const h = meshHarness(clinician, (callId) => {
      if (refuse) throw Object.assign(new Error('not in the call'), { code: 'NOT_IN_CALL' });
      return turn.source(callId);
    });
    h.manager.reconcile(h.target([parent]));
    const peer = h.peers.last()!;
    h.peers.flow(peer);
    await h.tick();
    refuse = true;
    await h.tick();
    await h.tick(1_000);
    await h.tick(RESTART_GRACE_MS);
    expect(peer.iceAtRestarts).toEqual([turn.configFor(1)]);

    const none = meshHarness(clinician, () => Promise.reject(Object.assign(new Error('not yet'), { code: 'NOT_IN_CALL' })));
    none.manager.reconcile(none.target([parent]));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(none.peers.peers).toHaveLength(0);
  });

  it('as the answerer asks the offerer to restart, later than the offerer would itself', async () => {
    const h = meshHarness(parent);
    h.manager.reconcile(h.target([clinician]));
    h.manager.handleSignal({ callId: CALL_ID, from: CLINICIAN_ID, to: PARENT_ID, generation: firstGeneration(1), data: OFFER });
    const peer = h.peers.last()!;
    h.peers.flow(peer);
    await h.tick();
    await h.tick(1_100);
    expect(h.manager.store.getState().slots[CLINICIAN_ID]!.peerState).toBe('reconnecting');
    await h.tick(RESTART_GRACE_MS);
    expect(h.sent.filter((s) => s.data.kind === 'restart')).toEqual([]);
    await h.tick(ANSWERER_GRACE_MS - RESTART_GRACE_MS);
    expect(h.sent.filter((s) => s.data.kind === 'restart')).toEqual([
      { callId: CALL_ID, from: PARENT_ID, to: CLINICIAN_ID, generation: firstGeneration(1), data: { kind: 'restart', rebuild: false } },
    ]);
  });

  it('marks a frozen picture "not live" while audio still flows, and clears it when frames return', async () => {
    const h = meshHarness(clinician);
    h.manager.reconcile(h.target([parent]));
    const peer = h.peers.last()!;
    h.peers.flow(peer);
    await h.tick();
    peer.options.onRemoteStream(fakeStream());
    for (let i = 0; i < 5; i++) {
      peer.stats = { ...peer.stats, packetsReceived: peer.stats.packetsReceived + 20 };
      await h.tick();
    }
    expect(h.manager.store.getState().slots[PARENT_ID]).toMatchObject({ peerState: 'connected', videoPaused: true, quality: { words: 'Video paused – not live' } });
    h.peers.flow(peer);
    await h.tick();
    expect(h.manager.store.getState().slots[PARENT_ID]).toMatchObject({ videoPaused: false, quality: { level: 'good' } });
  });

  it('sends low-data video when the other side asks, and audio only when this side chooses it, saying so', async () => {
    const h = meshHarness(clinician);
    h.manager.reconcile(h.target([parent]));
    const peer = h.peers.last()!;
    peer.options.onConnect();
    peer.options.onData?.(JSON.stringify({ type: 'prefs', receive: 'low' }));
    expect(peer.caps.at(-1)).toMatchObject({ active: true, maxFramerate: 15 });
    h.media.setMode('audio');
    h.manager.mediaChanged();
    expect(peer.caps.at(-1)).toMatchObject({ active: false });
    expect(peer.sent.map((m) => JSON.parse(m) as { type: string; sending?: string }).filter((m) => m.type === 'media').at(-1)).toMatchObject({
      sending: 'audio',
      audioOnlyReason: 'chosen',
    });
    peer.options.onData?.(JSON.stringify({ type: 'media', audioMuted: true, videoOff: false, sending: 'audio', audioOnlyReason: 'poor_network' }));
    expect(h.manager.store.getState().slots[PARENT_ID]!.remote).toEqual({ audioMuted: true, videoOff: false, sending: 'audio', audioOnlyReason: 'poor_network' });
  });

  it('reports failed, never an unhandled rejection, when the peer constructor itself throws (simple-peer without RTCPeerConnection)', async () => {
    const throwing: PeerFactory = () => {
      throw Object.assign(new Error('No WebRTC support: Specify `opts.wrtc` option in this environment'), { code: 'ERR_WEBRTC_SUPPORT' });
    };
    // The ICE config comes later, as the real one does: the constructor then runs inside a promise callback.
    const h = meshHarness(parent, async () => NO_TURN, throwing);
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      h.manager.reconcile(h.target([clinician]));
      h.manager.handleSignal({ callId: CALL_ID, from: CLINICIAN_ID, to: PARENT_ID, generation: firstGeneration(1), data: OFFER });
      await vi.waitFor(() => expect(h.manager.store.getState().slots[CLINICIAN_ID]!.peerState).toBe('failed'));
      expect(h.reports.at(-1)).toEqual({ [CLINICIAN_ID]: 'failed' });
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('reports failed, and stops trying, where the browser has no WebRTC', async () => {
    const h = meshHarness(parent);
    h.manager.reconcile(h.target([clinician]));
    h.manager.handleSignal({ callId: CALL_ID, from: CLINICIAN_ID, to: PARENT_ID, generation: firstGeneration(1), data: OFFER });
    h.peers.last()!.options.onError({ code: 'ERR_PC_CONSTRUCTOR', message: 'RTCPeerConnection is not a constructor' });
    expect(h.manager.store.getState().slots[CLINICIAN_ID]!.peerState).toBe('failed');
    expect(h.reports.at(-1)).toEqual({ [CLINICIAN_ID]: 'failed' });
    await h.tick(60_000);
    expect(h.peers.peers).toHaveLength(1);
  });
});

describe('call controller', () => {
  afterEach(() => vi.useRealTimers());

  function desk(overrides: Partial<CallControllerOptions> = {}) {
    const server = createCallSocketFake();
    const peers = createFakePeerFactory();
    const ticks = manualTimers();
    const openMedia = vi.fn(async () => ({ ok: true as const, stream: fakeStream() }));
    const controller = createCallController({
      page: { kind: 'desk', caseId: CALL_CASE_ID },
      socket: server.socket,
      loadPeerFactory: () => peers.factory,
      openMedia,
      autoMedia: (update) => update?.snapshot.state !== 'ended' && update?.participants.some((p) => p.role === 'parent' && p.state !== 'invited') === true,
      timers: ticks.timers,
      network: () => () => undefined,
      log: () => undefined,
      ...overrides,
    });
    return { server, peers, ticks, openMedia, controller };
  }

  const watched = (update: CallUpdate, holding = true) => ({ update, self: { participantId: CLINICIAN_ID, holding } });

  it('watches the case, takes its media, opens the camera when the parent waits, and admits the parent by id', async () => {
    const { server, peers, openMedia, controller } = desk();
    server.answer('case:watch', () => watched(callUpdate('invited')));
    controller.start();
    await vi.waitFor(() => expect(controller.session.holds()).toBe(true));
    expect(server.sent('case:watch')).toEqual([{ caseId: CALL_CASE_ID }]);
    server.emit('call:state', callUpdate('parent_waiting'));
    await vi.waitFor(() => expect(controller.media.store.getState().status).toBe('ready'));
    expect(openMedia).toHaveBeenCalledTimes(1);
    server.answer('call:admit', () => callUpdate('admitted'));
    await controller.admit(PARENT_ID);
    expect(server.sent('call:admit')).toEqual([{ callId: CALL_ID, participantId: PARENT_ID, parentAgreed: false }]);
    // The connection waits for this call's ICE servers (TURN credentials), asked for over the socket.
    await vi.waitFor(() => expect(peers.peers).toHaveLength(1));
    expect(server.sent('call:ice')).toEqual([{ callId: CALL_ID }]);
    expect(peers.last()!.options).toMatchObject({ initiator: true });
    expect(peers.last()!.options.stream).toBe(controller.media.store.getState().stream);
  });

  it('tells the server what each connection is doing, once per change', async () => {
    const { server, peers, controller } = desk();
    server.answer('case:watch', () => watched(callUpdate('admitted')));
    server.answer('call:media', () => callUpdate('connecting'));
    controller.start();
    await vi.waitFor(() => expect(peers.peers).toHaveLength(1));
    await vi.waitFor(() => expect(server.sent('call:media')).toEqual([{ callId: CALL_ID, peers: { [PARENT_ID]: 'connecting' } }]));
  });

  it('holds no connection in a second tab until "Use this tab", then takes the call', async () => {
    const { server, peers, controller } = desk();
    server.answer('case:watch', () => watched(callUpdate('connected'), false));
    controller.start();
    await vi.waitFor(() => expect(controller.session.store.getState().self).toMatchObject({ holding: false }));
    expect(peers.peers).toHaveLength(0);
    const moved = callUpdate('reconnecting');
    moved.participants[0] = { ...moved.participants[0]!, epoch: 2 };
    server.answer('call:claim', () => watched(moved));
    await controller.claim();
    expect(server.sent('call:claim')).toEqual([{ callId: CALL_ID }]);
    await vi.waitFor(() => expect(peers.peers).toHaveLength(1));
  });

  it('announces itself again after the socket comes back, and only then rebuilds what is not up', async () => {
    const { server, peers, controller } = desk();
    server.answer('case:watch', () => watched(callUpdate('admitted')));
    controller.start();
    await vi.waitFor(() => expect(peers.peers).toHaveLength(1));
    let watches = 0;
    let builtWhenWatchAnswered = -1;
    server.answer('case:watch', () => {
      watches += 1;
      builtWhenWatchAnswered = peers.peers.length;
      return watched(callUpdate('admitted'));
    });
    server.setStatus('connecting');
    server.setStatus('connected');
    await vi.waitFor(() => expect(peers.peers).toHaveLength(2));
    expect(watches).toBe(1);
    // The rebuild came after the server knew this socket holds the call (or its offer would be refused).
    expect(builtWhenWatchAnswered).toBe(1);
  });

  it('watches again to take a new call of the case (the next link after an ended call)', async () => {
    const { server, controller } = desk();
    server.answer('case:watch', () => ({ update: null, self: null }));
    controller.start();
    await vi.waitFor(() => expect(controller.session.store.getState().known).toBe(true));
    server.answer('case:watch', () => watched(callUpdate('invited')));
    server.emit('call:state', callUpdate('invited'));
    await vi.waitFor(() => expect(controller.session.holds()).toBe(true));
    expect(server.sent('case:watch')).toHaveLength(2);
  });

  it('as the parent: ready after the camera, ready again after a reconnect, and no more after leaving', async () => {
    const server = createCallSocketFake();
    const controller = createCallController({
      page: { kind: 'join', callId: CALL_ID, participantId: PARENT_ID, role: 'parent' },
      socket: server.socket,
      loadPeerFactory: () => createFakePeerFactory().factory,
      timers: manualTimers().timers,
      network: () => () => undefined,
      log: () => undefined,
    });
    server.answer('call:ready', () => callUpdate('parent_waiting'));
    server.answer('call:leave', () => callUpdate('failed', { snapshot: { state: 'failed', reason: 'parent_left' } }));
    controller.start();
    expect(server.sent('call:ready')).toEqual([]);
    await controller.ready();
    expect(server.sent('call:ready')).toEqual([{ callId: CALL_ID }]);
    expect(controller.session.holds()).toBe(true);
    server.setStatus('connecting');
    server.setStatus('connected');
    await vi.waitFor(() => expect(server.sent('call:ready')).toHaveLength(2));
    await controller.leave('left');
    expect(server.sent('call:leave')).toEqual([{ callId: CALL_ID, reason: 'left' }]);
    server.setStatus('connecting');
    server.setStatus('connected');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sent('call:ready')).toHaveLength(2);
  });

  it('announces again when the server refuses this page’s signal as not holding its participant', async () => {
    const { server, controller } = desk();
    server.answer('case:watch', () => watched(callUpdate('admitted')));
    controller.start();
    await vi.waitFor(() => expect(controller.session.holds()).toBe(true));
    expect(server.sent('case:watch')).toHaveLength(1);
    server.emit('signal:error', { callId: CALL_ID, to: PARENT_ID, generation: 1_000_001, code: 'FORBIDDEN', message: 'not holding' });
    await vi.waitFor(() => expect(server.sent('case:watch')).toHaveLength(2));
  });

  it('reports every connection afresh after announcing again, even if nothing changed since the last report', async () => {
    const { server, peers, controller } = desk();
    server.answer('case:watch', () => watched(callUpdate('admitted')));
    server.answer('call:media', () => callUpdate('connecting'));
    controller.start();
    await vi.waitFor(() => expect(peers.peers).toHaveLength(1));
    await vi.waitFor(() => expect(server.sent('call:media')).toHaveLength(1));
    server.setStatus('connecting');
    server.setStatus('connected');
    await vi.waitFor(() => expect(server.sent('call:media').length).toBeGreaterThanOrEqual(2));
  });

  it('keeps working connections while the camera is being opened again', async () => {
    let resolveCamera: (stream: MediaStream) => void = () => undefined;
    const { server, peers, controller } = desk({
      openMedia: () => new Promise((resolve) => (resolveCamera = (stream) => resolve({ ok: true, stream }))),
      autoMedia: () => false,
    });
    server.answer('case:watch', () => watched(callUpdate('admitted', { extra: [person('interpreter', { state: 'admitted', present: true, epoch: 1, admittedAt: '2026-12-02T10:05:00Z' })] })));
    controller.start();
    await vi.waitFor(() => expect(peers.live()).toHaveLength(2));
    const opening = controller.media.acquire();
    expect(controller.media.store.getState().status).toBe('pending');
    expect(peers.live()).toHaveLength(2);
    resolveCamera(fakeStream());
    await opening;
    expect(peers.live()).toHaveLength(2);
  });

  it('as the parent: a released camera (the call failed) is not put back in the waiting room by a reconnect', async () => {
    const server = createCallSocketFake();
    const controller = createCallController({
      page: { kind: 'join', callId: CALL_ID, participantId: PARENT_ID, role: 'parent' },
      socket: server.socket,
      loadPeerFactory: () => createFakePeerFactory().factory,
      openMedia: async () => ({ ok: true, stream: fakeStream() }),
      timers: manualTimers().timers,
      network: () => () => undefined,
      log: () => undefined,
    });
    server.answer('call:ready', () => callUpdate('parent_waiting'));
    controller.start();
    await controller.media.acquire();
    await controller.ready();
    controller.media.release();
    server.setStatus('connecting');
    server.setStatus('connected');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sent('call:ready')).toHaveLength(1);
  });
});
