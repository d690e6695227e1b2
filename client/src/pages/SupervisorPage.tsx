import type { ConnectionStatus } from '../lib/socket';
import { useKeepAlive } from '../features/auth/sessionKeeper';
import { QueueTable } from '../features/queue/QueueTable';
import { RecentDecisions } from '../features/queue/RecentDecisions';
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
  // A board on a wall screen is watched, not typed at: it keeps its session alive (a clinician's case list does not).
  useKeepAlive('board', true);
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
        <QueueTable
          caption="Open cases, oldest first"
          captionClassName="nhsuk-u-visually-hidden"
          referenceHeader="Reference"
          showClinician
          rows={[...items]
            .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
            .map((item) => ({ ...item, id: item.caseId, clinician: item.assignedClinician ?? 'Not assigned' }))}
        />
      )}

      <RecentDecisions refreshKey={feed.updatedAt} />
    </div>
  );
}
