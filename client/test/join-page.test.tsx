import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { firstGeneration } from '@desk/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRouter, RouterProvider } from 'react-router';
import JoinPage from '../src/pages/JoinPage';
import { CONSENT_TEXT_VERSION } from '../src/features/join/consent';
import { resetJoinFlow } from '../src/features/join/joinFlow';
import type { PeerFactory } from '../src/features/video/peer-types';
import { apiError, stubFetch } from './helpers';
import {
  CALL_CASE_ID,
  CALL_ID,
  CLINICIAN_ID,
  INTERPRETER_ID,
  PARENT_ID,
  callUpdate,
  createCallSocketFake,
  createFakePeerFactory,
  domError,
  fakeStream,
  fakeTrack,
  installMediaDevices,
  leavePhone,
  person,
  phoneThatCanCall,
  removeMediaDevices,
  type FakeTrack,
} from './call-fakes';

const doubles = vi.hoisted(() => ({
  socket: null as unknown,
  peerFactory: null as unknown,
}));
vi.mock('../src/lib/socket', () => ({ getSocket: () => doubles.socket, closeSocket: () => undefined, PAGE_ENDPOINT: 'page-under-test' }));
vi.mock('../src/lib/pageEndpoint', () => ({ PAGE_ENDPOINT: 'page-under-test' }));
vi.mock('../src/features/video/peer', () => ({
  createPeer: ((options) => (doubles.peerFactory as PeerFactory)(options)) satisfies PeerFactory,
}));

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz012345';
const PIXEL_CHROME = 'Mozilla/5.0 (Linux; Android 11; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const IPHONE_INSTAGRAM =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 309.0.0.0 (iPhone14,5; iOS 17_0; en_GB; en-GB; scale=3.00; 1170x2532; 537445411)';
/** WhatsApp's own browser on an iPhone: no app name in it, only the missing Safari token gives it away. */
const IPHONE_WHATSAPP =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 WhatsApp/2.23.20.0';
const JOIN_INFO = { role: 'parent', childFirstName: 'Amelia', childAgeMonths: null, clinicianName: 'Sam Patel', guestName: null, service: 'NHS 111 paediatric desk' };
const PARENT_SESSION = { ...JOIN_INFO, caseId: CALL_CASE_ID, callId: CALL_ID, participantId: PARENT_ID, iceServers: [] };
const GUEST_INFO = { ...JOIN_INFO, role: 'interpreter', childAgeMonths: 26, guestName: 'Ana Kowalska' };
const OFFER = { kind: 'description', type: 'offer', sdp: 'v=0' } as const;
const fromClinician = (data: typeof OFFER) => ({ callId: CALL_ID, from: CLINICIAN_ID, to: PARENT_ID, generation: firstGeneration(1), data });

let server: ReturnType<typeof createCallSocketFake>;
let peers: ReturnType<typeof createFakePeerFactory>;

function renderJoin(entry: string) {
  const router = createMemoryRouter(
    [
      { path: '/join/:token', element: <JoinPage /> },
      { path: '/join', element: <JoinPage /> },
    ],
    { initialEntries: [entry] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe('JoinPage (the parent on their phone)', () => {
  beforeEach(() => {
    resetJoinFlow();
    server = createCallSocketFake();
    server.answer('call:ready', () => callUpdate('parent_waiting'));
    server.answer('call:camera_failed', (payload) =>
      callUpdate('failed', { snapshot: { state: 'failed', reason: (payload as { reason: 'permission_denied' }).reason } }),
    );
    // As the server: a report of a connected peer connects the call; any other report leaves the call as it stands.
    server.answer('call:media', (payload) =>
      Object.values((payload as { peers: Record<string, string> }).peers).includes('connected') ? callUpdate('connected') : (server.current() ?? callUpdate('parent_waiting')),
    );
    doubles.socket = server.socket;
    peers = createFakePeerFactory();
    doubles.peerFactory = peers.factory;
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    // The check runs as the link opens; tests that need a browser without something take it away.
    phoneThatCanCall();
  });
  afterEach(() => {
    resetJoinFlow();
    leavePhone();
    vi.restoreAllMocks();
  });

  it('shows who is calling and why from the link preview, without using the link up', async () => {
    const api = stubFetch().on('POST', '/api/join/preview', { status: 200, body: JOIN_INFO });
    renderJoin(`/join/${TOKEN}`);

    expect(
      await screen.findByRole('heading', {
        name: "Sam Patel from the NHS 111 children's team wants to see Amelia on video",
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('The video is not recorded.')).toBeInTheDocument();
    expect(screen.getByText('You can end the video at any time.')).toBeInTheDocument();
    expect(screen.getByText(/so the nurse can see and hear Amelia/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join video call' })).toBeEnabled();
    expect(api.callsTo('POST', '/api/join/preview')[0]?.body).toMatchObject({
      token: TOKEN,
      capability: { rtcPeerConnection: true, getUserMedia: true, inApp: null },
    });
    expect(api.callsTo('POST', '/api/join')).toHaveLength(0);
  });

  it('says "A nurse" when the case has no clinician yet', async () => {
    stubFetch().on('POST', '/api/join/preview', { status: 200, body: { ...JOIN_INFO, clinicianName: null } });
    renderJoin(`/join/${TOKEN}`);
    expect(
      await screen.findByRole('heading', { name: "A nurse from the NHS 111 children's team wants to see Amelia on video" }),
    ).toBeInTheDocument();
  });

  it('shows the expired page when the preview answers 410 LINK_EXPIRED', async () => {
    stubFetch().on('POST', '/api/join/preview', apiError(410, 'LINK_EXPIRED', 'This link has expired'));
    renderJoin(`/join/${TOKEN}`);

    expect(
      await screen.findByRole('heading', { name: 'This link has expired or has already been used' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Stay on the phone. Ask the nurse to send you a new link.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Join video call' })).not.toBeInTheDocument();
  });

  it('swaps the token for a session, drops it from the address, opens the front camera and waits to be let in', async () => {
    const api = stubFetch()
      .on('POST', '/api/join/preview', { status: 200, body: JOIN_INFO })
      .on('POST', '/api/join', { status: 200, body: PARENT_SESSION });
    const getUserMedia = installMediaDevices(async () => fakeStream());
    const user = userEvent.setup();
    const router = renderJoin(`/join/${TOKEN}`);

    await user.click(await screen.findByRole('button', { name: 'Join video call' }));

    expect(await screen.findByText('The nurse will let you in shortly')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/join');
    // The tap is the consent to video, sent with the version of the words the page showed.
    // The consent is audited with the version of the words and the language they were shown in.
    expect(api.callsTo('POST', '/api/join')[0]?.body).toEqual({ token: TOKEN, consentText: `${CONSENT_TEXT_VERSION}.en` });
    expect(api.callsTo('GET', '/api/join/session')).toHaveLength(0);
    expect(getUserMedia).toHaveBeenCalledWith({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
    });
    expect(screen.getByTestId('local-video')).toBeInTheDocument();
    expect(screen.queryByTestId('remote-video')).not.toBeInTheDocument();
    expect(server.sent('call:ready')).toEqual([{ callId: CALL_ID }]);
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-state', 'parent_waiting');
  });

  it('shows the expired page when the exchange answers 410 (the link was used in the meantime)', async () => {
    stubFetch()
      .on('POST', '/api/join/preview', { status: 200, body: JOIN_INFO })
      .on('POST', '/api/join', apiError(410, 'LINK_EXPIRED', 'This link has expired'));
    const user = userEvent.setup();
    const router = renderJoin(`/join/${TOKEN}`);

    await user.click(await screen.findByRole('button', { name: 'Join video call' }));

    expect(
      await screen.findByRole('heading', { name: 'This link has expired or has already been used' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/join/${TOKEN}`);
  });

  it('asks to try again after too many attempts (429), and the same link still works', async () => {
    stubFetch()
      .on('POST', '/api/join/preview', { status: 200, body: JOIN_INFO })
      .on('POST', '/api/join', apiError(429, 'RATE_LIMITED', 'Too many requests'), { status: 200, body: PARENT_SESSION });
    installMediaDevices(async () => fakeStream());
    const user = userEvent.setup();
    renderJoin(`/join/${TOKEN}`);

    await user.click(await screen.findByRole('button', { name: 'Join video call' }));
    expect(await screen.findByText(/tried too many times/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await user.click(await screen.findByRole('button', { name: 'Join video call' }));

    expect(await screen.findByText('The nurse will let you in shortly')).toBeInTheDocument();
  });

  it('explains how to allow a blocked camera in Chrome on Android only, and joins on "Try again" without a new link', async () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(PIXEL_CHROME);
    const api = stubFetch()
      .on('POST', '/api/join/preview', { status: 200, body: JOIN_INFO })
      .on('POST', '/api/join', { status: 200, body: PARENT_SESSION });
    let allowed = false;
    const getUserMedia = installMediaDevices(async () => {
      if (!allowed) throw domError('NotAllowedError', 'Permission denied');
      return fakeStream();
    });
    const user = userEvent.setup();
    renderJoin(`/join/${TOKEN}`);

    await user.click(await screen.findByRole('button', { name: 'Join video call' }));

    expect(await screen.findByRole('heading', { name: 'The camera is blocked' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'On your Android phone (Chrome)' })).toBeInTheDocument();
    expect(screen.getByText(/Permissions/)).toBeInTheDocument();
    // Only this phone's steps: nothing about an iPhone.
    expect(screen.queryByText(/iPhone/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Website Settings/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join with sound only' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Stay on the phone call instead' })).toBeInTheDocument();
    expect(server.sent('call:camera_failed')).toEqual([{ callId: CALL_ID, reason: 'permission_denied' }]);
    expect(server.sent('call:ready')).toHaveLength(0);

    allowed = true;
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByText('The nurse will let you in shortly')).toBeInTheDocument();
    expect(getUserMedia).toHaveBeenCalledTimes(2);
    expect(api.callsTo('POST', '/api/join')).toHaveLength(1);
    expect(server.sent('call:ready')).toEqual([{ callId: CALL_ID }]);
  });

  it('has its own help when the phone has no camera', async () => {
    stubFetch().on('GET', '/api/join/session', { status: 200, body: PARENT_SESSION });
    installMediaDevices(async () => {
      throw domError('NotFoundError', 'Requested device not found');
    });
    renderJoin('/join');

    expect(await screen.findByRole('heading', { name: 'We could not find a camera' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(server.sent('call:camera_failed')).toEqual([{ callId: CALL_ID, reason: 'no_camera' }]);
  });

  it('explains that the link must be opened over https when the page has no camera API', async () => {
    stubFetch().on('GET', '/api/join/session', { status: 200, body: PARENT_SESSION });
    vi.stubGlobal('isSecureContext', false);
    // A plain-http page has no navigator.mediaDevices at all.
    removeMediaDevices();
    renderJoin('/join');

    expect(await screen.findByRole('heading', { name: 'This link cannot use the camera' })).toBeInTheDocument();
    expect(screen.getByText(/starts with https/)).toBeInTheDocument();
  });

  it('shows the expired page when a reload at /join has no parent session (401)', async () => {
    stubFetch().on('GET', '/api/join/session', apiError(401, 'UNAUTHENTICATED', 'Not signed in'));
    renderJoin('/join');

    expect(
      await screen.findByRole('heading', { name: 'This link has expired or has already been used' }),
    ).toBeInTheDocument();
  });

  it('resumes on reload at /join: camera again and call:ready, and answers the nurse’s new offer as a new page', async () => {
    stubFetch().on('GET', '/api/join/session', { status: 200, body: PARENT_SESSION });
    installMediaDevices(async () => fakeStream());
    server.answer('call:ready', () => callUpdate('reconnecting'));
    renderJoin('/join');

    expect(await screen.findByText('Reconnecting…')).toBeInTheDocument();
    expect(server.sent('call:ready')).toEqual([{ callId: CALL_ID }]);
    const tile = await screen.findByTestId('remote-video');
    expect(tile).toHaveAttribute('data-role', 'clinician');
    // The parent answers: no connection until the nurse's offer comes.
    expect(peers.peers).toHaveLength(0);
    server.emit('signal', fromClinician(OFFER));
    await vi.waitFor(() => expect(peers.last()?.options.initiator).toBe(false));
    expect(peers.last()?.received).toEqual([OFFER]);
  });

  it('shows the nurse large and the parent small once admitted, then the ended page with the camera off', async () => {
    stubFetch().on('GET', '/api/join/session', { status: 200, body: PARENT_SESSION });
    const video = fakeTrack('video');
    const audio = fakeTrack('audio');
    installMediaDevices(async () => fakeStream([audio, video]));
    renderJoin('/join');
    await screen.findByText('The nurse will let you in shortly');

    server.emit('call:state', callUpdate('admitted'));
    expect(await screen.findByTestId('remote-video')).toBeInTheDocument();
    expect(screen.getByTestId('local-video')).toBeInTheDocument();
    server.emit('signal', fromClinician(OFFER));
    await vi.waitFor(() => expect(peers.last()?.received).toEqual([OFFER]));

    server.emit('call:state', callUpdate('connected'));
    expect(await screen.findByText('You are on a video call with Sam Patel')).toBeInTheDocument();
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');

    server.emit('call:state', callUpdate('ended'));
    expect(await screen.findByText('The video call has ended. Stay on the phone if the nurse is still talking to you.')).toBeInTheDocument();
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-state', 'ended');
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-reason', 'clinician_ended');
    expect(peers.last()?.destroyed).toBe(true);
    expect([video, audio].every((track: FakeTrack) => track.stopped)).toBe(true);
  });

  it('leaves on "End call" (the call carries on: failed, parent_left), and rejoins the waiting room without a new link', async () => {
    stubFetch().on('GET', '/api/join/session', { status: 200, body: PARENT_SESSION });
    const video = fakeTrack('video');
    installMediaDevices(async () => fakeStream([fakeTrack('audio'), video]));
    server.answer('call:leave', () => {
      const left = callUpdate('failed', { snapshot: { state: 'failed', reason: 'parent_left' } });
      left.participants[1] = { ...left.participants[1]!, state: 'left', reason: 'parent_left' };
      return left;
    });
    const user = userEvent.setup();
    renderJoin('/join');
    await screen.findByText('The nurse will let you in shortly');
    server.emit('call:state', callUpdate('connected'));

    await user.click(await screen.findByRole('button', { name: 'End call' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'End the video call?' })).getByRole('button', { name: 'Yes, end the call' }));
    expect(server.sent('call:leave')).toEqual([{ callId: CALL_ID, reason: 'left' }]);
    expect(await screen.findByRole('heading', { name: 'You have left the video call' })).toHaveAttribute('data-reason', 'parent_left');
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-state', 'failed');
    expect(video.stopped).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Rejoin' }));
    await vi.waitFor(() => expect(server.sent('call:ready')).toHaveLength(2));
    expect(await screen.findByText('The nurse will let you in shortly')).toBeInTheDocument();
  });

  it('tells the server when the page goes (pagehide), so a page that does not come back counts as left', async () => {
    const fetches = stubFetch().on('GET', '/api/join/session', { status: 200, body: PARENT_SESSION }).on('POST', '/api/join/leaving', { status: 204 });
    installMediaDevices(async () => fakeStream());
    renderJoin('/join');
    await screen.findByText('The nurse will let you in shortly');
    window.dispatchEvent(new Event('pagehide'));
    await vi.waitFor(() => expect(fetches.callsTo('POST', '/api/join/leaving').map((c) => c.body)).toEqual([{ endpoint: 'page-under-test' }]));
  });

  it('tells an invited colleague who invited them, in which role, and for which child (first name and age only)', async () => {
    stubFetch().on('POST', '/api/join/preview', { status: 200, body: GUEST_INFO });
    renderJoin(`/join/${TOKEN}`);
    expect(
      await screen.findByRole('heading', { name: "Sam Patel from the NHS 111 children's team has invited you to a video call about Amelia, 2 years 2 months" }),
    ).toBeInTheDocument();
    expect(screen.getByText('You join as the interpreter (Ana Kowalska).')).toBeInTheDocument();
    expect(screen.getByText(/the parent is asked first/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join video call' })).toBeEnabled();
  });

  it('shows a guest waiting to be let in, then in the call with the parent and the nurse labelled by role', async () => {
    stubFetch().on('GET', '/api/join/session', { status: 200, body: { ...GUEST_INFO, caseId: null, callId: CALL_ID, participantId: INTERPRETER_ID, iceServers: [] } });
    installMediaDevices(async () => fakeStream());
    const waiting = person('interpreter', { state: 'waiting', present: true, epoch: 1 });
    server.answer('call:ready', () => callUpdate('connected', { extra: [waiting] }));
    renderJoin('/join');
    expect(await screen.findByText('Sam Patel will let you in shortly. The call is about Amelia, 2 years 2 months.')).toBeInTheDocument();
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-participant-state', 'waiting');
    expect(screen.queryByTestId('remote-video')).not.toBeInTheDocument();

    server.emit('call:state', callUpdate('connected', { extra: [{ ...waiting, state: 'admitted', admittedAt: '2026-12-02T10:05:00Z' }] }));
    const tiles = await screen.findAllByTestId('remote-video');
    expect(tiles.map((t) => t.getAttribute('data-role')).sort()).toEqual(['clinician', 'parent']);
    expect(screen.getByText('Mother · Parent')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Leave call' })).toBeInTheDocument();
  });

  it('tells the parent who joined and why', async () => {
    stubFetch().on('GET', '/api/join/session', { status: 200, body: PARENT_SESSION });
    installMediaDevices(async () => fakeStream());
    renderJoin('/join');
    await screen.findByText('The nurse will let you in shortly');
    server.emit('call:state', callUpdate('connected', { extra: [person('interpreter', { state: 'admitted', present: true, epoch: 1, admittedAt: '2026-12-02T10:05:00Z' })] }));
    expect(await screen.findByText('Ana Kowalska, an interpreter, has joined to help you and the nurse understand each other.')).toBeInTheDocument();
  });

  it('mutes, turns the camera off and switches to the back camera when the phone has two', async () => {
    stubFetch().on('GET', '/api/join/session', { status: 200, body: PARENT_SESSION });
    const front = fakeTrack('video', 'front');
    const back = fakeTrack('video', 'back');
    const audio = fakeTrack('audio');
    const getUserMedia = installMediaDevices(async (constraints) => (constraints.audio ? fakeStream([audio, front]) : fakeStream([back])), 2);
    const user = userEvent.setup();
    renderJoin('/join');
    await screen.findByText('The nurse will let you in shortly');
    server.emit('call:state', callUpdate('connected'));
    server.emit('signal', fromClinician(OFFER));
    // The call screen's own controls (the waiting room has a Switch camera too, gone once let in).
    const controls = within(await screen.findByTestId('parent-call')).getByRole('button', { name: 'Switch camera' });

    await user.click(screen.getByRole('button', { name: 'Mute' }));
    expect(audio.enabled).toBe(false);
    expect(screen.getByRole('button', { name: 'Unmute' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Turn camera off' }));
    expect(front.enabled).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Turn camera on' }));

    await user.click(controls);
    expect(getUserMedia).toHaveBeenLastCalledWith({
      video: { facingMode: { exact: 'environment' }, width: { ideal: 640 }, height: { ideal: 480 } },
      audio: false,
    });
    expect(front.stopped).toBe(true);
    await vi.waitFor(() => expect(peers.last()?.replaced).toEqual([{ oldTrack: front, newTrack: back }]));
    // The back camera is not mirrored.
    expect(within(screen.getByTestId('local-video').parentElement as HTMLElement).getByTestId('local-video')).not.toHaveClass('video-tile__video--mirrored');
  });

  describe('the browser check as the link opens', () => {
    it('shows the in-app page at once inside Instagram on an iPhone, tells the server why, and lets the parent try anyway', async () => {
      vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(IPHONE_INSTAGRAM);
      const api = stubFetch().on('POST', '/api/join/preview', { status: 200, body: JOIN_INFO });
      const user = userEvent.setup();
      renderJoin(`/join/${TOKEN}`);

      const heading = await screen.findByRole('heading', { name: 'Open this link in Safari' });
      expect(heading).toHaveAttribute('data-verdict', 'in_app_browser');
      expect(screen.getByText(/You opened the link inside Instagram/)).toBeInTheDocument();
      expect(screen.getByText(/Open in Safari/)).toBeInTheDocument();
      // Android's Chrome intent link is for Android only.
      expect(screen.queryByRole('link', { name: 'Open in Chrome' })).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Join video call' })).not.toBeInTheDocument();
      expect(api.callsTo('POST', '/api/join/preview')[0]?.body).toMatchObject({
        token: TOKEN,
        capability: { inApp: 'Instagram', os: 'ios', rtcPeerConnection: true, getUserMedia: true },
      });
      expect(api.callsTo('POST', '/api/join')).toHaveLength(0);

      const writeText = vi.fn(async () => undefined);
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
      await user.click(screen.getByRole('button', { name: 'Copy link' }));
      expect(writeText).toHaveBeenCalledWith(window.location.href);
      expect(await screen.findByText(/Link copied/)).toBeInTheDocument();

      await user.click(screen.getByRole('button', { name: 'Try in this app anyway' }));
      expect(await screen.findByRole('button', { name: 'Join video call' })).toBeEnabled();
    });

    it('knows an app’s browser that does not name itself (WhatsApp on an iPhone)', async () => {
      vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(IPHONE_WHATSAPP);
      stubFetch().on('POST', '/api/join/preview', { status: 200, body: JOIN_INFO });
      renderJoin(`/join/${TOKEN}`);
      expect(await screen.findByRole('heading', { name: 'Open this link in Safari' })).toBeInTheDocument();
      expect(screen.getByText(/You opened the link inside an app/)).toBeInTheDocument();
    });

    it('offers the Chrome intent link in an Android app’s browser', async () => {
      vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(
        'Mozilla/5.0 (Linux; Android 13; Pixel 5 Build/TQ3A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/440.0.0.0;]',
      );
      stubFetch().on('POST', '/api/join/preview', { status: 200, body: JOIN_INFO });
      renderJoin(`/join/${TOKEN}`);

      expect(await screen.findByRole('heading', { name: 'Open this link in Chrome' })).toBeInTheDocument();
      const intent = screen.getByRole('link', { name: 'Open in Chrome' });
      expect(intent.getAttribute('href')).toMatch(/^intent:\/\/.+#Intent;scheme=http;package=com\.android\.chrome;.*end$/);
    });

    it('shows the unsupported-browser page at once when there is no RTCPeerConnection, with no way to try anyway', async () => {
      vi.stubGlobal('RTCPeerConnection', undefined);
      const api = stubFetch().on('POST', '/api/join/preview', { status: 200, body: JOIN_INFO });
      renderJoin(`/join/${TOKEN}`);

      const heading = await screen.findByRole('heading', { name: /This browser cannot do video calls. Open this link in/ });
      expect(heading).toHaveAttribute('data-verdict', 'unsupported_browser');
      expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Try in this app anyway' })).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Join video call' })).not.toBeInTheDocument();
      expect(api.callsTo('POST', '/api/join/preview')[0]?.body).toMatchObject({ capability: { rtcPeerConnection: false } });
    });
  });

  describe('when the camera does not work', () => {
    function blockedCamera() {
      stubFetch().on('GET', '/api/join/session', { status: 200, body: PARENT_SESSION });
      return installMediaDevices(async (constraints) => {
        if (constraints.video) throw domError('NotAllowedError', 'Permission denied');
        return fakeStream([fakeTrack('audio')]);
      });
    }

    it('shows Safari’s steps only, with the drawing, on an iPhone', async () => {
      vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(IPHONE_SAFARI);
      blockedCamera();
      renderJoin('/join');

      expect(await screen.findByRole('heading', { name: 'The camera is blocked' })).toBeInTheDocument();
      expect(screen.getByRole('heading', { name: 'On your iPhone (Safari)' })).toBeInTheDocument();
      expect(screen.getByText(/Website Settings/)).toBeInTheDocument();
      expect(screen.getByRole('img', { name: /icon to tap/ })).toBeInTheDocument();
      expect(screen.queryByText(/Android/)).not.toBeInTheDocument();
    });

    it('joins with sound only: the microphone alone, into the waiting room, sending no video', async () => {
      const getUserMedia = blockedCamera();
      const user = userEvent.setup();
      renderJoin('/join');

      await user.click(await screen.findByRole('button', { name: 'Join with sound only' }));

      expect(await screen.findByText('The nurse will let you in shortly')).toBeInTheDocument();
      expect(getUserMedia).toHaveBeenLastCalledWith({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false });
      expect(server.sent('call:ready')).toEqual([{ callId: CALL_ID }]);
      expect(screen.getByRole('combobox')).toHaveValue('audio');
    });

    /** Blocked camera, then "Join with sound only": the microphone track the page opened, once it waits. */
    async function joinWithMicrophoneOnly(): Promise<FakeTrack> {
      const getUserMedia = blockedCamera();
      const user = userEvent.setup();
      renderJoin('/join');
      await user.click(await screen.findByRole('button', { name: 'Join with sound only' }));
      expect(await screen.findByText('The nurse will let you in shortly')).toBeInTheDocument();
      return (await getUserMedia.mock.results.at(-1)!.value as MediaStream).getAudioTracks()[0] as FakeTrack;
    }

    it('keeps the microphone on when the camera failure it reported reaches the page after "sound only" (a slow server)', async () => {
      const microphone = await joinWithMicrophoneOnly();
      // The echo of the page's own camera_failed report arrives late: the call failed for the camera.
      server.emit('call:state', callUpdate('failed', { snapshot: { state: 'failed', reason: 'permission_denied' } }));
      server.emit('call:state', callUpdate('parent_waiting'));
      await vi.waitFor(() => expect(screen.getByText('The nurse will let you in shortly')).toBeInTheDocument());
      expect(microphone.stopped).toBe(false);
    });

    it('turns the microphone off when the call itself fails', async () => {
      const microphone = await joinWithMicrophoneOnly();
      server.emit('call:state', callUpdate('failed'));
      await vi.waitFor(() => expect(microphone.stopped).toBe(true));
    });

    it('stays on the phone call instead: leaves the video for good, by phone', async () => {
      blockedCamera();
      server.answer('call:leave', () => callUpdate('failed', { snapshot: { state: 'failed', reason: 'phone_fallback' } }));
      const user = userEvent.setup();
      renderJoin('/join');

      await user.click(await screen.findByRole('button', { name: 'Stay on the phone call instead' }));

      expect(await screen.findByRole('heading', { name: 'You chose the phone call' })).toBeInTheDocument();
      await vi.waitFor(() => expect(server.sent('call:leave')).toEqual([{ callId: CALL_ID, reason: 'phone_fallback' }]));
    });
  });
});
