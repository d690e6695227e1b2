import { JOIN_FAILURES, dispositions, type AuditEntry, type AuditPage as AuditResults, type DayFigures } from '@desk/shared';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, type RouteObject } from 'react-router';
import { RequireSupervisor } from '../src/features/auth/RequireStaff';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actorLabel, queryFromForm, queryFromSearch, summariseDetail, type AuditForm } from '../src/features/reports/audit';
import { drawChart } from '../src/features/reports/chartjs';
import { DayCharts } from '../src/features/reports/DayCharts';
import { dayCharts, hourLabels, isEmptyDay } from '../src/features/reports/dayCharts';
import { readDateParts } from '../src/features/reports/reportDate';
import { SupervisorNav } from '../src/features/reports/SupervisorNav';
import AuditPage from '../src/pages/AuditPage';
import ReportsPage from '../src/pages/ReportsPage';
import { routes } from '../src/router';
import { BOARD_NOW, dayFigures } from './boardFixtures';
import { apiError, renderRoute, stubFetch } from './helpers';

/** Issue 10's audit viewer, daily report and day charts, with fixed data, a fixed clock and a mocked fetch. */

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function emptyDay(date = '2026-12-03'): DayFigures {
  return dayFigures({
    date,
    arrivals: 0,
    decided: 0,
    linksSent: 0,
    connected: 0,
    conversion: null,
    waits: { count: 0, medianSeconds: null, p90Seconds: null },
    failedJoins: zeros(JOIN_FAILURES),
    dispositions: zeros(dispositions),
    overrides: 0,
    amendments: { total: 0, changedOverride: 0, changedAdvice: 0 },
    hours: Array.from({ length: 24 }, (_, hour) => ({ hour, arrivals: 0, admitted: 0, medianWaitSeconds: null })),
  });
}

describe("the report's date boxes", () => {
  const today = '2026-12-03';
  it.each([
    [{ day: '2', month: '12', year: '2026' }, { date: '2026-12-02' }],
    [{ day: ' 03 ', month: '12', year: '2026' }, { date: '2026-12-03' }],
    [{ day: '', month: '', year: '' }, { error: 'Enter the date of the report', parts: ['day', 'month', 'year'] }],
    [{ day: '2', month: '', year: '' }, { error: 'The date must include a month and a year', parts: ['month', 'year'] }],
    [{ day: '31', month: '2', year: '2026' }, { error: 'The date must be a real date, for example 3 12 2026', parts: ['day', 'month', 'year'] }],
    [{ day: '2', month: '12', year: '26' }, { error: 'The date must be a real date, for example 3 12 2026', parts: ['year'] }],
    [{ day: '4', month: '12', year: '2026' }, { error: 'The date must be today or in the past', parts: ['day', 'month', 'year'] }],
  ])('%o → %o', (parts, result) => {
    expect(readDateParts(parts, today)).toEqual(result);
  });
});

describe("the audit's filters", () => {
  const CASE = '3f1c2a52-8c3e-4d7a-9b7e-0e6a8d9c1f20';
  const USER = '10000000-0000-4000-8000-000000000001';
  const blank: AuditForm = { caseId: '', userId: '', action: '', from: '', to: '' };
  it.each([
    ['nothing: every entry, page 1', blank, { query: { page: 1 } }],
    ['a case id', { ...blank, caseId: CASE }, { query: { caseId: CASE, page: 1 } }],
    ['a pasted case page address', { ...blank, caseId: `http://desk.local/cases/${CASE.toUpperCase()}` }, { query: { caseId: CASE, page: 1 } }],
    ['a 111 reference is not an id', { ...blank, caseId: '111-ABC-123' }, { errors: [{ fieldId: 'audit-case', message: "Enter the case's id: the last part of its page's address, after /cases/" }] }],
    ['a person and an action', { ...blank, userId: USER, action: 'decision_signed' }, { query: { userId: USER, action: 'decision_signed', page: 1 } }],
    [
      'a time range in UK time, summer and winter',
      { ...blank, from: '2026-07-01T09:00', to: '2026-12-03T17:30' },
      { query: { from: '2026-07-01T09:00:00+01:00', to: '2026-12-03T17:30:00+00:00', page: 1 } },
    ],
    ['an end before the start', { ...blank, from: '2026-12-03T10:00', to: '2026-12-03T09:00' }, { errors: [{ fieldId: 'audit-to', message: 'The end of the time range must be after its start' }] }],
  ])('%s', (_name, form, result) => {
    expect(queryFromForm(form)).toEqual(result);
  });

  it('reads the filters back from the address, and refuses what the API would', () => {
    expect(queryFromSearch(new URLSearchParams(`caseId=${CASE}&action=login&from=2026-12-03T09%3A00%3A00%2B00%3A00&page=3`))).toEqual({
      caseId: CASE,
      action: 'login',
      from: '2026-12-03T09:00:00+00:00',
      page: 3,
    });
    expect(queryFromSearch(new URLSearchParams('caseId=not-a-case'))).toBeNull();
    expect(queryFromSearch(new URLSearchParams('page=0'))).toBeNull();
  });

  it.each([
    [{}, '–'],
    [{ disposition: 'self_care', version: 2, overridden: false }, 'disposition: self_care; version: 2; overridden: no'],
    [{ previousClinicianId: null, reason: 'x'.repeat(100) }, `previous clinician id: none; reason: ${'x'.repeat(79)}…`],
    [{ topics: ['fever', 'rash'], referral: { hub: 'North', why: 'second opinion' } }, 'topics: fever, rash; referral: (hub: North; why: second opinion)'],
    [{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 }, 'a: 1; b: 2; c: 3; d: 4; e: 5; f: 6; and 2 more'],
  ])('summarises the detail %o as "%s"', (detail, text) => {
    expect(summariseDetail(detail)).toBe(text);
  });

  it.each([
    [{ id: 'user:u1', name: 'Sam Patel', role: 'clinician' }, { name: 'Sam Patel', role: 'clinician' }],
    [{ id: 'parent:s1', name: null, role: null }, { name: 'Parent', role: null }],
    [{ id: 'system', name: null, role: null }, { name: 'The desk (automatic)', role: null }],
  ])('names the actor %o', (actor, label) => {
    expect(actorLabel(actor)).toEqual(label);
  });
});

describe("the day charts' words", () => {
  it('names a repeated hour on the day the clocks go back', () => {
    const hours = [0, 1, 1, 2].map((hour) => ({ hour, arrivals: 0, admitted: 0, medianWaitSeconds: null }));
    expect(hourLabels(hours)).toEqual(['00:00 to 01:00', '01:00 to 02:00', '01:00 to 02:00 (after the clocks went back)', '02:00 to 03:00']);
  });

  it('calls a day of zeros empty, and a day with one failed join not', () => {
    expect(isEmptyDay(emptyDay())).toBe(true);
    expect(isEmptyDay({ ...emptyDay(), failedJoins: { ...zeros(JOIN_FAILURES), link_expired: 1 } })).toBe(false);
  });

  it('describes each chart with what stands out, and draws only what happened', () => {
    const [arrivals, waits, mix, failures] = dayCharts(dayFigures());
    expect(arrivals?.description).toBe('Bar chart of cases arriving per hour on 3 December 2026: 9 in all, the busiest hour 09:00 to 10:00 with 9. The figures are in the table that follows.');
    expect(waits?.description).toContain('the longest 1 min 15 s at 09:00 to 10:00');
    expect(waits?.spec.values[9]).toBe(1.3);
    expect(waits?.spec.values[8]).toBeNull();
    expect(mix?.spec.categories).toEqual(['Self-care at home with safety-netting', 'Emergency department']);
    expect(failures?.description).toContain("Link expired unused 1, Opened in an app's own browser 2");
  });
});

describe('DayCharts', () => {
  beforeEach(() => vi.mocked(drawChart).mockClear());

  it('draws four charts, each an image with a label and its figures in a table', async () => {
    render(<DayCharts figures={dayFigures()} headingLevel={2} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Charts for 3 December 2026' })).toBeInTheDocument();
    for (const title of ['Arrivals per hour', 'Median wait to admit, per hour', 'Decisions by disposition', 'Failed joins by reason']) {
      expect(screen.getByRole('heading', { level: 3, name: title })).toBeInTheDocument();
    }
    const images = screen.getAllByRole('img');
    expect(images).toHaveLength(4);
    expect(images.every((image) => image.tagName === 'CANVAS')).toBe(true);
    expect(screen.getByRole('img', { name: /^Bar chart of cases arriving per hour on 3 December 2026: 9 in all/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^Bar chart of the decisions signed on 3 December 2026 by disposition.*Self-care at home with safety-netting 3, Emergency department 2/ })).toBeInTheDocument();

    const arrivals = screen.getByTestId('chart-table-arrivals');
    expect(within(arrivals).getByRole('row', { name: '09:00 to 10:00 9' })).toBeInTheDocument();
    expect(within(arrivals).getAllByRole('row')).toHaveLength(25);
    expect(within(screen.getByTestId('chart-table-waits')).getByRole('row', { name: '09:00 to 10:00 4 1 min 15 s' })).toBeInTheDocument();
    expect(within(screen.getByTestId('chart-table-dispositions')).getByRole('row', { name: 'Emergency department 2' })).toBeInTheDocument();
    expect(within(screen.getByTestId('chart-table-failures')).getByRole('row', { name: "Opened in an app's own browser 2" })).toBeInTheDocument();

    await waitFor(() => expect(drawChart).toHaveBeenCalledTimes(4));
    const specs = vi.mocked(drawChart).mock.calls.map(([, spec]) => spec);
    expect(specs.find((s) => s.seriesLabel === 'Joins')).toMatchObject({ kind: 'bar', horizontal: true, values: [1, 2] });
  });

  it('says a quiet part of the day in words instead of an empty chart', async () => {
    render(<DayCharts figures={dayFigures({ failedJoins: zeros(JOIN_FAILURES) })} headingLevel={3} />);
    expect(within(screen.getByTestId('chart-failures')).getByText('No failed joins on 3 December 2026.')).toBeInTheDocument();
    expect(screen.getAllByRole('img')).toHaveLength(3);
    await waitFor(() => expect(drawChart).toHaveBeenCalledTimes(3));
  });

  it('has one sentence for an empty day, and loads no chart', async () => {
    render(<DayCharts figures={emptyDay()} headingLevel={3} />);
    expect(screen.getByTestId('day-charts-empty')).toHaveTextContent('Nothing happened on 3 December 2026');
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(drawChart).not.toHaveBeenCalled();
  });
});

describe("the supervisor's routes", () => {
  /** Each path in the router with the components of the layout routes around it (lazy ones loaded). */
  async function guardedPaths(list: RouteObject[], around: unknown[] = []): Promise<Map<string, unknown[]>> {
    const found = new Map<string, unknown[]>();
    for (const route of list) {
      const loaded = typeof route.lazy === 'function' ? await route.lazy() : {};
      const layers = 'Component' in loaded ? [...around, loaded.Component] : around;
      if (route.path) found.set(route.path, layers);
      for (const [path, layer] of await guardedPaths(route.children ?? [], layers)) found.set(path, layer);
    }
    return found;
  }

  it('puts the board, the reports and the audit behind the supervisor check', async () => {
    const paths = await guardedPaths(routes);
    for (const path of ['/supervisor', '/supervisor/reports', '/supervisor/audit']) {
      expect(paths.get(path), path).toContain(RequireSupervisor);
    }
    expect(paths.get('/cases/:id')).not.toContain(RequireSupervisor);
  });
});

describe('SupervisorNav', () => {
  it('marks the page it is on', () => {
    render(
      <MemoryRouter initialEntries={['/supervisor/reports?date=2026-12-01']}>
        <SupervisorNav />
      </MemoryRouter>,
    );
    const nav = screen.getByRole('navigation', { name: 'Supervisor pages' });
    expect(within(nav).getByRole('link', { name: 'Reports' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Board' })).not.toHaveAttribute('aria-current');
    expect(within(nav).getByRole('link', { name: 'Audit' })).toHaveAttribute('href', '/supervisor/audit');
  });
});

describe('ReportsPage', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: BOARD_NOW }));
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("opens on today's figures (London), with the CSV of the same day", async () => {
    const api = stubFetch().on('GET', '/api/reports/daily?date=2026-12-03', { status: 200, body: dayFigures() });
    renderRoute('/supervisor/reports', <ReportsPage />, '/supervisor/reports');
    expect(await screen.findByRole('heading', { level: 2, name: 'Today so far, 3 December 2026' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(api.callsTo('GET', '/api/reports/daily?date=2026-12-03')).toHaveLength(1);
    expect(screen.getByLabelText('Day')).toHaveValue('3');
    expect(screen.getByLabelText('Month')).toHaveValue('12');
    expect(screen.getByLabelText('Year')).toHaveValue('2026');
    expect(screen.getByRole('link', { name: 'Download CSV of the figures for 3 December 2026' })).toHaveAttribute('href', '/api/reports/daily?date=2026-12-03&format=csv');
    const figures = screen.getByTestId('day-figures');
    expect(within(figures).getByRole('row', { name: 'Cases arriving 9' })).toBeInTheDocument();
    expect(within(figures).getByRole('row', { name: 'Video conversion 67%' })).toBeInTheDocument();
    expect(within(figures).getByRole('row', { name: 'Median wait to admit 1 min 15 s' })).toBeInTheDocument();
    expect(within(screen.getByTestId('disposition-mix')).getByRole('row', { name: 'Self-care at home with safety-netting 3' })).toBeInTheDocument();
    expect(screen.getByTestId('day-charts')).toBeInTheDocument();
  });

  it('shows the date in the address, and a date chosen goes in the address', async () => {
    const api = stubFetch()
      .on('GET', '/api/reports/daily?date=2026-11-30', { status: 200, body: dayFigures({ date: '2026-11-30', arrivals: 4 }) })
      .on('GET', '/api/reports/daily?date=2026-11-28', { status: 200, body: dayFigures({ date: '2026-11-28', arrivals: 2 }) });
    const { router } = renderRoute('/supervisor/reports', <ReportsPage />, '/supervisor/reports?date=2026-11-30');
    expect(await screen.findByRole('heading', { level: 2, name: '30 November 2026' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(within(screen.getByTestId('day-figures')).getByRole('row', { name: 'Cases arriving 4' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Download CSV/ })).toHaveAttribute('href', '/api/reports/daily?date=2026-11-30&format=csv');
    expect(screen.getByRole('table', { name: 'Failed joins on 30 November 2026, by reason' })).toBeInTheDocument();

    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Day'));
    await user.type(screen.getByLabelText('Day'), '28');
    await user.click(screen.getByRole('button', { name: 'Show the report' }));
    expect(await screen.findByRole('heading', { level: 2, name: '28 November 2026' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?date=2026-11-28');
    expect(api.callsTo('GET', '/api/reports/daily?date=2026-11-28')).toHaveLength(1);
    expect(screen.getByRole('link', { name: /^Download CSV/ })).toHaveAttribute('href', '/api/reports/daily?date=2026-11-28&format=csv');
  });

  it('refuses a date in the future without asking the server', async () => {
    const api = stubFetch().on('GET', '/api/reports/daily?date=2026-12-03', { status: 200, body: dayFigures() });
    renderRoute('/supervisor/reports', <ReportsPage />, '/supervisor/reports');
    await screen.findByTestId('day-report', {}, { timeout: 10_000 });
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Day'));
    await user.type(screen.getByLabelText('Day'), '4');
    await user.click(screen.getByRole('button', { name: 'Show the report' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The date must be today or in the past');
    expect(api.calls.filter((c) => c.url.startsWith('/api/reports'))).toHaveLength(1);
  });

  it('says an address without a real date is one, and asks the server nothing', async () => {
    const api = stubFetch();
    renderRoute('/supervisor/reports', <ReportsPage />, '/supervisor/reports?date=2026-02-30');
    expect(await screen.findByText('The address holds no date a report can be made for: enter one', { selector: '.nhsuk-error-message' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByLabelText('Day')).toHaveValue('');
    expect(api.calls).toHaveLength(0);
  });

  it("says when the day's figures could not be loaded, in the server's words", async () => {
    stubFetch().on('GET', '/api/reports/daily?date=2026-12-01', apiError(503, 'INTERNAL', 'The database is not answering. Try again.'));
    renderRoute('/supervisor/reports', <ReportsPage />, '/supervisor/reports?date=2026-12-01');
    const error = await screen.findByTestId('report-error', {}, { timeout: 10_000 });
    expect(error).toHaveTextContent('The report for 1 December 2026 could not be loaded. The database is not answering. Try again.');
    expect(screen.queryByRole('link', { name: /^Download CSV/ })).toBeNull();
  });

  it('says an empty day in words, with its zeros in the tables', async () => {
    stubFetch().on('GET', '/api/reports/daily?date=2026-12-01', { status: 200, body: emptyDay('2026-12-01') });
    renderRoute('/supervisor/reports', <ReportsPage />, '/supervisor/reports?date=2026-12-01');
    expect(await screen.findByTestId('day-charts-empty', {}, { timeout: 10_000 })).toHaveTextContent('Nothing happened on 1 December 2026');
    expect(within(screen.getByTestId('day-figures')).getByRole('row', { name: 'Cases arriving 0' })).toBeInTheDocument();
    expect(screen.getByText('No decisions signed on 1 December 2026.')).toBeInTheDocument();
  });
});

const CASE_A = '3f1c2a52-8c3e-4d7a-9b7e-0e6a8d9c1f20';
const SUPERVISOR = '10000000-0000-4000-8000-000000000009';
const CLINICIAN = '10000000-0000-4000-8000-000000000001';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'a1',
    at: '2026-07-01T08:15:30.000Z',
    actor: { id: `user:${CLINICIAN}`, name: 'Sam Patel', role: 'clinician' },
    action: 'decision_signed',
    subject: `case:${CASE_A}`,
    caseId: CASE_A,
    reference: '111-ABC-123',
    detail: { disposition: 'self_care', version: 1 },
    ...overrides,
  };
}

function auditPage(overrides: Partial<AuditResults> = {}): AuditResults {
  return {
    entries: [entry(), entry({ id: 'a2', action: 'login', subject: `user:${SUPERVISOR}`, caseId: null, reference: null, detail: {}, actor: { id: 'parent:s1', name: null, role: null } })],
    page: 1,
    pageSize: 50,
    total: 120,
    actions: ['decision_signed', 'login', 'report_exported'],
    staff: [
      { id: CLINICIAN, name: 'Sam Patel', role: 'clinician' },
      { id: SUPERVISOR, name: 'Jo Lead', role: 'supervisor' },
    ],
    ...overrides,
  };
}

describe('AuditPage', () => {
  afterEach(() => vi.unstubAllGlobals());
  const AUDIT = /^\/api\/audit\?/;
  const auditCalls = (api: ReturnType<typeof stubFetch>) => api.calls.filter((c) => AUDIT.test(c.url)).map((c) => c.url);

  it('lists entries newest first: UK time, who and their role, the action, the case linked, the detail in words', async () => {
    const api = stubFetch().on('GET', AUDIT, { status: 200, body: auditPage() });
    renderRoute('/supervisor/audit', <AuditPage />, '/supervisor/audit');
    const rows = await screen.findAllByTestId('audit-entry', {}, { timeout: 10_000 });
    expect(auditCalls(api)).toEqual(['/api/audit?page=1']);
    expect(rows).toHaveLength(2);
    const [signed, login] = rows as [HTMLElement, HTMLElement];
    // 08:15:30 UTC in July is 09:15:30 in London.
    expect(within(signed).getByText('1 Jul 2026, 09:15:30')).toBeInTheDocument();
    expect(signed).toHaveTextContent('Sam Patelclinician');
    expect(signed).toHaveTextContent('Decision signed');
    expect(within(signed).getByRole('link', { name: '111-ABC-123' })).toHaveAttribute('href', `/cases/${CASE_A}`);
    expect(signed).toHaveTextContent('disposition: self_care; version: 1');
    expect(login).toHaveTextContent('Parent');
    expect(login).toHaveTextContent(`user:${SUPERVISOR}`);
    expect(screen.getByTestId('audit-count')).toHaveTextContent('1 to 2 of 120 entries');
    expect(screen.getByTestId('audit-page')).toHaveTextContent('Page 1 of 3');
    expect(screen.queryByRole('link', { name: /^Previous/ })).toBeNull();
    // The filter lists come from the answer.
    expect(within(screen.getByLabelText('Who')).getByRole('option', { name: 'Jo Lead (supervisor)' })).toBeInTheDocument();
    expect(within(screen.getByLabelText('Action')).getByRole('option', { name: 'Report exported' })).toBeInTheDocument();
  });

  it('puts the filters in the address and asks the API with them, times in UK time with their offset', async () => {
    const api = stubFetch().on('GET', AUDIT, { status: 200, body: auditPage() });
    const { router } = renderRoute('/supervisor/audit', <AuditPage />, '/supervisor/audit');
    await screen.findAllByTestId('audit-entry', {}, { timeout: 10_000 });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Case'), `http://localhost/cases/${CASE_A}`);
    await user.selectOptions(screen.getByLabelText('Who'), 'Jo Lead (supervisor)');
    await user.selectOptions(screen.getByLabelText('Action'), 'Report exported');
    await user.type(screen.getByLabelText('From'), '2026-07-01T09:00');
    await user.type(screen.getByLabelText('To'), '2026-12-03T17:30');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    const expected = `caseId=${CASE_A}&userId=${SUPERVISOR}&action=report_exported&from=2026-07-01T09%3A00%3A00%2B01%3A00&to=2026-12-03T17%3A30%3A00%2B00%3A00&page=1`;
    await waitFor(() => expect(auditCalls(api)).toContain(`/api/audit?${expected}`));
    expect(router.state.location.search).toBe(`?${expected}`);
  });

  it('keeps the filters through a reload: the form shows what the address holds', async () => {
    const search = `caseId=${CASE_A}&action=decision_signed&from=2026-07-01T09%3A00%3A00%2B01%3A00&page=2`;
    const api = stubFetch().on('GET', AUDIT, { status: 200, body: auditPage({ page: 2 }) });
    renderRoute('/supervisor/audit', <AuditPage />, `/supervisor/audit?${search}`);
    await screen.findAllByTestId('audit-entry', {}, { timeout: 10_000 });
    expect(auditCalls(api)).toEqual([`/api/audit?${search}`]);
    expect(screen.getByLabelText('Case')).toHaveValue(CASE_A);
    expect(screen.getByLabelText('Action')).toHaveValue('decision_signed');
    expect(screen.getByLabelText('From')).toHaveValue('2026-07-01T09:00');
    expect(screen.getByTestId('audit-page')).toHaveTextContent('Page 2 of 3');
  });

  it('pages with Previous and Next, keeping the filters', async () => {
    const api = stubFetch()
      .on('GET', `/api/audit?action=login&page=1`, { status: 200, body: auditPage() })
      .on('GET', `/api/audit?action=login&page=2`, { status: 200, body: auditPage({ page: 2, entries: [entry({ id: 'a51', reference: '111-PAGE-2' })] }) });
    const { router } = renderRoute('/supervisor/audit', <AuditPage />, '/supervisor/audit?action=login');
    await screen.findAllByTestId('audit-entry', {}, { timeout: 10_000 });
    const user = userEvent.setup();
    await user.click(screen.getByRole('link', { name: /^Next page/ }));
    expect(await screen.findByRole('link', { name: '111-PAGE-2' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?action=login&page=2');
    expect(screen.getByTestId('audit-page')).toHaveTextContent('Page 2 of 3');
    expect(screen.getByTestId('audit-count')).toHaveTextContent('51 to 51 of 120 entries');
    await user.click(screen.getByRole('link', { name: /^Previous page/ }));
    await waitFor(() => expect(screen.getByTestId('audit-page')).toHaveTextContent('Page 1 of 3'));
    expect(api.callsTo('GET', '/api/audit?action=login&page=1')).toHaveLength(2);
  });

  it('narrows to one case from a row', async () => {
    const api = stubFetch().on('GET', AUDIT, { status: 200, body: auditPage() });
    renderRoute('/supervisor/audit', <AuditPage />, '/supervisor/audit');
    await screen.findAllByTestId('audit-entry', {}, { timeout: 10_000 });
    await userEvent.setup().click(screen.getByRole('link', { name: 'Only this case: 111-ABC-123' }));
    await waitFor(() => expect(auditCalls(api)).toContain(`/api/audit?caseId=${CASE_A}&page=1`));
  });

  it('says when nothing matches', async () => {
    stubFetch().on('GET', AUDIT, { status: 200, body: auditPage({ entries: [], total: 0 }) });
    renderRoute('/supervisor/audit', <AuditPage />, '/supervisor/audit?action=login');
    expect(await screen.findByTestId('audit-empty', {}, { timeout: 10_000 })).toHaveTextContent('No audit entries match these filters');
    expect(screen.queryByRole('navigation', { name: 'Audit pages' })).toBeNull();
  });

  it('refuses a case that is not an id, next to the field, without asking the API', async () => {
    const api = stubFetch().on('GET', AUDIT, { status: 200, body: auditPage() });
    renderRoute('/supervisor/audit', <AuditPage />, '/supervisor/audit');
    await screen.findAllByTestId('audit-entry', {}, { timeout: 10_000 });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Case'), '111-ABC-123');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByRole('link', { name: /Enter the case's id/ })).toHaveAttribute('href', '#audit-case');
    expect(screen.getByLabelText('Case')).toHaveAttribute('aria-invalid', 'true');
    expect(auditCalls(api)).toEqual(['/api/audit?page=1']);
  });

  it("says when the audit could not be loaded, in the server's words", async () => {
    stubFetch().on('GET', AUDIT, apiError(403, 'FORBIDDEN', 'Only supervisors can read the audit.'));
    renderRoute('/supervisor/audit', <AuditPage />, '/supervisor/audit');
    expect(await screen.findByTestId('audit-error', {}, { timeout: 10_000 })).toHaveTextContent('The audit could not be loaded. Only supervisors can read the audit.');
  });

  it('says an address it cannot read is one, and asks the API nothing', async () => {
    const api = stubFetch();
    renderRoute('/supervisor/audit', <AuditPage />, '/supervisor/audit?caseId=nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('The address holds filters the audit cannot read');
    expect(api.calls).toHaveLength(0);
  });
});
