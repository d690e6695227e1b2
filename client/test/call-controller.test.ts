import { describe, expect, it } from 'vitest';
import { createCallController, type CallRole } from '../src/features/call/controller';
import type { PeerFactory } from '../src/features/video/peer-types';
import {
  CALL_CASE_ID,
  callUpdate,
  createCallSocketFake,
  createFakePeerFactory,
  fakeStream,
  fakeTrack,
} from './call-fakes';

const OFFER = { type: 'offer', sdp: 'v=0 offer' };
const ANSWER = { type: 'answer', sdp: 'v=0 answer' };
const CANDIDATE = { type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host' } };

function setup(role: CallRole, options: { loadPeerFactory?: () => PeerFactory | Promise<PeerFactory> } = {}) {
  const server = createCallSocketFake();
  const peers = createFakePeerFactory();
  const controller = createCallController({
    role,
    caseId: CALL_CASE_ID,
    socket: server.socket,
    iceServers: [{ urls: 'stun:stun.example.test:3478' }],
    loadPeerFactory: options.loadPeerFactory ?? (() => peers.factory),
  });
  return { server, peers, controller, view: () => controller.store.getState() };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('call controller', () => {
  it('tells the other browser when it mutes or turns the camera off, and shows what the other side says', () => {
    const { server, peers, controller, view } = setup('clinician');
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('admitted', 1));
    const peer = peers.last()!;

    peer.options.onConnect();
    expect(peer.sent.map((m) => JSON.parse(m))).toEqual([{ type: 'media', audioMuted: false, videoOff: false }]);
    controller.toggleVideo();
    expect(JSON.parse(peer.sent.at(-1)!)).toEqual({ type: 'media', audioMuted: false, videoOff: true });

    peer.options.onData?.(JSON.stringify({ type: 'media', audioMuted: true, videoOff: false }));
    expect(view().remoteMedia).toEqual({ audioMuted: true, videoOff: false });
    // Anything else on the channel is ignored, not trusted.
    peer.options.onData?.('not json');
    peer.options.onData?.(JSON.stringify({ type: 'media', audioMuted: 'yes' }));
    expect(view().remoteMedia).toEqual({ audioMuted: true, videoOff: false });

    // A new attempt starts from nothing known about the other side.
    server.emit('call:state', callUpdate('reconnecting', 2));
    expect(view().remoteMedia).toBeNull();
  });

  it('builds the clinician as the initiator when admitted and tags its signals with the case and attempt', async () => {
    const { server, peers, controller } = setup('clinician');
    controller.start();
    expect(server.sent('case:watch')).toEqual([{ caseId: CALL_CASE_ID }]);

    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('admitted', 1));

    const peer = peers.last();
    expect(peers.peers).toHaveLength(1);
    expect(peer?.options.initiator).toBe(true);
    expect(peer?.options.iceServers).toEqual([{ urls: 'stun:stun.example.test:3478' }]);
    expect(peer?.options.stream).toBe(controller.store.getState().localStream);

    peer?.options.onSignal(OFFER);
    expect(server.sent('signal')).toEqual([{ caseId: CALL_CASE_ID, attempt: 1, data: OFFER }]);
  });

  it('builds the parent as the non-initiator and queues signals that arrive before the peer exists', () => {
    const { server, peers, controller } = setup('parent');
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('parent_waiting', 0));

    // The clinician's offer overtakes the call:state that admits the parent.
    server.emit('signal', { caseId: CALL_CASE_ID, attempt: 1, data: OFFER });
    server.emit('signal', { caseId: CALL_CASE_ID, attempt: 1, data: CANDIDATE });
    expect(peers.peers).toHaveLength(0);

    server.emit('call:state', callUpdate('admitted', 1));
    const peer = peers.last();
    expect(peer?.options.initiator).toBe(false);
    expect(peer?.received).toEqual([OFFER, CANDIDATE]);

    server.emit('signal', { caseId: CALL_CASE_ID, attempt: 1, data: CANDIDATE });
    expect(peer?.received).toEqual([OFFER, CANDIDATE, CANDIDATE]);
  });

  it('queues signals while the peer code is still loading and hands them over once it has loaded', async () => {
    const fake = createFakePeerFactory();
    let resolveLoad: (factory: PeerFactory) => void = () => undefined;
    const loading = new Promise<PeerFactory>((resolve) => (resolveLoad = resolve));
    const { server, controller } = setup('parent', { loadPeerFactory: () => loading });
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('admitted', 1));
    server.emit('signal', { caseId: CALL_CASE_ID, attempt: 1, data: OFFER });

    resolveLoad(fake.factory);
    await flush();

    expect(fake.peers).toHaveLength(1);
    expect(fake.last()?.received).toEqual([OFFER]);
  });

  it('drops signals for a stale attempt and replaces the peer when the server starts a new attempt', () => {
    const { server, peers, controller } = setup('parent');
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('connected', 1));
    const first = peers.last();

    // The clinician reloaded: the server restarts the connection as attempt 2.
    server.emit('call:state', callUpdate('reconnecting', 2));
    const second = peers.last();
    expect(first?.destroyed).toBe(true);
    expect(second).not.toBe(first);
    expect(second?.destroyed).toBe(false);

    server.emit('signal', { caseId: CALL_CASE_ID, attempt: 1, data: CANDIDATE });
    server.emit('signal', { caseId: CALL_CASE_ID, attempt: 2, data: OFFER });
    expect(first?.received).toEqual([]);
    expect(second?.received).toEqual([OFFER]);
  });

  it('ignores a call state from an older attempt and signals for another case', () => {
    const { server, peers, controller, view } = setup('parent');
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('reconnecting', 3));
    server.emit('call:state', callUpdate('connected', 2));
    expect(view().update?.snapshot).toEqual({ state: 'reconnecting', reason: null, attempt: 3 });

    server.emit('signal', { caseId: 'another-case', attempt: 3, data: OFFER });
    expect(peers.last()?.received).toEqual([]);
  });

  it('keeps the peer while the same attempt is reconnecting (a socket dropped, the media may still flow)', () => {
    const { server, peers, controller } = setup('clinician');
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('connected', 1));
    server.emit('call:state', callUpdate('reconnecting', 1));
    expect(peers.peers).toHaveLength(1);
    expect(peers.last()?.destroyed).toBe(false);
  });

  it('destroys the peer when the call ends and drops later signals for that attempt', () => {
    const { server, peers, controller, view } = setup('parent');
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('connected', 1));
    const peer = peers.last();
    peer?.options.onRemoteStream(fakeStream());
    expect(view().remoteStream).not.toBeNull();

    server.emit('call:state', callUpdate('ended', 1));
    expect(peer?.destroyed).toBe(true);
    expect(view().remoteStream).toBeNull();
    expect(view().update?.snapshot.state).toBe('ended');

    server.emit('signal', { caseId: CALL_CASE_ID, attempt: 1, data: ANSWER });
    expect(peer?.received).toEqual([]);
    expect(peers.peers).toHaveLength(1);
  });

  it('reports media connected once per attempt and media failed on a peer error, without rebuilding that attempt', async () => {
    const { server, peers, controller } = setup('clinician');
    server.answer('call:media', (payload) => {
      const status = (payload as { status: string }).status;
      return callUpdate(status === 'connected' ? 'connected' : 'failed', 1);
    });
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('connecting', 1));
    const peer = peers.last();

    peer?.options.onConnect();
    peer?.options.onConnect();
    expect(server.sent('call:media')).toEqual([{ caseId: CALL_CASE_ID, attempt: 1, status: 'connected' }]);
    await flush();
    expect(controller.store.getState().update?.snapshot.state).toBe('connected');

    server.emit('call:state', callUpdate('reconnecting', 1));
    peer?.options.onError({ code: 'ERR_ICE_CONNECTION_FAILURE', message: 'Ice connection failed.' });
    expect(peer?.destroyed).toBe(true);
    expect(server.sent('call:media').at(-1)).toEqual({ caseId: CALL_CASE_ID, attempt: 1, status: 'failed' });

    server.emit('call:state', callUpdate('reconnecting', 1));
    expect(peers.peers).toHaveLength(1);
  });

  it('does not let a late acknowledgement overwrite a newer broadcast', async () => {
    const { server, controller, view } = setup('clinician');
    let answerAdmit: (update: unknown) => void = () => undefined;
    server.answer('call:admit', () => new Promise((resolve) => (answerAdmit = resolve)));
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('parent_waiting', 0));

    const admitting = controller.admit();
    await flush();
    server.emit('call:state', callUpdate('admitted', 1));
    server.emit('call:state', callUpdate('connecting', 1));
    answerAdmit(callUpdate('admitted', 1));
    await admitting;

    expect(view().update?.snapshot.state).toBe('connecting');
    expect(server.sent('call:admit')).toEqual([{ caseId: CALL_CASE_ID }]);
  });

  it('announces itself once the socket is up, and leaves repeats after a reconnection to lib/socket', () => {
    const clinician = setup('clinician');
    clinician.server.setStatus('connecting');
    clinician.controller.start();
    expect(clinician.server.sent('case:watch')).toHaveLength(0);
    clinician.server.setStatus('connected');
    expect(clinician.server.sent('case:watch')).toEqual([{ caseId: CALL_CASE_ID }]);
    clinician.server.setStatus('connecting');
    clinician.server.setStatus('connected');
    expect(clinician.server.sent('case:watch')).toHaveLength(1);

    const parent = setup('parent');
    parent.controller.start();
    expect(parent.server.sent('parent:ready')).toHaveLength(0); // not ready until the camera works
    parent.server.setStatus('connecting');
    parent.controller.announceReady();
    expect(parent.server.sent('parent:ready')).toHaveLength(0);
    parent.server.setStatus('connected');
    expect(parent.server.sent('parent:ready')).toEqual([{ caseId: CALL_CASE_ID }]);
  });

  it('shows the state lib/socket delivers after renewing the subscription on a reconnection', () => {
    const { server, peers, controller } = setup('clinician');
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('connected', 1));
    // lib/socket re-sends case:watch and hands its answer to call:state listeners.
    server.emit('call:state', callUpdate('reconnecting', 2));
    expect(peers.peers).toHaveLength(2);
    expect(peers.peers[0]?.destroyed).toBe(true);
    expect(peers.last()?.options.initiator).toBe(true);
  });

  it('waits for a camera that is opening before building the peer', async () => {
    const { server, peers, controller } = setup('parent');
    controller.start();
    controller.setLocalMediaPending();
    server.emit('call:state', callUpdate('admitted', 1));
    expect(peers.peers).toHaveLength(0);

    const stream = fakeStream();
    controller.setLocalStream(stream);
    expect(peers.last()?.options.stream).toBe(stream);
  });

  it('mutes and turns the camera off by disabling tracks, and swaps the camera track in the live peer', () => {
    const { server, peers, controller, view } = setup('parent');
    const audio = fakeTrack('audio');
    const front = fakeTrack('video', 'front');
    const stream = fakeStream([audio, front]);
    controller.start();
    controller.setLocalStream(stream);
    server.emit('call:state', callUpdate('connected', 1));

    controller.toggleAudio();
    controller.toggleVideo();
    expect(audio.enabled).toBe(false);
    expect(front.enabled).toBe(false);
    expect(view()).toMatchObject({ audioMuted: true, videoOff: true });

    const back = fakeTrack('video', 'back');
    controller.replaceVideoTrack(back);
    expect(peers.last()?.replaced).toEqual([{ oldTrack: front, newTrack: back }]);
    expect(stream.getVideoTracks()).toEqual([back]);
    expect(back.enabled).toBe(false); // still "camera off"
    expect(front.stopped).toBe(true);
  });

  it('opens the clinician camera only while the parent waits or the call is on, and releases it after', async () => {
    const server = createCallSocketFake();
    const peers = createFakePeerFactory();
    const stream = fakeStream();
    let acquired = 0;
    const controller = createCallController({
      role: 'clinician',
      caseId: CALL_CASE_ID,
      socket: server.socket,
      loadPeerFactory: () => peers.factory,
      autoMedia: {
        acquire: async () => {
          acquired += 1;
          return { ok: true, stream };
        },
        wanted: (update) => update !== null && ['parent_waiting', 'admitted', 'connecting', 'connected'].includes(update.snapshot.state),
      },
    });
    controller.start();
    server.emit('call:state', callUpdate('invited', 0));
    expect(acquired).toBe(0);

    server.emit('call:state', callUpdate('parent_waiting', 0));
    await flush();
    expect(acquired).toBe(1);
    expect(controller.store.getState().localStream).toBe(stream);

    server.emit('call:state', callUpdate('ended', 0));
    expect(controller.store.getState().localStream).toBeNull();
    expect(stream.getTracks().every((track) => (track as MediaStreamTrack & { stopped: boolean }).stopped)).toBe(true);
  });

  it('destroys the peer, unsubscribes and stops watching on stop()', () => {
    const { server, peers, controller } = setup('clinician');
    controller.start();
    controller.setLocalStream(fakeStream());
    server.emit('call:state', callUpdate('connected', 1));

    controller.stop();
    expect(peers.last()?.destroyed).toBe(true);
    expect(server.sent('case:unwatch')).toEqual([{ caseId: CALL_CASE_ID }]);
    expect(server.listenerCount('call:state')).toBe(0);
    expect(server.listenerCount('signal')).toBe(0);
  });
});
