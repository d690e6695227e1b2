import type { Case } from '@desk/shared';
import { formatTime } from '../../lib/format';
import { participantLabel, participantStateWords } from '../call/labels';
import { CallStateTag } from '../queue/CallStateTag';

/**
 * The case's video call as words, for a supervisor: its state and who is in it. No media and no
 * call controls: supervisors never see or join the video.
 */
export function CallRecord({ call }: { call: Case['call'] }) {
  return (
    <section aria-labelledby="call-record-h" className="nhsuk-u-margin-top-5" data-testid="call-record">
      <h2 className="nhsuk-heading-m" id="call-record-h">
        Video call
      </h2>
      {!call ? (
        <p className="nhsuk-body">No video link has been sent: phone only so far.</p>
      ) : (
        <>
          <p className="nhsuk-body" data-testid="call-record-state" data-state={call.state}>
            <CallStateTag call={call} />{' '}
            <span className="nhsuk-body-s">
              Link sent at <time dateTime={call.createdAt}>{formatTime(call.createdAt)}</time>
              {call.connectedAt ? (
                <>
                  , connected at <time dateTime={call.connectedAt}>{formatTime(call.connectedAt)}</time>
                </>
              ) : null}
              {call.endedAt ? (
                <>
                  , ended at <time dateTime={call.endedAt}>{formatTime(call.endedAt)}</time>
                </>
              ) : null}
            </span>
          </p>
          {call.participants.length > 0 ? (
            <ul className="nhsuk-list nhsuk-list--bullet">
              {call.participants.map((p) => (
                <li key={p.id}>
                  {participantLabel(p)}:{' '}
                  {p.state === 'waiting' && p.reason === 'clinician_away' ? 'Waiting for the clinician to come back' : participantStateWords(p)}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      <p className="nhsuk-body-s">Supervisors do not see or join the video.</p>
    </section>
  );
}
