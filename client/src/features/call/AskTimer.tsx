import type { AskTimer as SharedTimer } from '@desk/shared';
import { useCountdown } from './useAsks';

type Props = {
  timer: SharedTimer | null;
  clockOffsetMs: number;
  /** After time is up: a line with the seconds since (capillary refill counts from the release). */
  afterDone?: (secondsSince: number) => string;
  now?: () => number;
};

/** The shared timer: both sides count down from the same server timestamp, so they show the same seconds. */
export function AskTimer({ timer, clockOffsetMs, afterDone, now }: Props) {
  const countdown = useCountdown(timer, clockOffsetMs, now);
  if (!countdown) return null;
  return (
    <div className="ask-timer" data-testid="ask-timer" data-done={countdown.done ? 'true' : 'false'}>
      <p className="ask-timer__time" role="timer" aria-label="Shared timer">
        {countdown.done ? <strong>Time's up</strong> : <><span className="ask-timer__seconds">{countdown.secondsLeft}</span> seconds left</>}
      </p>
      {countdown.done && afterDone ? <p className="ask-timer__after">{afterDone(countdown.secondsSinceDone)}</p> : null}
      {/* Spoken once when the time is up; the seconds themselves are not read out over the call. */}
      <p className="nhsuk-u-visually-hidden" aria-live="polite">
        {countdown.done ? "Time's up" : ''}
      </p>
    </div>
  );
}
