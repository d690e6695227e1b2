import { Link } from 'react-router';
import { useCaseList } from '../features/board/useBoard';
import { QueueTable } from '../features/queue/QueueTable';

/**
 * The clinician's open cases, live: a snapshot from `cases:watch`, then the rows that change
 * (the same deltas the supervisor's board gets, without its figures). Nothing is refetched per change.
 */
export default function CaseListPage() {
  const list = useCaseList();
  const rows = list.data
    ? Object.values(list.data.rows)
        .filter((row) => row.state !== 'decided')
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    : null;

  return (
    <>
      <title>Open cases – NHS 111 paediatric video desk</title>
      <h1 className="nhsuk-heading-l">Open cases</h1>
      <Link className="nhsuk-button" to="/cases/new">
        New case
      </Link>
      {list.connection === 'reconnecting' || list.connection === 'stopped' || list.problem ? (
        <p className="nhsuk-body" role="status">
          <strong className="nhsuk-tag nhsuk-tag--yellow">{list.problem ?? 'Reconnecting — the list may be out of date'}</strong>
        </p>
      ) : null}
      {!rows ? (
        <p className="nhsuk-body" role="status">
          Loading cases…
        </p>
      ) : rows.length === 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>There are no open cases. Start a new case when 111 passes a call to the desk.</p>
        </div>
      ) : (
        <QueueTable
          caption={`${rows.length} open ${rows.length === 1 ? 'case' : 'cases'}`}
          captionClassName="nhsuk-table__caption nhsuk-table__caption--m"
          referenceHeader="111 reference"
          showClinician
          rows={rows.map((row) => ({
            id: row.caseId,
            reference: <Link to={`/cases/${row.caseId}`}>{row.reference}</Link>,
            childFirstName: row.childFirstName,
            childAgeMonths: row.childAgeMonths,
            complaint: row.complaint,
            call: row.call ? { state: row.call.state, reason: row.call.reason } : null,
            createdAt: row.createdAt,
            clinician: row.clinician?.name ?? 'Not assigned',
          }))}
        />
      )}
    </>
  );
}
