import type { ReactNode } from 'react';
import type { DatePart, DateParts } from '../lib/dateParts';
import { FieldError } from './Fields';

const BOXES: readonly { part: DatePart; label: string; width: 2 | 4 }[] = [
  { part: 'day', label: 'Day', width: 2 },
  { part: 'month', label: 'Month', width: 2 },
  { part: 'year', label: 'Year', width: 4 },
];

/** The id of one box: `${id}-day`, `${id}-month`, `${id}-year` (an error summary links to one). */
export const dateBoxId = (id: string, part: DatePart) => `${id}-${part}`;

type Props = {
  id: string;
  legend: ReactNode;
  legendSize?: 's' | 'm' | 'l';
  hint: ReactNode;
  value: DateParts;
  onChange: (value: DateParts) => void;
  error?: string | undefined;
  /** The boxes the error is about (NHS.UK marks only those); all three when not given. */
  errorParts?: readonly DatePart[] | undefined;
};

/**
 * The NHS.UK date input: one question (fieldset and legend), a hint, three numeric text boxes for
 * day, month and year. Never the browser's date picker, whose format follows the browser's locale.
 */
export function DateInput({ id, legend, legendSize = 'm', hint, value, onChange, error, errorParts }: Props) {
  const marked = new Set(error ? (errorParts ?? BOXES.map((box) => box.part)) : []);
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
        {error ? <FieldError id={`${id}-error`} message={error} /> : null}
        <div className="nhsuk-date-input" id={id}>
          {BOXES.map(({ part, label, width }) => (
            <div className="nhsuk-date-input__item" key={part}>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label nhsuk-date-input__label" htmlFor={dateBoxId(id, part)}>
                  {label}
                </label>
                <input
                  className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${marked.has(part) ? ' nhsuk-input--error' : ''}`}
                  id={dateBoxId(id, part)}
                  name={dateBoxId(id, part)}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  aria-invalid={marked.has(part) ? true : undefined}
                  value={value[part]}
                  onChange={(event) => onChange({ ...value, [part]: event.target.value })}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
