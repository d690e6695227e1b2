import { describeDisposition, formatAge, recentDecisionSchema, type RecentDecision } from '@desk/shared';
import { useEffect } from 'react';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useResource } from '../../lib/useResource';
import { BandTag } from '../triage/BandTag';

const loadRecent = (signal: AbortSignal) => api('GET', '/api/supervisor/decisions', recentDecisionSchema.array(), { signal });

/** What the decision sent the child to, with the referral's details when there is one. */
function outcome(item: RecentDecision): string {
  const { decision } = item;
  const described = describeDisposition(decision.disposition, decision.timeframeHours);
  if (decision.hubReferral) return `${described}: ${decision.hubReferral.hub} (${decision.hubReferral.reason})`;
  if (decision.adviceLine) return `${described}: ${decision.adviceLine.specialist} advised "${decision.adviceLine.advice}"`;
  return described;
}

/**
 * The last day's signed decisions, for review after the cases leave the live queue. Overrides
 * below the NG143 route are highlighted (CLINICAL.md). `refreshKey` changes when the queue moves,
 * which is also when a decision is signed.
 */
export function RecentDecisions({ refreshKey }: { refreshKey: string | null }) {
  const recent = useResource('/api/supervisor/decisions', loadRecent);
  const { reload } = recent;
  useEffect(() => {
    if (refreshKey) reload();
  }, [refreshKey, reload]);
  const items = recent.data;
  const overrides = items?.filter((item) => item.decision.overridden).length ?? 0;

  return (
    <section aria-labelledby="recent-decisions-heading" className="nhsuk-u-margin-top-7">
      <h2 className="nhsuk-heading-l" id="recent-decisions-heading">
        Decisions in the last 24 hours
      </h2>
      {recent.error && !items ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {errorMessage(recent.error)}
        </p>
      ) : !items ? (
        <p className="nhsuk-body-l">Loading decisions…</p>
      ) : items.length === 0 ? (
        <p className="nhsuk-body-l">No decisions signed in the last 24 hours.</p>
      ) : (
        <>
          <p className="nhsuk-body-l">
            {items.length} signed, <strong>{overrides} below the NG143 route (overridden)</strong>.
          </p>
          <table className="nhsuk-table" data-testid="recent-decisions">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Signed decisions, newest first</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Signed</th>
                <th scope="col" className="nhsuk-table__header">Case</th>
                <th scope="col" className="nhsuk-table__header">Band</th>
                <th scope="col" className="nhsuk-table__header">Decision</th>
                <th scope="col" className="nhsuk-table__header">Signed by</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {items.map((item) => (
                <tr className={`nhsuk-table__row${item.decision.overridden ? ' desk-row--override' : ''}`} key={item.decision.id}>
                  <td className="nhsuk-table__cell">
                    <time dateTime={item.decision.signedAt}>{formatTime(item.decision.signedAt)}</time>
                    {item.decision.version > 1 ? ` (version ${item.decision.version})` : ''}
                  </td>
                  <td className="nhsuk-table__cell">
                    <strong>{item.reference}</strong>
                    <br />
                    {item.childFirstName}, {formatAge(item.childAgeMonths)}
                  </td>
                  <td className="nhsuk-table__cell">
                    <BandTag band={item.decision.band} prefix="NG143 band:" />
                  </td>
                  <td className="nhsuk-table__cell">
                    {outcome(item)}
                    {item.decision.overridden ? (
                      <>
                        <br />
                        <strong className="nhsuk-tag nhsuk-tag--red">Override</strong> {item.decision.overrideReason}
                      </>
                    ) : null}
                  </td>
                  <td className="nhsuk-table__cell">{item.decision.signedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
