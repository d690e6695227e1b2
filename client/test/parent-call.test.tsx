import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRouter, RouterProvider } from 'react-router';
import JoinPage from '../src/pages/JoinPage';
import { resetJoinFlow } from '../src/features/join/joinFlow';
import { waitedWords } from '../src/features/join/callScreen';
import en from '../src/features/i18n/messages/en';
import type { PeerFactory } from '../src/features/video/peer-types';
import { stubFetch } from './helpers';
import {
  CALL_CASE_ID,
  CALL_ID,
  PARENT_ID,
  callUpdate,
  createCallSocketFake,
  createFakePeerFactory,
  fakeStream,
  fakeTrack,
  installMediaDevices,
  removeMediaDevices,
  type FakeTrack,
} from './call-fakes';

/** The parent's waiting room and in-call screen (issue 9): each state as the parent sees and works it. */

const doubles = vi.hoisted(() => ({ socket: null as unknown, peerFactory: null as unknown }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => doubles.socket, closeSocket: () => undefined, PAGE_ENDPOINT: 'page-under-test' }));
vi.mock('../src/features/video/peer', () => ({
  createPeer: ((options) => (doubles.peerFactory as PeerFactory)(options)) satisfies PeerFactory,
}));

const SESSION = {
  role: 'parent',
  childFirstName: 'Amelia',
  childAgeMonths: null,
  clinicianName: 'Sam Patel',
  guestName: null,
  service: 'NHS 111 paediatric desk',
  caseId: CALL_CASE_ID,
  callId: CALL_ID,
  participantId: PARENT_ID,
  iceServers: [],
};
const TIMEOUT = { timeout: 5_000 };

let server: ReturnType<typeof createCallSocketFake>;
let videoTracks: FakeTrack[];

/** A snapshot with the parent waiting since `waitingSince`. */
function waitingSince(iso: string) {
  const update = callUpdate('parent_waiting');
  update.participants[1] = { ...update.participants[1]!, waitingSince: iso };
  return update;
}

function leftUpdate() {
  const left = callUpdate('failed', { snapshot: { state: 'failed', reason: 'parent_left' } });
  left.participants[1] = { ...left.participants[1]!, state: 'left', reason: 'parent_left' };
  return left;
}

async function openWaitingRoom() {
  stubFetch().on('GET', '/api/join/session', { status: 200, body: SESSION });
  const router = createMemoryRouter([{ path: '/join', element: <JoinPage /> }], { initialEntries: ['/join'] });
  render(<RouterProvider router={router} />);
  await screen.findByText('The nurse will let you in shortly', undefined, TIMEOUT);
}

async function openCall() {
  await openWaitingRoom();
  server.emit('call:state', callUpdate('connected'));
  await screen.findByTestId('parent-call', undefined, TIMEOUT);
}

describe('the parent’s waiting room', () => {
  beforeEach(() => {
    resetJoinFlow();
    server = createCallSocketFake();
    server.answer('call:ready', () => waitingSince(new Date(Date.now() - 65_000).toISOString()));
    server.answer('call:leave', () => leftUpdate());
    // A media report can go out before the fake has pushed any state (a slow machine): answer as the server would, with the call.
    server.answer('call:media', () => server.current() ?? waitingSince(new Date(Date.now() - 65_000).toISOString()));
    doubles.socket = server.socket;
    doubles.peerFactory = createFakePeerFactory().factory;
    videoTracks = [];
    installMediaDevices(async () => {
      const video = fakeTrack('video');
      videoTracks.push(video);
      return fakeStream([fakeTrack('audio'), video]);
    });
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });
  afterEach(() => {
    resetJoinFlow();
    removeMediaDevices();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('counts up how long the parent has waited, from the server’s time, and says what to get ready', async () => {
    await openWaitingRoom();
    expect(screen.getByRole('heading', { name: 'Waiting for the nurse' })).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent(/^1 minute [5-9] seconds$/);
    await vi.waitFor(() => expect(screen.getByRole('timer')).not.toHaveTextContent(/^1 minute 5 seconds$/), { timeout: 3_000 });
    const prepare = screen.getByRole('region', { name: 'While you wait, get ready' });
    expect(within(prepare).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Go somewhere with good light, or turn the big light on.',
      "Take off your child's clothes down to their vest.",
      'Have a clear glass and a torch near you.',
    ]);
    expect(screen.getByTestId('local-video')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'End call' })).not.toBeInTheDocument();
  });

  it('asks before leaving: "No, keep waiting" (or Escape) stays, with focus back on Leave', async () => {
    await openWaitingRoom();
    const user = userEvent.setup();
    const leave = screen.getByRole('button', { name: 'Leave' });
    await user.click(leave);
    const dialog = screen.getByRole('alertdialog', { name: 'Leave the waiting room?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription('The nurse will not be able to see you. You can come back without a new link.');
    // The safe answer has the focus; Tab stays inside.
    expect(within(dialog).getByRole('button', { name: 'No, keep waiting' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Yes, leave' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'No, keep waiting' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(leave).toHaveFocus();
    await user.click(leave);
    await user.click(screen.getByRole('button', { name: 'No, keep waiting' }));
    expect(server.sent('call:leave')).toEqual([]);
    expect(videoTracks[0]!.stopped).toBe(false);
  });

  it('leaves on "Yes, leave" (failed, parent_left, camera off), and Rejoin goes back to the waiting room with the camera on, without a new link', async () => {
    await openWaitingRoom();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    await user.click(screen.getByRole('button', { name: 'Yes, leave' }));
    expect(server.sent('call:leave')).toEqual([{ callId: CALL_ID, reason: 'left' }]);
    const heading = await screen.findByRole('heading', { name: 'You have left the video call' }, TIMEOUT);
    expect(heading).toHaveAttribute('data-state', 'failed');
    expect(heading).toHaveAttribute('data-reason', 'parent_left');
    expect(videoTracks[0]!.stopped).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Rejoin' }));
    expect(await screen.findByText('The nurse will let you in shortly', undefined, TIMEOUT)).toBeInTheDocument();
    expect(server.sent('call:ready')).toHaveLength(2);
    // The camera that the rejoin opened stays on (it used to be turned off as the parent came back).
    expect(videoTracks.map((t) => t.stopped)).toEqual([true, false]);
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-state', 'parent_waiting');
  });

  it('says the signal dropped only after a connection that was up is lost', async () => {
    server.setStatus('connecting');
    await openWaitingRoom().catch(() => undefined);
    // Never connected yet: no "dropped" (the call:ready is still on its way).
    expect(screen.queryByText('Your signal dropped. Trying to connect again…')).not.toBeInTheDocument();
    server.setStatus('connected');
    await screen.findByText('The nurse will let you in shortly', undefined, TIMEOUT);
    server.setStatus('connecting');
    expect(await screen.findByText('Your signal dropped. Trying to connect again…')).toBeInTheDocument();
  });
});

describe('the parent’s call screen', () => {
  beforeEach(() => {
    resetJoinFlow();
    server = createCallSocketFake();
    server.answer('call:ready', () => waitingSince(new Date().toISOString()));
    server.answer('call:leave', () => leftUpdate());
    server.answer('call:media', () => server.current() ?? waitingSince(new Date().toISOString()));
    doubles.socket = server.socket;
    doubles.peerFactory = createFakePeerFactory().factory;
    installMediaDevices(async () => fakeStream([fakeTrack('audio'), fakeTrack('video')]), 2);
  });
  afterEach(() => {
    resetJoinFlow();
    removeMediaDevices();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('fills the screen with the nurse, the parent’s own view in the corner, and every control in one bar', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    await openCall();
    const call = screen.getByTestId('parent-call');
    expect(within(call).getByTestId('remote-video')).toHaveAttribute('data-role', 'clinician');
    expect(within(call).getByTestId('local-video')).toHaveProperty('muted', true);
    expect(within(call).getByTestId('local-video')).toHaveAttribute('playsinline');
    expect(within(call).getByTestId('remote-video')).toHaveAttribute('playsinline');
    const controls = screen.getByRole('group', { name: 'Call controls' });
    expect(within(controls).getAllByRole('button').map((b) => b.textContent)).toEqual(['Mute', 'Camera off', 'Switch camera', 'Swap views', 'End call']);
    // Short words on the bar; the names (which contain them) say it in full.
    for (const name of ['Mute', 'Turn camera off', 'Switch camera', 'Swap views', 'End call']) {
      expect(within(controls).getByRole('button', { name })).toBeVisible();
    }
    expect(within(controls).getByText('Quality')).toHaveAccessibleName('Video quality');
    expect(within(controls).getByRole('combobox', { name: 'Video quality' })).toHaveValue('full');
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
    expect(screen.getByText('You are on a video call with Sam Patel')).toBeInTheDocument();
  });

  it('swaps views: the parent’s own picture full-screen and back (the button says which)', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    await openCall();
    const user = userEvent.setup();
    const swap = screen.getByRole('button', { name: 'Swap views' });
    expect(swap).toHaveAttribute('aria-pressed', 'false');
    await user.click(swap);
    expect(swap).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('parent-call')).toHaveClass('parent-call--swapped');
    await user.click(swap);
    expect(screen.getByTestId('parent-call')).not.toHaveClass('parent-call--swapped');
  });

  it('asks "End the video call?" first: "No, stay in the call" keeps it; "Yes, end the call" leaves (failed, parent_left) and offers Rejoin', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    await openCall();
    const user = userEvent.setup();
    const end = screen.getByRole('button', { name: 'End call' });
    await user.click(end);
    const dialog = screen.getByRole('alertdialog', { name: 'End the video call?' });
    expect(within(dialog).getByRole('button', { name: 'No, stay in the call' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'No, stay in the call' }));
    expect(server.sent('call:leave')).toEqual([]);
    expect(end).toHaveFocus();
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');

    await user.click(end);
    await user.click(screen.getByRole('button', { name: 'Yes, end the call' }));
    expect(server.sent('call:leave')).toEqual([{ callId: CALL_ID, reason: 'left' }]);
    expect(await screen.findByRole('button', { name: 'Rejoin' }, TIMEOUT)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'You have left the video call' })).toHaveAttribute('data-reason', 'parent_left');
  });

  it('keeps the screen on while in the call, asking again when the page comes back to the foreground', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const released = vi.fn(async () => undefined);
    const request = vi.fn(async () => ({ release: released }));
    Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: { request } });
    try {
      await openCall();
      await vi.waitFor(() => expect(request).toHaveBeenCalledWith('screen'));
      // Hidden: the browser dropped the lock. Visible again: asked for afresh.
      setVisibility('hidden');
      setVisibility('visible');
      await vi.waitFor(() => expect(request).toHaveBeenCalledTimes(2));
      server.emit('call:state', callUpdate('ended'));
      await screen.findByRole('heading', { name: 'Video call ended' }, TIMEOUT);
      expect(released).toHaveBeenCalled();
    } finally {
      Reflect.deleteProperty(navigator, 'wakeLock');
    }
  });

  it('back in the foreground: checks the connection and plays the video again; a refused play offers "Tap to start video"', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    await openCall();
    const user = userEvent.setup();
    const probesBefore = server.probes();
    const videos = [screen.getByTestId('remote-video'), screen.getByTestId('local-video')] as HTMLVideoElement[];
    for (const video of videos) {
      Object.defineProperty(video, 'paused', { configurable: true, get: () => true });
      if (!video.srcObject) video.srcObject = fakeStream() as unknown as MediaStream;
    }
    play.mockClear();
    play.mockRejectedValue(new DOMException('needs a gesture', 'NotAllowedError'));
    setVisibility('hidden');
    setVisibility('visible');
    expect(server.probes()).toBe(probesBefore + 1);
    const tap = await screen.findByRole('button', { name: 'Tap to start video' });
    expect(play).toHaveBeenCalled();
    play.mockResolvedValue(undefined);
    await user.click(tap);
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Tap to start video' })).not.toBeInTheDocument());
  });

  it('words the time waited plainly', () => {
    expect([0, 1, 45, 60, 65, 125, 600, 3_700].map((seconds) => waitedWords(en.messages.waiting, seconds))).toEqual([
      '0 seconds',
      '1 second',
      '45 seconds',
      '1 minute',
      '1 minute 5 seconds',
      '2 minutes 5 seconds',
      '10 minutes',
      '61 minutes',
    ]);
  });
});

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}
