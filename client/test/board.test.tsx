import { DEFAULT_BOARD_THRESHOLDS } from '@desk/shared';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowAlert } from '../src/features/board/alerts';
import { applyDelta, fromSnapshot, visibleRows } from '../src/features/board/boardState';
import SupervisorPage from '../src/pages/SupervisorPage';
import { BOARD_NOW, boardRow, boardSnapshot, secondsAgo } from './boardFixtures';
import { createFakeSocket, stubFetch } from './helpers';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./helpers').createFakeSocket> }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => fake.current?.socket, closeSocket: vi.fn() }));

/** Issue 10: the board's rules and screen with fixed data and a fixed clock. */

describe('row thresholds', () => {
  const t = DEFAULT_BOARD_THRESHOLDS;
  it.each([
    ['waiting under 2 min', boardRow({ state: 'parent_waiting', stateSince: secondsAgo(119), createdAt: secondsAgo(300) }), null],
    ['waiting 2 min', boardRow({ state: 'parent_waiting', stateSince: secondsAgo(120), createdAt: secondsAgo(300) }), { level: 'amber', text: 'Parent waiting over 2 min' }],
    ['waiting 4 min', boardRow({ state: 'parent_waiting', stateSince: secondsAgo(240), createdAt: secondsAgo(300) }), { level: 'red', text: 'Parent waiting over 2 min' }],
    ['link unopened 10 min', boardRow({ state: 'link_sent', stateSince: secondsAgo(600), createdAt: secondsAgo(700) }), { level: 'amber', text: 'Link not opened for over 10 min' }],
    ['reconnecting 61 s', boardRow({ state: 'reconnecting', stateSince: secondsAgo(61), createdAt: secondsAgo(700) }), { level: 'amber', text: 'Reconnecting for over 1 min' }],
    ['in call 20 min', boardRow({ state: 'in_call', stateSince: secondsAgo(1_200), createdAt: secondsAgo(1_300) }), null],
    ['open 31 min undecided', boardRow({ state: 'wrap_up', stateSince: secondsAgo(60), createdAt: secondsAgo(1_860) }), { level: 'amber', text: 'Open without a decision over 30 min' }],
    ['open an hour and waiting 2 min: the red one wins', boardRow({ state: 'parent_waiting', stateSince: secondsAgo(130), createdAt: secondsAgo(3_600) }), { level: 'red', text: 'Open without a decision over 30 min' }],
    ['decided: nothing to chase', boardRow({ state: 'decided', stateSince: secondsAgo(10), createdAt: secondsAgo(7_200) }), null],
  ])('%s', (_name, row, alert) => {
    expect(rowAlert(row, BOARD_NOW, t)).toEqual(alert);
  });
});

describe('snapshot and deltas', () => {
  const a = boardRow({ state: 'new' });
  const data = fromSnapshot(boardSnapshot([a], { seq: 7 }), BOARD_NOW);
  const delta = (seq: number, epoch = 'epoch-1') => ({ epoch, seq, serverNow: new Date(BOARD_NOW).toISOString(), upserts: [{ ...a, state: 'link_sent' as const }], removed: [] });

  it('applies the next delta', () => {
    const result = applyDelta(data, delta(8), BOARD_NOW);
    expect(result.kind).toBe('applied');
    if (result.kind === 'applied') expect(result.data.rows[a.caseId]?.state).toBe('link_sent');
  });
  it('ignores one it already has', () => expect(applyDelta(data, delta(7), BOARD_NOW).kind).toBe('stale'));
  it('calls a skipped seq a gap', () => expect(applyDelta(data, delta(9), BOARD_NOW).kind).toBe('gap'));
  it('calls another server process a gap', () => expect(applyDelta(data, delta(8, 'epoch-2'), BOARD_NOW).kind).toBe('gap'));
  it('drops decided rows once their time on the board is up', () => {
    const decided = boardRow({ state: 'decided', stateSince: secondsAgo(901) });
    const fresh = boardRow({ state: 'decided', stateSince: secondsAgo(10) });
    expect(visibleRows({ rows: { [decided.caseId]: decided, [fresh.caseId]: fresh }, decidedVisibleSeconds: 900 }, BOARD_NOW)).toEqual([fresh]);
  });
});

describe('SupervisorPage', () => {
  beforeEach(() => {
    // A fixed clock for the counters; timers stay real so the page renders and waits as it would.
    vi.useFakeTimers({ toFake: ['Date'], now: BOARD_NOW });
    fake.current = createFakeSocket();
    stubFetch().on('GET', '/api/supervisor/decisions', { status: 200, body: [] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const waiting = boardRow({ reference: '111-WAIT', childFirstName: 'Noah', state: 'parent_waiting', stateSince: secondsAgo(150), createdAt: secondsAgo(400) });
  const inCall = boardRow({ reference: '111-CALL', state: 'in_call', stateSince: secondsAgo(40), createdAt: secondsAgo(500), clinician: { id: '10000000-0000-4000-8000-000000000002', name: 'Alex Chen' } });
  const fresh = boardRow({ reference: '111-NEW', state: 'new', stateSince: secondsAgo(5), createdAt: secondsAgo(5), clinician: null });

  const rowOf = (reference: string) => screen.getByRole('link', { name: reference }).closest('tr') as HTMLElement;

  it('shows every row with its state, time in state and threshold in words, and the headline figures', async () => {
    fake.current?.setResult('board:watch', boardSnapshot([waiting, inCall, fresh]));
    render(<SupervisorPage />, { wrapper: MemoryRouter });

    await screen.findByRole('link', { name: '111-WAIT' });
    expect(screen.getByTestId('board-connection')).toHaveTextContent('Live');
    const row = rowOf('111-WAIT');
    expect(row).toHaveAttribute('data-testid', 'board-row');
    expect(row).toHaveAttribute('data-state', 'parent_waiting');
    expect(row).toHaveAttribute('data-wait-seconds', '150');
    expect(row).toHaveAttribute('data-alert', 'amber');
    expect(within(row).getByText('Parent waiting over 2 min')).toBeInTheDocument();
    expect(within(row).getByText('2:30')).toBeInTheDocument();
    expect(within(row).getByText('Noah, 1 to 4 years')).toBeInTheDocument();
    // The most urgent first: the waiting parent past the threshold leads.
    expect(screen.getAllByTestId('board-row').map((r) => r.getAttribute('data-state'))).toEqual(['parent_waiting', 'new', 'in_call']);
    expect(within(rowOf('111-NEW')).getByText('Not assigned')).toBeInTheDocument();

    expect(screen.getByTestId('headline-open')).toHaveTextContent('3');
    expect(screen.getByTestId('headline-waiting')).toHaveTextContent('1');
    expect(screen.getByTestId('headline-in-call')).toHaveTextContent('1');
    expect(screen.getByTestId('headline-median-wait')).toHaveTextContent('1 min 15 s');
    expect(screen.getByTestId('headline-p90-wait')).toHaveTextContent('3 min 10 s');
    expect(screen.getByTestId('headline-conversion')).toHaveTextContent('67%');
    expect(screen.getByTestId('headline-overrides')).toHaveTextContent('1');
    expect(within(screen.getByTestId('failed-joins')).getByText("Opened in an app's own browser").closest('tr')).toHaveTextContent('2');
    expect(within(screen.getByTestId('amendments')).getByText('1 changed an override of the NG143 route')).toBeInTheDocument();
    const clinicians = screen.getByTestId('board-clinicians');
    expect(within(clinicians).getByText('2 signed in, 1 available')).toBeInTheDocument();
    expect(within(clinicians).getByText('Sam Patel').closest('tr')).toHaveTextContent('In a call');
  });

  it("charts today's figures under the day's tables, below the supervisor's nav", async () => {
    fake.current?.setResult('board:watch', boardSnapshot([waiting]));
    render(<SupervisorPage />, { wrapper: MemoryRouter });
    const charts = await screen.findByTestId('day-charts');
    expect(within(charts).getByRole('heading', { level: 3, name: 'Charts for 3 December 2026' })).toBeInTheDocument();
    expect(within(charts).getByRole('img', { name: /^Bar chart of cases arriving per hour on 3 December 2026: 9 in all/ })).toBeInTheDocument();
    expect(screen.getByTestId('failed-joins').compareDocumentPosition(charts) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Supervisor pages' })).toBeInTheDocument();
  });

  it('applies deltas in order, and asks for a snapshot again after a gap', async () => {
    fake.current?.setResult('board:watch', boardSnapshot([waiting], { seq: 7 }));
    render(<SupervisorPage />, { wrapper: MemoryRouter });
    await screen.findByRole('link', { name: '111-WAIT' });

    fake.current?.emit('board:delta', { epoch: 'epoch-1', seq: 8, serverNow: new Date(BOARD_NOW).toISOString(), upserts: [{ ...waiting, state: 'in_call', stateSince: secondsAgo(0) }], removed: [] });
    await vi.waitFor(() => expect(rowOf('111-WAIT')).toHaveAttribute('data-state', 'in_call'));
    expect(rowOf('111-WAIT')).toHaveAttribute('data-wait-seconds', '0');

    const watches = () => fake.current!.requests.filter((r) => r.name === 'board:watch').length;
    expect(watches()).toBe(1);
    // seq 10 after 8: one was missed. The page asks again and shows the server's truth, not a patched guess.
    fake.current?.setResult('board:watch', boardSnapshot([fresh], { seq: 12 }));
    fake.current?.emit('board:delta', { epoch: 'epoch-1', seq: 10, serverNow: new Date(BOARD_NOW).toISOString(), upserts: [], removed: [waiting.caseId] });
    await screen.findByRole('link', { name: '111-NEW' });
    expect(screen.queryByRole('link', { name: '111-WAIT' })).not.toBeInTheDocument();
    expect(watches()).toBe(2);
  });

  it('marks a case with a safeguarding concern in words, live as the clinician flags it', async () => {
    fake.current?.setResult('board:watch', boardSnapshot([waiting, inCall], { seq: 7 }));
    render(<SupervisorPage />, { wrapper: MemoryRouter });
    await screen.findByRole('link', { name: '111-WAIT' });
    expect(screen.queryByTestId('safeguarding-tag')).not.toBeInTheDocument();

    fake.current?.emit('board:delta', { epoch: 'epoch-1', seq: 8, serverNow: new Date(BOARD_NOW).toISOString(), upserts: [{ ...inCall, safeguarding: true }], removed: [] });
    const tag = await within(rowOf('111-CALL')).findByTestId('safeguarding-tag');
    expect(tag).toHaveTextContent('Safeguarding');
    expect(rowOf('111-CALL')).toHaveAttribute('data-safeguarding', 'true');
    expect(within(rowOf('111-WAIT')).queryByText('Safeguarding')).not.toBeInTheDocument();
  });

  it('says when the figures may be out of date, and resyncs on reconnect', async () => {
    fake.current?.setResult('board:watch', boardSnapshot([waiting]));
    render(<SupervisorPage />, { wrapper: MemoryRouter });
    await screen.findByRole('link', { name: '111-WAIT' });
    fake.current?.setStatus('connecting');
    expect(await screen.findByText('Reconnecting — figures may be out of date')).toBeInTheDocument();
    fake.current?.setResult('board:watch', boardSnapshot([], { epoch: 'epoch-2', seq: 0 }));
    fake.current?.setStatus('connected');
    expect(await screen.findByText('No open cases.')).toBeInTheDocument();
    expect(screen.getByTestId('board-connection')).toHaveTextContent('Live');
  });

  it('filters by state and clinician', async () => {
    fake.current?.setResult('board:watch', boardSnapshot([waiting, inCall, fresh]));
    render(<SupervisorPage />, { wrapper: MemoryRouter });
    await screen.findByRole('link', { name: '111-WAIT' });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('State'), 'In call');
    expect(screen.getAllByTestId('board-row').map((r) => r.getAttribute('data-state'))).toEqual(['in_call']);
    await user.selectOptions(screen.getByLabelText('State'), 'All states');
    await user.selectOptions(screen.getByLabelText('Clinician'), 'Not assigned');
    expect(screen.getAllByTestId('board-row').map((r) => r.getAttribute('data-state'))).toEqual(['new']);
    await user.selectOptions(screen.getByLabelText('State'), 'Parent waiting');
    expect(screen.getByText('No cases match these filters.')).toBeInTheDocument();
  });
});
