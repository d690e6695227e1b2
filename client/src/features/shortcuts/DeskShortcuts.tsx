import { useEffect } from 'react';
import { ShortcutNotice } from './ShortcutNotice';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useShortcutsStore } from './shortcutsStore';
import { useDeskShortcuts } from './useDeskShortcuts';

/** The clinician's shortcuts on every desk page: the key listener, its help dialog and its notes. */
export function DeskShortcuts() {
  useDeskShortcuts();
  // Signed out (or timed out) with the help open: the next sign-in must not start with it open.
  useEffect(() => () => useShortcutsStore.getState().closeHelp(), []);
  return (
    <>
      <ShortcutsHelp />
      <ShortcutNotice />
    </>
  );
}
