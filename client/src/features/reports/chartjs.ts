import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { ChartSpec } from './dayCharts';

/**
 * The only module that imports chart.js. DayCharts loads it with `import()`, so it is a chunk of
 * its own that only supervisor pages fetch (vite.config.ts fails the parent's build, and the desk's
 * entry, if chart.js reaches them). Only the parts the day charts use are registered.
 */
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

// NHS.UK blue and dark blue on white; a single series per chart, named on its axes, so colour carries nothing alone.
const NHS_BLUE = '#005eb8';
const NHS_DARK_BLUE = '#003087';
const TEXT = '#212b32';
const GRID = '#d8dde0';

export type DrawnChart = { update(spec: ChartSpec): void; destroy(): void };

const LINE_CHARS = 22;

/** A long category name (a disposition, a failure reason) on several lines, so the axis never clips it. */
function wrapped(label: string): string | string[] {
  if (label.length <= LINE_CHARS) return label;
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= LINE_CHARS) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function dataOf(spec: ChartSpec) {
  return {
    labels: spec.horizontal ? spec.categories.map(wrapped) : spec.categories,
    datasets: [
      {
        label: spec.seriesLabel,
        data: spec.values,
        backgroundColor: NHS_BLUE,
        borderColor: spec.kind === 'line' ? NHS_DARK_BLUE : NHS_BLUE,
        borderWidth: spec.kind === 'line' ? 3 : 0,
        pointRadius: 4,
        // An hour with nobody admitted is a gap in the line, not a zero wait.
        spanGaps: false,
      },
    ],
  };
}

export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): DrawnChart {
  const axis = (title: string, integer: boolean) => ({
    title: { display: true, text: title, color: TEXT, font: { size: 14 } },
    ticks: { color: TEXT, font: { size: 13 }, ...(integer ? { precision: 0 } : {}) },
    grid: { color: GRID },
    beginAtZero: true,
  });
  const valueAxis = axis(spec.valueAxis, spec.kind === 'bar');
  const categoryAxis = { ...axis(spec.categoryAxis, false), grid: { display: false } };
  const chart = new Chart(canvas, {
    type: spec.kind,
    data: dataOf(spec),
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false }, tooltip: { enabled: true } },
      scales: spec.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    },
  });
  return {
    update(next) {
      chart.data = dataOf(next);
      chart.update('none');
    },
    destroy: () => chart.destroy(),
  };
}
