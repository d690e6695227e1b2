import type { OutboxMessage } from '@desk/shared';
import { useEffect } from 'react';
import { fetchOutbox } from '../features/cases/api';
import { ApiRequestError } from '../lib/api';
import { errorMessage } from '../lib/errors';
import { formatTime } from '../lib/format';
import { useResource } from '../lib/useResource';

const REFRESH_MS = 2_000;

export default function OutboxPage() {
  const outbox = useResource('/api/dev/outbox', fetchOutbox);
  const { reload } = outbox;
  // A production server has no outbox (404): say so once instead of polling.
  const absent = outbox.error instanceof ApiRequestError && outbox.error.status === 404;
  useEffect(() => {
    if (absent) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload, absent]);

  const messages = outbox.data ? [...outbox.data].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)) : null;

  return (
    <>
      <title>Messages (demo phone) – NHS 111 paediatric video desk</title>
      <h1 className="nhsuk-heading-l">Messages</h1>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          This page exists only in the demo. It stands in for the parent's phone: every text message the desk sends
          appears here instead. It refreshes every 2 seconds.
        </p>
      </div>
      <div className="desk-phone">
        {outbox.error && !messages ? (
          <p className="nhsuk-error-message" role="alert">
            <span className="nhsuk-u-visually-hidden">Error:</span>{' '}
            {absent ? 'This server sends real text messages: there is no demo outbox here.' : errorMessage(outbox.error)}
          </p>
        ) : !messages ? (
          <p className="nhsuk-body" role="status">
            Loading messages…
          </p>
        ) : messages.length === 0 ? (
          <p className="nhsuk-body">No messages yet</p>
        ) : (
          <ol className="desk-phone__list" aria-label="Text messages, newest first">
            {messages.map((message, index) => (
              <li className="desk-phone__message" key={`${message.createdAt}-${index}`}>
                <p className="desk-phone__meta">
                  To {message.to} at <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
                  {message.status === 'failed' ? ' (failed)' : ''}
                </p>
                <p className="desk-phone__bubble">
                  <MessageBody message={message} />
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </>
  );
}

/** The body text with its link made tappable. */
function MessageBody({ message }: { message: OutboxMessage }) {
  const { body, link } = message;
  if (!link) return <>{body}</>;
  const at = body.indexOf(link);
  if (at < 0) {
    return (
      <>
        {body} <a href={link}>{link}</a>
      </>
    );
  }
  return (
    <>
      {body.slice(0, at)}
      <a href={link}>{link}</a>
      {body.slice(at + link.length)}
    </>
  );
}
