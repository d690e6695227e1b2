import type { ReactNode } from 'react';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../src/features/auth/sessionStore';
import CaseListPage from '../src/pages/CaseListPage';
import CasePage from '../src/pages/CasePage';
import { BOARD_NOW, boardRow } from './boardFixtures';
import { CASE_ID, aCase, createFakeSocket, renderRoute, stubFetch } from './helpers';

/** Issue 12 on the desk (which stays English): the parent's language on the case and in the case list. */

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./helpers').createFakeSocket> }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => fake.current?.socket, closeSocket: vi.fn() }));
// The call panel has its own tests: here it only has to be there.
vi.mock('../src/features/call/CallPanel', () => ({
  CallPanel: (props: { children?: ReactNode }) => <>{props.children}</>,
}));

const CASE_URL = `/api/cases/${CASE_ID}`;
const UNSUPPORTED = /The parent asked for .*, which the parent pages do not support yet: consider inviting an interpreter/;

async function openCase(overrides: Record<string, unknown>) {
  stubFetch()
    .on('GET', CASE_URL, { status: 200, body: aCase(overrides) })
    .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] });
  renderRoute('/cases/:id', <CasePage />, `/cases/${CASE_ID}`);
  await screen.findByRole('heading', { level: 1, name: /Amelia, 2 years 2 months/ });
}

const languageRow = () => screen.getByText("Parent's language").closest('.nhsuk-summary-list__row') as HTMLElement;

describe("the parent's language on the case", () => {
  beforeEach(() => {
    fake.current = createFakeSocket();
    useSessionStore.setState({ status: 'signed_in', session: null, error: null });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows "Polish (Polski)", the own name marked as Polish, and no interpreter note', async () => {
    await openCase({ preferredLanguage: 'pl', language: 'pl', languageRequested: null });
    expect(within(languageRow()).getByTestId('case-language')).toHaveTextContent(/^Polish \(Polski\)$/);
    expect(within(languageRow()).getByText('Polski')).toHaveAttribute('lang', 'pl');
    expect(screen.queryByText(UNSUPPORTED)).not.toBeInTheDocument();
  });

  it('marks Arabic right to left inside the English line', async () => {
    await openCase({ preferredLanguage: 'ar', language: 'ar', languageRequested: null });
    expect(within(languageRow()).getByTestId('case-language')).toHaveTextContent('Arabic (العربية)');
    expect(within(languageRow()).getByText('العربية')).toHaveAttribute('dir', 'rtl');
  });

  it('says English, and that the parent asked for a language the pages do not speak, suggesting an interpreter', async () => {
    await openCase({ preferredLanguage: 'en', language: 'en', languageRequested: 'cy' });
    expect(within(languageRow()).getByTestId('case-language')).toHaveTextContent(/^English$/);
    expect(screen.getByTestId('language-unsupported')).toHaveTextContent(
      'The parent asked for cy, which the parent pages do not support yet: consider inviting an interpreter.',
    );
  });

  it('reads a case from before languages (free-text preferredLanguage, no language) as English', async () => {
    await openCase({ preferredLanguage: null });
    expect(within(languageRow()).getByTestId('case-language')).toHaveTextContent(/^English$/);
    expect(screen.queryByTestId('language-unsupported')).not.toBeInTheDocument();
  });
});

describe("the parent's language in the case list", () => {
  beforeEach(() => {
    fake.current = createFakeSocket();
  });

  it('names the language on a row when it is not English, and says nothing on an English one', async () => {
    const polish = boardRow({ reference: '111-PL', language: 'pl' });
    const english = boardRow({ reference: '111-EN' });
    fake.current?.setResult('cases:watch', { epoch: 'e1', seq: 3, serverNow: new Date(BOARD_NOW).toISOString(), cases: [polish, english] });
    render(<CaseListPage />, { wrapper: MemoryRouter });

    const polishRow = (await screen.findByRole('link', { name: '111-PL' })).closest('tr') as HTMLElement;
    expect(within(polishRow).getByTestId('case-row-language')).toHaveTextContent("Parent's language: Polish");
    const englishRow = screen.getByRole('link', { name: '111-EN' }).closest('tr') as HTMLElement;
    expect(within(englishRow).queryByTestId('case-row-language')).not.toBeInTheDocument();
    expect(within(englishRow).getByText('Amelia, 2 years 2 months')).toBeInTheDocument();
  });
});
