import { PARENT_LANGUAGE_INFO, PARENT_LANGUAGES, type ParentLanguage } from '@desk/shared';
import { useEffect, useRef, useState } from 'react';
import { chooseLanguage, useLocaleStore, useMessages } from './locale';

/**
 * The parent's own pick of language, at the end of the header of the join and advice pages: one
 * small button with a globe and the current language's own name ("Language: English" to a screen
 * reader), which opens the list of languages, each named in itself (a parent looks for "Polski",
 * not "Polish") and marked with its own `lang`, so a screen reader says it in the right voice. It
 * keeps the header one line: the advice page's 999 and 111 boxes stay within two phone screens.
 * A pick closes the list, is shown at once, and goes to `onChosen` (the page tells the desk).
 */
export function LanguageSwitch({ onChosen }: { onChosen?: (lang: ParentLanguage) => void }) {
  const m = useMessages();
  const current = useLocaleStore((state) => state.lang);
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (open) list.current?.querySelector<HTMLButtonElement>('[aria-pressed="true"]')?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const choose = async (lang: ParentLanguage) => {
    close();
    if (lang === current) return;
    if (await chooseLanguage(lang)) onChosen?.(lang);
  };
  return (
    <nav
      className={open ? 'parent-languages parent-languages--open' : 'parent-languages'}
      aria-label={m.language.label}
      data-testid="language-switch"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) close();
      }}
    >
      <button
        type="button"
        ref={toggle}
        className="parent-languages__toggle"
        aria-expanded={open}
        aria-controls="parent-languages-list"
        data-testid="language-toggle"
        onClick={() => setOpen(!open)}
      >
        <svg className="parent-languages__globe" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9.5" />
          <path d="M2.5 12h19M12 2.5c2.6 2.7 3.9 5.9 3.9 9.5s-1.3 6.8-3.9 9.5c-2.6-2.7-3.9-5.9-3.9-9.5s1.3-6.8 3.9-9.5z" />
        </svg>
        <span className="nhsuk-u-visually-hidden">{m.language.label}:</span>{' '}
        <span lang={current}>{PARENT_LANGUAGE_INFO[current].endonym}</span>
      </button>
      <ul className="parent-languages__list" id="parent-languages-list" ref={list} hidden={!open}>
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

/** The blue bar at the top of a parent page: the page's name, and the language switch at its end. */
export function ParentHeader({ title, onLanguageChosen, switchable = true }: { title: string; onLanguageChosen?: (lang: ParentLanguage) => void; switchable?: boolean }) {
  return (
    <header className="parent-header">
      <span className="parent-header__title">{title}</span>
      {switchable ? <LanguageSwitch onChosen={onLanguageChosen} /> : null}
    </header>
  );
}
