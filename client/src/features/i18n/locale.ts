import { DEFAULT_PARENT_LANGUAGE, isParentLanguage, PARENT_LANGUAGE_INFO, type ParentLanguage } from '@desk/shared';
import { create } from 'zustand';
import type { LocaleModule, Messages } from './types';

/**
 * Which language the parent's page speaks, and its messages. One locale is loaded at a time, each
 * its own chunk (a few kB), so a phone on a weak signal never downloads the other four.
 *
 * Who decides, first match wins:
 * 1. the parent's own choice on the language switch, remembered for this browser tab's session;
 * 2. the language the page was opened for (the case's, from the join link; `?lang=` on advice);
 * 3. English.
 */

const LOCALES: Record<ParentLanguage, () => Promise<{ default: LocaleModule }>> = {
  en: () => import('./messages/en'),
  pl: () => import('./messages/pl'),
  ro: () => import('./messages/ro'),
  ur: () => import('./messages/ur'),
  ar: () => import('./messages/ar'),
};

/** The parent's choice, for the rest of this tab's session (join and advice pages alike). */
export const CHOSEN_LANGUAGE_KEY = 'parent.language';

type LocaleState = {
  /** The language shown (or being loaded, on the first load). */
  lang: ParentLanguage;
  /** Null until the first locale has loaded. */
  locale: LocaleModule | null;
  /** The locale's chunk did not load (no signal): the page offers to try again. */
  failed: boolean;
};

export const useLocaleStore = create<LocaleState>()(() => ({ lang: DEFAULT_PARENT_LANGUAGE, locale: null, failed: false }));

/** The messages of the language shown; only rendered under LocaleGate, which waits for them. */
export function useMessages(): Messages {
  const locale = useLocaleStore((state) => state.locale);
  if (!locale) throw new Error('useMessages() outside LocaleGate: no locale loaded yet');
  return locale.messages;
}

export function rememberedLanguage(storage: Pick<Storage, 'getItem'> | null = safeSessionStorage()): ParentLanguage | null {
  const value = storage?.getItem(CHOSEN_LANGUAGE_KEY);
  return isParentLanguage(value) ? value : null;
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Some in-app browsers refuse storage: the choice then lasts as long as the page.
    return null;
  }
}

/** `<html lang dir>`: screen readers pick the voice from it, and the layout mirrors for Urdu and Arabic. */
export function applyDocumentLanguage(lang: ParentLanguage, root: HTMLElement = document.documentElement): void {
  root.lang = lang === 'en' ? 'en-GB' : lang;
  root.dir = PARENT_LANGUAGE_INFO[lang].dir;
}

let latest = 0;

/** Loads a locale and shows it; a later call wins over one still loading. Resolves false if the chunk failed. */
export async function showLanguage(lang: ParentLanguage): Promise<boolean> {
  const request = ++latest;
  if (!useLocaleStore.getState().locale) useLocaleStore.setState({ lang });
  try {
    const { default: locale } = await LOCALES[lang]();
    if (request !== latest) return true;
    applyDocumentLanguage(lang);
    useLocaleStore.setState({ lang, locale, failed: false });
    return true;
  } catch {
    if (request === latest) useLocaleStore.setState({ failed: true });
    return false;
  }
}

/**
 * The phone's own language, when it is one of the parent languages: the first guess on a join link
 * before the server has said the case's, so an Arabic phone opening an Arabic link never flashes
 * English. The case's language still wins once it is known (`openedInLanguage`).
 */
export function phoneLanguage(languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages): ParentLanguage | null {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isParentLanguage(primary)) return primary;
  }
  return null;
}

/** At start: the remembered choice, else what the page was opened for, else English. */
export function startLocale(openedFor: ParentLanguage | null): Promise<boolean> {
  return showLanguage(rememberedLanguage() ?? openedFor ?? DEFAULT_PARENT_LANGUAGE);
}

/**
 * The server said which language this link is for (the case's). It wins over the first guess but
 * never over the parent's own choice.
 */
export function openedInLanguage(lang: ParentLanguage): void {
  if (rememberedLanguage()) return;
  if (useLocaleStore.getState().lang !== lang || !useLocaleStore.getState().locale) void showLanguage(lang);
}

/** The parent picked a language on the switch: shown at once and kept for this tab's session. */
export function chooseLanguage(lang: ParentLanguage): Promise<boolean> {
  try {
    safeSessionStorage()?.setItem(CHOSEN_LANGUAGE_KEY, lang);
  } catch {
    // Storage full or refused: the choice holds until the page closes.
  }
  return showLanguage(lang);
}

/** Tests: back to nothing loaded. */
export function resetLocale(): void {
  latest = 0;
  useLocaleStore.setState({ lang: DEFAULT_PARENT_LANGUAGE, locale: null, failed: false });
}
