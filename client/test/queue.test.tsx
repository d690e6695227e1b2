import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import CaseListPage from '../src/pages/CaseListPage';
import { useSessionStore } from '../src/features/auth/sessionStore';
import { BOARD_NOW, boardRow, secondsAgo } from './boardFixtures';
import { createFakeSocket } from './helpers';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./helpers').createFakeSocket> }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => fake.current?.socket, closeSocket: vi.fn() }));

const snapshot = (cases: ReturnType<typeof boardRow>[], seq = 3) => ({ epoch: 'e1', seq, serverNow: new Date(BOARD_NOW).toISOString(), cases });

describe('CaseListPage', () => {
  beforeEach(() => {
    fake.current = createFakeSocket();
  });

  it('says when there are no open cases and offers a new case', async () => {
    fake.current?.setResult('cases:watch', snapshot([]));
    render(<CaseListPage />, { wrapper: MemoryRouter });
    expect(await screen.findByText(/There are no open cases/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New case' })).toHaveAttribute('href', '/cases/new');
  });

  it('lists open cases from the snapshot and moves a row when a delta says so, without refetching', async () => {
    const amelia = boardRow({ reference: '111-ABC-123', createdAt: secondsAgo(120) });
    const noah = boardRow({ reference: '111-NOAH', childFirstName: 'Noah', childAgeMonths: 7, createdAt: secondsAgo(60), clinician: null });
    fake.current?.setResult('cases:watch', snapshot([amelia, noah]));
    render(<CaseListPage />, { wrapper: MemoryRouter });

    const row = (await screen.findByRole('link', { name: '111-ABC-123' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Amelia, 2 years 2 months')).toBeInTheDocument();
    expect(within(row).getByText('Fever')).toBeInTheDocument();
    expect(within(row).getByText('Phone only')).toBeInTheDocument();
    // Newest first.
    expect(screen.getAllByRole('link', { name: /^111-/ }).map((a) => a.textContent)).toEqual(['111-NOAH', '111-ABC-123']);
    expect(within(screen.getByRole('link', { name: '111-NOAH' }).closest('tr') as HTMLElement).getByText('Not assigned')).toBeInTheDocument();

    const callId = '20000000-0000-4000-8000-000000000001';
    fake.current?.emit('cases:delta', {
      epoch: 'e1',
      seq: 4,
      serverNow: new Date(BOARD_NOW).toISOString(),
      upserts: [{ ...amelia, state: 'parent_waiting', call: { id: callId, state: 'parent_waiting', reason: null } }],
      removed: [],
    });
    expect(await screen.findByText('Parent waiting')).toBeInTheDocument();
    // A signed case leaves the clinician's list at once.
    fake.current?.emit('cases:delta', { epoch: 'e1', seq: 5, serverNow: new Date(BOARD_NOW).toISOString(), upserts: [{ ...noah, state: 'decided' }], removed: [] });
    await vi.waitFor(() => expect(screen.queryByRole('link', { name: '111-NOAH' })).not.toBeInTheDocument());
    expect(fake.current?.requests.filter((r) => r.name === 'cases:watch')).toHaveLength(1);
  });

  it('puts "(1) Parent waiting" in the tab title while a parent waits on one of the clinician’s own cases', async () => {
    useSessionStore.setState({
      status: 'signed_in',
      session: { user: { id: '10000000-0000-4000-8000-000000000001', username: 'clinician', displayName: 'Sam Patel', role: 'clinician' }, iceServers: [], devMode: true },
      error: null,
    });
    const mine = boardRow({ reference: '111-MINE', createdAt: secondsAgo(120) });
    const theirs = boardRow({ reference: '111-THEIRS', createdAt: secondsAgo(60), clinician: { id: '10000000-0000-4000-8000-000000000009', name: 'Alex Jones' } });
    const waiting = (row: typeof mine, n: number) => ({ ...row, state: 'parent_waiting' as const, call: { id: `20000000-0000-4000-8000-00000000000${n}`, state: 'parent_waiting' as const, reason: null } });
    fake.current?.setResult('cases:watch', snapshot([mine, waiting(theirs, 2)]));
    render(<CaseListPage />, { wrapper: MemoryRouter });
    await screen.findByRole('link', { name: '111-MINE' });
    // Someone else's waiting parent is theirs to admit.
    expect(document.title).toBe('Open cases – NHS 111 paediatric video desk');
    fake.current?.emit('cases:delta', { epoch: 'e1', seq: 4, serverNow: new Date(BOARD_NOW).toISOString(), upserts: [waiting(mine, 1)], removed: [] });
    await vi.waitFor(() => expect(document.title).toBe('(1) Parent waiting – Open cases – NHS 111 paediatric video desk'));
    useSessionStore.setState({ status: 'signed_out', session: null, error: null });
  });

  it('says "No more open cases" when Next case found none of the clinician\'s left', async () => {
    fake.current?.setResult('cases:watch', snapshot([boardRow()]));
    render(
      <MemoryRouter initialEntries={[{ pathname: '/', state: { notice: 'No more open cases' } }]}>
        <CaseListPage />
      </MemoryRouter>,
    );
    expect(await screen.findByTestId('case-list-notice')).toHaveTextContent('No more open cases');
    expect(screen.getByTestId('case-list-notice').closest('[role="status"]')).not.toBeNull();
  });

  it('says when the list may be out of date', async () => {
    fake.current?.setResult('cases:watch', snapshot([boardRow()]));
    render(<CaseListPage />, { wrapper: MemoryRouter });
    await screen.findByRole('link', { name: /^111-ROW/ });
    fake.current?.setStatus('connecting');
    expect(await screen.findByText('Reconnecting — the list may be out of date')).toBeInTheDocument();
  });
});
