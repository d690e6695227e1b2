import { formatUkPhone, type Case } from '@desk/shared';
import { useId, useState } from 'react';
import { ApiRequestError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatElapsed, spokenElapsed } from '../board/labels';
import { useNow } from '../board/useBoard';
import { REASON_LABEL } from '../queue/callStateTag';
import { recordCallBack } from './api';
import { useCallBack } from './callBack';

/** Counts up from when video failed, in figures and in words. */
function SinceTimer({ since }: { since: string }) {
  const now = useNow();
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  return (
    <span data-testid="call-back-timer" data-seconds={seconds}>
      <span aria-hidden="true">{formatElapsed(seconds)}</span>
      <span className="nhsuk-u-visually-hidden">{spokenElapsed(seconds)}</span>
    </span>
  );
}

/**
 * "Call the parent back": video failed, or carried on by phone, after the parent was asked to hang
 * up. Shown until the clinician records the call-back (audited; the supervisor's board then leaves
 * call-back due); a later call that fails again brings it back.
 */
export function CallBackCallout({ caseRecord, onRecorded }: { caseRecord: Case; onRecorded: () => void }) {
  const { due, since, reason } = useCallBack(caseRecord, onRecorded);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  if (!due) return null;
  const phone = formatUkPhone(caseRecord.callerPhone);

  const record = async () => {
    setBusy(true);
    setError(null);
    try {
      await recordCallBack(caseRecord.id);
      onRecorded();
    } catch (failure) {
      // Already recorded (another tab), or the call changed: the case as it is now says what is due.
      if (failure instanceof ApiRequestError && failure.code === 'CALL_BACK_NOT_DUE') onRecorded();
      else setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="nhsuk-warning-callout desk-call-back" data-testid="call-back-due" role="region" aria-labelledby={`${id}-h`}>
      <h2 className="nhsuk-warning-callout__label" id={`${id}-h`}>
        <span className="nhsuk-u-visually-hidden">Important: </span>
        Call the parent back
      </h2>
      <p>
        Video stopped{reason ? ` (${REASON_LABEL[reason]})` : ''}. Phone the parent on{' '}
        <a href={`tel:${caseRecord.callerPhone}`} data-testid="call-back-number">
          {phone}
        </a>
        .
      </p>
      {since ? (
        <p>
          Video failed <SinceTimer since={since} /> ago.
        </p>
      ) : null}
      {error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> Cannot record the call-back: {error}
        </p>
      ) : null}
      <button type="button" className="nhsuk-button nhsuk-u-margin-bottom-0" disabled={busy} aria-busy={busy} onClick={() => void record()}>
        I have called the parent back
      </button>
    </div>
  );
}
