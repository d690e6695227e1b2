import { useEffect, useEffectEvent, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import {
  BREATH_COUNT_DURATIONS_S,
  countAnnouncement,
  createBreathCounter,
  isPlausibleRate,
  systemClock,
  type BreathCount,
  type CountClock,
} from './breathCounter';
import { onSharedBreathingTimer } from './sharedBreathing';

/** The counter for one field: a thin React layer over `createBreathCounter`. */
export function useBreathCounter(onDone: (ratePerMin: number, count: BreathCount) => void, clock: CountClock = systemClock) {
  const [counter] = useState(() => createBreathCounter(clock));
  const done = useEffectEvent(onDone);
  useEffect(() => counter.onDone((rate, count) => done(rate, count)), [counter]);
  const snapshot = useSyncExternalStore(counter.subscribe, counter.getSnapshot);
  // Leaving the page mid-count stops the timer.
  useEffect(() => () => counter.cancel(), [counter]);
  // The parent is ready for the breathing exam: count over the same 30 s as the shared timer.
  useEffect(() => onSharedBreathingTimer(({ startedAtMs }) => counter.start(30, startedAtMs)), [counter]);
  return { ...snapshot, start: counter.start, tap: counter.tap, cancel: counter.cancel };
}

type Props = {
  /** The breathing-rate input the result fills; focus returns to it when the count ends. */
  inputId: string;
  onResult: (ratePerMin: number) => void;
  clock?: CountClock;
};

/** Holding Enter repeats the key: one press is one breath. */
function ignoreKeyRepeat(event: KeyboardEvent<HTMLButtonElement>) {
  if (event.repeat) event.preventDefault();
}

export function BreathCounter({ inputId, onResult, clock }: Props) {
  const [lastCount, setLastCount] = useState<Extract<BreathCount, { phase: 'done' }> | null>(null);
  const firstStart = useRef<HTMLButtonElement>(null);
  const refocusStart = useRef(false);
  const counter = useBreathCounter((rate, count) => {
    if (count.phase === 'done') setLastCount(count);
    // A count with taps missed must not overwrite a rate the clinician typed.
    if (isPlausibleRate(rate)) onResult(rate);
    document.getElementById(inputId)?.focus();
  }, clock);
  const { count } = counter;

  useEffect(() => {
    if (!refocusStart.current || count.phase === 'counting') return;
    refocusStart.current = false;
    firstStart.current?.focus();
  });

  const announcement = countAnnouncement(count, counter.secondsLeft);

  return (
    <div className="desk-breath-counter">
      {count.phase === 'counting' ? (
        <div className="desk-breath-counter__active">
          <p className="desk-breath-counter__time">
            <span className="desk-breath-counter__seconds">{counter.secondsLeft}</span> seconds left
            {count.durationS === 30 ? ' (the count is doubled)' : ''}
          </p>
          <button
            type="button"
            className="nhsuk-button desk-breath-counter__tap"
            // Focus goes straight to the tap target so Space or Enter counts from the first breath.
            autoFocus
            onClick={counter.tap}
            onKeyDown={(event) => {
              ignoreKeyRepeat(event);
              if (event.key === 'Escape') {
                refocusStart.current = true;
                counter.cancel();
              }
            }}
          >
            Tap for each breath
          </button>
          <p className="nhsuk-body">
            Breaths counted: <strong data-testid="breaths-counted">{count.breaths}</strong>
          </p>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => {
              refocusStart.current = true;
              counter.cancel();
            }}
          >
            Cancel count
          </button>
        </div>
      ) : (
        <div className="nhsuk-button-group desk-breath-counter__start">
          {BREATH_COUNT_DURATIONS_S.map((durationS, index) => (
            <button
              key={durationS}
              ref={index === 0 ? firstStart : undefined}
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              onClick={() => {
                setLastCount(null);
                counter.start(durationS);
              }}
            >
              Count breaths for {durationS} seconds
            </button>
          ))}
        </div>
      )}
      {lastCount && count.phase !== 'counting' ? (
        <p className="nhsuk-body-s desk-breath-counter__result">
          Counted {lastCount.breaths} breath{lastCount.breaths === 1 ? '' : 's'} in {lastCount.durationS} seconds
          {lastCount.durationS === 30 ? ' (× 2)' : ''}: {lastCount.ratePerMin} breaths per minute.
          {isPlausibleRate(lastCount.ratePerMin) ? null : (
            <strong> Too few to be a breathing rate: the field was not changed. Count again or type the rate.</strong>
          )}
        </p>
      ) : null}
      <p className="nhsuk-u-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement ?? ''}
      </p>
    </div>
  );
}
