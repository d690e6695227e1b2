import { useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { HELP_KEY, HELP_TITLE, SHORTCUTS } from './shortcuts';
import '../../components/confirm-dialog.scss';
import { useModalFocus } from '../../components/useModalFocus';
import { useShortcutsStore } from './shortcutsStore';
import './shortcuts.scss';

/** The help dialog, while it is open (`?`, or "Keyboard shortcuts" in the header). */
export function ShortcutsHelp() {
  const open = useShortcutsStore((s) => s.helpOpen);
  return open ? <HelpDialog /> : null;
}

/**
 * Every shortcut, what it does, and the switch that turns them all off, `?` included (WCAG 2.1.4);
 * the header's "Keyboard shortcuts" button opens this to turn them back on. Modal, as ConfirmDialog
 * is: on the body, focus inside while open (Tab wraps), Escape closes, focus goes back where it was.
 */
function HelpDialog() {
  const titleId = useId();
  const switchId = useId();
  const enabled = useShortcutsStore((s) => s.enabled);
  const setEnabled = useShortcutsStore((s) => s.setEnabled);
  const closeHelp = useShortcutsStore((s) => s.closeHelp);
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  const onKeyDown = useModalFocus(dialogRef, closeRef, closeHelp);

  return createPortal(
    <div className="confirm-dialog__backdrop">
      <div ref={dialogRef} className="confirm-dialog shortcuts-help" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="confirm-dialog__title">
          {HELP_TITLE}
        </h2>
        <p className="nhsuk-body-s">
          They work on every desk page, but never while you type in a field. End call and Sign decision only move focus to the button:
          press Enter to do it. Turned off, none of them work (not even ?): open this list again from "Keyboard shortcuts" at the top
          of the page.
        </p>
        <table className="nhsuk-table shortcuts-help__table">
          <caption className="nhsuk-u-visually-hidden">{HELP_TITLE}</caption>
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">What it does</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.id} data-shortcut-row={shortcut.id}>
                <td>
                  <kbd>{shortcut.label}</kbd>
                </td>
                <td>
                  {shortcut.description}
                  {shortcut.effect === 'focus' ? <strong className="shortcuts-help__focus-only"> (moves focus only)</strong> : null}
                </td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>{HELP_KEY}</kbd>
              </td>
              <td>Show this list</td>
            </tr>
          </tbody>
        </table>
        <div className="shortcuts-help__switch">
          <input id={switchId} type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
          <label className="nhsuk-label" htmlFor={switchId}>
            Use keyboard shortcuts
          </label>
        </div>
        <button ref={closeRef} type="button" className="nhsuk-button nhsuk-button--secondary confirm-dialog__button" onClick={closeHelp}>
          Close
        </button>
      </div>
    </div>,
    document.body,
  );
}
