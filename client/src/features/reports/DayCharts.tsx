import type { DayFigures } from '@desk/shared';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatDate } from '../../lib/format';
import { CountTable } from '../board/Headline';
import type { DrawnChart } from './chartjs';
import { dayCharts, isEmptyDay, type ChartSpec, type DayChart } from './dayCharts';

type HeadingLevel = 2 | 3;
type Props = { figures: DayFigures; headingLevel: HeadingLevel };

// chart.js comes with the first chart drawn, never with the page that holds it (a chunk of its own).
let chartModule: Promise<typeof import('./chartjs')> | null = null;
const loadChartModule = () => (chartModule ??= import('./chartjs'));

/**
 * One day's charts: arrivals and median waits per hour, the disposition mix and the failure
 * reasons. Each canvas is an image with a label saying what it shows, and each has its figures in
 * a table behind a disclosure (the same numbers, for a screen reader or a printout).
 */
export function DayCharts({ figures, headingLevel }: Props) {
  const charts = useMemo(() => dayCharts(figures), [figures]);
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  const empty = isEmptyDay(figures);
  return (
    <section className="desk-charts" aria-labelledby={headingId} data-testid="day-charts">
      <Heading className={headingLevel === 2 ? 'nhsuk-heading-l' : 'nhsuk-heading-m'} id={headingId}>
        Charts for {formatDate(figures.date)}
      </Heading>
      {empty ? (
        <p className="nhsuk-body" data-testid="day-charts-empty">
          Nothing happened on {formatDate(figures.date)}: no cases arrived, no links were sent and no decisions were signed, so there is nothing to chart.
        </p>
      ) : (
        <div className="desk-charts__grid">
          {charts.map((chart) => (
            <OneChart chart={chart} headingLevel={(headingLevel + 1) as 3 | 4} key={chart.key} />
          ))}
        </div>
      )}
    </section>
  );
}

function OneChart({ chart, headingLevel }: { chart: DayChart; headingLevel: 3 | 4 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="desk-charts__chart" data-testid={`chart-${chart.key}`}>
      <Heading className="nhsuk-heading-s">{chart.title}</Heading>
      {chart.empty ? (
        <p className="nhsuk-body">{chart.empty}</p>
      ) : (
        <>
          <ChartCanvas spec={chart.spec} label={chart.description} />
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">
                Show the figures<span className="nhsuk-u-visually-hidden">: {chart.title.toLowerCase()}</span> as a table
              </span>
            </summary>
            <div className="nhsuk-details__text">
              <CountTable testId={`chart-table-${chart.key}`} caption={chart.table.caption} headers={chart.table.headers} empty="" rows={chart.table.rows} />
            </div>
          </details>
        </>
      )}
    </div>
  );
}

/** A canvas chart.js draws on, kept and updated in place as the figures change (a board's figures move live). */
function ChartCanvas({ spec, label }: { spec: ChartSpec; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<DrawnChart | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    loadChartModule().then(
      ({ drawChart }) => {
        if (!current || !canvas.current) return;
        if (drawn.current) drawn.current.update(spec);
        else drawn.current = drawChart(canvas.current, spec);
      },
      () => {
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [spec]);

  useEffect(
    () => () => {
      drawn.current?.destroy();
      drawn.current = null;
    },
    [],
  );

  return (
    <div className="desk-charts__canvas">
      {failed ? (
        <p className="nhsuk-body">The chart could not be loaded. The figures are in the table.</p>
      ) : (
        <canvas ref={canvas} role="img" aria-label={label} />
      )}
    </div>
  );
}
