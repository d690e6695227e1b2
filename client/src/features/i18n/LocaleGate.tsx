import type { ReactNode } from 'react';
import { PARENT_LANGUAGE_INFO } from '@desk/shared';
import { LastResortPage } from '../../components/ParentRouteError';
import { useLocaleStore, useMessages } from './locale';

/**
 * Renders the page once its language has loaded (a few kB, fetched beside the page's first API
 * call). If the chunk never arrives, the last-resort words (inline, in the language asked for)
 * say to reload and that the phone call still works.
 */
export function LocaleGate({ children }: { children: ReactNode }) {
  const locale = useLocaleStore((state) => state.locale);
  const failed = useLocaleStore((state) => state.failed);
  const lang = useLocaleStore((state) => state.lang);
  if (locale) return <>{children}</>;
  if (!failed) return null;
  return <LastResortPage lang={lang} dir={PARENT_LANGUAGE_INFO[lang].dir} />;
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
