import { CLINICIAN_AVAILABILITY } from '@desk/shared';
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { AVAILABILITY_LABEL, createAvailability, type Availability } from './availability';

/**
 * "Your status: Available | Away" in the desk's header: two toggle buttons (aria-pressed), the
 * pressed one marked by a tick as well as its colour. The supervisor's board shows what is chosen.
 */
export function AvailabilityControl() {
  const id = useId();
  const [availability] = useState<Availability>(() => createAvailability());
  useEffect(() => void availability.load(), [availability]);
  const { availability: current, problem } = useStore(availability.store);

  return (
    <div className="desk-availability">
      <div className="desk-availability__group" role="group" aria-labelledby={`${id}-label`} data-testid="availability" data-availability={current ?? 'unknown'}>
        <span className="desk-availability__label" id={`${id}-label`}>
          Your status
        </span>
        {CLINICIAN_AVAILABILITY.map((value) => (
          <button
            key={value}
            type="button"
            className="desk-availability__option"
            aria-pressed={current === value}
            onClick={() => {
              if (current !== value) void availability.set(value);
            }}
          >
            {AVAILABILITY_LABEL[value]}
          </button>
        ))}
      </div>
      {problem ? (
        <p className="desk-availability__error" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
        </p>
      ) : null}
    </div>
  );
}
