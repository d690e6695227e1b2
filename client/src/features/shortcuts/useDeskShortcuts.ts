import { useEffect } from 'react';
import { useNavigate, type NavigateFunction } from 'react-router';
import { matchShortcut, SHORTCUT_ATTRIBUTE, targetKind, type Shortcut, type ShortcutId } from './shortcuts';
import { useShortcutsStore } from './shortcutsStore';

/** A control a shortcut may use: on the page, shown, and not disabled. */
function isUsable(element: HTMLElement): boolean {
  if (element.matches(':disabled') || element.getAttribute('aria-disabled') === 'true') return false;
  if (element.closest('[hidden], [inert]')) return false;
  // display: none or visibility: hidden anywhere above it (jsdom has no checkVisibility: the checks above stand alone there).
  return typeof element.checkVisibility === 'function' ? element.checkVisibility({ checkVisibilityCSS: true }) : true;
}

/** The first usable control marked `data-shortcut="<id>"` on the page, or null. */
export function shortcutTarget(id: ShortcutId, root: ParentNode = document): HTMLElement | null {
  for (const element of root.querySelectorAll<HTMLElement>(`[${SHORTCUT_ATTRIBUTE}="${id}"]`)) {
    if (isUsable(element)) return element;
  }
  return null;
}

/** A modal question is open ("Leave the call?", this help): keys must not reach the page behind it. */
function modalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/**
 * Does what a shortcut does on this page: 'act' presses its control (a link is followed),
 * 'focus' moves focus to it and brings it into view, and nothing usable → says so politely.
 */
export function runShortcut(shortcut: Shortcut, navigate: NavigateFunction, say: (text: string) => void): void {
  const target = shortcutTarget(shortcut.id);
  if (!target) {
    if (shortcut.to) void navigate(shortcut.to);
    else if (shortcut.unavailable) say(shortcut.unavailable);
    return;
  }
  if (shortcut.effect === 'act') {
    target.click();
    return;
  }
  target.focus({ preventScroll: true });
  // Centred: the case page's sticky panels would cover it at the top or bottom edge.
  target.scrollIntoView?.({ block: 'center' });
}

/**
 * The clinician's shortcuts (shortcuts.ts), listened for on the whole document. Mounted once, in
 * the desk layout, for signed-in clinicians only: never on a supervisor's pages or the parent's.
 */
export function useDeskShortcuts(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Handled already (a dialog's Escape), or mid-composition in an input method editor.
      if (event.defaultPrevented || event.isComposing) return;
      const { enabled, helpOpen, openHelp, say } = useShortcutsStore.getState();
      const match = matchShortcut(
        {
          key: event.key,
          code: event.code,
          altKey: event.altKey,
          shiftKey: event.shiftKey,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          repeat: event.repeat,
          target: targetKind(event.target instanceof Element ? event.target : null),
        },
        { enabled, modalOpen: helpOpen || modalOpen() },
      );
      if (!match) return;
      // Alt+Shift+letter can mean something to the browser (a menu, a typed character): it is ours here.
      event.preventDefault();
      if (match.kind === 'help') openHelp();
      else runShortcut(match.shortcut, navigate, say);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate]);
}
