import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallPanel } from '../src/features/call/CallPanel';
import { useSessionStore } from '../src/features/auth/sessionStore';
import type { PeerFactory } from '../src/features/video/peer-types';
import {
  CALL_CASE_ID,
  callUpdate,
  createCallSocketFake,
  createFakePeerFactory,
  fakeStream,
  installMediaDevices,
  removeMediaDevices,
} from './call-fakes';

const doubles = vi.hoisted(() => ({ socket: null as unknown, peerFactory: null as unknown }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => doubles.socket, closeSocket: () => undefined }));
vi.mock('../src/features/video/peer', () => ({
  createPeer: ((options) => (doubles.peerFactory as PeerFactory)(options)) satisfies PeerFactory,
}));

const ICE = [{ urls: 'turn:turn.example.test:3478', username: 'u', credential: 'c' }];
let server: ReturnType<typeof createCallSocketFake>;
let peers: ReturnType<typeof createFakePeerFactory>;

function renderPanel() {
  return render(<CallPanel caseId={CALL_CASE_ID} callerPhone="+447700900123" />);
}

describe('CallPanel (the clinician side)', () => {
  beforeEach(() => {
    server = createCallSocketFake();
    server.answer('case:watch', () => callUpdate('invited', 0));
    doubles.socket = server.socket;
    peers = createFakePeerFactory();
    doubles.peerFactory = peers.factory;
    useSessionStore.setState({
      status: 'signed_in',
      session: {
        user: { id: 'u1', username: 'clinician', displayName: 'Sam Patel', role: 'clinician' },
        iceServers: ICE,
        devMode: true,
      },
      error: null,
    });
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });
  afterEach(() => {
    removeMediaDevices();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('watches the case and shows the state the server sent, with Admit disabled until the parent waits', async () => {
    const getUserMedia = installMediaDevices(async () => fakeStream());
    renderPanel();

    const state = await screen.findByText('Waiting for parent to join');
    expect(server.sent('case:watch')).toEqual([{ caseId: CALL_CASE_ID }]);
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-state', 'invited');
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-reason', '');
    expect(state).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Admit' })).toBeDisabled();
    // No camera for a call nobody has joined yet.
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('opens the camera when the parent waits, admits, and starts the call as initiator with the session ICE servers', async () => {
    const getUserMedia = installMediaDevices(async () => fakeStream());
    server.answer('call:admit', () => callUpdate('admitted', 1));
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText('Waiting for parent to join');

    act(() => server.emit('call:state', callUpdate('parent_waiting', 0)));
    expect(await screen.findByText('Parent waiting')).toBeInTheDocument();
    expect(getUserMedia).toHaveBeenCalledWith(
      expect.objectContaining({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } }),
    );
    await user.click(screen.getByRole('button', { name: 'Admit' }));

    expect(server.sent('call:admit')).toEqual([{ caseId: CALL_CASE_ID }]);
    expect(await screen.findByText('Connecting…')).toBeInTheDocument();
    await vi.waitFor(() => expect(peers.peers).toHaveLength(1));
    expect(peers.last()?.options).toMatchObject({ initiator: true, iceServers: ICE });
    expect(peers.last()?.options.stream).not.toBeNull();
    expect(screen.getByTestId('remote-video')).toBeInTheDocument();
    expect(screen.getByTestId('local-video')).toBeInTheDocument();
  });

  it('prompts the clinician to ask the parent to hang up the phone once connected', async () => {
    installMediaDevices(async () => fakeStream());
    renderPanel();
    await screen.findByText('Waiting for parent to join');

    act(() => server.emit('call:state', callUpdate('connected', 1)));

    expect(await screen.findByText('Connected')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Ask the parent to hang up the phone call now: their phone can only use its microphone for one call.',
      ),
    ).toBeInTheDocument();
  });

  it('offers the phone number to call back when the video failed', async () => {
    installMediaDevices(async () => fakeStream());
    renderPanel();
    await screen.findByText('Waiting for parent to join');

    act(() => server.emit('call:state', callUpdate('failed', 1)));

    expect(await screen.findByText('Video failed: the connection could not be made')).toBeInTheDocument();
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-reason', 'ice_failed');
    expect(screen.getByText(/Video isn't working/)).toHaveTextContent(
      "Video isn't working. Carry on by phone; if the phone call has dropped, call the parent back on 07700 900123",
    );
    expect(screen.queryByText(/no new link is needed/)).not.toBeInTheDocument();
  });

  it('offers the call-back number after 20 seconds stuck connecting', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    installMediaDevices(async () => fakeStream());
    server.answer('case:watch', () => callUpdate('connecting', 1));
    renderPanel();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByText('Connecting…')).toBeInTheDocument();
    expect(screen.queryByText(/Video isn't working/)).not.toBeInTheDocument();

    await act(async () => {
      await vi.advanceTimersByTimeAsync(20_000);
    });
    expect(screen.getByText(/Video isn't working/)).toHaveTextContent('07700 900123');
  });

  it('mutes, turns the camera off and ends the call', async () => {
    const stream = fakeStream();
    installMediaDevices(async () => stream);
    server.answer('case:watch', () => callUpdate('connected', 1));
    server.answer('call:end', () => callUpdate('ended', 1));
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText('Connected');
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Mute' })).toBeEnabled());

    await user.click(screen.getByRole('button', { name: 'Mute' }));
    expect(stream.getAudioTracks()[0]?.enabled).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Turn camera off' }));
    expect(stream.getVideoTracks()[0]?.enabled).toBe(false);
    expect(screen.getByRole('button', { name: 'Unmute' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Turn camera on' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'End call' }));
    expect(server.sent('call:end')).toEqual([{ caseId: CALL_CASE_ID }]);
    expect(await screen.findByText('Call ended')).toBeInTheDocument();
    expect(peers.last()?.destroyed).toBe(true);
    // Once ended there is nothing to press and no empty video frame.
    expect(screen.queryByRole('button', { name: 'End call' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('remote-video')).not.toBeInTheDocument();
  });

  it('destroys the peer and stops watching the case when the panel unmounts', async () => {
    installMediaDevices(async () => fakeStream());
    server.answer('case:watch', () => callUpdate('connected', 1));
    const { unmount } = renderPanel();
    await screen.findByText('Connected');
    await vi.waitFor(() => expect(peers.peers).toHaveLength(1));

    unmount();

    expect(peers.last()?.destroyed).toBe(true);
    expect(server.sent('case:unwatch')).toEqual([{ caseId: CALL_CASE_ID }]);
  });
});
