import type { AskTimer as SharedTimer } from '@desk/shared';
import { WithValue } from '../i18n/WithValue';
import { useCountdown } from './useAsks';

/** The timer's words: the desk's English by default; the parent's page passes its locale's. */
export type AskTimerWords = {
  readonly timerLabel: string;
  readonly timeUp: string;
  /** `shown` is where the count goes (drawn large); `n` picks the plural. */
  readonly secondsLeft: (n: number, shown: string) => string;
};

const DESK_WORDS: AskTimerWords = { timerLabel: 'Shared timer', timeUp: "Time's up", secondsLeft: (_n, shown) => `${shown} seconds left` };

type Props = {
  timer: SharedTimer | null;
  clockOffsetMs: number;
  /** After time is up: a line with the seconds since (capillary refill counts from the release). */
  afterDone?: (secondsSince: number) => string;
  now?: () => number;
  words?: AskTimerWords;
};

/** The shared timer: both sides count down from the same server timestamp, so they show the same seconds. */
export function AskTimer({ timer, clockOffsetMs, afterDone, now, words = DESK_WORDS }: Props) {
  const countdown = useCountdown(timer, clockOffsetMs, now);
  if (!countdown) return null;
  return (
    <div className="ask-timer" data-testid="ask-timer" data-done={countdown.done ? 'true' : 'false'}>
      <p className="ask-timer__time" role="timer" aria-label={words.timerLabel}>
        {countdown.done ? (
          <strong>{words.timeUp}</strong>
        ) : (
          // The count sits where the language puts it in the sentence.
          <WithValue sentence={(shown) => words.secondsLeft(countdown.secondsLeft, shown)} value={<span className="ask-timer__seconds">{countdown.secondsLeft}</span>} />
        )}
      </p>
      {countdown.done && afterDone ? <p className="ask-timer__after">{afterDone(countdown.secondsSinceDone)}</p> : null}
      {/* Spoken once when the time is up; the seconds themselves are not read out over the call. */}
      <p className="nhsuk-u-visually-hidden" aria-live="polite">
        {countdown.done ? words.timeUp : ''}
      </p>
    </div>
  );
}
