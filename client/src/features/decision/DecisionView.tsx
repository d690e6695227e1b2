import { describeDisposition, type Case, type Decision } from '@desk/shared';
import type { ReactNode, Ref } from 'react';
import { formatTimeOnDate } from '../../lib/format';
import { smsStatusText } from '../cases/VideoLinkSection';
import { BandTag } from '../triage/BandTag';
import { noSmsText } from './clinicalRecord';
import { FindingsSummary } from '../triage/FindingsSummary';

export type DecisionContext = { ageMonths: number; callerPhoneKind: Case['callerPhoneKind'] };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** Every field of one signed version, as a summary list. */
export function DecisionDetails({
  decision,
  context,
  earlierVersions,
  overrideShownAbove = false,
}: {
  decision: Decision;
  context: DecisionContext;
  earlierVersions?: number;
  /** The override and its reason are already shown above (the signed view's callout): not again. */
  overrideShownAbove?: boolean;
}) {
  const sms = decision.safetyNettingSms;
  return (
    <dl className="nhsuk-summary-list">
      <Row label="Traffic light">
        <BandTag band={decision.band} prefix="NG143 band at signing:" /> <span className="nhsuk-body-s">Clinician decides.</span>
      </Row>
      <Row label="Disposition">
        <strong>{describeDisposition(decision.disposition, decision.timeframeHours)}</strong>
      </Row>
      {decision.overridden && !overrideShownAbove ? (
        <Row label="Override">
          <strong className="nhsuk-tag nhsuk-tag--red desk-tag--prominent">Overridden</strong>{' '}
          <span data-testid="override-reason">{decision.overrideReason ?? 'No reason recorded'}</span>
        </Row>
      ) : null}
      {decision.hubReferral ? (
        <Row label="Children's Hub referral">
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            <strong>Hub:</strong> {decision.hubReferral.hub}
          </p>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-0 desk-notes">
            <strong>Reason:</strong> {decision.hubReferral.reason}
          </p>
        </Row>
      ) : null}
      {decision.adviceLine ? (
        <Row label="Advice line">
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            <strong>Spoke to:</strong> {decision.adviceLine.specialist}
          </p>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-0 desk-notes">
            <strong>Advice:</strong> {decision.adviceLine.advice}
          </p>
        </Row>
      ) : null}
      <Row label="Findings">
        <FindingsSummary findings={decision.findings} ageMonths={context.ageMonths} />
      </Row>
      <Row label="Notes">
        <span className="desk-notes">{decision.notes}</span>
      </Row>
      <Row label="Safety-netting SMS">
        {sms ? (
          <span className={sms.status === 'failed' ? 'desk-sms--failed' : undefined}>{smsStatusText(sms)}</span>
        ) : (
          noSmsText(decision, context.callerPhoneKind)
        )}
      </Row>
      {decision.amendmentReason ? (
        <Row label="Reason for amendment">
          <span className="desk-notes">{decision.amendmentReason}</span>
        </Row>
      ) : null}
      <Row label="Signed">
        Signed by {decision.signedBy} at <time dateTime={decision.signedAt}>{formatTimeOnDate(decision.signedAt)}</time>
      </Row>
      <Row label="Version">
        {decision.version}
        {earlierVersions ? ` (${earlierVersions} earlier ${earlierVersions === 1 ? 'version' : 'versions'})` : ''}
      </Row>
    </dl>
  );
}

type ViewProps = {
  decision: Decision;
  earlierVersions: number;
  context: DecisionContext;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Shown unless an amendment is already open. */
  amendButton?: ReactNode;
  /** The clinician's controls on the outcome (copy for the record, next case), after the details. */
  actions?: ReactNode;
};

/** The latest signed version: immutable, amended only by a new version. */
export function DecisionView({ decision, earlierVersions, context, headingRef, amendButton, actions }: ViewProps) {
  return (
    <div className="nhsuk-card" data-testid="signed-decision">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-m" ref={headingRef} tabIndex={-1}>
          Signed decision
        </h3>
        {decision.overridden ? (
          <div className="nhsuk-card nhsuk-card--warning" data-testid="override-callout">
            <div className="nhsuk-card__content">
              <h4 className="nhsuk-card__heading nhsuk-heading-s">
                <span className="nhsuk-u-visually-hidden">Important: </span>Override: below the NG143 route
              </h4>
              <p className="nhsuk-card__description desk-notes">
                <strong>Reason:</strong> {decision.overrideReason ?? 'No reason recorded'}
              </p>
            </div>
          </div>
        ) : null}
        <DecisionDetails decision={decision} context={context} earlierVersions={earlierVersions} overrideShownAbove />
        {actions}
        {amendButton}
      </div>
    </div>
  );
}
