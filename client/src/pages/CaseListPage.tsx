import { Link, useLocation } from 'react-router';
import { useCaseList } from '../features/board/useBoard';
import { useSessionStore } from '../features/auth/sessionStore';
import { caseListOrder } from '../features/queue/caseListOrder';
import { QueueTable } from '../features/queue/QueueTable';
import { caseListNotice } from '../features/decision/NextCase';
import { deskTabTitle } from '../features/call/waiting';

/**
 * The clinician's open cases, live: a snapshot from `cases:watch`, then the rows that change
 * (the same deltas the supervisor's board gets, without its figures). Nothing is refetched per change.
 * The clinician's own cases come first, marked "Yours"; a case reassigned to or from them moves live.
 */
export default function CaseListPage() {
  const list = useCaseList();
  const userId = useSessionStore((s) => s.session?.user.id ?? null);
  const ordered = list.data ? caseListOrder(Object.values(list.data.rows), userId) : null;
  const rows = ordered ? [...ordered.mine, ...ordered.others] : null;
  const mine = new Set(ordered?.mine.map((row) => row.caseId));
  // "Next case" found none of theirs left: said here, where they land.
  const notice = caseListNotice(useLocation().state);
  // A parent waiting on one of theirs shows in the tab strip while the clinician is elsewhere.
  const waitingForMe = ordered?.mine.filter((row) => row.call?.state === 'parent_waiting').length ?? 0;

  return (
    <>
      <title>{deskTabTitle('Open cases', waitingForMe)}</title>
      <h1 className="nhsuk-heading-l">Open cases</h1>
      <div role="status">
        {notice ? (
          <div className="nhsuk-inset-text" data-testid="case-list-notice">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{notice}</p>
          </div>
        ) : null}
      </div>
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
          caption={`${rows.length} open ${rows.length === 1 ? 'case' : 'cases'}${mine.size ? `, ${mine.size} of them yours (listed first)` : ''}`}
          captionClassName="nhsuk-table__caption nhsuk-table__caption--m"
          referenceHeader="111 reference"
          showClinician
          rows={rows.map((row) => ({
            id: row.caseId,
            reference: <Link to={`/cases/${row.caseId}`}>{row.reference}</Link>,
            childFirstName: row.childFirstName,
            childAgeMonths: row.childAgeMonths,
            complaint: row.complaint,
            language: row.language,
            call: row.call ? { state: row.call.state, reason: row.call.reason } : null,
            createdAt: row.createdAt,
            mine: mine.has(row.caseId),
            clinician: mine.has(row.caseId) ? (
              <>
                <strong className="nhsuk-tag nhsuk-tag--blue" data-testid="yours">
                  Yours
                </strong>
                <span className="nhsuk-u-visually-hidden"> ({row.clinician?.name})</span>
              </>
            ) : (
              (row.clinician?.name ?? 'Not assigned')
            ),
          }))}
        />
      )}
    </>
  );
}
