/**
 * The clinician's keyboard shortcuts: one table, and a pure decision of which (if any) a key press
 * fires. The DOM side (finding the control, clicking or focusing it) lives in useDeskShortcuts.ts.
 *
 * Every shortcut is Alt+Shift+letter, matched on `event.code` (the physical key): on a Mac,
 * Option+Shift changes `event.key` to another character ("Ñ" for N). I and T are left alone (the
 * browser's and the operating system's own uses).
 */

export type ShortcutId = 'new-case' | 'send-link' | 'admit' | 'mute' | 'camera' | 'end-call' | 'sign' | 'next-case';

/**
 * 'act' presses the control; 'focus' only moves focus to it (and scrolls it into view): End call
 * and Sign decision are never done by a key on its own (WCAG 2.1.4, and a stray key press must not
 * end a child's call or sign a decision).
 */
export type ShortcutEffect = 'act' | 'focus';

export type Shortcut = {
  id: ShortcutId;
  /** `KeyboardEvent.code`, with Alt and Shift held. */
  code: string;
  /** How the help dialog writes the keys. */
  label: string;
  /** What it does, as the help dialog says it. */
  description: string;
  effect: ShortcutEffect;
  /** Where it goes when no control on the page is marked for it (new case: from any desk page). */
  to?: string;
  /** Said (politely) when the page has no usable control for it (every shortcut without `to`). */
  unavailable?: string;
};

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'new-case', code: 'KeyN', label: 'Alt+Shift+N', description: 'Start a new case', effect: 'act', to: '/cases/new' },
  { id: 'send-link', code: 'KeyL', label: 'Alt+Shift+L', description: 'Send the video link to the caller', effect: 'act', unavailable: 'No video link to send on this page' },
  { id: 'admit', code: 'KeyA', label: 'Alt+Shift+A', description: 'Admit the waiting parent to the video call', effect: 'act', unavailable: 'Admit is not available: nobody is waiting' },
  { id: 'mute', code: 'KeyM', label: 'Alt+Shift+M', description: 'Mute or unmute your microphone', effect: 'act', unavailable: 'Mute is not available: you are not in a video call' },
  { id: 'camera', code: 'KeyV', label: 'Alt+Shift+V', description: 'Turn your camera off or on', effect: 'act', unavailable: 'Camera is not available: you are not in a video call' },
  { id: 'end-call', code: 'KeyE', label: 'Alt+Shift+E', description: 'Go to End call', effect: 'focus', unavailable: 'End call is not available: no video call is running' },
  { id: 'sign', code: 'KeyS', label: 'Alt+Shift+S', description: 'Go to Sign decision', effect: 'focus', unavailable: 'No decision to sign on this page' },
  { id: 'next-case', code: 'KeyX', label: 'Alt+Shift+X', description: 'Open your next case (once the decision is signed)', effect: 'act', unavailable: 'Next case is not available: sign the decision first' },
];

/** The help dialog's title, and the name of the header button that opens it. */
export const HELP_TITLE = 'Keyboard shortcuts';

/** The key that opens the help dialog, and how the dialog writes it. */
export const HELP_KEY = '?';

/** The attribute that marks the control a shortcut uses: `data-shortcut="send-link"`. */
export const SHORTCUT_ATTRIBUTE = 'data-shortcut';

/** Where a key press lands: while typing in a field nothing fires, not even `?`. */
export type TargetKind = 'typing' | 'other';

export type KeyPress = {
  key: string;
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** A key held down repeats: a held Alt+Shift+M must not mute, unmute, mute… */
  repeat?: boolean;
  target: TargetKind;
};

export type ShortcutState = {
  /** The clinician's switch ("Use keyboard shortcuts"). */
  enabled: boolean;
  /** A modal dialog is open (the help itself, "Leave the call?"): the page behind it is out of reach. */
  modalOpen: boolean;
};

export type ShortcutMatch = { kind: 'help' } | { kind: 'shortcut'; shortcut: Shortcut } | null;

/**
 * Input types that take no typing: a key press on them is not text. Every other type (text,
 * number, date, search, email, tel, password, time, and any unknown type, which the browser treats
 * as text) is typing.
 */
const NOT_TYPING_INPUT_TYPES = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'range', 'color', 'file']);

/** The smallest part of an element the decision needs (a DOM element, or a plain object in a test). */
export type TargetLike = {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute?(name: string): string | null;
};

/** Whether a key press on this element is typing: a text field, a select (type-ahead), a textarea, anything editable. */
export function targetKind(target: TargetLike | null): TargetKind {
  if (!target || typeof target.tagName !== 'string') return 'other';
  const tag = target.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return 'typing';
  if (tag === 'input') return NOT_TYPING_INPUT_TYPES.has((target.type ?? 'text').toLowerCase()) ? 'other' : 'typing';
  if (target.isContentEditable) return 'typing';
  const role = target.getAttribute?.('role');
  return role === 'textbox' || role === 'combobox' || role === 'searchbox' ? 'typing' : 'other';
}

/**
 * Which shortcut a key press fires, if any (`help` for `?`). Off means all of them, `?` too: a
 * single-character shortcut is the one WCAG 2.1.4 requires a way to turn off (a speech user's
 * dictated "?" must not open a dialog). The header's "Keyboard shortcuts" button opens the help,
 * and its switch, whatever the setting.
 */
export function matchShortcut(press: KeyPress, state: ShortcutState): ShortcutMatch {
  if (!state.enabled || press.target === 'typing' || state.modalOpen) return null;
  if (press.ctrlKey || press.metaKey || press.repeat) return null;
  if (press.key === HELP_KEY && !press.altKey) return { kind: 'help' };
  if (!press.altKey || !press.shiftKey) return null;
  const shortcut = SHORTCUTS.find((s) => s.code === press.code);
  return shortcut ? { kind: 'shortcut', shortcut } : null;
}
