import { ShortcutNotice } from './ShortcutNotice';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useDeskShortcuts } from './useDeskShortcuts';

/** The clinician's shortcuts on every desk page: the key listener, its help dialog and its notes. */
export function DeskShortcuts() {
  useDeskShortcuts();
  return (
    <>
      <ShortcutsHelp />
      <ShortcutNotice />
    </>
  );
}
