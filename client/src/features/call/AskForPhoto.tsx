import { PHOTO_SUBJECT_MAX_CHARS, type PhotoRequest } from '@desk/shared';
import { useEffect, useId, useState } from 'react';
import type { CallSocket } from './channel';

/**
 * "Ask for a photo" in the clinician's call panel, and what became of the request: asked, the
 * parent declined, the photo received (it shows on the case), or failed (the parent may send again).
 * The request travels over the desk's socket; the photo itself goes from the phone to the server.
 */

type AskForPhotoProps = {
  callId: string;
  socket: Pick<CallSocket, 'request' | 'on'>;
  /** Whether the parent is in the call's media now: only then can they take a photo. */
  parentInCall: boolean;
};

const STATE_WORDS: Record<Exclude<PhotoRequest['state'], 'cancelled'>, string> = {
  asked: 'Asked the parent for a photo. Waiting for them to take and send it.',
  declined: 'The parent chose not to send a photo.',
  received: 'Photo received. It is on the case, under Photos.',
  failed: 'The parent’s photo could not be sent.',
};

function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : 'The request did not reach the parent. Try again.';
}

export function AskForPhoto({ callId, socket, parentInCall }: AskForPhotoProps) {
  const [request, setRequest] = useState<PhotoRequest | null>(null);
  const [subject, setSubject] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  useEffect(
    () =>
      socket.on('call:photo-request', (update) => {
        if (update.callId !== callId) return;
        // The newest request wins; a change to one it replaced is old news.
        setRequest((current) => (current === null || update.id === current.id || update.requestedAt >= current.requestedAt ? update : current));
      }),
    [socket, callId],
  );

  const ask = async () => {
    setSending(true);
    setError(null);
    try {
      setRequest(await socket.request('call:photo-request', { callId, subject: subject.trim() || null }));
      setSubject('');
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSending(false);
    }
  };

  const state = request && request.state !== 'cancelled' ? request.state : null;
  return (
    <div className="call-photo" data-testid="photo-request-state" data-state={state ?? 'none'}>
      <div className="nhsuk-form-group call-photo__form">
        <label className="nhsuk-label" htmlFor={inputId}>
          What should the photo show? (optional)
        </label>
        <div className="nhsuk-hint">The parent reads this. Never ask for a photo of intimate areas.</div>
        <input
          id={inputId}
          className="nhsuk-input nhsuk-input--width-20"
          type="text"
          maxLength={PHOTO_SUBJECT_MAX_CHARS}
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
          autoComplete="off"
        />
      </div>
      <button type="button" className="nhsuk-button nhsuk-button--secondary call-photo__ask" disabled={!parentInCall || sending} onClick={() => void ask()}>
        Ask for a photo
      </button>
      {state ? (
        <p className={`call-photo__state call-photo__state--${state}`} role="status">
          {STATE_WORDS[state]}
          {state === 'failed' && request?.failure ? ` ${request.failure.message} They can take it again and send it.` : null}
        </p>
      ) : null}
      {error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
