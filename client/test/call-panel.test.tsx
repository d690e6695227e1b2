import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IceConfig } from '@desk/shared';
import { CallPanel } from '../src/features/call/CallPanel';
import { useSessionStore } from '../src/features/auth/sessionStore';
import type { PeerFactory } from '../src/features/video/peer-types';
import {
  CALL_CASE_ID,
  CALL_ID,
  CLINICIAN_ID,
  INTERPRETER_ID,
  PARENT_ID,
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

const ICE: IceConfig = {
  iceServers: [{ urls: 'turn:turn.example.test:3478', username: '1767225600:call:parent', credential: 'c' }],
  iceTransportPolicy: 'relay',
  expiresAt: '2026-01-01T00:00:00.000Z',
};
let server: ReturnType<typeof createCallSocketFake>;
let peers: ReturnType<typeof createFakePeerFactory>;
const watched = (update = callUpdate('invited'), holding = true) => ({ update, self: { participantId: CLINICIAN_ID, holding } });

function renderPanel() {
  return render(<CallPanel caseId={CALL_CASE_ID} callerPhone="+447700900123" />);
}

describe('CallPanel (the clinician side)', () => {
  beforeEach(() => {
    server = createCallSocketFake();
    server.answer('case:watch', () => watched());
    server.answer('case:unwatch', () => null);
    // As the server: a media report changes nothing by itself here (a peer still connecting admits nobody), so it answers the call as it stands.
    server.answer('call:media', () => server.current() ?? callUpdate('connecting'));
    server.answer('call:ice', () => ICE);
    doubles.socket = server.socket;
    peers = createFakePeerFactory();
    doubles.peerFactory = peers.factory;
    useSessionStore.setState({
      status: 'signed_in',
      session: { user: { id: 'u1', username: 'clinician', displayName: 'Sam Patel', role: 'clinician' }, iceServers: [], devMode: true },
      error: null,
    });
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });
  afterEach(() => {
    removeMediaDevices();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('watches the case and shows the state, with the parent’s own Admit disabled until they wait, and no camera yet', async () => {
    const getUserMedia = installMediaDevices(async () => fakeStream());
    renderPanel();
    expect(await screen.findByText('Waiting for parent to join')).toBeInTheDocument();
    expect(server.sent('case:watch')).toEqual([{ caseId: CALL_CASE_ID }]);
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-state', 'invited');
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-call-id', CALL_ID);
    expect(screen.getByRole('button', { name: 'Admit parent' })).toBeDisabled();
    expect(within(screen.getByRole('list', { name: 'People in the call' })).getByText('Mother · Parent')).toBeInTheDocument();
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('offers "Cancel the video link" (not a red End call) before anyone joined, End call once the parent waits, and tells the page each snapshot', async () => {
    installMediaDevices(async () => fakeStream());
    server.answer('call:end', () => callUpdate('ended'));
    const onCallChange = vi.fn();
    const user = userEvent.setup();
    render(<CallPanel caseId={CALL_CASE_ID} callerPhone="+447700900123" onCallChange={onCallChange} />);
    const cancel = await screen.findByRole('button', { name: 'Cancel the video link' });
    expect(cancel).toHaveClass('nhsuk-button--secondary');
    expect(screen.queryByRole('button', { name: 'End call' })).not.toBeInTheDocument();
    expect(onCallChange).toHaveBeenLastCalledWith(expect.objectContaining({ state: 'invited', holding: true }));

    act(() => server.emit('call:state', callUpdate('parent_waiting')));
    expect(await screen.findByRole('button', { name: 'End call' })).toHaveClass('nhsuk-button--warning');
    expect(screen.queryByRole('button', { name: 'Cancel the video link' })).not.toBeInTheDocument();
    expect(onCallChange).toHaveBeenLastCalledWith(expect.objectContaining({ state: 'parent_waiting', holding: true }));

    act(() => server.emit('call:state', callUpdate('invited')));
    await user.click(await screen.findByRole('button', { name: 'Cancel the video link' }));
    expect(server.sent('call:end')).toEqual([{ callId: CALL_ID, reason: 'clinician_ended' }]);
  });

  it('opens the camera when the parent waits, admits them by id, and offers as the initiator with the ICE servers the server gave the call', async () => {
    const getUserMedia = installMediaDevices(async () => fakeStream());
    server.answer('call:admit', () => callUpdate('admitted'));
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText('Waiting for parent to join');
    act(() => server.emit('call:state', callUpdate('parent_waiting')));
    expect(await screen.findByText('Parent waiting')).toBeInTheDocument();
    expect(getUserMedia).toHaveBeenCalledWith(expect.objectContaining({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } }));
    await user.click(screen.getByRole('button', { name: 'Admit parent' }));

    // Admitting waits for the camera (opened when the parent started waiting): on a busy machine that is more than vi.waitFor's default second.
    await vi.waitFor(() => expect(server.sent('call:admit')).toEqual([{ callId: CALL_ID, participantId: PARENT_ID, parentAgreed: false }]), { timeout: 10_000 });
    expect(await screen.findByText('Connecting…', { selector: 'strong' })).toBeInTheDocument();
    await vi.waitFor(() => expect(peers.peers).toHaveLength(1));
    expect(peers.last()?.options).toMatchObject({ initiator: true, ice: ICE });
    // Asked for over the socket only once the parent was let in (TURN credentials are for admitted participants).
    expect(server.requests.map((r) => r.name).indexOf('call:ice')).toBeGreaterThan(server.requests.map((r) => r.name).indexOf('call:admit'));
    expect(server.sent('call:ice')).toEqual([{ callId: CALL_ID }]);
    expect(peers.last()?.options.stream).not.toBeNull();
    const tile = screen.getByTestId('remote-video');
    expect(tile).toHaveAttribute('data-role', 'parent');
    expect(tile.closest('[data-peer-state]')).toHaveAttribute('data-peer-state', 'connecting');
    expect(screen.getByTestId('local-video')).toBeInTheDocument();
  });

  it('asks "Parent agreed" before a waiting guest can be admitted, sends the agreement, and removes a guest', async () => {
    installMediaDevices(async () => fakeStream());
    const waitingGuest = person('interpreter', { state: 'waiting', present: true, epoch: 1 });
    server.answer('case:watch', () => watched(callUpdate('connected', { extra: [waitingGuest] })));
    const admitted = person('interpreter', { state: 'admitted', present: true, epoch: 1, admittedAt: '2026-12-02T10:05:00Z' });
    server.answer('call:admit', () => callUpdate('connected', { extra: [admitted] }));
    server.answer('call:remove', () => callUpdate('connected', { extra: [{ ...admitted, state: 'removed', reason: 'guest_removed' }] }));
    const user = userEvent.setup();
    renderPanel();
    const admit = await screen.findByRole('button', { name: 'Admit interpreter' });
    expect(admit).toBeDisabled();
    await user.click(screen.getByLabelText('Parent agreed to the interpreter joining'));
    await user.click(admit);
    // Admitting waits for the camera, which opened when the interpreter started waiting.
    await vi.waitFor(() => expect(server.sent('call:admit')).toEqual([{ callId: CALL_ID, participantId: INTERPRETER_ID, parentAgreed: true }]), { timeout: 10_000 });
    await user.click(await screen.findByRole('button', { name: 'Remove interpreter' }));
    expect(server.sent('call:remove')).toEqual([{ callId: CALL_ID, participantId: INTERPRETER_ID }]);
    expect(await screen.findByText('Removed from the call')).toBeInTheDocument();
  });

  it('says the call is open in another tab, holds no media there, and moves it on "Use this tab"', async () => {
    installMediaDevices(async () => fakeStream());
    server.answer('case:watch', () => watched(callUpdate('connected'), false));
    const moved = callUpdate('reconnecting');
    moved.participants[0] = { ...moved.participants[0]!, epoch: 2 };
    server.answer('call:claim', () => watched(moved));
    const user = userEvent.setup();
    renderPanel();
    expect(await screen.findByText('This call is open in another tab.')).toBeInTheDocument();
    expect(peers.peers).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'End call' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use this tab' }));
    expect(server.sent('call:claim')).toEqual([{ callId: CALL_ID }]);
    await vi.waitFor(() => expect(peers.peers).toHaveLength(1));
    expect(screen.queryByText('This call is open in another tab.')).not.toBeInTheDocument();
  });

  it('prompts the clinician to ask the parent to hang up the phone once connected', async () => {
    installMediaDevices(async () => fakeStream());
    renderPanel();
    await screen.findByText('Waiting for parent to join');
    act(() => server.emit('call:state', callUpdate('connected')));
    expect(await screen.findByText('Connected')).toBeInTheDocument();
    expect(screen.getByText('Ask the parent to hang up the phone call now: their phone can only use its microphone for one call.')).toBeInTheDocument();
  });

  it('offers the phone number to call back when the video failed', async () => {
    installMediaDevices(async () => fakeStream());
    renderPanel();
    await screen.findByText('Waiting for parent to join');
    act(() => server.emit('call:state', callUpdate('failed')));
    expect(await screen.findByText('Video failed: the connection could not be made')).toBeInTheDocument();
    expect(screen.getByTestId('call-state')).toHaveAttribute('data-reason', 'ice_failed');
    expect(screen.getByTestId('video-choice')).toHaveTextContent("Video isn't working. Carry on by phone; if the phone call has dropped, call the parent back on 07700 900123");
  });

  it('after 30 s without media from the parent offers Keep trying or Continue by phone, with the number to call back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    installMediaDevices(async () => fakeStream());
    server.answer('case:watch', () => watched(callUpdate('connecting')));
    server.answer('call:keep_trying', () => callUpdate('connecting'));
    server.answer('call:end', () => callUpdate('ended', { snapshot: { state: 'ended', reason: 'phone_fallback' } }));
    renderPanel();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(50);
    });
    expect(screen.getByText('Connecting…', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.queryByTestId('video-choice')).not.toBeInTheDocument();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    const choice = screen.getByTestId('video-choice');
    expect(choice).toHaveTextContent('No video from the parent for 30 seconds');
    expect(choice).toHaveTextContent('07700 900123');
    await act(async () => {
      screen.getByRole('button', { name: 'Keep trying' }).click();
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(server.sent('call:keep_trying')).toEqual([{ callId: CALL_ID }]);
    expect(screen.queryByTestId('video-choice')).not.toBeInTheDocument();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    await act(async () => {
      screen.getByRole('button', { name: 'Continue by phone' }).click();
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(server.sent('call:end')).toEqual([{ callId: CALL_ID, reason: 'phone_fallback' }]);
    expect(screen.getByText(/Carry on by phone\. If the phone call has dropped/)).toHaveTextContent('07700 900123');
  });

  it('mutes, turns the camera off, chooses audio only and ends the call', async () => {
    const stream = fakeStream();
    installMediaDevices(async () => stream);
    server.answer('case:watch', () => watched(callUpdate('connected')));
    server.answer('call:end', () => callUpdate('ended'));
    const user = userEvent.setup();
    renderPanel();
    await screen.findByText('Connected');
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Mute' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Mute' }));
    expect(stream.getAudioTracks()[0]?.enabled).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Turn camera off' }));
    expect(stream.getVideoTracks()[0]?.enabled).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Turn camera on' }));
    await user.selectOptions(screen.getByLabelText('Video quality'), 'Audio only');
    expect(stream.getVideoTracks()[0]?.enabled).toBe(false);
    await user.click(screen.getByRole('button', { name: 'End call' }));
    expect(server.sent('call:end')).toEqual([{ callId: CALL_ID, reason: 'clinician_ended' }]);
    expect(await screen.findByText('Call ended')).toBeInTheDocument();
    expect(peers.last()?.destroyed).toBe(true);
    expect(screen.queryByRole('button', { name: 'End call' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('remote-video')).not.toBeInTheDocument();
  });

  it('closes its connections and stops watching the case when the panel unmounts', async () => {
    installMediaDevices(async () => fakeStream());
    server.answer('case:watch', () => watched(callUpdate('connected')));
    const { unmount } = renderPanel();
    await screen.findByText('Connected');
    await vi.waitFor(() => expect(peers.peers).toHaveLength(1));
    unmount();
    expect(peers.last()?.destroyed).toBe(true);
    expect(server.sent('case:unwatch')).toEqual([{ caseId: CALL_CASE_ID }]);
  });
});
