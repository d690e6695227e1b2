import { useNow } from '../board/useBoard';
import { formatWait, waitInWords } from './waiting';

/**
 * How long someone has waited to be let in, counting up beside their admit control. Not a live
 * region (a ticking clock read aloud is noise): the announcer says "The parent is waiting" once,
 * and the timer's name gives the wait in minutes to anyone who reads it.
 */
export function WaitTimer({ since }: { since: string }) {
  const waited = useNow() - Date.parse(since);
  return (
    <span className="call-participants__wait" role="timer" aria-label={waitInWords(waited)} data-testid="wait-timer">
      Waiting <span className="call-participants__wait-time">{formatWait(waited)}</span>
    </span>
  );
}
