import { DISPOSITION_LABEL, JOIN_FAILURE_LABEL, JOIN_FAILURES, dispositions, type BoardHeadline, type DayFigures } from '@desk/shared';

/** "2 min 5 s", "45 s"; a dash when there is nothing to measure yet. */
export function formatWait(seconds: number | null): string {
  if (seconds === null) return '–';
  const whole = Math.round(seconds);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return m ? `${m} min${s ? ` ${s} s` : ''}` : `${s} s`;
}

export function formatConversion(today: DayFigures): string {
  if (today.conversion === null) return '–';
  return `${Math.round(today.conversion * 100)}%`;
}

type Figure = { name: string; label: string; value: string; detail?: string };

/** The headline numbers, each in a `headline-<name>` element (the contract's test ids). */
export function Headline({ headline }: { headline: BoardHeadline }) {
  const { today } = headline;
  const figures: Figure[] = [
    { name: 'open', label: 'Open cases', value: String(headline.open) },
    { name: 'waiting', label: 'Parents waiting', value: String(headline.waiting) },
    { name: 'in-call', label: 'Calls in progress', value: String(headline.inCall) },
    { name: 'call-back', label: 'Call back due', value: String(headline.callBackDue) },
    { name: 'median-wait', label: 'Median wait to admit today', value: formatWait(today.waits.medianSeconds), detail: `${today.waits.count} admitted` },
    { name: 'p90-wait', label: '90th percentile wait today', value: formatWait(today.waits.p90Seconds) },
    { name: 'conversion', label: 'Video conversion today', value: formatConversion(today), detail: `${today.connected} of ${today.linksSent} links connected` },
    { name: 'overrides', label: 'Below the NG143 route today', value: String(today.overrides), detail: 'latest versions only' },
  ];
  return (
    <section aria-labelledby="headline-h">
      <h2 className="nhsuk-u-visually-hidden" id="headline-h">
        Headline figures
      </h2>
      <dl className="desk-headline">
        {figures.map((f) => (
          <div className="desk-headline__item" key={f.name}>
            <dt className="desk-headline__label">{f.label}</dt>
            <dd className="desk-headline__value" data-testid={`headline-${f.name}`}>
              {f.value}
            </dd>
            {f.detail ? <dd className="desk-headline__detail">{f.detail}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * A day's failure reasons, dispositions and amendments as tables (the charts' words, and the
 * figures themselves). `day` is how the captions name it: "today" on the board, "on 2 December
 * 2025" in a report.
 */
export function TodayTables({ today, day = 'today' }: { today: DayFigures; day?: string }) {
  const failures = JOIN_FAILURES.filter((k) => today.failedJoins[k] > 0);
  const mix = dispositions.filter((d) => today.dispositions[d] > 0);
  const { amendments } = today;
  return (
    <div className="desk-board__today">
      <CountTable
        testId="failed-joins"
        caption={`Failed joins ${day}, by reason`}
        headers={['Reason', 'Joins']}
        empty={`No failed joins ${day}.`}
        rows={failures.map((k) => ({ key: k, label: JOIN_FAILURE_LABEL[k], values: [today.failedJoins[k]] }))}
      />
      <CountTable
        testId="disposition-mix"
        caption={`Decisions ${day}, by disposition (latest versions)`}
        headers={['Disposition', 'Cases']}
        empty={`No decisions signed ${day}.`}
        rows={mix.map((d) => ({ key: d, label: DISPOSITION_LABEL[d], values: [today.dispositions[d]] }))}
      />
      <div data-testid="amendments">
        <h3 className="nhsuk-heading-s">Amendments {day}</h3>
        {amendments.total === 0 ? (
          <p className="nhsuk-body">No decisions amended {day}.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--bullet">
            <li>
              {amendments.total} {amendments.total === 1 ? 'amendment' : 'amendments'} in all
            </li>
            <li className={amendments.changedOverride ? 'desk-board__alert desk-board__alert--amber' : undefined}>
              {amendments.changedOverride} changed an override of the NG143 route
            </li>
            <li className={amendments.changedAdvice ? 'desk-board__alert desk-board__alert--amber' : undefined}>
              {amendments.changedAdvice} changed the advice the parent was sent
            </li>
          </ul>
        )}
      </div>
    </div>
  );
}

type CountTableProps = {
  testId: string;
  caption: string;
  /** The rows' label column, then one per value. */
  headers: readonly [string, ...string[]];
  empty: string;
  rows: readonly { key: string; label: string; values: readonly (number | string)[] }[];
  /** A caption read by screen readers only, where a heading above already says it. */
  captionHidden?: boolean;
};

/** A caption, a label and its figures per row, or one row saying there is nothing yet. */
export function CountTable({ testId, caption, headers, empty, rows, captionHidden = false }: CountTableProps) {
  const [labelHeader, ...valueHeaders] = headers;
  return (
    <table className="nhsuk-table" data-testid={testId}>
      <caption className={`nhsuk-table__caption nhsuk-table__caption--s${captionHidden ? ' nhsuk-u-visually-hidden' : ''}`}>{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">{labelHeader}</th>
          {valueHeaders.map((header) => (
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric" key={header}>{header}</th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.length === 0 ? (
          <tr className="nhsuk-table__row">
            <td className="nhsuk-table__cell" colSpan={headers.length}>{empty}</td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr className="nhsuk-table__row" key={row.key} data-key={row.key}>
              <th scope="row" className="nhsuk-table__cell">{row.label}</th>
              {row.values.map((value, index) => (
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric" key={valueHeaders[index] ?? index}>{value}</td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
