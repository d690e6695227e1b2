import type { QueueItem } from '@desk/shared';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CaseListPage from '../src/pages/CaseListPage';
import { CASE_ID, aCase, createFakeSocket, stubFetch } from './helpers';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./helpers').createFakeSocket> }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => fake.current?.socket, closeSocket: vi.fn() }));

const waiting = { state: 'parent_waiting', reason: null } as const;

function queueItem(overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    caseId: CASE_ID,
    reference: '111-ABC-123',
    childFirstName: 'Amelia',
    childAgeMonths: 26,
    complaint: 'fever',
    assignedClinician: 'Sam Patel',
    createdAt: '2025-11-23T14:00:00.000Z',
    call: null,
    smsStatus: null,
    ...overrides,
  };
}

describe('CaseListPage', () => {
  beforeEach(() => {
    fake.current = createFakeSocket();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('says when there are no open cases and offers a new case', async () => {
    stubFetch().on('GET', '/api/cases', { status: 200, body: [] });
    render(<CaseListPage />, { wrapper: MemoryRouter });
    expect(await screen.findByText(/There are no open cases/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New case' })).toHaveAttribute('href', '/cases/new');
  });

  it('lists open cases and refreshes when the queue changes', async () => {
    const server = stubFetch().on(
      'GET',
      '/api/cases',
      { status: 200, body: [aCase()] },
      { status: 200, body: [aCase({ call: { id: 'c1', createdAt: '', connectedAt: null, endedAt: null, participants: [], ...waiting } })] },
    );
    render(<CaseListPage />, { wrapper: MemoryRouter });

    const row = (await screen.findByRole('link', { name: '111-ABC-123' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Amelia, 2 years 2 months')).toBeInTheDocument();
    expect(within(row).getByText('Fever')).toBeInTheDocument();
    expect(within(row).getByText('Phone only')).toBeInTheDocument();
    expect(fake.current?.requests).toContainEqual({ name: 'queue:watch', payload: {} });

    fake.current?.emit('queue', { items: [queueItem({ call: waiting })] });

    expect(await screen.findByText('Parent waiting')).toBeInTheDocument();
    expect(server.callsTo('GET', '/api/cases').length).toBeGreaterThanOrEqual(2);
  });

  it('shows an error with a retry when the list cannot load', async () => {
    stubFetch().on('GET', '/api/cases', { status: 500, body: { nope: true } });
    render(<CaseListPage />, { wrapper: MemoryRouter });
    expect(await screen.findByRole('heading', { name: 'Cannot load the cases' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
