import { askTimerMs, type AskRequest, type ParentAsk } from '@desk/shared';
import { useEffect } from 'react';
import { shareBreathingTimer } from '../triage/sharedBreathing';
import { serverNowMs } from './asks';
import { AskTimer } from './AskTimer';
import type { CallSocket } from './channel';
import { EXAM_MENU_LABELS, ExamMenu } from './ExamMenu';
import { useAsks } from './useAsks';

/** What the clinician asked, in the desk's words. */
function askedFor(request: AskRequest): string {
  switch (request.kind) {
    case 'back_camera':
      return 'Show me with the back camera';
    case 'exam':
      return EXAM_MENU_LABELS[request.exam];
    case 'photo':
      return 'A photo';
  }
}

function answerWords(ask: ParentAsk): string {
  switch (ask.state) {
    case 'open':
      return 'Waiting for the parent to answer.';
    case 'accepted':
      if (ask.request.kind === 'photo') return 'The parent sent a photo.';
      return ask.request.kind === 'back_camera' ? 'The parent accepted: their phone is switching to the back camera.' : 'The parent is ready.';
    case 'declined':
      return 'The parent said not now.';
    case 'closed':
      return 'Closed.';
  }
}

/**
 * The clinician's requests to the parent during the call: "Ask for back camera", the exam-prompt
 * menu, and what the parent answered, live, with the shared timer. A breathing timer also starts
 * the desk's breath counter, so the clinician taps the breaths they see while the parent's phone counts down.
 */
export function DeskAsks({ socket, callId }: { socket: CallSocket; callId: string }) {
  const { asks, view } = useAsks(socket, callId);
  const { ask } = view;

  const breathingTimer = ask?.request.kind === 'exam' && ask.request.exam === 'breathing' ? ask.timer : null;
  const breathingStart = breathingTimer?.startedAt ?? null;
  const breathingEndMs = breathingTimer ? Date.parse(breathingTimer.startedAt) + breathingTimer.durationMs : 0;
  useEffect(() => {
    // Only a timer still running: a desk reloaded after the count must not start (and end) an empty one.
    if (!ask || !breathingStart || breathingEndMs <= serverNowMs(view)) return;
    // The count ends when the parent's timer does: both counted from the server's start time.
    shareBreathingTimer({ key: `${ask.id}:${breathingStart}`, startedAtMs: Date.parse(breathingStart) - view.clockOffsetMs });
  }, [ask, breathingStart, breathingEndMs, view]);

  if (!asks) return null;
  const timed = ask !== null && askTimerMs(ask.request) !== null;
  return (
    <div className="desk-asks" role="group" aria-label="Ask the parent">
      <div className="desk-asks__buttons">
        <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={view.busy} onClick={() => void asks.send({ kind: 'back_camera' })}>
          Ask for back camera
        </button>
        <ExamMenu disabled={view.busy} onPick={(exam) => void asks.send({ kind: 'exam', exam })} />
      </div>
      {ask ? (
        <div className="nhsuk-inset-text desk-asks__current" data-testid="ask-status" data-kind={ask.request.kind} data-state={ask.state}>
          <p>
            You asked: <strong>{askedFor(ask.request)}</strong>
          </p>
          <p role="status">{answerWords(ask)}</p>
          <AskTimer timer={ask.timer} clockOffsetMs={view.clockOffsetMs} afterDone={ask.request.kind === 'exam' && ask.request.exam === 'capillary_refill' ? (s) => `${s} s since the parent let go: count until the colour comes back.` : undefined} />
          <div className="desk-asks__buttons">
            {timed && ask.state === 'accepted' ? (
              <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled={view.busy} onClick={() => void asks.restartTimer()}>
                Start the timer again
              </button>
            ) : null}
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled={view.busy} onClick={() => void asks.close()}>
              Take off the parent's screen
            </button>
          </div>
        </div>
      ) : null}
      {view.error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error: </span>
          {view.error}
        </p>
      ) : null}
    </div>
  );
}
