import { formatUkPhone, type Case, type SmsSummary } from '@desk/shared';
import { formatTime } from '../../lib/format';
import { linkControls, sendLinkName, type CallFacts } from '../call/linkControls';
import { InviteColleague } from './InviteColleague';
import { useInvite } from './useInvite';

type Props = {
  caseRecord: Case;
  /** The call as the page knows it now (the socket's latest snapshot, else the case's summary). */
  call: CallFacts | null;
  devMode: boolean;
  onSent: () => void;
};

/**
 * The newer of the SMS this page just sent and the case's latest. The same SMS in both: the case's,
 * fetched again when the worker or a delivery receipt changed it ("Sending…" → "Sent").
 */
function latestSms(justSent: SmsSummary | null, ofCase: SmsSummary | null): SmsSummary | null {
  if (!justSent || !ofCase) return justSent ?? ofCase;
  if (justSent.id === ofCase.id) return ofCase;
  return Date.parse(justSent.createdAt) >= Date.parse(ofCase.createdAt) ? justSent : ofCase;
}

/**
 * When the parent's latest link expires: the case's call says it (so a reloaded page knows), and
 * the link this page just sent says it before the case is fetched again. The later is the newer link.
 */
function linkExpiry(justSent: string | null, ofCall: string | null): string | null {
  if (!justSent || !ofCall) return justSent ?? ofCall;
  return Date.parse(justSent) >= Date.parse(ofCall) ? justSent : ofCall;
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

export function VideoLinkSection({ caseRecord, call, devMode, onSent }: Props) {
  const invite = useInvite(caseRecord.id, onSent);
  const sms = latestSms(invite.sent?.sms ?? null, caseRecord.lastSms);
  const devLink = invite.sent?.devJoinLink ?? caseRecord.devJoinLink ?? null;
  const controls = linkControls(call, sms !== null);
  const landline = caseRecord.callerPhoneKind === 'landline';
  // The demo QR code is for joining: only while the link can still be used (never once used, expired or the call is over).
  const showDev = sms !== null && (devMode || Boolean(devLink)) && controls.showJoinLink;
  const expiresAt = linkExpiry(invite.sent?.expiresAt ?? null, caseRecord.call?.linkExpiresAt ?? null);
  // An older server's case view does not say when: then only that it expired.
  const expiredAt = expiresAt ? ` at ${formatTime(expiresAt)}` : '';

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
        {sms && call?.state === 'ended' ? (
          <p className="nhsuk-body" data-testid="link-ended">
            The call has ended, so that link no longer works. Send a new one if you need video again.
          </p>
        ) : null}
      </div>
      {sms && sms.status !== 'failed' && controls.linkUnused && expiresAt ? (
        <p className="nhsuk-body" data-testid="link-expires">
          The link works until {formatTime(expiresAt)}.
        </p>
      ) : null}

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

      {controls.expired ? (
        <div className="nhsuk-inset-text" data-testid="link-expired">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The video link expired unused{expiredAt}. Send a new one if you still need video.</p>
        </div>
      ) : null}

      <button
        type="button"
        className={sms || landline ? 'nhsuk-button nhsuk-button--secondary' : 'nhsuk-button'}
        onClick={() => void invite.send()}
        data-shortcut="send-link"
        disabled={invite.sending || controls.sendBlocked}
        // The name reads the number back; it starts "Send video link" (a contract the acceptance checks use).
        aria-label={sendLinkName(controls.send, phone(caseRecord.callerPhone))}
      >
        {controls.send === 'send_again' ? 'Send video link again' : 'Send video link'}
      </button>
      {invite.sending ? <p className="nhsuk-body-s" role="status">Sending…</p> : null}
      {controls.sendBlocked ? (
        <p className="nhsuk-hint">The parent has joined with the link sent: a new link cannot be sent during the call.</p>
      ) : controls.send === 'send_again' && !controls.expired ? (
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
