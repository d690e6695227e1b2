import { describeDisposition, type Decision } from '@desk/shared';
import { formatTimeOnDate } from '../../lib/format';
import { BandTag } from '../triage/BandTag';
import { DecisionDetails, type DecisionContext } from './DecisionView';

/** Earlier versions, newest first: each says which version superseded it and why. */
export function DecisionHistory({ versions, context }: { versions: readonly Decision[]; context: DecisionContext }) {
  const [, ...earlier] = versions;
  if (earlier.length === 0) return null;
  const byId = new Map(versions.map((v) => [v.id, v]));
  return (
    <section aria-labelledby="history-heading" className="nhsuk-u-margin-top-5" data-testid="decision-history">
      <h3 className="nhsuk-heading-s" id="history-heading">
        History
      </h3>
      <ol className="nhsuk-list desk-history">
        {earlier.map((version) => {
          const successor = version.supersededById ? byId.get(version.supersededById) : undefined;
          return (
            <li key={version.id} className="desk-history__item" data-testid={`version-${version.version}`}>
              <p className="nhsuk-body nhsuk-u-margin-bottom-1">
                <strong>Version {version.version}</strong>: {describeDisposition(version.disposition, version.timeframeHours)}{' '}
                <BandTag band={version.band} prefix="NG143 band:" />
                {version.overridden ? (
                  <>
                    {' '}
                    <strong className="nhsuk-tag nhsuk-tag--red">Overridden</strong>
                  </>
                ) : null}
              </p>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                Signed by {version.signedBy} at <time dateTime={version.signedAt}>{formatTimeOnDate(version.signedAt)}</time>
              </p>
              {version.supersededById ? (
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 desk-history__superseded">
                  <strong>Superseded by version {successor?.version ?? 'a newer version'}</strong>
                  {successor?.amendmentReason ? `: ${successor.amendmentReason}` : ''}
                </p>
              ) : null}
              <details className="nhsuk-details nhsuk-u-margin-bottom-2">
                <summary className="nhsuk-details__summary">
                  <span className="nhsuk-details__summary-text">Version {version.version} in full</span>
                </summary>
                <div className="nhsuk-details__text">
                  <DecisionDetails decision={version} context={context} />
                </div>
              </details>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
