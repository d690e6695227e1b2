import '@testing-library/jest-dom/vitest';
import './jsdom-backports';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { CHOSEN_LANGUAGE_KEY, resetLocale, showLanguage } from '../src/features/i18n/locale';

// findBy*/waitFor give up after 1 s by default: a slow jsdom render on a busy machine is not a failure.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});

// The parent's pages render only with a locale loaded (LocaleGate waits for it in the app): every
// test starts in English, as a parent's page does; a test of another language calls showLanguage().
beforeEach(async () => {
  resetLocale();
  window.sessionStorage.removeItem(CHOSEN_LANGUAGE_KEY);
  await showLanguage('en');
});

// jsdom has no canvas: everywhere a day chart is drawn (the board, the report), the drawing is a
// spy. client/test/reports.test.tsx checks what each chart is asked to draw, and its words.
vi.mock('../src/features/reports/chartjs', () => ({ drawChart: vi.fn(() => ({ update: vi.fn(), destroy: vi.fn() })) }));
