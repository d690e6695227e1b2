import { COMPLAINT_LABEL, formatAge } from '@desk/shared';
import type { ConnectionStatus } from '../lib/socket';
import { CallStateTag } from '../features/queue/CallStateTag';
import { queueCounts, useQueueFeed } from '../features/queue/useQueueFeed';
import { formatTime } from '../lib/format';

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connected: 'Live',
  connecting: 'Reconnecting…',
  disconnected: 'Disconnected. Reload the page.',
  protocol_mismatch: 'The desk was updated. Reload the page.',
  unauthenticated: 'Signed out. Sign in again.',
};

export default function SupervisorPage() {
  const feed = useQueueFeed();
  const items = feed.items;
  const counts = items ? queueCounts(items) : null;

  return (
    <div className="desk-wall">
      <title>Live queue – NHS 111 paediatric video desk</title>
      <h1 className="nhsuk-heading-xl">Live queue</h1>
      <p className="nhsuk-body-l" role="status">
        <strong className={`nhsuk-tag nhsuk-tag--${feed.status === 'connected' ? 'green' : 'yellow'}`}>
          {STATUS_TEXT[feed.status]}
        </strong>
        {feed.updatedAt ? (
          <>
            {' '}
            Last updated <time dateTime={feed.updatedAt}>{formatTime(feed.updatedAt)}</time>
          </>
        ) : null}
      </p>
      {feed.error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {feed.error}
        </p>
      ) : null}

      {counts ? (
        <ul className="desk-counts" aria-label="Counts">
          <li className="desk-counts__item">
            <span className="desk-counts__value">{counts.open}</span> open cases
          </li>
          <li className="desk-counts__item">
            <span className="desk-counts__value">{counts.waiting}</span> parents waiting
          </li>
          <li className="desk-counts__item">
            <span className="desk-counts__value">{counts.inCall}</span> in call
          </li>
        </ul>
      ) : null}

      {!items ? (
        <p className="nhsuk-body-l">Waiting for the queue…</p>
      ) : items.length === 0 ? (
        <p className="nhsuk-body-l">No open cases.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-u-visually-hidden">Open cases, oldest first</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Reference
              </th>
              <th scope="col" className="nhsuk-table__header">
                Child
              </th>
              <th scope="col" className="nhsuk-table__header">
                Complaint
              </th>
              <th scope="col" className="nhsuk-table__header">
                Video
              </th>
              <th scope="col" className="nhsuk-table__header">
                Clinician
              </th>
              <th scope="col" className="nhsuk-table__header">
                Created
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {[...items]
              .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
              .map((item) => (
                <tr className="nhsuk-table__row" key={item.caseId}>
                  <td className="nhsuk-table__cell">{item.reference}</td>
                  <td className="nhsuk-table__cell">
                    {item.childFirstName}, {formatAge(item.childAgeMonths)}
                  </td>
                  <td className="nhsuk-table__cell">{COMPLAINT_LABEL[item.complaint]}</td>
                  <td className="nhsuk-table__cell">
                    <CallStateTag call={item.call} />
                  </td>
                  <td className="nhsuk-table__cell">{item.assignedClinician ?? 'Not assigned'}</td>
                  <td className="nhsuk-table__cell">
                    <time dateTime={item.createdAt}>{formatTime(item.createdAt)}</time>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
