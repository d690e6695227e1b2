import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHOSEN_LANGUAGE_KEY, applyDocumentLanguage, chooseLanguage, openedInLanguage, phoneLanguage, rememberedLanguage, resetLocale, showLanguage, startLocale, useLocaleStore } from '../src/features/i18n/locale';
import { LanguageSwitch } from '../src/features/i18n/LanguageSwitch';
import { DraftTranslationNotice, LocaleGate } from '../src/features/i18n/LocaleGate';
import { Rich } from '../src/features/i18n/Rich';
import { clockTime, plural } from '../src/features/i18n/format';

/**
 * The parent page's language (issue 12): who decides (the parent's pick, then the link's language,
 * then English), `<html lang dir>`, the switch, and the draft notice. Real locale modules, loaded as
 * the page loads them.
 */

const html = document.documentElement;
const shown = () => useLocaleStore.getState().lang;

beforeEach(() => {
  sessionStorage.clear();
  resetLocale();
});
afterEach(() => {
  applyDocumentLanguage('en');
  vi.restoreAllMocks();
});

describe('which language the page speaks', () => {
  it('starts in the language the page was opened for, else English, and sets <html lang dir>', async () => {
    await startLocale('ar');
    expect(shown()).toBe('ar');
    expect(html).toHaveAttribute('lang', 'ar');
    expect(html).toHaveAttribute('dir', 'rtl');
    resetLocale();
    await startLocale(null);
    expect(shown()).toBe('en');
    expect(html).toHaveAttribute('lang', 'en-GB');
    expect(html).toHaveAttribute('dir', 'ltr');
  });

  it("keeps the parent's own pick over the link's language, for the rest of the tab's session", async () => {
    await chooseLanguage('pl');
    expect(sessionStorage.getItem(CHOSEN_LANGUAGE_KEY)).toBe('pl');
    resetLocale();
    await startLocale('ar');
    expect(shown()).toBe('pl');
    openedInLanguage('ur');
    // Nothing to wait for: the pick stands, so no other locale is even loaded.
    expect(shown()).toBe('pl');
    expect(html).toHaveAttribute('lang', 'pl');
  });

  it("moves to the link's language when the server says it, if the parent has not picked one", async () => {
    await startLocale(null);
    openedInLanguage('ur');
    await vi.waitFor(() => expect(shown()).toBe('ur'));
    expect(html).toHaveAttribute('dir', 'rtl');
  });

  it("guesses from the phone's languages, the first that is a parent language", () => {
    expect(phoneLanguage(['ar-EG', 'en-GB'])).toBe('ar');
    expect(phoneLanguage(['cy-GB', 'pl_PL'])).toBe('pl');
    expect(phoneLanguage(['cy', 'fr'])).toBeNull();
  });

  it('ignores a remembered value that is not a parent language', () => {
    sessionStorage.setItem(CHOSEN_LANGUAGE_KEY, 'cy');
    expect(rememberedLanguage()).toBeNull();
  });

  it('lets the later of two loads win, whichever arrives first', async () => {
    const slow = showLanguage('ro');
    const fast = showLanguage('pl');
    await Promise.all([slow, fast]);
    expect(shown()).toBe('pl');
    expect(html).toHaveAttribute('lang', 'pl');
  });
});

describe('the language switch', () => {
  it('opens from one button with the current language, names each language in itself, marks the current one, and reports a pick once', async () => {
    await startLocale('en');
    const onChosen = vi.fn();
    render(
      <LocaleGate>
        <LanguageSwitch onChosen={onChosen} />
        <DraftTranslationNotice />
      </LocaleGate>,
    );
    const nav = screen.getByRole('navigation', { name: 'Language' });
    const toggle = within(nav).getByRole('button', { name: 'Language: English' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    // Closed, the list is out of the way (one header line) and out of the accessibility tree.
    expect(screen.queryByRole('button', { name: 'Polski' })).not.toBeInTheDocument();
    // English is reviewed: no draft notice.
    expect(screen.queryByTestId('draft-translation')).not.toBeInTheDocument();

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    for (const name of ['English', 'Polski', 'Română', 'اردو', 'العربية']) expect(screen.getByRole('button', { name })).toBeInTheDocument();
    const english = screen.getByRole('button', { name: 'English' });
    expect(english).toHaveAttribute('aria-pressed', 'true');
    // Focus goes to the current language; Escape closes and gives focus back.
    expect(english).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Language: English', hidden: true })).toBeInTheDocument();

    await userEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'العربية' })).toHaveAttribute('lang', 'ar');
    await userEvent.click(screen.getByRole('button', { name: 'Polski' }));
    expect(await screen.findByRole('navigation', { name: 'Język' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Język: Polski' })).toHaveAttribute('aria-expanded', 'false');
    expect(onChosen).toHaveBeenCalledExactlyOnceWith('pl');
    // A draft locale says so, in its own words.
    expect(screen.getByTestId('draft-translation')).toHaveTextContent('To jest wstępne tłumaczenie');
    expect(html).toHaveAttribute('lang', 'pl');

    // The language already shown is not a new pick.
    await userEvent.click(screen.getByRole('button', { name: 'Język: Polski' }));
    expect(screen.getByRole('button', { name: 'Polski' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Polski' }));
    expect(onChosen).toHaveBeenCalledOnce();
  });

  it('shows nothing until the first locale has loaded, then the page', async () => {
    render(
      <LocaleGate>
        <p>the page</p>
      </LocaleGate>,
    );
    expect(screen.queryByText('the page')).not.toBeInTheDocument();
    await startLocale(null);
    expect(await screen.findByText('the page')).toBeInTheDocument();
  });
});

describe('message helpers', () => {
  it('renders <b>…</b> as bold and nothing else as markup', () => {
    const { container } = render(<Rich text={'Tap <b>Allow</b>. <img src=x onerror=alert(1)>'} />);
    expect(container.querySelector('strong')).toHaveTextContent('Allow');
    expect(container.querySelector('img')).toBeNull();
    expect(container).toHaveTextContent('Tap Allow. <img src=x onerror=alert(1)>');
  });

  it('picks plural forms by the language’s own rules and keeps Western digits in Arabic times', () => {
    const forms = { one: () => 'one', few: () => 'few', many: () => 'many', two: () => 'two', other: () => 'other' };
    expect([1, 2, 5, 22].map((n) => plural('pl', n, forms))).toEqual(['one', 'few', 'many', 'few']);
    expect([1, 2, 3, 11].map((n) => plural('ar', n, forms))).toEqual(['one', 'two', 'few', 'many']);
    expect([1, 2].map((n) => plural('en', n, forms))).toEqual(['one', 'other']);
    expect(clockTime('ar', new Date(2026, 11, 7, 14, 5))).toMatch(/14:05|02:05/);
  });
});

describe('when the locale itself does not load', () => {
  it('says so in the language asked for, from the inline last-resort words, with a reload', async () => {
    const gate = render(
      <LocaleGate>
        <p>the page</p>
      </LocaleGate>,
    );
    useLocaleStore.setState({ lang: 'pl', locale: null, failed: true });
    expect(await screen.findByRole('heading', { name: 'Przepraszamy, coś poszło nie tak' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Odśwież stronę' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('lang', 'pl');
    gate.unmount();
  });
});
