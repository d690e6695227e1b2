import { useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './confirm-dialog.scss';
import { useModalFocus } from './useModalFocus';

type Props = {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
};

/**
 * An in-page question before something hard to undo (End call, Leave). Not `window.confirm`: that
 * is blocked or looks alarming in app webviews, and cannot be styled for a phone. Focus starts on
 * the safe answer, stays inside while it is open (Tab wraps), Escape answers "no", and focus goes
 * back to the button that opened it.
 */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, onConfirm, onCancel }: Props) {
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  const onKeyDown = useModalFocus(dialogRef, cancelRef, onCancel);

  // On the body, above everything: inside the page a sticky or positioned column's stacking context
  // would put the page's own buttons over the dialog's (the desk's call column did).
  return createPortal(
    <div className="confirm-dialog__backdrop">
      <div
        ref={dialogRef}
        className="confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={children ? bodyId : undefined}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="confirm-dialog__title">
          {title}
        </h2>
        {children ? (
          <div id={bodyId} className="confirm-dialog__body">
            {children}
          </div>
        ) : null}
        <div className="confirm-dialog__actions">
          <button type="button" className="nhsuk-button nhsuk-button--warning confirm-dialog__button" onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button ref={cancelRef} type="button" className="nhsuk-button nhsuk-button--secondary confirm-dialog__button" onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
