import { formatUkPhone } from '@desk/shared';
import { useEffect, useRef } from 'react';
import type { PreviewState } from './useDecisionForm';

type Props = { state: PreviewState; stale: boolean; onPreview: () => void };

const phone = (to: string) => (to.startsWith('+44') ? formatUkPhone(to) : to);

/** What the parent will receive, exactly as the server will send it, before the clinician signs. */
export function SafetyNettingPreview({ state, stale, onPreview }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A fresh preview takes focus, so the clinician reads it next; the button that asked for it stays one Shift+Tab away.
  useEffect(() => {
    if (state.status === 'ready') headingRef.current?.focus();
  }, [state]);

  return (
    <section aria-labelledby="preview-heading" className="nhsuk-u-margin-bottom-6 desk-preview">
      <h3 className="nhsuk-heading-s" id="preview-heading">
        Safety-netting for the parent
      </h3>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={onPreview}
        disabled={state.status === 'loading'}
      >
        Preview what the parent will receive
      </button>
      <div role="status">{state.status === 'loading' ? <p className="nhsuk-body-s">Loading the preview…</p> : null}</div>
      {state.status === 'failed' ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> Cannot preview: {state.message}
        </p>
      ) : null}
      {state.status === 'ready' ? (
        <div data-testid="sms-preview">
          <h4 className="nhsuk-heading-xs" ref={headingRef} tabIndex={-1}>
            {state.preview.willSend && state.preview.to
              ? `Text message to ${phone(state.preview.to)}, sent when you sign`
              : 'No text message will be sent'}
          </h4>
          {stale ? (
            <p className="nhsuk-body-s desk-preview__stale">
              <strong>The disposition has changed since this preview.</strong> Preview again before signing.
            </p>
          ) : null}
          {state.preview.willSend && state.preview.body !== null ? (
            <div className="desk-phone desk-preview__phone">
              <p className="desk-phone__meta">NHS 111</p>
              {/* The exact text, as the parent's phone shows it. */}
              <p className="desk-phone__bubble desk-preview__body" data-testid="sms-body">
                {state.preview.body}
              </p>
            </div>
          ) : (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>{state.preview.reason ?? 'No text message goes for this decision.'}</p>
            </div>
          )}
          {state.preview.adviceUrl ? (
            <p className="nhsuk-body-s">
              <a href={state.preview.adviceUrl} target="_blank" rel="noreferrer">
                Open the parent's advice page (opens in a new tab)
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
