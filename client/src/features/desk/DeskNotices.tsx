import type { DeskNotice } from '@desk/shared';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useStore } from 'zustand';
import { deskReaders } from '../../lib/deskReaders';
import { getSocket } from '../../lib/socket';
import { isUrgent, linksToCase, noticeText } from './notices';
import { createNoticesFeed, type NoticesFeed } from './noticesFeed';

/**
 * The notices a supervisor left on this clinician's desk, above every desk page until dismissed.
 * A new one is read out politely (it never takes focus); a waiting parent to take is a warning callout.
 */
export function DeskNotices() {
  const [feed] = useState<NoticesFeed>(() => createNoticesFeed(getSocket('staff', deskReaders)));
  useEffect(() => feed.start(), [feed]);
  const { notices, problem, arrived, dismissing, dismissErrors } = useStore(feed.store);
  const latest = arrived[0];

  return (
    <>
      <div className="nhsuk-u-visually-hidden" role="status" aria-live="polite" data-testid="desk-notices-announcer">
        {latest ? `New notice: ${noticeText(latest)}` : ''}
      </div>
      {notices.length > 0 || problem ? (
        <section className="desk-notices" aria-labelledby="desk-notices-h" data-testid="desk-notices">
          <h2 className="nhsuk-heading-s" id="desk-notices-h">
            Notices from the supervisor
          </h2>
          {problem ? (
            <p className="nhsuk-error-message" role="alert">
              <span className="nhsuk-u-visually-hidden">Error:</span> {problem}{' '}
              <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={feed.reload}>
                Try again
              </button>
            </p>
          ) : null}
          <ul className="nhsuk-list desk-notices__list">
            {notices.map((notice) => (
              <li key={notice.id} data-testid="desk-notice" data-kind={notice.kind} data-case-id={notice.caseId}>
                <NoticeItem
                  notice={notice}
                  dismissing={Boolean(dismissing[notice.id])}
                  error={dismissErrors[notice.id] ?? null}
                  onDismiss={() => void feed.dismiss(notice.id)}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

type ItemProps = { notice: DeskNotice; dismissing: boolean; error: string | null; onDismiss: () => void };

function NoticeItem({ notice, dismissing, error, onDismiss }: ItemProps) {
  const body = (
    <>
      <p className="desk-notice__text">
        {noticeText(notice)}{' '}
        {linksToCase(notice) ? <Link to={`/cases/${notice.caseId}`}>Open case {notice.reference}</Link> : null}
      </p>
      {error ? (
        <p className="nhsuk-error-message">
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small desk-notice__dismiss" disabled={dismissing} onClick={onDismiss}>
        Dismiss <span className="nhsuk-u-visually-hidden">the notice about case {notice.reference}</span>
      </button>
    </>
  );
  if (isUrgent(notice)) {
    return (
      <div className="nhsuk-warning-callout desk-notice--urgent">
        <h3 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>A parent is waiting
          </span>
        </h3>
        {body}
      </div>
    );
  }
  return <div className="desk-notice">{body}</div>;
}
