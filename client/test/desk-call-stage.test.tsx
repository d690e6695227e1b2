import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallPanel } from '../src/features/call/CallPanel';
import { useSessionStore } from '../src/features/auth/sessionStore';
import { deskPrefs } from '../src/features/desk/prefs';
import type { PeerFactory } from '../src/features/video/peer-types';
import {
  CALL_CASE_ID,
  CLINICIAN_ID,
  NO_TURN,
  WAITING_SINCE,
  callUpdate,
  createCallSocketFake,
  createFakePeerFactory,
  fakeStream,
  installMediaDevices,
  person,
  removeMediaDevices,
} from './call-fakes';

const doubles = vi.hoisted(() => ({ socket: null as unknown, peerFactory: null as unknown }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => doubles.socket, closeSocket: () => undefined, PAGE_ENDPOINT: 'test-page' }));
vi.mock('../src/features/video/peer', () => ({
  createPeer: ((options) => (doubles.peerFactory as PeerFactory)(options)) satisfies PeerFactory,
}));

let server: ReturnType<typeof createCallSocketFake>;
const watched = (update = callUpdate('invited')) => ({ update, self: { participantId: CLINICIAN_ID, holding: true } });

/** A browser's tone generator, counted: the chime is two tones. */
class CountingAudio {
  static tones = 0;
  currentTime = 0;
  destination = {};
  resume = () => Promise.resolve();
  createOscillator() {
    CountingAudio.tones += 1;
    return { frequency: { value: 0 }, connect: (node: unknown) => node, start: () => undefined, stop: () => undefined };
  }
  createGain() {
    const gain = { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: (node: unknown) => node };
    return gain;
  }
}

/** The browser's Notification, recorded: what was shown, and the permission question. */
function installNotifications(permission: NotificationPermission) {
  const shown: { title: string; body: string; notification: { onclick: null | (() => void); close: () => void } }[] = [];
  const requestPermission = vi.fn(async () => {
    state.permission = 'granted';
    return 'granted' as const;
  });
  const state = { permission };
  class FakeNotification {
    static get permission() {
      return state.permission;
    }
    static requestPermission = requestPermission;
    onclick: null | (() => void) = null;
    constructor(title: string, options: { body: string }) {
      shown.push({ title, body: options.body, notification: this });
    }
    close() {}
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { shown, requestPermission };
}

function renderPanel() {
  return render(<CallPanel caseId={CALL_CASE_ID} callerPhone="+447700900123" childLabel="Zara, 3 years (111-1)" />);
}

/** The panel's world: the server (answering the watch with `start`), peers, a signed-in clinician, a camera, and the clinician's settings. */
function setUp(start: ReturnType<typeof callUpdate>, prefs: Partial<ReturnType<typeof deskPrefs.getState>>) {
  server = createCallSocketFake();
  server.answer('case:watch', () => watched(start));
  server.answer('case:unwatch', () => null);
  server.answer('call:media', () => server.current() ?? callUpdate('connecting'));
  server.answer('call:ice', () => NO_TURN);
  doubles.socket = server.socket;
  doubles.peerFactory = createFakePeerFactory().factory;
  useSessionStore.setState({
    status: 'signed_in',
    session: { user: { id: 'u1', username: 'clinician', displayName: 'Sam Patel', role: 'clinician' }, iceServers: [], devMode: true },
    error: null,
  });
  localStorage.clear();
  deskPrefs.setState({ chime: true, notifyAsked: false, selfView: 'bottom-right', selfViewHidden: false, videoLarge: false, ...prefs });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  installMediaDevices(async () => fakeStream());
}

describe('the desk call stage: a waiting parent is hard to miss', () => {
  beforeEach(() => {
    setUp(callUpdate('invited'), {});
    CountingAudio.tones = 0;
    vi.stubGlobal('AudioContext', CountingAudio);
  });
  afterEach(() => {
    removeMediaDevices();
    vi.unstubAllGlobals();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('counts the wait up beside the parent’s own Admit, and chimes once for the wait, not for each update', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse(WAITING_SINCE) + 75_000);
    renderPanel();
    await screen.findByText('Waiting for parent to join');
    expect(screen.queryByTestId('wait-timer')).not.toBeInTheDocument();
    act(() => server.emit('call:state', callUpdate('parent_waiting')));
    const row = (await screen.findByRole('button', { name: 'Admit parent' })).closest('li')!;
    expect(within(row).getByTestId('wait-timer')).toHaveTextContent('Waiting 1:15');
    expect(within(row).getByRole('timer')).toHaveAccessibleName('waiting 1 minute');
    expect(CountingAudio.tones).toBe(2);
    // The same wait again (another update of the same call) does not ring again.
    act(() => server.emit('call:state', callUpdate('parent_waiting')));
    expect(CountingAudio.tones).toBe(2);
    // Let in, dropped, waiting again later: a new wait, a new chime.
    act(() => server.emit('call:state', callUpdate('parent_waiting', { participants: [person('clinician', { state: 'connected', present: true }), person('parent', { state: 'waiting', present: true, waitingSince: '2026-12-02T10:09:00Z' })] })));
    await vi.waitFor(() => expect(CountingAudio.tones).toBe(4));
  });

  it('stays quiet when the clinician turned the chime off, and remembers that', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText('Waiting for parent to join');
    await user.click(screen.getByRole('checkbox', { name: 'Play a chime when someone is waiting to be let in' }));
    expect(JSON.parse(localStorage.getItem('desk.prefs') ?? '{}')).toMatchObject({ state: { chime: false } });
    act(() => server.emit('call:state', callUpdate('parent_waiting')));
    await screen.findByRole('button', { name: 'Admit parent' });
    expect(CountingAudio.tones).toBe(0);
  });

  it('asks once, with the reason, before showing notifications; then notifies only when the tab is out of sight, and the notification puts focus on Admit', async () => {
    const notifications = installNotifications('default');
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText('Waiting for parent to join');
    expect(screen.getByText(/notification when a parent starts waiting while this tab is behind another window/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Turn on notifications' }));
    expect(notifications.requestPermission).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Notifications are on for waiting parents.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Turn on notifications' })).not.toBeInTheDocument();

    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    act(() => server.emit('call:state', callUpdate('parent_waiting')));
    const admit = await screen.findByRole('button', { name: 'Admit parent' });
    await vi.waitFor(() => expect(notifications.shown).toHaveLength(1));
    expect(notifications.shown[0]).toMatchObject({ title: 'Parent waiting – NHS 111 paediatric video desk', body: 'The parent is waiting to be let in: Zara, 3 years (111-1)' });
    Element.prototype.scrollIntoView = vi.fn();
    act(() => notifications.shown[0]!.notification.onclick?.());
    expect(admit).toHaveFocus();
  });

  it('"Not now" is an answer too: the question does not come back', async () => {
    const notifications = installNotifications('default');
    const user = userEvent.setup();
    const { unmount } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('button', { name: 'Turn on notifications' })).not.toBeInTheDocument();
    unmount();
    renderPanel();
    await screen.findByText('Waiting for parent to join');
    expect(screen.queryByRole('button', { name: 'Turn on notifications' })).not.toBeInTheDocument();
    expect(notifications.requestPermission).not.toHaveBeenCalled();
  });
});

describe('the desk call stage: the picture', () => {
  beforeEach(() => setUp(callUpdate('connecting'), { chime: false, notifyAsked: true }));
  afterEach(() => {
    removeMediaDevices();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('enlarges the video, moves the clinician’s own picture round the corners and hides it, and keeps the choice', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByTestId('remote-video', {}, { timeout: 10_000 });
    const stage = screen.getByTestId('video-stage');
    await user.click(screen.getByRole('button', { name: 'Enlarge video' }));
    expect(screen.getByRole('button', { name: 'Smaller video' })).toHaveAttribute('aria-pressed', 'true');
    expect(stage).toHaveAttribute('data-large', 'true');

    const move = screen.getByRole('button', { name: 'Move your picture' });
    expect(move).toHaveAccessibleDescription('Your picture: bottom right');
    await user.click(move);
    expect(move).toHaveAccessibleDescription('Your picture: bottom left');
    await user.click(move);
    await user.click(move);
    await user.click(move);
    expect(move).toHaveAccessibleDescription('Your picture: bottom right');

    await user.click(screen.getByRole('button', { name: 'Hide your picture' }));
    expect(screen.getByRole('button', { name: 'Show your picture' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByRole('button', { name: 'Move your picture' })).not.toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem('desk.prefs') ?? '{}')).toMatchObject({ state: { videoLarge: true, selfViewHidden: true } });
  });

  it('offers full screen and picture-in-picture only where the browser has them, and says so when the browser refuses', async () => {
    const user = userEvent.setup();
    const { unmount } = renderPanel();
    await screen.findByTestId('remote-video', {}, { timeout: 10_000 });
    // jsdom, like some browsers, has neither.
    expect(screen.queryByRole('button', { name: 'Full screen' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pop out' })).not.toBeInTheDocument();
    unmount();

    Object.defineProperty(document, 'pictureInPictureEnabled', { configurable: true, value: true });
    Object.defineProperty(document, 'fullscreenEnabled', { configurable: true, value: true });
    const popped = vi.fn(() => Promise.reject(new DOMException('not allowed', 'NotAllowedError')));
    Object.defineProperty(HTMLVideoElement.prototype, 'requestPictureInPicture', { configurable: true, value: popped });
    try {
      renderPanel();
      await screen.findByTestId('remote-video', {}, { timeout: 10_000 });
      expect(screen.getByRole('button', { name: 'Full screen' })).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Pop out' }));
      expect(popped).toHaveBeenCalledTimes(1);
      expect(popped.mock.contexts[0]).toBe(screen.getByTestId('remote-video'));
      expect(await screen.findByRole('alert')).toHaveTextContent('This browser would not pop the video out.');
    } finally {
      delete (document as { pictureInPictureEnabled?: boolean }).pictureInPictureEnabled;
      delete (document as { fullscreenEnabled?: boolean }).fullscreenEnabled;
      delete (HTMLVideoElement.prototype as { requestPictureInPicture?: unknown }).requestPictureInPicture;
    }
  });
});
