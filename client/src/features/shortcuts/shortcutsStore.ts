import { create } from 'zustand';

/** localStorage key of the clinician's "Use keyboard shortcuts" switch: '0' off, anything else (or nothing) on. */
export const SHORTCUTS_ENABLED_KEY = 'desk.shortcuts.enabled';

function storedEnabled(): boolean {
  try {
    return localStorage.getItem(SHORTCUTS_ENABLED_KEY) !== '0';
  } catch {
    // Storage blocked (a locked-down browser profile): on, as the default.
    return true;
  }
}

type ShortcutsState = {
  enabled: boolean;
  helpOpen: boolean;
  /** The last thing a shortcut had to say ("Admit is not available: nobody is waiting"); `seq` tells a repeat from the same one still showing. */
  notice: { text: string; seq: number } | null;
  setEnabled(enabled: boolean): void;
  openHelp(): void;
  closeHelp(): void;
  say(text: string): void;
  clearNotice(): void;
};

export const useShortcutsStore = create<ShortcutsState>()((set) => ({
  enabled: storedEnabled(),
  helpOpen: false,
  notice: null,
  setEnabled(enabled) {
    try {
      localStorage.setItem(SHORTCUTS_ENABLED_KEY, enabled ? '1' : '0');
    } catch {
      // Not remembered past this page; the switch still works now.
    }
    set({ enabled });
  },
  openHelp: () => set({ helpOpen: true }),
  closeHelp: () => set({ helpOpen: false }),
  say: (text) => set((s) => ({ notice: { text, seq: (s.notice?.seq ?? 0) + 1 } })),
  clearNotice: () => set({ notice: null }),
}));

/** Back to what a fresh page load would read (tests, and a sign-in as someone else on the same browser). */
export function resetShortcutsStore(): void {
  useShortcutsStore.setState({ enabled: storedEnabled(), helpOpen: false, notice: null });
}
