import { DISPOSITION_LABEL, dispositions, JOIN_FAILURE_LABEL, JOIN_FAILURES, type DayFigures } from '@desk/shared';
import { toCsv, type CsvCell } from './csv.js';

/** The daily report's download name: the day it is of. */
export const reportFileName = (date: string) => `desk-report-${date}.csv`;

/** An hour of the day as the clocks read it; the second 01:00 of the day the clocks go back says so. */
function hourLabels(hours: DayFigures['hours']): string[] {
  const seen = new Set<number>();
  return hours.map(({ hour }) => {
    const label = `${String(hour).padStart(2, '0')}:00`;
    const again = seen.has(hour);
    seen.add(hour);
    return again ? `${label} (again: the clocks went back)` : label;
  });
}

/** The day's figures as `section,item,value` rows: the same figures as the JSON, with the labels the pages show. */
export function dailyReportRows(figures: DayFigures): CsvCell[][] {
  const labels = hourLabels(figures.hours);
  return [
    ['section', 'item', 'value'],
    ['report', 'Date (Europe/London)', figures.date],
    ['counts', 'Cases created', figures.arrivals],
    ['counts', 'Cases with a first decision signed', figures.decided],
    ['counts', "Cases sent a parent's video link", figures.linksSent],
    ['counts', 'Of those, cases whose video connected', figures.connected],
    ['conversion', 'Video conversion (connected / links sent)', figures.conversion === null ? null : Number(figures.conversion.toFixed(4))],
    ['waits', 'Admissions with a wait', figures.waits.count],
    ['waits', 'Median wait to admit (seconds)', figures.waits.medianSeconds],
    ['waits', '90th percentile wait to admit (seconds)', figures.waits.p90Seconds],
    ...JOIN_FAILURES.map((reason): CsvCell[] => ['failed joins', JOIN_FAILURE_LABEL[reason], figures.failedJoins[reason]]),
    ...dispositions.map((d): CsvCell[] => ['dispositions', DISPOSITION_LABEL[d], figures.dispositions[d]]),
    ['referrals', "Children's Hub referrals", figures.referrals.hub],
    ['referrals', 'Specialist advice line referrals', figures.referrals.adviceLine],
    ['overrides', 'Latest versions below the NG143 route', figures.overrides],
    ['amendments', 'Amendments signed', figures.amendments.total],
    ['amendments', 'Amendments that changed an override', figures.amendments.changedOverride],
    ['amendments', 'Amendments that changed the advice sent', figures.amendments.changedAdvice],
    ...figures.hours.map((h, i): CsvCell[] => ['arrivals by hour', labels[i]!, h.arrivals]),
    ...figures.hours.map((h, i): CsvCell[] => ['admitted by hour', labels[i]!, h.admitted]),
    ...figures.hours.map((h, i): CsvCell[] => ['median wait by hour (seconds)', labels[i]!, h.medianWaitSeconds]),
  ];
}

export const dailyReportCsv = (figures: DayFigures) => toCsv(dailyReportRows(figures));
