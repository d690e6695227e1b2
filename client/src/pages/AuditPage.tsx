import type { AuditEntry, AuditPage as AuditResults, AuditQuery } from '@desk/shared';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorSummary, type FormError } from '../components/ErrorSummary';
import { SelectField, TextField } from '../components/Fields';
import { loadAuditPage } from '../features/reports/api';
import {
  AUDIT_FIELD_IDS,
  actionLabel,
  actorLabel,
  auditApiPath,
  auditTime,
  formFromQuery,
  pageCount,
  queryFromForm,
  queryFromSearch,
  searchOf,
  summariseDetail,
  type AuditForm,
} from '../features/reports/audit';
import { SupervisorNav } from '../features/reports/SupervisorNav';
import { errorMessage } from '../lib/errors';
import { useResource } from '../lib/useResource';

const NO_RESULTS: Pick<AuditResults, 'actions' | 'staff'> = { actions: [], staff: [] };

/**
 * The audit viewer (issue 10): who viewed, invited, admitted, decided, amended, reassigned and
 * exported, newest first, filtered by case, person, action and time. Read-only; the filters and
 * the page are in the address, so a reload or a link keeps them. Opening it is audited too.
 */
export default function AuditPage() {
  const [search, setSearch] = useSearchParams();
  const query = queryFromSearch(search);
  const onFilter = (next: AuditQuery) => setSearch(searchOf(next));

  return (
    <div className="desk-audit">
      <title>Audit – NHS 111 paediatric video desk</title>
      <SupervisorNav />
      <h1 className="nhsuk-heading-xl">Audit</h1>
      <p className="nhsuk-body-l">Who did what, newest first. Nothing here can be changed, and opening this page is recorded in the audit too.</p>
      {query ? (
        <AuditResultsView query={query} onFilter={onFilter} />
      ) : (
        <>
          <p className="nhsuk-error-message" role="alert">
            <span className="nhsuk-u-visually-hidden">Error:</span> The address holds filters the audit cannot read.
          </p>
          <p className="nhsuk-body">
            <Link to="/supervisor/audit">Start again with no filters</Link>
          </p>
        </>
      )}
    </div>
  );
}

function AuditResultsView({ query, onFilter }: { query: AuditQuery; onFilter: (query: AuditQuery) => void }) {
  const path = auditApiPath(query);
  const results = useResource(path, loadAuditPage(query));
  // The lists of people and actions come with the results; kept from the last answer while the next loads.
  const [lists, setLists] = useState(NO_RESULTS);
  if (results.data && (results.data.staff !== lists.staff || results.data.actions !== lists.actions)) {
    setLists({ staff: results.data.staff, actions: results.data.actions });
  }

  return (
    <>
      <AuditFilters key={path} query={query} lists={lists} onFilter={onFilter} />
      <section aria-labelledby="audit-results-h">
        <h2 className="nhsuk-heading-m" id="audit-results-h">
          Entries
        </h2>
        {results.error && !results.data ? (
          <p className="nhsuk-error-message" role="alert" data-testid="audit-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> The audit could not be loaded. {errorMessage(results.error)}
          </p>
        ) : !results.data ? (
          <p className="nhsuk-body-l" role="status">
            Loading the audit…
          </p>
        ) : (
          <AuditTable results={results.data} query={query} />
        )}
      </section>
    </>
  );
}

type FiltersProps = { query: AuditQuery; lists: Pick<AuditResults, 'actions' | 'staff'>; onFilter: (query: AuditQuery) => void };

function AuditFilters({ query, lists, onFilter }: FiltersProps) {
  const [form, setForm] = useState<AuditForm>(() => formFromQuery(query));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const field = (key: keyof AuditForm) => ({
    value: form[key],
    error: errors.find((e) => e.fieldId === AUDIT_FIELD_IDS[key])?.message,
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const read = queryFromForm(form);
    if ('errors' in read) {
      setErrors(read.errors);
      setFocusKey((k) => k + 1);
      return;
    }
    setErrors([]);
    onFilter(read.query);
  };
  // A person or action in the address that the lists do not hold (yet) still shows as chosen.
  const staff = query.userId && !lists.staff.some((s) => s.id === query.userId) ? [...lists.staff, { id: query.userId, name: 'The person in the address', role: '' }] : lists.staff;
  const actions = query.action && !lists.actions.includes(query.action) ? [...lists.actions, query.action] : lists.actions;

  return (
    <form className="desk-audit__filters" onSubmit={onSubmit} noValidate aria-labelledby="audit-filters-h">
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <h2 className="nhsuk-heading-m" id="audit-filters-h">
        Filters
      </h2>
      <div className="desk-audit__fields">
        <TextField id={AUDIT_FIELD_IDS.caseId} label="Case" hint="Its page's address, or the id at its end" spellCheck={false} autoComplete="off" {...field('caseId')} />
        <SelectField id={AUDIT_FIELD_IDS.userId} label="Who" {...field('userId')}>
          <option value="">Anyone</option>
          {staff.map((person) => (
            <option value={person.id} key={person.id}>
              {person.name}
              {person.role ? ` (${person.role})` : ''}
            </option>
          ))}
        </SelectField>
        <SelectField id={AUDIT_FIELD_IDS.action} label="Action" {...field('action')}>
          <option value="">Any action</option>
          {actions.map((action) => (
            <option value={action} key={action}>
              {actionLabel(action)}
            </option>
          ))}
        </SelectField>
        <TextField id={AUDIT_FIELD_IDS.from} type="datetime-local" label="From" hint="UK time" {...field('from')} />
        <TextField id={AUDIT_FIELD_IDS.to} type="datetime-local" label="To" hint="UK time" {...field('to')} />
      </div>
      <div className="desk-audit__actions">
        <button type="submit" className="nhsuk-button">
          Apply filters
        </button>
        <p className="nhsuk-body">
          <Link to="/supervisor/audit">Clear the filters</Link>
        </p>
      </div>
    </form>
  );
}

function AuditTable({ results, query }: { results: AuditResults; query: AuditQuery }) {
  const pages = pageCount(results.total, results.pageSize);
  if (results.entries.length === 0) {
    return (
      <p className="nhsuk-body-l" data-testid="audit-empty">
        {results.total > 0 && results.page > pages ? (
          <>
            There is no page {results.page}: the {results.total} entries fill {pages}. <Link to={`?${searchOf({ ...query, page: 1 }).toString()}`}>Go to page 1</Link>
          </>
        ) : (
          'No audit entries match these filters.'
        )}
      </p>
    );
  }
  const first = (results.page - 1) * results.pageSize + 1;
  return (
    <>
      <p className="nhsuk-body" data-testid="audit-count">
        {first} to {first + results.entries.length - 1} of {results.total} {results.total === 1 ? 'entry' : 'entries'}
      </p>
      <table className="nhsuk-table desk-audit__table" data-testid="audit-entries">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Audit entries, newest first</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Time (UK)</th>
            <th scope="col" className="nhsuk-table__header">Who</th>
            <th scope="col" className="nhsuk-table__header">Action</th>
            <th scope="col" className="nhsuk-table__header">Case</th>
            <th scope="col" className="nhsuk-table__header">Detail</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {results.entries.map((entry) => (
            <AuditRow entry={entry} query={query} key={entry.id} />
          ))}
        </tbody>
      </table>
      <AuditPaging page={results.page} pages={pages} query={query} />
    </>
  );
}

function AuditRow({ entry, query }: { entry: AuditEntry; query: AuditQuery }) {
  const who = actorLabel(entry.actor);
  return (
    <tr className="nhsuk-table__row" data-testid="audit-entry" data-action={entry.action} data-case-id={entry.caseId ?? undefined}>
      <td className="nhsuk-table__cell desk-audit__time">
        <time dateTime={entry.at}>{auditTime(entry.at)}</time>
      </td>
      <td className="nhsuk-table__cell">
        {who.name}
        {who.role ? <span className="desk-audit__role">{who.role}</span> : null}
      </td>
      <td className="nhsuk-table__cell">{actionLabel(entry.action)}</td>
      <td className="nhsuk-table__cell">
        {entry.caseId ? (
          <>
            <Link to={`/cases/${entry.caseId}`}>{entry.reference ?? 'Open the case'}</Link>
            {query.caseId !== entry.caseId ? (
              <Link className="desk-audit__only" to={`?${searchOf({ ...query, caseId: entry.caseId, page: 1 }).toString()}`}>
                Only this case<span className="nhsuk-u-visually-hidden">: {entry.reference ?? entry.caseId}</span>
              </Link>
            ) : null}
          </>
        ) : (
          <span className="desk-audit__subject">{entry.subject || '–'}</span>
        )}
      </td>
      <td className="nhsuk-table__cell desk-audit__detail">{summariseDetail(entry.detail)}</td>
    </tr>
  );
}

/** NHS.UK pagination: Previous and Next, and where this page is among them. */
function AuditPaging({ page, pages, query }: { page: number; pages: number; query: AuditQuery }) {
  const to = (n: number) => `?${searchOf({ ...query, page: n }).toString()}`;
  return (
    <nav className="nhsuk-pagination desk-audit__paging" aria-label="Audit pages">
      <ul className="nhsuk-list nhsuk-pagination__list">
        {page > 1 ? (
          <li className="nhsuk-pagination-item--previous">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={to(page - 1)} rel="prev">
              <span className="nhsuk-pagination__title">
                Previous <span className="nhsuk-u-visually-hidden">page</span>
              </span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">Page {page - 1}</span>
            </Link>
          </li>
        ) : null}
        {page < pages ? (
          <li className="nhsuk-pagination-item--next">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={to(page + 1)} rel="next">
              <span className="nhsuk-pagination__title">
                Next <span className="nhsuk-u-visually-hidden">page</span>
              </span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">Page {page + 1}</span>
            </Link>
          </li>
        ) : null}
      </ul>
      <p className="nhsuk-body desk-audit__where" data-testid="audit-page">
        Page {page} of {pages}
      </p>
    </nav>
  );
}
