import { useEffect } from 'react';
import { useShortcutsStore } from './shortcutsStore';

/** How long a shortcut's note stays on screen; the live region has said it by then. */
export const SHORTCUT_NOTICE_MS = 6_000;

/**
 * What a shortcut had to say ("Admit is not available: nobody is waiting"): a polite live region,
 * shown at the foot of the screen for a few seconds so a sighted keyboard user sees it too. The
 * region is always there (a live region added with its text is often not read); a repeat is a new
 * node, so it is read again.
 */
export function ShortcutNotice() {
  const notice = useShortcutsStore((s) => s.notice);
  const clearNotice = useShortcutsStore((s) => s.clearNotice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(clearNotice, SHORTCUT_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, clearNotice]);
  return (
    <div role="status" aria-live="polite" className="shortcut-notice" data-testid="shortcut-notice">
      {notice ? (
        <p key={notice.seq} className="shortcut-notice__text">
          {notice.text}
        </p>
      ) : null}
    </div>
  );
}
