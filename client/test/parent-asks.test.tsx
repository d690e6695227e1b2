import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AskUpdate, JoinSession, ParentAsk } from '@desk/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { CallController } from '../src/features/call/controller';
import { DeskAsks } from '../src/features/call/DeskAsks';
import { AskPrompt } from '../src/features/join/AskPrompt';
import { BreathCounter } from '../src/features/triage/BreathCounter';
import { CALL_ID, PARENT_ID, callUpdate, createCallSocketFake } from './call-fakes';

vi.mock('../src/lib/socket', () => ({ getSocket: () => null, closeSocket: () => undefined, PAGE_ENDPOINT: 'test-page' }));

const ASK_ID = '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SLOW = { timeout: 5_000 };

function ask(patch: Partial<ParentAsk>): ParentAsk {
  return { id: ASK_ID, callId: CALL_ID, request: { kind: 'back_camera' }, state: 'open', askedAt: new Date().toISOString(), answeredAt: null, timer: null, ...patch };
}
/** An update as the server sends it, its clock `skewMs` ahead of this page's. */
function update(current: ParentAsk | null, skewMs = 0): AskUpdate {
  return { callId: CALL_ID, ask: current, serverNow: new Date(Date.now() + skewMs).toISOString() };
}

let server: ReturnType<typeof createCallSocketFake>;

beforeEach(() => {
  server = createCallSocketFake();
  server.answer('ask:watch', () => update(null));
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the desk asks the parent (clinician side)', () => {
  it('asks for the back camera and shows the parent’s answer as it comes', async () => {
    server.answer('ask:send', () => update(ask({})));
    render(<DeskAsks socket={server.socket} callId={CALL_ID} />);
    await userEvent.click(screen.getByRole('button', { name: 'Ask for back camera' }));
    expect(server.sent('ask:send')).toEqual([{ callId: CALL_ID, request: { kind: 'back_camera' } }]);
    expect(await screen.findByText('Waiting for the parent to answer.')).toBeVisible();
    act(() => server.emit('ask', update(ask({ state: 'accepted', answeredAt: new Date().toISOString() }))));
    expect(screen.getByTestId('ask-status')).toHaveAttribute('data-state', 'accepted');
    expect(screen.getByRole('status')).toHaveTextContent('The parent accepted');
  });

  it('opens the "Show the parent how to…" menu by keyboard, moves with the arrows, Home and End, picks with Enter, and closes with Escape', async () => {
    server.answer('ask:send', (payload) => update(ask({ request: (payload as { request: ParentAsk['request'] }).request })));
    render(<DeskAsks socket={server.socket} callId={CALL_ID} />);
    const trigger = screen.getByRole('button', { name: 'Show the parent how to…' });
    expect(trigger).toHaveAttribute('aria-haspopup', 'menu');
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const menu = screen.getByRole('menu', { name: 'Show the parent how to…' });
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Do the glass test on a rash',
      'Show breathing with the chest uncovered (30 s timer)',
      'Check capillary refill (5 s press)',
      'Show the fontanelle (babies)',
      'Show the throat with a torch',
    ]);
    expect(items[0]).toHaveFocus();
    await userEvent.keyboard('{ArrowUp}');
    expect(items[4]).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(items[0]).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(items[4]).toHaveFocus();
    await userEvent.keyboard('{Home}{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(trigger).toHaveFocus();
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    expect(server.sent('ask:send')).toEqual([]);

    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(server.sent('ask:send')).toEqual([{ callId: CALL_ID, request: { kind: 'exam', exam: 'breathing' } }]);
    expect(trigger).toHaveFocus();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(await screen.findByTestId('ask-status')).toHaveTextContent('You asked: Show breathing with the chest uncovered (30 s timer)');
  });

  it('starts the breath counter over the shared 30 s once the parent is ready, counted from the server’s start time', async () => {
    // The server's clock is an hour ahead of this page's: the counter still shows the seconds the parent's phone shows.
    const skewMs = 3_600_000;
    const startedAt = new Date(Date.now() + skewMs - 10_000).toISOString();
    server.answer('ask:watch', () => update(ask({ request: { kind: 'exam', exam: 'breathing' }, state: 'accepted', timer: { startedAt, durationMs: 30_000 } }), skewMs));
    render(
      <>
        <DeskAsks socket={server.socket} callId={CALL_ID} />
        <BreathCounter inputId="rate" onResult={() => undefined} />
      </>,
    );
    expect(await screen.findByRole('button', { name: 'Tap for each breath' }, SLOW)).toBeVisible();
    expect(screen.getByTestId('ask-timer')).toHaveTextContent(/^(19|20) seconds left/);
    expect(screen.getByText(/seconds left \(the count is doubled\)/).textContent).toMatch(/^(19|20) /);
    expect(screen.getByRole('button', { name: 'Start the timer again' })).toBeVisible();
  });
});

/** The parts of a call controller the parent's prompt reads: the call, the camera, the switch. */
function fakeController(options: { facing?: 'user' | 'environment'; track?: Partial<MediaStreamTrack> } = {}) {
  const track = { id: 'camera-1', readyState: 'live', getCapabilities: () => ({}), applyConstraints: vi.fn(async () => undefined), ...options.track };
  const stream = { getVideoTracks: () => [track] } as unknown as MediaStream;
  const media = createStore(() => ({ stream, facing: options.facing ?? 'user', switching: false }));
  const session = createStore(() => ({ update: callUpdate('connected') }));
  const switchCamera = vi.fn(async () => undefined);
  return { controller: { session: { store: session }, media: { store: media }, switchCamera } as unknown as CallController, switchCamera, track };
}

const PARENT_SESSION = { role: 'parent', callId: CALL_ID, participantId: PARENT_ID } as JoinSession;

describe('the desk’s asks on the parent’s phone', () => {
  it('shows "Show me with the back camera" and one tap accepts and switches to the back camera', async () => {
    server.answer('ask:watch', () => update(ask({})));
    server.answer('ask:answer', () => update(ask({ state: 'accepted', answeredAt: new Date().toISOString() })));
    const { controller, switchCamera } = fakeController();
    render(<AskPrompt controller={controller} session={PARENT_SESSION} socket={server.socket} />);
    const card = await screen.findByRole('region', { name: 'Show me with the back camera' }, SLOW);
    await userEvent.click(within(card).getByRole('button', { name: 'Switch to back camera' }));
    expect(server.sent('ask:answer')).toEqual([{ callId: CALL_ID, askId: ASK_ID, answer: 'accepted' }]);
    expect(switchCamera).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('region', { name: 'Show me with the back camera' })).toBeNull();
  });

  it('sends "Not now" as a decline, and never shows a guest the desk’s asks', async () => {
    server.answer('ask:watch', () => update(ask({})));
    server.answer('ask:answer', () => update(ask({ state: 'declined' })));
    const { controller, switchCamera } = fakeController();
    const { unmount } = render(<AskPrompt controller={controller} session={PARENT_SESSION} socket={server.socket} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Not now' }, SLOW));
    expect(server.sent('ask:answer')).toEqual([{ callId: CALL_ID, askId: ASK_ID, answer: 'declined' }]);
    expect(switchCamera).not.toHaveBeenCalled();
    unmount();

    const before = server.sent('ask:watch').length;
    render(<AskPrompt controller={controller} session={{ ...PARENT_SESSION, role: 'interpreter' }} socket={server.socket} />);
    expect(server.sent('ask:watch')).toHaveLength(before);
    expect(screen.queryByTestId('ask-card')).toBeNull();
  });

  it('guides an exam with a drawing and one sentence, then counts the shared timer down on the server’s clock to "Time\'s up"', async () => {
    const exam = ask({ request: { kind: 'exam', exam: 'capillary_refill' } });
    server.answer('ask:watch', () => update(exam));
    // The server's clock is 5 minutes behind this phone's; its timer started 3.5 s ago by the server's clock.
    const skewMs = -300_000;
    server.answer('ask:answer', () => {
      const startedAt = new Date(Date.now() + skewMs - 3_500).toISOString();
      return update({ ...exam, state: 'accepted', answeredAt: startedAt, timer: { startedAt, durationMs: 5_000 } }, skewMs);
    });
    const { controller } = fakeController();
    render(<AskPrompt controller={controller} session={PARENT_SESSION} socket={server.socket} />);
    const card = await screen.findByRole('region', { name: 'Skin colour test' }, SLOW);
    expect(card).toHaveTextContent("Press one finger on the middle of your child's chest for 5 seconds");
    expect(card.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    await userEvent.click(within(card).getByRole('button', { name: 'Start the 5 seconds' }));
    expect(within(card).getByRole('timer')).toHaveTextContent(/^[12] seconds left$/);
    await waitFor(() => expect(within(card).getByRole('timer')).toHaveTextContent("Time's up"), SLOW);
    expect(card).toHaveTextContent('Let go now and keep the camera on the spot.');
  });

  it('takes the card away when the nurse closes it', async () => {
    server.answer('ask:watch', () => update(ask({ request: { kind: 'exam', exam: 'fontanelle' } })));
    const { controller } = fakeController();
    render(<AskPrompt controller={controller} session={PARENT_SESSION} socket={server.socket} />);
    expect(await screen.findByRole('region', { name: 'The soft spot' }, SLOW)).toBeVisible();
    act(() => server.emit('ask', update(ask({ request: { kind: 'exam', exam: 'fontanelle' }, state: 'closed' }))));
    expect(screen.queryByRole('region', { name: 'The soft spot' })).toBeNull();
  });

  it('offers the torch only when the camera has one, and turns it on and off', async () => {
    const plain = fakeController();
    const { unmount } = render(<AskPrompt controller={plain.controller} session={PARENT_SESSION} socket={server.socket} />);
    expect(screen.queryByRole('button', { name: /torch/ })).toBeNull();
    unmount();

    const withTorch = fakeController({ facing: 'environment', track: { getCapabilities: () => ({ torch: true }) as MediaTrackCapabilities } });
    render(<AskPrompt controller={withTorch.controller} session={PARENT_SESSION} socket={server.socket} />);
    await userEvent.click(screen.getByRole('button', { name: 'Turn torch on' }));
    expect(withTorch.track.applyConstraints).toHaveBeenLastCalledWith({ advanced: [{ torch: true }] });
    await userEvent.click(await screen.findByRole('button', { name: 'Turn torch off' }));
    expect(withTorch.track.applyConstraints).toHaveBeenLastCalledWith({ advanced: [{ torch: false }] });
    expect(await screen.findByRole('button', { name: 'Turn torch on' })).toBeVisible();
  });
});
