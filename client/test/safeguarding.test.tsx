import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../src/features/auth/sessionStore';
import { formatTimeOnDate } from '../src/lib/format';
import CasePage from '../src/pages/CasePage';
import { CASE_ID, aCase, apiError, createFakeSocket, renderRoute, stubFetch } from './helpers';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./helpers').createFakeSocket> }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => fake.current?.socket, closeSocket: vi.fn() }));
// The call panel has its own tests; here only what the case page adds around it matters.
vi.mock('../src/features/call/CallPanel', () => ({ CallPanel: () => null }));

/** Issue 11 on the clinician's case page: flagging a safeguarding concern, and "Call the parent back" after video failed. */

const CASE_URL = `/api/cases/${CASE_ID}`;
const FLAGGED_AT = '2026-12-03T10:05:00.000Z';
const CONCERN = { reason: 'Bruises on both upper arms, not explained by the fall described.', flaggedBy: 'Nurse Demo', flaggedAt: FLAGGED_AT };

/** Video connected on it (the desk asked the parent to hang up) unless `connectedAt` says null. */
const aCall = (state: string, reason: string | null, stateSince: string | null, connectedAt: string | null = '2026-12-03T09:52:00.000Z') => ({
  id: '20000000-0000-4000-8000-000000000001',
  state,
  reason,
  createdAt: '2026-12-03T09:50:00.000Z',
  stateSince,
  connectedAt,
  endedAt: null,
  participants: [],
});

function renderCase(...cases: Record<string, unknown>[]) {
  const server = stubFetch()
    .on('GET', CASE_URL, ...cases.map((body) => ({ status: 200, body })))
    .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] });
  renderRoute('/cases/:id', <CasePage />, `/cases/${CASE_ID}`);
  return { server, user: userEvent.setup() };
}

beforeEach(() => {
  fake.current = createFakeSocket();
  useSessionStore.setState({ status: 'signed_in', session: null, error: null });
});
afterEach(() => vi.unstubAllGlobals());

describe('flagging a safeguarding concern', () => {
  it('needs a reason (NHS.UK error summary and field error), then shows who flagged it, when and why', async () => {
    const { server, user } = renderCase(aCase(), aCase({ safeguarding: CONCERN }));
    server.on('POST', `${CASE_URL}/safeguarding`, { status: 200, body: CONCERN });
    await user.click(await screen.findByRole('button', { name: 'Flag a safeguarding concern' }));
    const form = screen.getByTestId('safeguarding-form');
    await waitFor(() => expect(within(form).getByRole('textbox', { name: 'Reason for the concern' })).toHaveFocus());

    await user.click(within(form).getByRole('button', { name: 'Flag the concern' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Enter the reason for the safeguarding concern' })).toBeInTheDocument();
    const field = within(form).getByRole('textbox', { name: 'Reason for the concern' });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/Error: Enter the reason for the safeguarding concern/);
    expect(server.callsTo('POST', `${CASE_URL}/safeguarding`)).toHaveLength(0);

    await user.type(field, `  ${CONCERN.reason} `);
    // The fixed field loses its error before the next submit.
    expect(field).not.toHaveAttribute('aria-invalid');
    await user.click(within(form).getByRole('button', { name: 'Flag the concern' }));

    const panel = await screen.findByTestId('safeguarding-concern');
    expect(panel).toHaveTextContent(`Safeguarding concern flagged by Nurse Demo at ${formatTimeOnDate(FLAGGED_AT)}: ${CONCERN.reason}`);
    expect(server.callsTo('POST', `${CASE_URL}/safeguarding`).map((c) => c.body)).toEqual([{ reason: CONCERN.reason }]);
    expect(screen.queryByTestId('safeguarding-form')).not.toBeInTheDocument();
    // Focus goes to the concern, so a screen reader hears it was flagged.
    await waitFor(() => expect(within(panel).getByRole('heading', { name: /Safeguarding concern/ })).toHaveFocus());
    // The case is read again, and offers to change the concern rather than flag a second one.
    await waitFor(() => expect(server.callsTo('GET', CASE_URL)).toHaveLength(2));
    expect(screen.getByRole('button', { name: 'Change the safeguarding concern' })).toBeInTheDocument();
  });

  it("says so when the server refuses it, and keeps what was typed", async () => {
    const { server, user } = renderCase(aCase());
    server.on('POST', `${CASE_URL}/safeguarding`, apiError(403, 'FORBIDDEN', 'Only the clinician assigned to this case can flag a safeguarding concern on it.'));
    await user.click(await screen.findByRole('button', { name: 'Flag a safeguarding concern' }));
    const field = screen.getByRole('textbox', { name: 'Reason for the concern' });
    await user.type(field, 'Worried about home.');
    await user.click(screen.getByRole('button', { name: 'Flag the concern' }));
    expect(await screen.findByRole('link', { name: /Only the clinician assigned to this case/ })).toBeInTheDocument();
    expect(field).toHaveValue('Worried about home.');
    expect(screen.queryByTestId('safeguarding-concern')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Flag a safeguarding concern' })).toHaveFocus());
    expect(server.callsTo('POST', `${CASE_URL}/safeguarding`)).toHaveLength(1);
  });
});

describe('calling the parent back', () => {
  const failedAt = () => new Date(Date.now() - 65_000).toISOString();

  it('shows "Call the parent back" with the number and a timer from when video failed, until the call-back is recorded', async () => {
    const since = failedAt();
    const due = aCase({ call: aCall('ended', 'phone_fallback', since) });
    const { server, user } = renderCase(due, { ...due, calledBackAt: new Date().toISOString() });
    server.on('POST', `${CASE_URL}/call-back`, { status: 200, body: { caseId: CASE_ID, calledBackAt: new Date().toISOString() } });

    const callout = await screen.findByTestId('call-back-due');
    expect(within(callout).getByRole('heading', { name: /Call the parent back/ })).toBeInTheDocument();
    expect(callout).toHaveTextContent('Video stopped (continued by phone). Phone the parent on 07700 900123.');
    expect(within(callout).getByRole('link', { name: '07700 900123' })).toHaveAttribute('href', 'tel:+447700900123');
    const timer = within(callout).getByTestId('call-back-timer');
    expect(Number(timer.getAttribute('data-seconds'))).toBeGreaterThanOrEqual(65);
    expect(timer).toHaveTextContent(/1:0\d/);
    // It counts up.
    await waitFor(() => expect(Number(timer.getAttribute('data-seconds'))).toBeGreaterThanOrEqual(66), { timeout: 5_000 });

    await user.click(within(callout).getByRole('button', { name: 'I have called the parent back' }));
    await waitFor(() => expect(screen.queryByTestId('call-back-due')).not.toBeInTheDocument());
    expect(server.callsTo('POST', `${CASE_URL}/call-back`)).toHaveLength(1);
  });

  it.each([
    ['a call-back recorded since video failed', aCall('failed', 'ice_failed', '2026-12-03T10:00:00.000Z'), '2026-12-03T10:02:00.000Z'],
    ['a join problem the parent can still fix', aCall('failed', 'permission_denied', '2026-12-03T10:00:00.000Z'), null],
    ['a call the clinician ended', aCall('ended', 'clinician_ended', '2026-12-03T10:00:00.000Z'), null],
    ['a parent who left before video connected (never asked to hang up)', aCall('failed', 'parent_left', '2026-12-03T10:00:00.000Z', null), null],
    ['a call carried on by phone before video connected', aCall('ended', 'phone_fallback', '2026-12-03T10:00:00.000Z', null), null],
  ])('shows no callout for %s', async (_name, call, calledBackAt) => {
    renderCase(aCase({ call, calledBackAt }));
    await screen.findByRole('button', { name: 'Flag a safeguarding concern' });
    expect(screen.queryByTestId('call-back-due')).not.toBeInTheDocument();
  });

  it('asks again when a later call fails after an earlier call-back', async () => {
    renderCase(aCase({ call: aCall('failed', 'timeout', '2026-12-03T10:05:00.000Z'), calledBackAt: '2026-12-03T10:02:00.000Z' }));
    expect(await screen.findByTestId('call-back-due')).toHaveTextContent('Video stopped (timed out)');
  });

  it('appears as soon as the live call fails, and reads the case again for when it did', async () => {
    const live = aCase({ call: aCall('connected', null, '2026-12-03T09:55:00.000Z') });
    const { server } = renderCase(live, aCase({ call: aCall('failed', 'ice_failed', failedAt()) }));
    await screen.findByRole('button', { name: 'Flag a safeguarding concern' });
    expect(screen.queryByTestId('call-back-due')).not.toBeInTheDocument();

    fake.current?.emit('call:state', {
      caseId: CASE_ID,
      callId: '20000000-0000-4000-8000-000000000001',
      seq: 9,
      snapshot: { state: 'failed', reason: 'ice_failed' },
      participants: [],
    });
    const callout = await screen.findByTestId('call-back-due');
    expect(callout).toHaveTextContent('(connection failed)');
    await waitFor(() => expect(within(callout).getByTestId('call-back-timer')).toBeInTheDocument());
    expect(server.callsTo('GET', CASE_URL)).toHaveLength(2);
  });

  it('asks nothing when a live call that never connected stops: the case read again says so', async () => {
    const waiting = aCase({ call: aCall('parent_waiting', null, '2026-12-03T09:55:00.000Z', null) });
    const { server } = renderCase(waiting, aCase({ call: aCall('failed', 'parent_left', failedAt(), null) }));
    await screen.findByRole('button', { name: 'Flag a safeguarding concern' });
    fake.current?.emit('call:state', {
      caseId: CASE_ID,
      callId: '20000000-0000-4000-8000-000000000001',
      seq: 9,
      snapshot: { state: 'failed', reason: 'parent_left' },
      participants: [],
    });
    await waitFor(() => expect(server.callsTo('GET', CASE_URL)).toHaveLength(2));
    await screen.findByRole('button', { name: 'Flag a safeguarding concern' });
    expect(screen.queryByTestId('call-back-due')).not.toBeInTheDocument();
  });

  it('appears when a call loaded before it connected fails after connecting, once the case read again says it connected', async () => {
    const early = aCase({ call: aCall('admitted', null, '2026-12-03T09:55:00.000Z', null) });
    const { server } = renderCase(early, aCase({ call: aCall('failed', 'ice_failed', failedAt()) }));
    await screen.findByRole('button', { name: 'Flag a safeguarding concern' });
    fake.current?.emit('call:state', {
      caseId: CASE_ID,
      callId: '20000000-0000-4000-8000-000000000001',
      seq: 9,
      snapshot: { state: 'failed', reason: 'ice_failed' },
      participants: [],
    });
    const callout = await screen.findByTestId('call-back-due');
    await waitFor(() => expect(within(callout).getByTestId('call-back-timer')).toBeInTheDocument());
    expect(server.callsTo('GET', CASE_URL)).toHaveLength(2);
  });

  it('says when the call-back could not be recorded, and keeps the callout', async () => {
    const { server, user } = renderCase(aCase({ call: aCall('failed', 'parent_left', failedAt()) }));
    server.on('POST', `${CASE_URL}/call-back`, apiError(503, 'DATABASE_UNAVAILABLE', 'The database did not answer.'));
    const callout = await screen.findByTestId('call-back-due');
    await user.click(within(callout).getByRole('button', { name: 'I have called the parent back' }));
    expect(await within(callout).findByRole('alert')).toHaveTextContent('Cannot record the call-back');
    expect(screen.getByTestId('call-back-due')).toBeInTheDocument();
  });
});
