import { describeDisposition, type Decision } from '@desk/shared';
import { formatDateTime } from '../../lib/format';

export function DecisionView({ decision, earlierVersions }: { decision: Decision; earlierVersions: number }) {
  return (
    <div className="nhsuk-card" data-testid="signed-decision">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-m">Signed decision</h3>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Disposition</dt>
            <dd className="nhsuk-summary-list__value">
              <strong>{describeDisposition(decision.disposition, decision.timeframeHours)}</strong>
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Notes</dt>
            <dd className="nhsuk-summary-list__value desk-notes">{decision.notes}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Signed</dt>
            <dd className="nhsuk-summary-list__value">
              Signed by {decision.signedBy} at <time dateTime={decision.signedAt}>{formatDateTime(decision.signedAt)}</time>
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Version</dt>
            <dd className="nhsuk-summary-list__value">
              {decision.version}
              {earlierVersions > 0 ? ` (${earlierVersions} earlier ${earlierVersions === 1 ? 'version' : 'versions'})` : ''}
            </dd>
          </div>
        </dl>
      </div>
    </div>
  );
}
