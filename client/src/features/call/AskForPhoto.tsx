import { PHOTO_SUBJECT_MAX_CHARS, type AskUpdate, type ParentAsk, type PhotoRequest } from '@desk/shared';
import { useEffect, useId, useState } from 'react';
import type { CallSocket } from './channel';

/**
 * "Ask for a photo" in the clinician's call panel, and what became of the request: asked, the
 * parent declined, the photo received (it shows on the case), or failed (the parent may send again).
 * The request is an ask of kind `photo` (the desk's asks); the photo itself goes from the phone to
 * the server, which then says `photo:status`.
 */

type AskForPhotoProps = {
  callId: string;
  socket: Pick<CallSocket, 'request' | 'on' | 'onStatus'>;
  /** Whether the parent is in the call's media now: only then can they take a photo. */
  parentInCall: boolean;
};

type ShownState = Exclude<PhotoRequest['state'], 'cancelled'>;

const STATE_WORDS: Record<ShownState, string> = {
  asked: 'Asked the parent for a photo. Waiting for them to take and send it.',
  declined: 'The parent chose not to send a photo.',
  received: 'Photo received. It is on the case, under Photos.',
  failed: 'The parent’s photo could not be sent.',
};

function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : 'The request did not reach the parent. Try again.';
}

/** The call's current ask, if it is a photo ask (another kind of ask replaces it). */
const photoAskOf = (update: AskUpdate): ParentAsk | null => (update.ask?.request.kind === 'photo' ? update.ask : null);

function shownState(ask: ParentAsk | null, status: PhotoRequest | null): ShownState | null {
  if (!ask) return null;
  if (ask.state === 'open') return status?.id === ask.id && status.state === 'failed' ? 'failed' : 'asked';
  if (ask.state === 'declined') return 'declined';
  if (ask.state === 'accepted') return 'received';
  return null;
}

export function AskForPhoto({ callId, socket, parentInCall }: AskForPhotoProps) {
  const [ask, setAsk] = useState<ParentAsk | null>(null);
  const [status, setStatus] = useState<PhotoRequest | null>(null);
  const [subject, setSubject] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  useEffect(() => {
    const offAsk = socket.on('ask', (update) => {
      if (update.callId === callId) setAsk(photoAskOf(update));
    });
    const offStatus = socket.on('photo:status', (update) => {
      if (update.callId === callId) setStatus(update);
    });
    // The current ask now and after every reconnect (a change missed while away).
    const offConnection = socket.onStatus((connection) => {
      if (connection !== 'connected') return;
      socket.request('ask:watch', { callId }).then(
        (update) => setAsk(photoAskOf(update)),
        () => undefined,
      );
    });
    return () => {
      offAsk();
      offStatus();
      offConnection();
    };
  }, [socket, callId]);

  const askForPhoto = async () => {
    setSending(true);
    setError(null);
    const words = subject.trim();
    try {
      const update = await socket.request('ask:send', { callId, request: { kind: 'photo', ...(words ? { subject: words } : {}) } });
      setAsk(photoAskOf(update));
      setSubject('');
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSending(false);
    }
  };

  const state = shownState(ask, status);
  const failure = state === 'failed' ? status?.failure : null;
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
      <button type="button" className="nhsuk-button nhsuk-button--secondary call-photo__ask" disabled={!parentInCall || sending} onClick={() => void askForPhoto()}>
        Ask for a photo
      </button>
      {state ? (
        <p className={`call-photo__state call-photo__state--${state}`} role="status">
          {STATE_WORDS[state]}
          {failure ? ` ${failure.message} They can take it again and send it.` : null}
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
