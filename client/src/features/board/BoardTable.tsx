import { AGE_BAND_LABEL, BOARD_STATES, COMPLAINT_LABEL, type BoardCase, type BoardState, type BoardThresholds } from '@desk/shared';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { rowAlert, secondsSince, type RowAlert } from './alerts';
import { BOARD_STATE_COLOUR, BOARD_STATE_LABEL, BOARD_STATE_ORDER, REASON_LABEL, formatElapsed, spokenElapsed } from './labels';

type Props = { rows: readonly BoardCase[]; thresholds: BoardThresholds; serverNowMs: number };

type SortKey = 'urgency' | 'waiting' | 'open' | 'clinician';
const SORT_LABEL: Record<SortKey, string> = {
  urgency: 'Most urgent first',
  waiting: 'Longest in its state first',
  open: 'Longest open first',
  clinician: 'Clinician',
};

const ALERT_RANK = { red: 0, amber: 1 } as const;

type Shown = { row: BoardCase; alert: RowAlert | null; inState: number; open: number };

function sortRows(shown: Shown[], key: SortKey): Shown[] {
  const byState = (s: BoardState) => BOARD_STATE_ORDER.indexOf(s);
  return [...shown].sort((a, b) => {
    switch (key) {
      case 'urgency':
        return (
          (a.alert ? ALERT_RANK[a.alert.level] : 2) - (b.alert ? ALERT_RANK[b.alert.level] : 2) ||
          byState(a.row.state) - byState(b.row.state) ||
          b.inState - a.inState
        );
      case 'waiting':
        return b.inState - a.inState;
      case 'open':
        return b.open - a.open;
      case 'clinician':
        return (a.row.clinician?.name ?? '~').localeCompare(b.row.clinician?.name ?? '~', 'en-GB') || b.inState - a.inState;
    }
  });
}

/**
 * Every case on the board, one row each, with the contract's test hooks (`board-row`,
 * `data-case-id`, `data-state`, `data-wait-seconds`). A row past a threshold says so in words
 * and turns amber or red; sort and filter by state and clinician.
 */
export function BoardTable({ rows, thresholds, serverNowMs }: Props) {
  const id = useId();
  const [stateFilter, setStateFilter] = useState<BoardState | 'all'>('all');
  const [clinicianFilter, setClinicianFilter] = useState<string>('all');
  const [sort, setSort] = useState<SortKey>('urgency');

  const clinicians = [...new Map(rows.flatMap((r) => (r.clinician ? [[r.clinician.id, r.clinician.name] as const] : []))).entries()].sort((a, b) =>
    a[1].localeCompare(b[1], 'en-GB'),
  );
  const shown = sortRows(
    rows
      .filter((r) => stateFilter === 'all' || r.state === stateFilter)
      .filter((r) => clinicianFilter === 'all' || (clinicianFilter === 'none' ? !r.clinician : r.clinician?.id === clinicianFilter))
      .map((row) => ({ row, alert: rowAlert(row, serverNowMs, thresholds), inState: secondsSince(row.stateSince, serverNowMs), open: secondsSince(row.createdAt, serverNowMs) })),
    sort,
  );

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 className="nhsuk-heading-m" id={`${id}-h`}>
        Cases
      </h2>
      <div className="desk-board__filters">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-state`}>
            State
          </label>
          <select className="nhsuk-select" id={`${id}-state`} value={stateFilter} onChange={(e) => setStateFilter(e.target.value as BoardState | 'all')}>
            <option value="all">All states</option>
            {BOARD_STATES.map((s) => (
              <option key={s} value={s}>
                {BOARD_STATE_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-clinician`}>
            Clinician
          </label>
          <select className="nhsuk-select" id={`${id}-clinician`} value={clinicianFilter} onChange={(e) => setClinicianFilter(e.target.value)}>
            <option value="all">All clinicians</option>
            <option value="none">Not assigned</option>
            {clinicians.map(([cid, name]) => (
              <option key={cid} value={cid}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-sort`}>
            Sort by
          </label>
          <select className="nhsuk-select" id={`${id}-sort`} value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            {(Object.keys(SORT_LABEL) as SortKey[]).map((k) => (
              <option key={k} value={k}>
                {SORT_LABEL[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="nhsuk-body-l">{rows.length === 0 ? 'No open cases.' : 'No cases match these filters.'}</p>
      ) : (
        <table className="nhsuk-table desk-board__table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            {shown.length} {shown.length === 1 ? 'case' : 'cases'}, {SORT_LABEL[sort].toLowerCase()}
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {['Reference', 'Child', 'Complaint', 'State', 'In this state', 'Open for', 'Clinician', 'Band'].map((h) => (
                <th scope="col" className="nhsuk-table__header" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {shown.map(({ row, alert, inState, open }) => (
              <tr
                key={row.caseId}
                className={`nhsuk-table__row${alert ? ` desk-board__row--${alert.level}` : ''}`}
                data-testid="board-row"
                data-case-id={row.caseId}
                data-state={row.state}
                data-wait-seconds={inState}
                data-alert={alert?.level ?? 'none'}
                data-safeguarding={row.safeguarding}
              >
                <td className="nhsuk-table__cell">
                  <Link to={`/cases/${row.caseId}`}>{row.reference}</Link>
                </td>
                <td className="nhsuk-table__cell">
                  {row.childFirstName}, {AGE_BAND_LABEL[row.ageBand].toLowerCase()}
                  {/* A word, not a colour: the concern itself is on the case page. */}
                  {row.safeguarding ? (
                    <strong className="nhsuk-tag nhsuk-tag--red desk-board__safeguarding" data-testid="safeguarding-tag">
                      Safeguarding
                    </strong>
                  ) : null}
                </td>
                <td className="nhsuk-table__cell">{COMPLAINT_LABEL[row.complaint]}</td>
                <td className="nhsuk-table__cell">
                  <strong className={`nhsuk-tag nhsuk-tag--${BOARD_STATE_COLOUR[row.state]}`}>{BOARD_STATE_LABEL[row.state]}</strong>
                  {row.call?.reason && row.state !== 'decided' ? <span className="desk-board__detail">{REASON_LABEL[row.call.reason]}</span> : null}
                  {alert ? (
                    <span className={`desk-board__alert desk-board__alert--${alert.level}`}>
                      <span className="nhsuk-u-visually-hidden">{alert.level === 'red' ? 'Urgent: ' : 'Warning: '}</span>
                      {alert.text}
                    </span>
                  ) : null}
                </td>
                <td className="nhsuk-table__cell desk-board__time">
                  <span aria-hidden="true">{formatElapsed(inState)}</span>
                  <span className="nhsuk-u-visually-hidden">{spokenElapsed(inState)}</span>
                </td>
                <td className="nhsuk-table__cell desk-board__time">
                  <span aria-hidden="true">{formatElapsed(open)}</span>
                  <span className="nhsuk-u-visually-hidden">{spokenElapsed(open)}</span>
                </td>
                <td className="nhsuk-table__cell">{row.clinician?.name ?? 'Not assigned'}</td>
                <td className="nhsuk-table__cell">
                  {row.band ? `${row.band[0]!.toUpperCase()}${row.band.slice(1)}` : 'Not assessed'}
                  {row.overridden ? <span className="desk-board__detail">Below the NG143 route</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
