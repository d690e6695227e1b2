import { assertNever, formatUkPhone, PARENT_LANGUAGE_INFO, type SafetyNettingPreview as Preview } from '@desk/shared';
import { useEffect, useRef } from 'react';
import type { PreviewState } from './useDecisionForm';

type Props = { state: PreviewState; stale: boolean; onPreview: () => void };

const phone = (to: string) => (to.startsWith('+44') ? formatUkPhone(to) : to);

/** The language line the clinician reads above the text: which language it goes in, and whether that translation is checked. */
export function smsLanguageLine({ language, translation }: Pick<Preview, 'language' | 'translation'>): string {
  const name = PARENT_LANGUAGE_INFO[language].name;
  switch (translation) {
    case 'original':
    case 'reviewed':
      return `The text will be sent in ${name}.`;
    case 'draft':
      return `The text will be sent in ${name} (draft translation, not yet checked).`;
    case 'withheld':
      return `The text will be sent in English: the ${name} translation is not yet checked. A short note in ${name} at the end says so.`;
    default:
      return assertNever(translation);
  }
}

/** The language of the exact text shown, so a screen reader reads Polish as Polish and Arabic right to left. */
const langOf = (preview: Preview) => (preview.translation === 'withheld' ? 'en' : preview.language);
const dirOf = (preview: Preview) => PARENT_LANGUAGE_INFO[langOf(preview)].dir;

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
            <>
              <p className="nhsuk-body-s" data-testid="sms-language">
                {smsLanguageLine(state.preview)}
              </p>
              <div className="desk-phone desk-preview__phone">
                <p className="desk-phone__meta">NHS 111</p>
                {/* The exact text, as the parent's phone shows it. */}
                <p className="desk-phone__bubble desk-preview__body" data-testid="sms-body" lang={langOf(state.preview)} dir={dirOf(state.preview)}>
                  {state.preview.body}
                </p>
              </div>
              {state.preview.bodyInEnglish !== null ? (
                <div className="desk-preview__english">
                  <h5 className="nhsuk-heading-xs">The same text in English</h5>
                  <p className="nhsuk-body-s desk-preview__body" data-testid="sms-body-english" lang="en" dir="ltr">
                    {state.preview.bodyInEnglish}
                  </p>
                </div>
              ) : null}
            </>
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
