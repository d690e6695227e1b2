import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DeskLayout from '../src/features/auth/DeskLayout';
import { useSessionStore } from '../src/features/auth/sessionStore';
import CaseListPage from '../src/pages/CaseListPage';
import CasePage from '../src/pages/CasePage';
import LoginPage from '../src/pages/LoginPage';
import NewCasePage from '../src/pages/NewCasePage';
import NotFoundPage from '../src/pages/NotFoundPage';
import OutboxPage from '../src/pages/OutboxPage';
import SupervisorPage from '../src/pages/SupervisorPage';
import AuditPage from '../src/pages/AuditPage';
import ReportsPage from '../src/pages/ReportsPage';
import { boardRow, boardSnapshot, dayFigures, secondsAgo } from './boardFixtures';
import { CASE_ID, aCase, aDecision, createFakeSocket, stubFetch } from './helpers';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./helpers').createFakeSocket> }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => fake.current?.socket, closeSocket: vi.fn() }));
vi.mock('../src/features/call/CallPanel', () => ({ CallPanel: () => null }));

/**
 * Structure rules (names, labels, headings, landmarks, ARIA). Colour contrast needs a real browser: the e2e axe run checks it.
 * Every rule still runs on every node; `resultTypes` only spares axe building a CSS selector for each
 * node that passed (most of its time in jsdom), since only violations are reported here.
 */
async function expectNoAxeViolations() {
  const results = await axe.run(document.documentElement, { rules: { 'color-contrast': { enabled: false } }, resultTypes: ['violations'] });
  const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations).toEqual([]);
}

function renderInLayout(path: string, element: ReactElement, entry: string) {
  const router = createMemoryRouter([{ element: <DeskLayout />, children: [{ path, element }] }], {
    initialEntries: [entry],
  });
  return render(<RouterProvider router={router} />);
}

const SESSION = {
  user: { id: 'u1', username: 'clinician', displayName: 'Sam Patel', role: 'clinician' as const },
  iceServers: [],
  devMode: true,
};

describe('desk pages pass axe', () => {
  beforeEach(() => {
    // index.html sets it; jsdom's blank document does not.
    document.documentElement.lang = 'en-GB';
    fake.current = createFakeSocket();
    useSessionStore.setState({ status: 'signed_in', session: SESSION, error: null });
    stubFetch()
      .on('GET', '/api/cases', { status: 200, body: [aCase()] })
      .on('GET', `/api/cases/${CASE_ID}`, {
        status: 200,
        body: aCase({
          lastSms: { id: 's1', to: '+447700900123', status: 'sent', failureReason: null, createdAt: '2025-11-23T14:02:00Z' },
          devJoinLink: 'http://localhost:3000/join/abcdefghijklmnopqrstu',
          nhsNumber: '9434765919',
        }),
      })
      .on('GET', `/api/cases/${CASE_ID}/decisions`, { status: 200, body: [] })
      .on('GET', '/api/me/availability', { status: 200, body: { availability: 'available' } })
      .on('GET', '/api/me/notices', {
        status: 200,
        body: {
          notices: [
            { id: '30000000-0000-4000-8000-000000000001', kind: 'take_waiting_parent', caseId: CASE_ID, reference: '111-ABC-123', childFirstName: 'Amelia', from: 'Supervisor Demo', at: '2026-12-03T10:05:00.000Z' },
            { id: '30000000-0000-4000-8000-000000000002', kind: 'case_assigned', caseId: CASE_ID, reference: '111-ABC-123', childFirstName: 'Amelia', from: 'Supervisor Demo', at: '2026-12-03T10:00:00.000Z' },
          ],
        },
      })
      .on('GET', '/api/dev/outbox', {
        status: 200,
        body: [{ to: '+447700900123', body: 'Join http://x/join/t', link: 'http://x/join/t', status: 'sent', createdAt: '2025-11-23T14:02:00Z' }],
      });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('login, with its error summary', async () => {
    useSessionStore.setState({ status: 'signed_out', session: null, error: null });
    renderInLayout('/login', <LoginPage />, '/login');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }));
    await expectNoAxeViolations();
  });

  it('case list, with the notices, the status control and a case marked "Yours"', async () => {
    fake.current?.setResult('cases:watch', {
      epoch: 'e1',
      seq: 1,
      serverNow: new Date().toISOString(),
      cases: [boardRow({ reference: '111-ABC-123' }), boardRow({ state: 'parent_waiting', clinician: null }), boardRow({ reference: '111-MINE', clinician: { id: 'u1', name: 'Sam Patel' } })],
    });
    renderInLayout('/', <CaseListPage />, '/');
    await screen.findByRole('link', { name: '111-ABC-123' });
    await screen.findAllByTestId('desk-notice');
    await screen.findByText('Yours');
    await expectNoAxeViolations();
  });

  it('new case, with errors, the landline note, the reference warning and a date of birth error', async () => {
    renderInLayout('/cases/new', <NewCasePage />, '/cases/new');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('111 reference'), 'x');
    await user.type(screen.getByLabelText('Day'), '15');
    await user.type(screen.getByLabelText("Caller's phone number"), '0113 496 0000');
    await user.selectOptions(screen.getByLabelText("Caller's relationship to the child"), 'Other');
    await user.click(screen.getByRole('button', { name: 'Create case' }));
    await screen.findByTestId('reference-warning');
    await screen.findByRole('link', { name: 'Date of birth must include a month and a year' });
    await expectNoAxeViolations();
  });

  it('case page, with the SMS status, QR code and decision form errors', async () => {
    renderInLayout('/cases/:id', <CasePage />, `/cases/${CASE_ID}`);
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Sign decision' });
    await user.click(screen.getByLabelText('GP / primary care'));
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    await expectNoAxeViolations();
  });

  it('case page with "Call the parent back", a safeguarding concern and its form with an error', async () => {
    stubFetch()
      .on('GET', `/api/cases/${CASE_ID}`, {
        status: 200,
        body: aCase({
          call: { id: 'c1', state: 'ended', reason: 'phone_fallback', createdAt: '2026-12-03T09:50:00Z', stateSince: '2026-12-03T10:00:00Z', connectedAt: '2026-12-03T09:52:00Z', endedAt: null, participants: [] },
          safeguarding: { reason: 'Unexplained bruising.', flaggedBy: 'Sam Patel', flaggedAt: '2026-12-03T10:05:00Z' },
        }),
      })
      .on('GET', `/api/cases/${CASE_ID}/decisions`, { status: 200, body: [] });
    renderInLayout('/cases/:id', <CasePage />, `/cases/${CASE_ID}`);
    const user = userEvent.setup();
    await screen.findByTestId('call-back-due');
    await user.click(screen.getByRole('button', { name: 'Change the safeguarding concern' }));
    await user.click(screen.getByRole('button', { name: 'Flag the concern' }));
    await screen.findByRole('link', { name: 'Enter the reason for the safeguarding concern' });
    await expectNoAxeViolations();
  });

  it('case page with a signed decision', async () => {
    stubFetch()
      .on('GET', `/api/cases/${CASE_ID}`, { status: 200, body: aCase() })
      .on('GET', `/api/cases/${CASE_ID}/decisions`, { status: 200, body: [aDecision()] });
    renderInLayout('/cases/:id', <CasePage />, `/cases/${CASE_ID}`);
    await screen.findByTestId('signed-decision');
    await expectNoAxeViolations();
  });

  it('case page with a signed override, Next case, and the text to copy by hand (clipboard refused)', async () => {
    stubFetch()
      .on('GET', `/api/cases/${CASE_ID}`, { status: 200, body: aCase() })
      .on('GET', `/api/cases/${CASE_ID}/decisions`, {
        status: 200,
        body: [aDecision({ overridden: true, overrideReason: 'Known to the hub team.', disposition: 'self_care', timeframeHours: null, band: 'amber' })],
      });
    renderInLayout('/cases/:id', <CasePage />, `/cases/${CASE_ID}`);
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Next case' });
    const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('Denied')) }, configurable: true });
    try {
      await user.click(screen.getByRole('button', { name: 'Copy for the clinical record' }));
      await screen.findByRole('textbox', { name: 'Text for the clinical record' });
      await expectNoAxeViolations();
    } finally {
      if (original) Object.defineProperty(navigator, 'clipboard', original);
      else Reflect.deleteProperty(navigator, 'clipboard');
    }
  });

  it('case list saying "No more open cases"', async () => {
    fake.current?.setResult('cases:watch', { epoch: 'e1', seq: 1, serverNow: new Date().toISOString(), cases: [] });
    render(
      <RouterProvider
        router={createMemoryRouter([{ element: <DeskLayout />, children: [{ path: '/', element: <CaseListPage /> }] }], {
          initialEntries: [{ pathname: '/', state: { notice: 'No more open cases' } }],
        })}
      />,
    );
    await screen.findByTestId('case-list-notice');
    await screen.findByText(/There are no open cases/);
    await expectNoAxeViolations();
  });

  it('read-only case page of a supervisor, with a parent waiting, a refused reassign and the decision history', async () => {
    useSessionStore.setState({ session: { ...SESSION, user: { ...SESSION.user, role: 'supervisor' } } });
    stubFetch()
      .on('GET', `/api/cases/${CASE_ID}`, {
        status: 200,
        body: aCase({
          assignedClinician: 'Sam Patel',
          assignedClinicianId: '10000000-0000-4000-8000-000000000001',
          safeguarding: { reason: 'Unexplained bruising.', flaggedBy: 'Sam Patel', flaggedAt: '2026-12-03T10:05:00Z' },
          call: {
            id: 'c1',
            state: 'parent_waiting',
            reason: null,
            createdAt: '2025-11-23T14:02:00Z',
            connectedAt: null,
            endedAt: null,
            participants: [{ id: 'p1', role: 'parent', name: 'Mother', state: 'waiting', reason: null, present: true }],
          },
        }),
      })
      .on('GET', `/api/cases/${CASE_ID}/decisions`, { status: 200, body: [aDecision({ supersededById: 'd2' }), aDecision({ id: 'd2', version: 2, supersedesId: 'd1', amendmentReason: 'Worse.' })] })
      .on('GET', '/api/staff/clinicians', {
        status: 200,
        body: {
          clinicians: [
            { id: '10000000-0000-4000-8000-000000000001', name: 'Sam Patel', signedIn: true, status: 'in_call' },
            { id: '10000000-0000-4000-8000-000000000002', name: 'Alex Chen', signedIn: true, status: 'available' },
          ],
        },
      })
      .on('POST', `/api/cases/${CASE_ID}/assignment`, { status: 409, body: { error: { code: 'CALL_IN_PROGRESS', message: 'Call live.' } } })
      .on('POST', `/api/cases/${CASE_ID}/take-parent`, { status: 409, body: { error: { code: 'NO_PARENT_WAITING', message: 'Nobody waiting.' } } });
    renderInLayout('/cases/:id', <CasePage />, `/cases/${CASE_ID}`);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Give the case to'), '10000000-0000-4000-8000-000000000002');
    await user.click(screen.getByRole('button', { name: 'Reassign case' }));
    await screen.findByText('This case has a call in progress. Reassign it when the call has ended.');
    await screen.findByTestId('take-parent-form');
    await screen.findByTestId('decision-history');
    await user.click(screen.getByRole('button', { name: 'Ask to take the parent' }));
    await screen.findByText(/No parent is waiting on this case now/);
    expect(screen.getByTestId('safeguarding-concern')).toHaveTextContent('Safeguarding concern flagged by Sam Patel');
    await expectNoAxeViolations();
  });

  it('supervisor board', async () => {
    useSessionStore.setState({ session: { ...SESSION, user: { ...SESSION.user, role: 'supervisor' } } });
    fake.current?.setResult(
      'board:watch',
      boardSnapshot([
        boardRow({ state: 'parent_waiting', stateSince: secondsAgo(400) }),
        boardRow({ state: 'in_call', overridden: true, band: 'amber', safeguarding: true }),
        boardRow({ state: 'call_back_due', stateSince: secondsAgo(90) }),
        boardRow({ state: 'new', clinician: null }),
      ]),
    );
    renderInLayout('/supervisor', <SupervisorPage />, '/supervisor');
    await screen.findByTestId('board-clinicians');
    await screen.findByTestId('safeguarding-tag');
    await expectNoAxeViolations();
  });

  it('daily report, with its tables and charts', async () => {
    useSessionStore.setState({ session: { ...SESSION, user: { ...SESSION.user, role: 'supervisor' } } });
    stubFetch().on('GET', '/api/reports/daily?date=2026-12-02', { status: 200, body: dayFigures({ date: '2026-12-02' }) });
    renderInLayout('/supervisor/reports', <ReportsPage />, '/supervisor/reports?date=2026-12-02');
    await screen.findByTestId('day-charts', {}, { timeout: 10_000 });
    await expectNoAxeViolations();
  });

  it('daily report, with a date error', async () => {
    useSessionStore.setState({ session: { ...SESSION, user: { ...SESSION.user, role: 'supervisor' } } });
    stubFetch().on('GET', /^\/api\/reports\/daily\?/, { status: 200, body: dayFigures() });
    renderInLayout('/supervisor/reports', <ReportsPage />, '/supervisor/reports?date=2026-12-02');
    await screen.findByTestId('day-charts', {}, { timeout: 10_000 });
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Month'));
    await user.click(screen.getByRole('button', { name: 'Show the report' }));
    await screen.findByRole('link', { name: 'The date must include a month' });
    await expectNoAxeViolations();
  });

  it('audit, with entries, paging and a filter error', async () => {
    useSessionStore.setState({ session: { ...SESSION, user: { ...SESSION.user, role: 'supervisor' } } });
    const staff = { id: '10000000-0000-4000-8000-000000000001', name: 'Sam Patel', role: 'clinician' };
    stubFetch().on('GET', /^\/api\/audit\?/, {
      status: 200,
      body: {
        entries: [
          { id: 'a1', at: '2026-12-03T09:00:00.000Z', actor: { id: `user:${staff.id}`, name: staff.name, role: staff.role }, action: 'decision_signed', subject: `case:${CASE_ID}`, caseId: CASE_ID, reference: '111-ABC-123', detail: { disposition: 'self_care' } },
          { id: 'a2', at: '2026-12-03T08:59:00.000Z', actor: { id: 'system', name: null, role: null }, action: 'retention_run', subject: 'retention', caseId: null, reference: null, detail: { deleted: 3 } },
        ],
        page: 2,
        pageSize: 50,
        total: 160,
        actions: ['decision_signed', 'retention_run'],
        staff: [staff],
      },
    });
    renderInLayout('/supervisor/audit', <AuditPage />, '/supervisor/audit?page=2');
    await screen.findAllByTestId('audit-entry', {}, { timeout: 10_000 });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Case'), 'not a case');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('link', { name: /Enter the case's id/ });
    await expectNoAxeViolations();
  });

  it('dev outbox', async () => {
    renderInLayout('/dev/outbox', <OutboxPage />, '/dev/outbox');
    await screen.findByRole('link', { name: 'http://x/join/t' });
    await expectNoAxeViolations();
  });

  it('404', async () => {
    renderInLayout('*', <NotFoundPage />, '/nowhere');
    await expectNoAxeViolations();
  });
});
