import type { BoardCase, DeskNotice, Participant } from '@desk/shared';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DeskLayout from '../src/features/auth/DeskLayout';
import { RequireCaseViewer } from '../src/features/auth/RequireStaff';
import { useSessionStore } from '../src/features/auth/sessionStore';
import { mergeNotices, noticeText } from '../src/features/desk/notices';
import { caseListOrder } from '../src/features/queue/caseListOrder';
import { actionErrorText } from '../src/features/supervisor/actionErrors';
import { withCallUpdate } from '../src/features/supervisor/liveCall';
import { parentIsWaiting } from '../src/features/supervisor/parentWaiting';
import { ApiRequestError } from '../src/lib/api';
import CaseListPage from '../src/pages/CaseListPage';
import CasePage from '../src/pages/CasePage';
import { BOARD_NOW, boardRow, secondsAgo } from './boardFixtures';
import { CASE_ID, aCase, aDecision, apiError, createFakeSocket, renderRoute, stubFetch } from './helpers';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./helpers').createFakeSocket> }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => fake.current?.socket, closeSocket: vi.fn() }));
// Rendered as a marker: the read-only page must never place it (nor any video).
vi.mock('../src/features/call/CallPanel', () => ({ CallPanel: () => <video data-testid="call-panel" /> }));

/** Issue 10, "Actions": the supervisor's read-only case page and its actions, and the clinician's desk side of them. */

const CASE_URL = `/api/cases/${CASE_ID}`;
const ME = '10000000-0000-4000-8000-000000000001';
const SECOND = '10000000-0000-4000-8000-000000000002';
const OFFLINE = '10000000-0000-4000-8000-000000000003';
const CLINICIANS = {
  clinicians: [
    { id: ME, name: 'Nurse Demo', signedIn: true, status: 'in_call' },
    { id: SECOND, name: 'Nurse Second', signedIn: true, status: 'available' },
    { id: OFFLINE, name: 'Dr Off Shift', signedIn: false, status: null },
  ],
};

const staffSession = (role: 'clinician' | 'supervisor', id: string, displayName: string) => ({
  status: 'signed_in' as const,
  error: null,
  session: { user: { id, username: role, displayName, role }, iceServers: [], devMode: false },
});

const participant = (overrides: Record<string, unknown>) => ({ id: 'p1', role: 'parent', name: 'Mother', state: 'waiting', reason: null, present: true, ...overrides });
const aCall = (state: string, participants: unknown[] = []) => ({
  id: '20000000-0000-4000-8000-000000000001' as string,
  state,
  reason: null,
  createdAt: '2025-11-23T14:02:00.000Z',
  connectedAt: null,
  endedAt: null,
  participants,
});

const CALL_ID = '20000000-0000-4000-8000-000000000001';
/** A participant as `call:state` carries it (the case's call summary keeps fewer fields). */
const livePerson = (overrides: Partial<Participant>): Participant => ({
  id: 'p1',
  role: 'parent',
  name: 'Mother',
  state: 'waiting',
  reason: null,
  present: true,
  epoch: 0,
  admittedAt: null,
  waitingSince: null,
  ...overrides,
});

const notice = (overrides: Partial<DeskNotice> = {}): DeskNotice => ({
  id: '30000000-0000-4000-8000-000000000001',
  kind: 'case_assigned',
  caseId: CASE_ID,
  reference: '111-ABC-123',
  childFirstName: 'Amira',
  from: 'Nurse Supervisor',
  at: '2026-12-03T10:00:00.000Z',
  ...overrides,
});

const refused = (code: ApiRequestError['code']) => new ApiRequestError(409, code, 'The server says no.');

describe('what a refused action says', () => {
  it.each([
    ['reassign', 'CALL_IN_PROGRESS', 'This case has a call in progress. Reassign it when the call has ended.'],
    ['reassign', 'CASE_CLOSED', 'This case is closed: its decision is signed. A closed case cannot be reassigned.'],
    ['reassign', 'NOT_A_CLINICIAN', 'That person is not an active clinician. Choose another clinician from the list.'],
    ['reassign', 'NOT_FOUND', 'This case could not be found. It may have been removed: go back to the live board.'],
    ['reassign', 'FORBIDDEN', 'Only supervisors and administrators can do this.'],
    ['take_parent', 'NO_PARENT_WAITING', 'No parent is waiting on this case now, so there is nobody to take. The page shows the call as it is now.'],
    ['take_parent', 'CASE_CLOSED', 'This case is closed: its decision is signed. There is no parent to take.'],
    ['take_parent', 'NOT_A_CLINICIAN', 'That person is not an active clinician. Choose another clinician from the list.'],
    ['take_parent', 'NOT_CASE_CLINICIAN', 'Only the clinician on this case can let the parent in. The page shows who has the case now.'],
    ['reassign', 'DATABASE_UNAVAILABLE', 'The server says no.'],
  ] as const)('%s refused %s', (action, code, text) => {
    expect(actionErrorText(action, refused(code))).toBe(text);
  });
  it('falls back to a message a person can act on for anything else', () => {
    expect(actionErrorText('reassign', new TypeError('x'))).toBe('Something went wrong. Try again.');
  });
});

describe('when a parent is waiting', () => {
  it.each([
    ['no call', { status: 'open', call: null }, false],
    ['link sent', { status: 'open', call: aCall('invited', [participant({ state: 'invited' })]) }, false],
    ['call state parent waiting', { status: 'open', call: aCall('parent_waiting') }, true],
    ['in call with the parent back in the waiting room', { status: 'open', call: aCall('connected', [participant({ state: 'waiting' })]) }, true],
    ['only a guest waiting', { status: 'open', call: aCall('connected', [participant({ role: 'interpreter', state: 'waiting' })]) }, false],
    ['call ended', { status: 'open', call: aCall('ended', [participant({ state: 'waiting' })]) }, false],
    ['case closed', { status: 'closed', call: aCall('parent_waiting') }, false],
  ] as const)('%s', (_name, caseRecord, waiting) => {
    expect(parentIsWaiting(caseRecord as unknown as Parameters<typeof parentIsWaiting>[0])).toBe(waiting);
  });
});

describe('the call laid over the loaded case', () => {
  const update = (callId: string, state: 'parent_waiting' | 'connected') => ({
    caseId: CASE_ID,
    callId,
    seq: 3,
    snapshot: { state, reason: null },
    participants: [livePerson({ state: state === 'connected' ? 'connected' : 'waiting' })],
  });
  it('takes the state and people of the same call', () => {
    const live = withCallUpdate(aCall('invited') as never, update(CALL_ID, 'parent_waiting') as never);
    expect(live?.state).toBe('parent_waiting');
    expect(live?.participants).toEqual([participant({ state: 'waiting' })]);
    expect(live?.createdAt).toBe('2025-11-23T14:02:00.000Z');
  });
  it("ignores another call's update (a newer link's call comes with the case)", () => {
    const call = aCall('invited');
    expect(withCallUpdate(call as never, update('20000000-0000-4000-8000-000000000009', 'connected') as never)).toBe(call);
  });
});

describe('notices, pure', () => {
  it.each([
    ['case_assigned', 'Nurse Supervisor gave you case 111-ABC-123 (Amira).'],
    ['case_unassigned', 'Nurse Supervisor gave case 111-ABC-123 (Amira) to another clinician. It is no longer yours.'],
    ['take_waiting_parent', 'Nurse Supervisor asks you to take the waiting parent on case 111-ABC-123 (Amira).'],
  ] as const)('%s reads "%s"', (kind, text) => {
    expect(noticeText(notice({ kind }))).toBe(text);
  });

  it('keeps each notice once, newest first', () => {
    const older = notice({ id: '30000000-0000-4000-8000-00000000000a', at: '2026-12-03T09:00:00.000Z' });
    const newer = notice({ id: '30000000-0000-4000-8000-00000000000b', at: '2026-12-03T09:30:00.000Z' });
    expect(mergeNotices([older], [newer, older]).map((n) => n.id)).toEqual([newer.id, older.id]);
  });
});

describe('case list order', () => {
  const mine = (createdAgo: number, ref: string) => boardRow({ reference: ref, createdAt: secondsAgo(createdAgo), clinician: { id: ME, name: 'Nurse Demo' } });
  const theirs = (createdAgo: number, ref: string) => boardRow({ reference: ref, createdAt: secondsAgo(createdAgo), clinician: { id: SECOND, name: 'Nurse Second' } });
  const refs = (rows: BoardCase[]) => rows.map((r) => r.reference);
  it.each([
    ['own first, each group newest first', [theirs(10, 'T-new'), mine(300, 'M-old'), theirs(200, 'T-old'), mine(20, 'M-new')], ME, ['M-new', 'M-old'], ['T-new', 'T-old']],
    ['unassigned go with the others', [boardRow({ reference: 'U', clinician: null, createdAt: secondsAgo(5) }), mine(50, 'M')], ME, ['M'], ['U']],
    ['signed cases leave the list', [boardRow({ reference: 'D', state: 'decided', clinician: { id: ME, name: 'Nurse Demo' } }), mine(50, 'M')], ME, ['M'], []],
    ['nobody signed in: nothing is "mine"', [mine(50, 'M'), theirs(10, 'T')], null, [], ['T', 'M']],
  ] as const)('%s', (_name, rows, userId, mineRefs, otherRefs) => {
    const order = caseListOrder(rows, userId);
    expect(refs(order.mine)).toEqual(mineRefs);
    expect(refs(order.others)).toEqual(otherRefs);
  });
});

describe('the read-only case page of a supervisor', () => {
  beforeEach(() => {
    fake.current = createFakeSocket();
    useSessionStore.setState(staffSession('supervisor', 'u-sup', 'Nurse Supervisor'));
  });
  afterEach(() => vi.unstubAllGlobals());

  const open = () => {
    const user = userEvent.setup();
    renderRoute('/cases/:id', <CasePage />, `/cases/${CASE_ID}`);
    return user;
  };

  it('shows the details, the call in words and the decision history, with no call, invite, admit, decision or video', async () => {
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ assignedClinician: 'Nurse Demo', call: aCall('connected', [participant({ state: 'connected' })]) }) })
      .on('GET', `${CASE_URL}/decisions`, {
        status: 200,
        body: [
          aDecision({ id: 'd1', supersededById: 'd2' }),
          aDecision({ id: 'd2', version: 2, supersedesId: 'd1', disposition: 'emergency_department', timeframeHours: null, amendmentReason: 'Parent rang back: worse.' }),
        ],
      })
      .on('GET', '/api/staff/clinicians', { status: 200, body: CLINICIANS });
    open();

    expect(await screen.findByRole('heading', { level: 1, name: /Amelia, 2 years 2 months/ })).toBeInTheDocument();
    expect(screen.getByTestId('read-only-case')).toBeInTheDocument();
    expect(screen.getByText('07700 900123 (mobile)')).toBeInTheDocument();
    expect(screen.getByTestId('assigned-clinician')).toHaveTextContent('Nurse Demo');
    expect(within(screen.getByTestId('call-record')).getByText('In call')).toBeInTheDocument();
    expect(within(screen.getByTestId('call-record')).getByText(/Mother · Parent: On the video/)).toBeInTheDocument();
    expect(await screen.findByTestId('signed-decision')).toBeInTheDocument();
    expect(within(screen.getByTestId('decision-history')).getByText('Version 1')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the live board' })).toHaveAttribute('href', '/supervisor');

    expect(screen.queryByTestId('call-panel')).not.toBeInTheDocument();
    expect(document.querySelector('video, audio')).toBeNull();
    for (const name of [/Send video link/, /Invite a colleague/, /^Admit/, /Sign decision/, /Amend decision/, /End call/]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    // The server decides who may hold a call's media; the supervisor's page asks for nothing else.
    expect(fake.current?.requests.map((r) => r.name)).toEqual(['case:watch']);
  });

  it('reassigns the case, says so and shows the new clinician', async () => {
    const server = stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ assignedClinician: 'Nurse Demo' }) }, { status: 200, body: aCase({ assignedClinician: 'Nurse Second' }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] })
      .on('GET', '/api/staff/clinicians', { status: 200, body: CLINICIANS })
      .on('POST', `${CASE_URL}/assignment`, { status: 200, body: { caseId: CASE_ID, clinicianId: SECOND, previousClinicianId: ME } });
    const user = open();

    const select = await screen.findByLabelText('Give the case to');
    expect(within(select).getByRole('option', { name: 'Nurse Demo (signed in, in a call, has this case now)' })).toBeInTheDocument();
    expect(within(select).getByRole('option', { name: 'Dr Off Shift (not signed in)' })).toBeInTheDocument();
    await user.selectOptions(select, SECOND);
    await user.click(screen.getByRole('button', { name: 'Reassign case' }));

    expect(await screen.findByText('Case 111-ABC-123 is now assigned to Nurse Second. They have a notice on their desk.')).toBeInTheDocument();
    expect(server.callsTo('POST', `${CASE_URL}/assignment`)[0]?.body).toEqual({ clinicianId: SECOND });
    await waitFor(() => expect(screen.getByTestId('assigned-clinician')).toHaveTextContent('Nurse Second'));
  });

  it('asks for a clinician before sending anything', async () => {
    const server = stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase() })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] })
      .on('GET', '/api/staff/clinicians', { status: 200, body: CLINICIANS });
    const user = open();
    await user.click(await screen.findByRole('button', { name: 'Reassign case' }));
    expect(await screen.findByText('Choose the clinician to give the case to')).toBeInTheDocument();
    expect(screen.getByLabelText('Give the case to')).toHaveAttribute('aria-invalid', 'true');
    expect(server.callsTo('POST', `${CASE_URL}/assignment`)).toHaveLength(0);
  });

  it.each([
    [409, 'CALL_IN_PROGRESS', 'This case has a call in progress. Reassign it when the call has ended.'],
    [409, 'CASE_CLOSED', 'This case is closed: its decision is signed. A closed case cannot be reassigned.'],
    [422, 'NOT_A_CLINICIAN', 'That person is not an active clinician. Choose another clinician from the list.'],
    [404, 'NOT_FOUND', 'This case could not be found. It may have been removed: go back to the live board.'],
    [403, 'FORBIDDEN', 'Only supervisors and administrators can do this.'],
  ])('shows a %i %s refusal in words', async (status, code, text) => {
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ assignedClinician: 'Nurse Demo' }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] })
      .on('GET', '/api/staff/clinicians', { status: 200, body: CLINICIANS })
      .on('POST', `${CASE_URL}/assignment`, apiError(status, code, 'Refused.'));
    const user = open();
    await user.selectOptions(await screen.findByLabelText('Give the case to'), SECOND);
    await user.click(screen.getByRole('button', { name: 'Reassign case' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(screen.getByTestId('assigned-clinician')).toHaveTextContent('Nurse Demo');
  });

  it('offers "take this parent" only while a parent is waiting, to the case’s own clinician, and sends the notice', async () => {
    const server = stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ assignedClinician: 'Nurse Second', assignedClinicianId: SECOND, call: aCall('invited', [participant({ state: 'invited' })]) }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] })
      .on('GET', '/api/staff/clinicians', { status: 200, body: CLINICIANS })
      .on('POST', `${CASE_URL}/take-parent`, { status: 202, body: notice({ kind: 'take_waiting_parent' }) });
    const user = open();
    await screen.findByLabelText('Give the case to');
    expect(screen.queryByTestId('take-parent-form')).not.toBeInTheDocument();

    // The parent taps the link: the call's change reaches the page as `call:state`, read at once.
    act(() =>
      fake.current?.emit('call:state', {
        caseId: CASE_ID,
        callId: CALL_ID,
        seq: 4,
        snapshot: { state: 'parent_waiting', reason: null },
        participants: [livePerson({ state: 'waiting' })],
      }),
    );
    const form = await screen.findByTestId('take-parent-form');
    expect(within(screen.getByTestId('call-record')).getByText('Parent waiting')).toBeInTheDocument();

    // Nobody to choose: only the case's clinician can let the parent in.
    expect(within(form).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(form).getByTestId('take-parent-form-clinician')).toHaveTextContent('Clinician to ask: Nurse Second (signed in, available, has this case now)');
    await user.click(within(form).getByRole('button', { name: 'Ask to take the parent' }));
    expect(await within(form).findByText('Nurse Second has been asked to take the waiting parent on case 111-ABC-123.')).toBeInTheDocument();
    expect(server.callsTo('POST', `${CASE_URL}/take-parent`)[0]?.body).toEqual({ clinicianId: SECOND });
  });

  it('says so when the parent is no longer waiting', async () => {
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ assignedClinician: 'Nurse Demo', assignedClinicianId: ME, call: aCall('parent_waiting', [participant({ state: 'waiting' })]) }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] })
      .on('GET', '/api/staff/clinicians', { status: 200, body: CLINICIANS })
      .on('POST', `${CASE_URL}/take-parent`, apiError(409, 'NO_PARENT_WAITING', 'No parent waiting.'));
    const user = open();
    const form = await screen.findByTestId('take-parent-form');
    await user.click(within(form).getByRole('button', { name: 'Ask to take the parent' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('No parent is waiting on this case now, so there is nobody to take.');
  });

  it('offers no actions on a closed case', async () => {
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ status: 'closed' }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [aDecision()] })
      .on('GET', '/api/staff/clinicians', { status: 200, body: CLINICIANS });
    open();
    expect(await screen.findByText('This case is closed: its decision is signed. It cannot be reassigned.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reassign case' })).not.toBeInTheDocument();
    expect(await screen.findByTestId('signed-decision')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Amend decision/ })).not.toBeInTheDocument();
  });

  it('lets a supervisor through the case page guard (a clinician-only page would send them to the board)', async () => {
    stubFetch();
    const router = createMemoryRouter(
      [
        { element: <RequireCaseViewer />, children: [{ path: '/cases/:id', element: <h1>Case</h1> }] },
        { path: '*', element: <h1>Elsewhere</h1> },
      ],
      { initialEntries: ['/cases/abc'] },
    );
    render(<RouterProvider router={router} />);
    expect(await screen.findByRole('heading', { name: 'Case' })).toBeInTheDocument();
  });
});

/** The clinician's desk: the layout with the case list (or a stand-in page) inside it. */
function renderDesk(entry = '/') {
  const router = createMemoryRouter(
    [
      {
        element: <DeskLayout />,
        children: [
          { path: '/', element: <CaseListPage /> },
          { path: '/cases/:id', element: <h1>The case</h1> },
        ],
      },
    ],
    { initialEntries: [entry] },
  );
  return { user: userEvent.setup(), router, ...render(<RouterProvider router={router} />) };
}

describe("the clinician's desk notices", () => {
  beforeEach(() => {
    fake.current = createFakeSocket();
    useSessionStore.setState(staffSession('clinician', SECOND, 'Nurse Second'));
  });
  afterEach(() => vi.unstubAllGlobals());

  const desk = (notices: DeskNotice[]) =>
    stubFetch()
      .on('GET', '/api/me/notices', { status: 200, body: { notices } })
      .on('GET', '/api/me/availability', { status: 200, body: { availability: 'available' } });

  it('lists the notices not yet dismissed on sign-in, each with its case, the take-parent one as a warning', async () => {
    desk([
      notice({ id: '30000000-0000-4000-8000-000000000002', kind: 'take_waiting_parent', at: '2026-12-03T10:05:00.000Z' }),
      notice({ at: '2026-12-03T10:00:00.000Z' }),
    ]);
    renderDesk();
    const items = await screen.findAllByTestId('desk-notice');
    expect(items.map((li) => li.getAttribute('data-kind'))).toEqual(['take_waiting_parent', 'case_assigned']);
    expect(items[0]).toHaveTextContent('Important: A parent is waiting');
    expect(items[0]!.querySelector('.nhsuk-warning-callout')).not.toBeNull();
    expect(within(items[1]!).getByText('Nurse Supervisor gave you case 111-ABC-123 (Amira).')).toBeInTheDocument();
    expect(within(items[1]!).getByRole('link', { name: 'Open case 111-ABC-123' })).toHaveAttribute('href', `/cases/${CASE_ID}`);
    // Nothing is read out for what was already there when the page opened.
    expect(screen.getByTestId('desk-notices-announcer')).toHaveTextContent('');
  });

  it('shows a notice pushed by the socket at once, and reads it out politely', async () => {
    desk([]);
    renderDesk();
    await screen.findByRole('group', { name: 'Your status' });
    expect(screen.queryByTestId('desk-notices')).not.toBeInTheDocument();

    act(() => fake.current?.emit('notice', notice({ kind: 'take_waiting_parent' })));
    const item = await screen.findByTestId('desk-notice');
    expect(item).toHaveTextContent('Nurse Supervisor asks you to take the waiting parent on case 111-ABC-123 (Amira).');
    const announcer = screen.getByTestId('desk-notices-announcer');
    expect(announcer).toHaveAttribute('role', 'status');
    expect(announcer).toHaveAttribute('aria-live', 'polite');
    expect(announcer).toHaveTextContent('New notice: Nurse Supervisor asks you to take the waiting parent on case 111-ABC-123 (Amira).');
    // It never takes focus from what the clinician is doing.
    expect(item).not.toContainElement(document.activeElement as HTMLElement);
  });

  it('loads the notices again after a reconnection, so one sent while offline is not missed', async () => {
    const server = desk([]);
    renderDesk();
    await screen.findByRole('group', { name: 'Your status' });
    await waitFor(() => expect(server.callsTo('GET', '/api/me/notices')).toHaveLength(1));
    server.on('GET', '/api/me/notices', { status: 200, body: { notices: [notice()] } });
    act(() => {
      fake.current?.setStatus('connecting');
      fake.current?.setStatus('connected');
    });
    expect(await screen.findByTestId('desk-notice')).toHaveTextContent('Nurse Supervisor gave you case 111-ABC-123 (Amira).');
    expect(screen.getByTestId('desk-notices-announcer')).toHaveTextContent('New notice: Nurse Supervisor gave you case');
  });

  it('dismisses a notice, and says so when the server refuses', async () => {
    const id = notice().id;
    const server = desk([notice()]).on('POST', `/api/me/notices/${id}/dismiss`, apiError(503, 'DATABASE_UNAVAILABLE', 'The database is not answering. Try again.'), { status: 204 });
    const { user } = renderDesk();
    const dismiss = await screen.findByRole('button', { name: 'Dismiss the notice about case 111-ABC-123' });

    await user.click(dismiss);
    expect(await screen.findByText(/Could not dismiss it: The database is not answering/)).toBeInTheDocument();
    expect(screen.getByTestId('desk-notice')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Dismiss the notice about case 111-ABC-123' }));
    await waitFor(() => expect(screen.queryByTestId('desk-notice')).not.toBeInTheDocument());
    expect(server.callsTo('POST', `/api/me/notices/${id}/dismiss`)).toHaveLength(2);
  });

  it('shows no notices and no status control to a supervisor', async () => {
    useSessionStore.setState(staffSession('supervisor', 'u-sup', 'Nurse Supervisor'));
    const server = desk([notice()]);
    renderDesk('/cases/x');
    await screen.findByRole('heading', { name: 'The case' });
    expect(screen.queryByRole('group', { name: 'Your status' })).not.toBeInTheDocument();
    expect(server.callsTo('GET', '/api/me/notices')).toHaveLength(0);
  });
});

describe('Available / Away on the desk', () => {
  beforeEach(() => {
    fake.current = createFakeSocket();
    useSessionStore.setState(staffSession('clinician', SECOND, 'Nurse Second'));
  });
  afterEach(() => vi.unstubAllGlobals());

  /** Holds every PUT until the test lets it through, so what shows meanwhile can be seen. */
  function holdPuts() {
    const stubbed = globalThis.fetch;
    const gates: (() => void)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
        if ((init.method ?? 'GET').toUpperCase() === 'PUT') await new Promise<void>((resolve) => gates.push(resolve));
        return stubbed(input, init);
      }),
    );
    return { release: () => gates.shift()?.() , pending: () => gates.length };
  }

  const pressed = (name: string) => screen.getByRole('button', { name }).getAttribute('aria-pressed');

  it('reads the status, shows a change at once and keeps it when the server agrees', async () => {
    const server = stubFetch()
      .on('GET', '/api/me/notices', { status: 200, body: { notices: [] } })
      .on('GET', '/api/me/availability', { status: 200, body: { availability: 'available' } })
      .on('PUT', '/api/me/availability', { status: 200, body: { availability: 'away' } });
    const puts = holdPuts();
    const { user } = renderDesk();
    await waitFor(() => expect(pressed('Available')).toBe('true'));

    await user.click(screen.getByRole('button', { name: 'Away' }));
    expect(pressed('Away')).toBe('true');
    expect(pressed('Available')).toBe('false');
    await waitFor(() => expect(puts.pending()).toBe(1));
    puts.release();
    await waitFor(() => expect(server.callsTo('PUT', '/api/me/availability')[0]?.body).toEqual({ availability: 'away' }));
    await waitFor(() => expect(screen.getByTestId('availability')).toHaveAttribute('data-availability', 'away'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('puts the status back and says why when the server refuses', async () => {
    stubFetch()
      .on('GET', '/api/me/notices', { status: 200, body: { notices: [] } })
      .on('GET', '/api/me/availability', { status: 200, body: { availability: 'available' } })
      .on('PUT', '/api/me/availability', apiError(503, 'DATABASE_UNAVAILABLE', 'The database is not answering. Try again.'));
    const puts = holdPuts();
    const { user } = renderDesk();
    await waitFor(() => expect(pressed('Available')).toBe('true'));

    await user.click(screen.getByRole('button', { name: 'Away' }));
    expect(pressed('Away')).toBe('true');
    await waitFor(() => expect(puts.pending()).toBe(1));
    puts.release();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not change your status: The database is not answering. Try again. You are still shown as available.',
    );
    expect(pressed('Available')).toBe('true');
    expect(pressed('Away')).toBe('false');
  });
});

describe('the case list puts my cases first', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: BOARD_NOW });
    fake.current = createFakeSocket();
    useSessionStore.setState(staffSession('clinician', ME, 'Nurse Demo'));
    stubFetch()
      .on('GET', '/api/me/notices', { status: 200, body: { notices: [] } })
      .on('GET', '/api/me/availability', { status: 200, body: { availability: 'available' } });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('marks them "Yours" and moves a case live when it is reassigned', async () => {
    const theirsNew = boardRow({ reference: '111-THEIRS-NEW', createdAt: secondsAgo(10), clinician: { id: SECOND, name: 'Nurse Second' } });
    const mineOld = boardRow({ reference: '111-MINE-OLD', createdAt: secondsAgo(600), clinician: { id: ME, name: 'Nurse Demo' } });
    const mineNew = boardRow({ reference: '111-MINE-NEW', createdAt: secondsAgo(60), clinician: { id: ME, name: 'Nurse Demo' } });
    fake.current?.setResult('cases:watch', { epoch: 'e1', seq: 1, serverNow: new Date(BOARD_NOW).toISOString(), cases: [theirsNew, mineOld, mineNew] });
    renderDesk();

    const order = () => screen.getAllByTestId('case-row').map((tr) => within(tr).getAllByRole('link')[0]!.textContent);
    await screen.findByRole('link', { name: '111-THEIRS-NEW' });
    expect(order()).toEqual(['111-MINE-NEW', '111-MINE-OLD', '111-THEIRS-NEW']);
    const row = (reference: string) => screen.getByRole('link', { name: reference }).closest('tr') as HTMLElement;
    expect(within(row('111-MINE-OLD')).getByText('Yours')).toBeInTheDocument();
    expect(row('111-MINE-OLD')).toHaveAttribute('data-mine', 'true');
    expect(within(row('111-THEIRS-NEW')).queryByText('Yours')).not.toBeInTheDocument();
    expect(screen.getByText('3 open cases, 2 of them yours (listed first)')).toBeInTheDocument();

    // The supervisor gives the newest of the others to me, and my newest to Nurse Second.
    act(() =>
      fake.current?.emit('cases:delta', {
        epoch: 'e1',
        seq: 2,
        serverNow: new Date(BOARD_NOW).toISOString(),
        upserts: [
          { ...theirsNew, clinician: { id: ME, name: 'Nurse Demo' } },
          { ...mineNew, clinician: { id: SECOND, name: 'Nurse Second' } },
        ],
        removed: [],
      }),
    );
    await waitFor(() => expect(order()).toEqual(['111-THEIRS-NEW', '111-MINE-OLD', '111-MINE-NEW']));
    expect(within(row('111-THEIRS-NEW')).getByText('Yours')).toBeInTheDocument();
    expect(within(row('111-MINE-NEW')).getByText('Nurse Second')).toBeInTheDocument();
  });
});
