import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/** Thin NHS.UK form-field markup: label, hint, error message, control, wired with aria-describedby. */

type FieldFrame = { id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined; after?: ReactNode };

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({ id, label, hint, error, after, children }: FieldFrame & { children: ReactNode }) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      {children}
      {after}
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {message}
    </span>
  );
}

type TextFieldProps = FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby'> & {
    widthClass?: string;
    /** The id of more text that describes the field (a warning in `after`), read after the hint and error. */
    describedByAlso?: string | undefined;
  };

export function TextField({ id, label, hint, error, after, widthClass, className, describedByAlso, ...input }: TextFieldProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} after={after}>
      <input
        id={id}
        name={id}
        type="text"
        className={['nhsuk-input', widthClass, error ? 'nhsuk-input--error' : null, className].filter(Boolean).join(' ')}
        aria-describedby={[describedBy(id, hint, error), describedByAlso].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </Frame>
  );
}

type SelectFieldProps = FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode };

export function SelectField({ id, label, hint, error, after, children, ...select }: SelectFieldProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} after={after}>
      <select
        id={id}
        name={id}
        className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...select}
      >
        {children}
      </select>
    </Frame>
  );
}

type TextareaFieldProps = FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

export function TextareaField({ id, label, hint, error, after, ...textarea }: TextareaFieldProps) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} after={after}>
      <textarea
        id={id}
        name={id}
        className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...textarea}
      />
    </Frame>
  );
}

/** `hint`: the NHS.UK item hint under the label, read as the radio's description (not its name). */
type RadioOption = { value: string; label: ReactNode; hint?: ReactNode };

type RadiosProps = {
  /** Also the id of the first radio, so an error summary link lands on the group. */
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly RadioOption[];
  value: string;
  onChange: (value: string) => void;
  legendSize?: 's' | 'm' | 'l';
};

export function Radios({ id, name, legend, hint, error, options, value, onChange, legendSize = 'm' }: RadiosProps) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(`${id}-group`, hint, error)}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        {hint ? (
          <div className="nhsuk-hint" id={`${id}-group-hint`}>
            {hint}
          </div>
        ) : null}
        {error ? <FieldError id={`${id}-group-error`} message={error} /> : null}
        <div className="nhsuk-radios">
          <RadioItems id={id} name={name} options={options} value={value} onChange={onChange} />
        </div>
      </fieldset>
    </div>
  );
}

type RadioItemsProps<V extends string> = {
  /** The first radio's id; the others are `${id}-${value}`. */
  id: string;
  name: string;
  options: readonly { value: V; label: ReactNode; hint?: ReactNode }[];
  value: string;
  onChange: (value: V) => void;
};

/** The radios themselves, for a group whose fieldset and wrapper differ from `Radios`. */
export function RadioItems<V extends string>({ id, name, options, value, onChange }: RadioItemsProps<V>) {
  return options.map((option, index) => {
    const optionId = index === 0 ? id : `${id}-${option.value}`;
    return (
      <div className="nhsuk-radios__item" key={option.value}>
        <input
          className="nhsuk-radios__input"
          id={optionId}
          name={name}
          type="radio"
          value={option.value}
          checked={value === option.value}
          aria-describedby={option.hint ? `${optionId}-item-hint` : undefined}
          onChange={() => onChange(option.value)}
        />
        <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
          {option.label}
        </label>
        {option.hint ? (
          <div className="nhsuk-hint nhsuk-radios__hint" id={`${optionId}-item-hint`}>
            {option.hint}
          </div>
        ) : null}
      </div>
    );
  });
}
