import { formatUkPhone, IN_CALL_STATES, type Case, type SmsSummary } from '@desk/shared';
import { formatTime } from '../../lib/format';
import { InviteColleague } from './InviteColleague';
import { useInvite } from './useInvite';

type Props = { caseRecord: Case; devMode: boolean; onSent: () => void };

/**
 * The newer of the SMS this page just sent and the case's latest. The same SMS in both: the case's,
 * fetched again when the worker or a delivery receipt changed it ("Sending…" → "Sent").
 */
function latestSms(justSent: SmsSummary | null, ofCase: SmsSummary | null): SmsSummary | null {
  if (!justSent || !ofCase) return justSent ?? ofCase;
  if (justSent.id === ofCase.id) return ofCase;
  return Date.parse(justSent.createdAt) >= Date.parse(ofCase.createdAt) ? justSent : ofCase;
}

function phone(to: string): string {
  return to.startsWith('+44') ? formatUkPhone(to) : to;
}

/** What became of an SMS, as the server's worker and the provider's receipts report it (docs/operations.md, "SMS"). */
export function smsStatusText(sms: SmsSummary): string {
  const at = formatTime(sms.createdAt);
  switch (sms.status) {
    case 'queued':
      // A failed attempt left it queued: the worker tries again, with the reason it gave.
      if (sms.failureReason) {
        const when = sms.nextAttemptAt ? ` at ${formatTime(sms.nextAttemptAt)}` : '';
        return `Retrying: not sent to ${phone(sms.to)} yet (${sms.failureReason}). Trying again${when}.`;
      }
      return `Sending to ${phone(sms.to)}… (queued at ${at})`;
    case 'sent':
      return `Sent to ${phone(sms.to)} at ${at}`;
    case 'delivered':
      return `Sent to ${phone(sms.to)} at ${at}, delivered`;
    case 'failed':
      return `Failed: ${sms.failureReason ?? 'the SMS could not be sent'}`;
  }
}

export function VideoLinkSection({ caseRecord, devMode, onSent }: Props) {
  const invite = useInvite(caseRecord.id, onSent);
  const sms = latestSms(invite.sent?.sms ?? null, caseRecord.lastSms);
  const devLink = invite.sent?.devJoinLink ?? caseRecord.devJoinLink ?? null;
  const callState = caseRecord.call?.state ?? null;
  // A new link mid-call would text a parent who is already on video: end the call first.
  const parentJoined = callState !== null && (callState === 'parent_waiting' || IN_CALL_STATES.has(callState));
  const landline = caseRecord.callerPhoneKind === 'landline';
  // The demo QR code is for joining: once the parent is in, it only pushes the video out of view.
  const showDev = sms !== null && (devMode || Boolean(devLink)) && !parentJoined;

  return (
    <section aria-labelledby="video-heading" className="nhsuk-u-margin-bottom-6">
      <h2 className="nhsuk-heading-m" id="video-heading">
        Video
      </h2>
      {landline && !invite.mobileRequired ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The caller's number is a landline: the video link needs a mobile. You can still assess by phone.</p>
        </div>
      ) : null}

      <div role="status">
        {sms ? (
          <p className={sms.status === 'failed' ? 'nhsuk-body desk-sms--failed' : 'nhsuk-body'} data-testid="sms-status">
            {smsStatusText(sms)}
          </p>
        ) : null}
        {sms?.status === 'failed' ? <p className="nhsuk-body">Try sending the link again, or carry on by phone.</p> : null}
      </div>

      {invite.mobileRequired ? (
        <div className="nhsuk-card nhsuk-card--warning">
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading">
              <span className="nhsuk-u-visually-hidden">Important: </span>A mobile is needed for the video link
            </h3>
            <p className="nhsuk-card__description">
              The link is sent by text message, and this number is not a mobile. Continue the assessment by phone: you
              can record a decision without video.
            </p>
          </div>
        </div>
      ) : null}
      {invite.error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {invite.error}
        </p>
      ) : null}

      <button
        type="button"
        className={sms || landline ? 'nhsuk-button nhsuk-button--secondary' : 'nhsuk-button'}
        onClick={() => void invite.send()}
        disabled={invite.sending || parentJoined}
      >
        {/* The name stays "Send video link" (a contract the acceptance checks use); the hint says what a resend does. */}
        Send video link
      </button>
      {invite.sending ? <p className="nhsuk-body-s" role="status">Sending…</p> : null}
      {parentJoined ? (
        <p className="nhsuk-hint">The parent has joined with the link sent. End the call before sending a new one.</p>
      ) : sms ? (
        <p className="nhsuk-hint">Sending again replaces the earlier link: the earlier link stops working.</p>
      ) : null}

      <InviteColleague caseId={caseRecord.id} onSent={onSent} />

      {showDev && sms ? (
        <div className="nhsuk-card">
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading nhsuk-heading-s">Demo only: open the link on a phone</h3>
            <img
              className="desk-qr"
              src={`/api/cases/${caseRecord.id}/dev-qr.svg?t=${sms.id}`}
              alt="QR code of the join link for a phone on this network"
              width={200}
              height={200}
            />
            {devLink ? (
              <p className="nhsuk-body-s desk-link-text">
                <a href={devLink} target="_blank" rel="noreferrer">
                  {devLink}
                </a>
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
