import { PARENT_LANGUAGE_INFO, PARENT_LANGUAGES, type ParentLanguage } from '@desk/shared';
import { chooseLanguage, useLocaleStore, useMessages } from './locale';

/**
 * The parent's own pick of language, at the top of the join and advice pages. Each language is
 * named in itself (a parent looks for "Polski", not "Polish") and marked with its own `lang`, so a
 * screen reader says it in the right voice. The current one is pressed; a change is announced in
 * the new language and handed to `onChosen` (the page tells the desk).
 */
export function LanguageSwitch({ onChosen }: { onChosen?: (lang: ParentLanguage) => void }) {
  const m = useMessages();
  const current = useLocaleStore((state) => state.lang);
  const choose = async (lang: ParentLanguage) => {
    if (lang === current) return;
    if (await chooseLanguage(lang)) onChosen?.(lang);
  };
  return (
    <nav className="parent-languages" aria-label={m.language.label} data-testid="language-switch">
      <ul className="parent-languages__list">
        {PARENT_LANGUAGES.map((lang) => (
          <li key={lang}>
            <button
              type="button"
              className="parent-languages__option"
              lang={lang}
              dir={PARENT_LANGUAGE_INFO[lang].dir}
              aria-pressed={lang === current}
              onClick={() => void choose(lang)}
            >
              {PARENT_LANGUAGE_INFO[lang].endonym}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
