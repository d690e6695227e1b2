import { useEffect, useRef, useState } from 'react';

type Outcome = 'idle' | 'copied' | 'refused';

/**
 * "Copy for the clinical record": the signed outcome's plain text to the clipboard, said "Copied"
 * in a polite live region. A browser that refuses (no permission, no secure context) gets the
 * text in a visible, selected box to copy by hand, and says so. Keyed by the version shown, so a
 * new version starts afresh.
 */
export function CopyForRecord({ text }: { text: string }) {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (outcome !== 'refused') return;
    box.current?.focus();
    box.current?.select();
  }, [outcome]);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('No clipboard');
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('refused');
    }
  };

  return (
    <div className="desk-copy-record" data-testid="copy-for-record">
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2" onClick={() => void copy()}>
        Copy for the clinical record
      </button>
      <p className="nhsuk-body-s" role="status" data-testid="copy-status">
        {outcome === 'copied' ? 'Copied' : null}
        {outcome === 'refused' ? 'The browser did not allow copying: the text is below, selected. Copy it with Ctrl+C (Cmd+C on a Mac).' : null}
      </p>
      {outcome === 'refused' ? (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="clinical-record-text">
            Text for the clinical record
          </label>
          <textarea id="clinical-record-text" ref={box} className="nhsuk-textarea" readOnly rows={text.split('\n').length} value={text} />
        </div>
      ) : null}
    </div>
  );
}
