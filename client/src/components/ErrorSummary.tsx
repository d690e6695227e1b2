import { useEffect, useId, useRef, type MouseEvent } from 'react';

export type FormError = { fieldId: string; message: string };

type Props = {
  errors: readonly FormError[];
  /** Changes on every failed submit, so the summary takes focus again. */
  focusKey: number;
  title?: string;
};

/** NHS.UK error summary: focused when it appears, each item links to (and focuses) its field. */
export function ErrorSummary({ errors, focusKey, title = 'There is a problem' }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (errors.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading" id={titleId}>
          {title}
        </h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {errors.map((error) => (
              <li key={error.fieldId}>
                <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId)}>
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView?.({ block: 'center' });
}
