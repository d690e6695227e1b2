import { DEFAULT_BOARD_THRESHOLDS, JOIN_FAILURES, dispositions, type BoardCase, type BoardSnapshot, type DayFigures } from '@desk/shared';

/** A fixed clock for the board's tests: 10:00 London (UTC in December). */
export const BOARD_NOW = Date.parse('2026-12-03T10:00:00.000Z');
export const secondsAgo = (s: number) => new Date(BOARD_NOW - s * 1000).toISOString();

let n = 0;
export function boardRow(overrides: Partial<BoardCase> = {}): BoardCase {
  n += 1;
  return {
    caseId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    reference: `111-ROW-${n}`,
    childFirstName: 'Amelia',
    childAgeMonths: 26,
    ageBand: '1_to_4_years',
    complaint: 'fever',
    language: 'en',
    clinician: { id: '10000000-0000-4000-8000-000000000001', name: 'Sam Patel' },
    state: 'new',
    stateSince: secondsAgo(30),
    createdAt: secondsAgo(60),
    call: null,
    band: null,
    overridden: false,
    safeguarding: false,
    calledBackAt: null,
    ...overrides,
  };
}

export function dayFigures(overrides: Partial<DayFigures> = {}): DayFigures {
  return {
    date: '2026-12-03',
    arrivals: 9,
    decided: 5,
    linksSent: 6,
    connected: 4,
    conversion: 4 / 6,
    waits: { count: 4, medianSeconds: 75, p90Seconds: 190 },
    failedJoins: { ...(Object.fromEntries(JOIN_FAILURES.map((k) => [k, 0])) as DayFigures['failedJoins']), link_expired: 1, in_app_browser: 2 },
    dispositions: { ...(Object.fromEntries(dispositions.map((k) => [k, 0])) as DayFigures['dispositions']), self_care: 3, emergency_department: 2 },
    referrals: { hub: 0, adviceLine: 0 },
    overrides: 1,
    amendments: { total: 2, changedOverride: 1, changedAdvice: 1 },
    hours: Array.from({ length: 24 }, (_, hour) => ({ hour, arrivals: hour === 9 ? 9 : 0, admitted: hour === 9 ? 4 : 0, medianWaitSeconds: hour === 9 ? 75 : null })),
    ...overrides,
  };
}

export function boardSnapshot(cases: BoardCase[], overrides: Partial<BoardSnapshot> = {}): BoardSnapshot {
  return {
    epoch: 'epoch-1',
    seq: 7,
    serverNow: new Date(BOARD_NOW).toISOString(),
    thresholds: DEFAULT_BOARD_THRESHOLDS,
    decidedVisibleSeconds: 900,
    cases,
    clinicians: [
      { id: '10000000-0000-4000-8000-000000000001', name: 'Sam Patel', status: 'in_call', openCases: 2, handledThisShift: 4 },
      { id: '10000000-0000-4000-8000-000000000002', name: 'Alex Chen', status: 'available', openCases: 0, handledThisShift: 1 },
    ],
    headline: { open: cases.filter((c) => c.state !== 'decided').length, waiting: 1, inCall: 1, callBackDue: 0, today: dayFigures() },
    ...overrides,
  };
}
