import { DISPOSITION_LABEL, JOIN_FAILURE_LABEL, JOIN_FAILURES, dispositions, type DayFigures } from '@desk/shared';
import { formatDate } from '../../lib/format';
import { formatWait } from '../board/Headline';

/**
 * What the day's charts show, worked out from one day's figures: pure, so the words (the canvas's
 * label, the table alternative) and the numbers drawn are one thing, tested without a canvas.
 */

/** What chart.js is asked to draw: one series, its categories on one axis, values on the other. */
export type ChartSpec = {
  kind: 'bar' | 'line';
  /** Categories down the side (long labels: dispositions, failure reasons) instead of along the bottom. */
  horizontal: boolean;
  categories: string[];
  values: (number | null)[];
  seriesLabel: string;
  categoryAxis: string;
  valueAxis: string;
};

export type ChartTable = {
  caption: string;
  headers: [string, ...string[]];
  rows: { key: string; label: string; values: (number | string)[] }[];
};

export type DayChart = {
  key: 'arrivals' | 'waits' | 'dispositions' | 'failures';
  title: string;
  /** The canvas's aria-label: the kind of chart, what it shows, and what stands out. */
  description: string;
  /** A sentence instead of the chart when the day has nothing to draw in it. */
  empty: string | null;
  spec: ChartSpec;
  table: ChartTable;
};

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * "09:00 to 10:00"; on the day the clocks go back the repeated hour says which it is, so every row
 * of the table and every bar has its own name.
 */
export function hourLabels(hours: DayFigures['hours']): string[] {
  return hours.map(({ hour }, index) => {
    const repeated = hours.findIndex((h) => h.hour === hour) !== index;
    return `${hh(hour)} to ${hh((hour + 1) % 24)}${repeated ? ' (after the clocks went back)' : ''}`;
  });
}

/** Nothing happened that day: no arrivals, links, decisions, admissions or failed joins. */
export function isEmptyDay(figures: DayFigures): boolean {
  return (
    figures.arrivals === 0 &&
    figures.decided === 0 &&
    figures.linksSent === 0 &&
    figures.waits.count === 0 &&
    sum(Object.values(figures.failedJoins)) === 0 &&
    sum(Object.values(figures.dispositions)) === 0 &&
    figures.hours.every((h) => h.arrivals === 0 && h.admitted === 0)
  );
}

/** The largest value's index (the first of equals), or -1 when all are empty. */
function peak(values: (number | null)[]): number {
  let best = -1;
  values.forEach((value, index) => {
    if (value !== null && value > 0 && (best < 0 || value > (values[best] ?? 0))) best = index;
  });
  return best;
}

/** A chart's table is named apart from the day's own tables beside it (two tables of one name confuse a screen reader's list). */
const chartFigures = (title: string, day: string) => `${title} on ${day}: the chart's figures`;

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

export function dayCharts(figures: DayFigures): DayChart[] {
  const day = formatDate(figures.date);
  const labels = hourLabels(figures.hours);
  const tableNote = 'The figures are in the table that follows.';

  const arrivals = figures.hours.map((h) => h.arrivals);
  const busiest = peak(arrivals);
  const totalArrivals = sum(arrivals);

  const waits = figures.hours.map((h) => h.medianWaitSeconds);
  const longest = peak(waits);

  const mix = dispositions.filter((d) => figures.dispositions[d] > 0);
  const failures = JOIN_FAILURES.filter((k) => figures.failedJoins[k] > 0);
  const listed = (items: { label: string; count: number }[]) => items.map((i) => `${i.label} ${i.count}`).join(', ');

  return [
    {
      key: 'arrivals',
      title: 'Arrivals per hour',
      description:
        `Bar chart of cases arriving per hour on ${day}: ${totalArrivals} in all` +
        (busiest >= 0 ? `, the busiest hour ${labels[busiest]} with ${arrivals[busiest]}. ` : '. ') +
        tableNote,
      empty: totalArrivals === 0 ? `No cases arrived on ${day}.` : null,
      spec: { kind: 'bar', horizontal: false, categories: figures.hours.map((h) => hh(h.hour)), values: arrivals, seriesLabel: 'Cases arriving', categoryAxis: 'Hour (UK time)', valueAxis: 'Cases' },
      table: {
        caption: chartFigures('Arrivals per hour', day),
        headers: ['Hour (UK time)', 'Cases arriving'],
        rows: figures.hours.map((h, i) => ({ key: String(i), label: labels[i] ?? hh(h.hour), values: [h.arrivals] })),
      },
    },
    {
      key: 'waits',
      title: 'Median wait to admit, per hour',
      description:
        `Line chart of the median wait from the waiting room to admission, in minutes, per hour on ${day}` +
        (longest >= 0 ? `: the longest ${formatWait(waits[longest] ?? null)} at ${labels[longest]}. ` : '. ') +
        tableNote,
      empty: figures.hours.every((h) => h.medianWaitSeconds === null) ? `No parents were admitted from the waiting room on ${day}.` : null,
      spec: { kind: 'line', horizontal: false, categories: figures.hours.map((h) => hh(h.hour)), values: waits.map(minutes), seriesLabel: 'Median wait (minutes)', categoryAxis: 'Hour (UK time)', valueAxis: 'Minutes' },
      table: {
        caption: chartFigures('Median wait to admit, per hour', day),
        headers: ['Hour (UK time)', 'Admitted', 'Median wait'],
        rows: figures.hours.map((h, i) => ({ key: String(i), label: labels[i] ?? hh(h.hour), values: [h.admitted, formatWait(h.medianWaitSeconds)] })),
      },
    },
    {
      key: 'dispositions',
      title: 'Decisions by disposition',
      description: `Bar chart of the decisions signed on ${day} by disposition (latest versions)${mix.length ? `: ${listed(mix.map((d) => ({ label: DISPOSITION_LABEL[d], count: figures.dispositions[d] })))}` : ''}. ${tableNote}`,
      empty: mix.length === 0 ? `No decisions were signed on ${day}.` : null,
      spec: { kind: 'bar', horizontal: true, categories: mix.map((d) => DISPOSITION_LABEL[d]), values: mix.map((d) => figures.dispositions[d]), seriesLabel: 'Cases', categoryAxis: 'Disposition', valueAxis: 'Cases' },
      table: {
        caption: chartFigures('Decisions by disposition (latest versions)', day),
        headers: ['Disposition', 'Cases'],
        rows: mix.map((d) => ({ key: d, label: DISPOSITION_LABEL[d], values: [figures.dispositions[d]] })),
      },
    },
    {
      key: 'failures',
      title: 'Failed joins by reason',
      description: `Bar chart of the parents' joins that did not become video on ${day}, by reason${failures.length ? `: ${listed(failures.map((k) => ({ label: JOIN_FAILURE_LABEL[k], count: figures.failedJoins[k] })))}` : ''}. ${tableNote}`,
      empty: failures.length === 0 ? `No failed joins on ${day}.` : null,
      spec: { kind: 'bar', horizontal: true, categories: failures.map((k) => JOIN_FAILURE_LABEL[k]), values: failures.map((k) => figures.failedJoins[k]), seriesLabel: 'Joins', categoryAxis: 'Reason', valueAxis: 'Joins' },
      table: {
        caption: chartFigures('Failed joins by reason', day),
        headers: ['Reason', 'Joins'],
        rows: failures.map((k) => ({ key: k, label: JOIN_FAILURE_LABEL[k], values: [figures.failedJoins[k]] })),
      },
    },
  ];
}
