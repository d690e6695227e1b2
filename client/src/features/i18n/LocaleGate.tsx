import type { ReactNode } from 'react';
import { showLanguage, useLocaleStore, useMessages } from './locale';

/**
 * Renders the page once its language has loaded (a few kB, fetched beside the page's first API
 * call). If the chunk never arrives, a plain page in English and the language asked for says how to
 * try again; the phone call is never in doubt.
 */
export function LocaleGate({ children }: { children: ReactNode }) {
  const locale = useLocaleStore((state) => state.locale);
  const failed = useLocaleStore((state) => state.failed);
  const lang = useLocaleStore((state) => state.lang);
  if (locale) return <>{children}</>;
  if (!failed) return null;
  return (
    <main className="parent-main" style={{ padding: '1rem' }}>
      <h1>The page did not load</h1>
      <p>Check you have signal or Wi-Fi. Stay on the phone: the nurse can still help you.</p>
      <button type="button" style={{ minHeight: '48px' }} onClick={() => void showLanguage(lang)}>
        Try again
      </button>
    </main>
  );
}

/**
 * The draft-translation notice: on every page of a locale that is not reviewed yet, and wherever
 * the content shown is an unchecked draft (`force`: the advice says so itself).
 */
export function DraftTranslationNotice({ force = false }: { force?: boolean }) {
  const m = useMessages();
  const reviewed = useLocaleStore((state) => state.locale?.reviewed ?? true);
  if (reviewed && !force) return null;
  return (
    <p className="parent-draft-notice" data-testid="draft-translation">
      {m.language.draftNotice}
    </p>
  );
}
