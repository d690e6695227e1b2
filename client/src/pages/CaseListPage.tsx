import type { Case } from '@desk/shared';
import { Link } from 'react-router';
import { fetchOpenCases } from '../features/cases/api';
import { QueueTable } from '../features/queue/QueueTable';
import { useQueueFeed } from '../features/queue/useQueueFeed';
import { errorMessage } from '../lib/errors';
import { useResource } from '../lib/useResource';

export default function CaseListPage() {
  const cases = useResource('/api/cases', fetchOpenCases);
  // Any queue change (new case, call state, SMS) refreshes the list from the server.
  useQueueFeed(() => cases.reload());

  return (
    <>
      <title>Open cases – NHS 111 paediatric video desk</title>
      <h1 className="nhsuk-heading-l">Open cases</h1>
      <Link className="nhsuk-button" to="/cases/new">
        New case
      </Link>
      <CaseTable cases={cases.data} loading={cases.loading} error={cases.error} onRetry={cases.reload} />
    </>
  );
}

type TableProps = { cases: Case[] | null; loading: boolean; error: unknown; onRetry: () => void };

function CaseTable({ cases, loading, error, onRetry }: TableProps) {
  if (error && !cases) {
    return (
      <div className="nhsuk-error-summary" role="alert">
        <h2 className="nhsuk-error-summary__heading">Cannot load the cases</h2>
        <div className="nhsuk-error-summary__body">
          <p>{errorMessage(error)}</p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onRetry}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (!cases) {
    return (
      <p className="nhsuk-body" role="status">
        {loading ? 'Loading cases…' : ''}
      </p>
    );
  }
  if (cases.length === 0) {
    return (
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>There are no open cases. Start a new case when 111 passes a call to the desk.</p>
      </div>
    );
  }
  return (
    <QueueTable
      caption={`${cases.length} open ${cases.length === 1 ? 'case' : 'cases'}`}
      captionClassName="nhsuk-table__caption nhsuk-table__caption--m"
      referenceHeader="111 reference"
      rows={cases.map((item) => ({ ...item, reference: <Link to={`/cases/${item.id}`}>{item.reference}</Link> }))}
    />
  );
}
