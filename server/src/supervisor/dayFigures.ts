import { dispositions, JOIN_FAILURES, type DayFigures } from '@desk/shared';
import type { Deps } from '../http/context.js';

/** PLACEHOLDER until the day-figures module (h/reports) merges: every figure zero. Not for release. */
export async function dayFigures(_deps: Pick<Deps, 'db'>, date: string): Promise<DayFigures> {
  return {
    date,
    arrivals: 0,
    decided: 0,
    linksSent: 0,
    connected: 0,
    conversion: null,
    waits: { count: 0, medianSeconds: null, p90Seconds: null },
    failedJoins: Object.fromEntries(JOIN_FAILURES.map((k) => [k, 0])) as DayFigures['failedJoins'],
    dispositions: Object.fromEntries(dispositions.map((k) => [k, 0])) as DayFigures['dispositions'],
    referrals: { hub: 0, adviceLine: 0 },
    overrides: 0,
    amendments: { total: 0, changedOverride: 0, changedAdvice: 0 },
    hours: [],
  };
}
