import { adviceResponse, ADVICE, DEHYDRATION_SIGNS, GLASS_TEST } from '@desk/shared';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AdvicePage from '../src/pages/AdvicePage';
import { showLanguage } from '../src/features/i18n/locale';
import { apiError, stubFetch } from './helpers';

function renderAdvice(entry: string) {
  const router = createMemoryRouter([{ path: '/advice/:topic', element: <AdvicePage /> }], { initialEntries: [entry] });
  return render(<RouterProvider router={router} />);
}

const listItems = (region: HTMLElement) => within(region).getAllByRole('listitem').map((item) => item.textContent);
/** A paragraph by its whole text (the phone numbers in it are links of their own). */
const paragraph = (text: string) => screen.getByText((_content, element) => element?.tagName === 'P' && element.textContent === text);

describe('AdvicePage (safety-netting advice from the SMS link)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('shows the 999 and 111 lists for fever in their own urgent boxes, asking for the language in the link', async () => {
    const api = stubFetch().on('GET', '/api/advice/fever?lang=en', { status: 200, body: adviceResponse('fever') });
    renderAdvice('/advice/fever?lang=en');

    expect(await screen.findByRole('heading', { level: 1, name: ADVICE.fever.title })).toBeInTheDocument();
    const call999 = screen.getByRole('region', { name: 'Immediate action required: Call 999 if:' });
    expect(listItems(call999)).toEqual(ADVICE.fever.call999);
    expect(call999).toHaveClass('nhsuk-card--care--emergency');
    const call111 = screen.getByRole('region', { name: 'Urgent advice: Call 111 or your GP if:' });
    expect(listItems(call111)).toEqual(ADVICE.fever.call111);
    expect(call111).toHaveClass('nhsuk-card--care--urgent');

    // Under "More detail", each section folds behind its own summary, the target to tap.
    expect(screen.getByRole('heading', { level: 2, name: 'More detail' })).toBeInTheDocument();
    for (const section of ['What to expect', 'How to look after your child', 'Medicines', 'Signs of dehydration', 'Where this advice comes from']) {
      const region = screen.getByRole('region', { name: section });
      expect(within(region).getByText(section).closest('summary'), section).not.toBeNull();
      expect(region.querySelector('details')).not.toHaveAttribute('open');
    }
    expect(listItems(screen.getByRole('region', { name: 'Medicines' }))).toEqual(ADVICE.fever.medicines);
    expect(listItems(screen.getByRole('region', { name: 'Signs of dehydration' }))).toEqual(DEHYDRATION_SIGNS);
    expect(screen.getByText("This advice is from the NHS 111 children's team.")).toBeInTheDocument();
    expect(screen.getByRole('link', { name: ADVICE.fever.sources[0]!.title })).toHaveAttribute('href', ADVICE.fever.sources[0]!.url);
    expect(api.calls.map((call) => `${call.method} ${call.url}`)).toEqual(['GET /api/advice/fever?lang=en']);
    // The SMS link opens this on any phone: nothing is sent that would identify the family.
    expect(api.calls[0]!.headers.cookie).toBeUndefined();
  });

  it('shows the glass test, step by step, for a rash and links to it from the 999 box', async () => {
    stubFetch().on('GET', '/api/advice/rash?lang=en', { status: 200, body: adviceResponse('rash') });
    renderAdvice('/advice/rash');

    const glassTest = await screen.findByRole('region', { name: 'How to do the glass test' });
    expect(within(glassTest).getByRole('list').tagName).toBe('OL');
    expect(listItems(glassTest)).toEqual(GLASS_TEST);
    const call999 = screen.getByRole('region', { name: /Call 999 if:/ });
    expect(within(call999).getByRole('link', { name: 'How to do the glass test' })).toHaveAttribute('href', '#advice-glass-test');
    // Rash advice has no dehydration list.
    expect(screen.queryByRole('heading', { name: 'Signs of dehydration' })).not.toBeInTheDocument();
  });

  it("asks for the advice in the page's language and shows a draft with its notice, in that language's direction", async () => {
    await showLanguage('ar');
    const api = stubFetch().on('GET', '/api/advice/cough_cold?lang=ar', { status: 200, body: adviceResponse('cough_cold', 'ar', 'show') });
    renderAdvice('/advice/cough_cold?lang=ar');

    const arabic = adviceResponse('cough_cold', 'ar', 'show');
    expect(await screen.findByRole('heading', { level: 1, name: arabic.content.title })).toBeInTheDocument();
    expect(screen.getByTestId('advice')).toHaveAttribute('lang', 'ar');
    expect(screen.getByTestId('advice')).toHaveAttribute('dir', 'rtl');
    expect(screen.getByRole('region', { name: `${arabic.labels.immediate} ${arabic.labels.call999Heading}` })).toBeInTheDocument();
    expect(screen.getByTestId('draft-translation')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: arabic.labels.call999Button })).toHaveAttribute('href', 'tel:999');
    expect(api.calls[0]!.url).toBe('/api/advice/cough_cold?lang=ar');
  });

  it('keeps temperatures left to right inside Arabic text, and 999 a tel: link', async () => {
    await showLanguage('ar');
    stubFetch().on('GET', '/api/advice/fever?lang=ar', { status: 200, body: adviceResponse('fever', 'ar', 'show') });
    renderAdvice('/advice/fever?lang=ar');
    await screen.findByTestId('advice');
    const temperatures = [...screen.getByTestId('advice').querySelectorAll('bdi')].map((bdi) => bdi.textContent);
    expect(temperatures).toContain('38°C');
    expect(temperatures.every((t) => /^\d+(?:[.,]\d+)?\s?°C$/.test(t ?? ''))).toBe(true);
    expect(screen.getAllByRole('link', { name: '999' })[0]).toHaveAttribute('dir', 'ltr');
  });

  it('says so when the link asks for a language the service does not have (?lang=cy), rather than silently showing English', async () => {
    const api = stubFetch().on('GET', '/api/advice/fever?lang=en', { status: 200, body: adviceResponse('fever') });
    renderAdvice('/advice/fever?lang=cy');
    expect(await screen.findByTestId('advice-language-unavailable')).toHaveTextContent('not available in your language yet');
    expect(api.calls[0]!.url).toBe('/api/advice/fever?lang=en');
  });

  it('says in the parent\'s language why the advice is in English when its translation is withheld', async () => {
    await showLanguage('pl');
    stubFetch().on('GET', '/api/advice/fever?lang=pl', { status: 200, body: adviceResponse('fever', 'pl', 'english') });
    renderAdvice('/advice/fever?lang=pl');

    expect(await screen.findByRole('heading', { level: 1, name: ADVICE.fever.title })).toBeInTheDocument();
    expect(screen.getByTestId('advice')).toHaveAttribute('lang', 'en');
    expect(screen.getByTestId('advice-in-english')).toHaveTextContent('Te porady są po angielsku');
    expect(screen.getByRole('region', { name: 'Immediate action required: Call 999 if:' })).toBeInTheDocument();
  });

  it('tells the parent to call 111 when the topic does not exist', async () => {
    stubFetch().on('GET', /^\/api\/advice\//, apiError(404, 'NOT_FOUND', 'There is no advice on that topic.'));
    renderAdvice('/advice/measles');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(paragraph('We could not find this advice. Call 111 if you are worried.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '111' })).toHaveAttribute('href', 'tel:111');
    expect(screen.getByRole('link', { name: '999' })).toHaveAttribute('href', 'tel:999');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('shows a loading state, then on a network failure tells the parent to call 111 and lets them retry', async () => {
    const api = stubFetch().on('GET', '/api/advice/ear_pain?lang=en', new TypeError('offline'), {
      status: 200,
      body: adviceResponse('ear_pain'),
    });
    renderAdvice('/advice/ear_pain');

    expect(screen.getByRole('status')).toHaveTextContent('Loading advice…');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sorry, the advice did not load' })).toBeInTheDocument();
    expect(paragraph('Check your signal and try again. Call 111 if you are worried.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: ADVICE.ear_pain.title })).toBeInTheDocument();
    expect(api.calls).toHaveLength(2);
  });

  it('prints from the Print button', async () => {
    stubFetch().on('GET', '/api/advice/general?lang=en', { status: 200, body: adviceResponse('general') });
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    renderAdvice('/advice/general');

    await userEvent.click(await screen.findByRole('button', { name: 'Print this advice' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('has no axe structure violations (names, headings, landmarks, ARIA)', async () => {
    stubFetch().on('GET', '/api/advice/diarrhoea_vomiting?lang=en', { status: 200, body: adviceResponse('diarrhoea_vomiting') });
    document.documentElement.lang = 'en-GB'; // as client/index.html
    renderAdvice('/advice/diarrhoea_vomiting');
    await screen.findByRole('heading', { level: 1 });

    const results = await axe.run(document.documentElement, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

describe('AdvicePage: what the nurse advised, from the code in the SMS link', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const TOKEN = 'Q2hpbGRBZHZpY2VDb2RlXz';
  const GIVEN_AT = '2026-12-03T14:05:00.000Z';
  const withAdvice = (topic: 'fever' | 'rash' = 'fever') => stubFetch().on('GET', `/api/advice/${topic}?lang=en`, { status: 200, body: adviceResponse(topic) });
  const recapRegion = () => screen.findByTestId('advice-recap', {}, { timeout: 5_000 });

  it('recaps the advice above the topic, asking with the code alone and no cookies', async () => {
    const api = withAdvice().on('POST', '/api/advice/recap', {
      status: 200,
      body: { changed: false, nextStep: 'The nurse advised seeing a GP within 24 hours.', givenAt: GIVEN_AT },
    });
    renderAdvice(`/advice/fever?lang=en&t=${TOKEN}`);

    const recap = await recapRegion();
    expect(recap).toHaveAccessibleName('What the nurse advised');
    expect(recap).toHaveTextContent('The nurse advised seeing a GP within 24 hours.');
    expect(screen.queryByText('Your advice has changed')).not.toBeInTheDocument();
    // First on the page: before the topic's title and the 999 box.
    const title = screen.getByRole('heading', { level: 1, name: ADVICE.fever.title });
    expect(recap.compareDocumentPosition(title) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const [asked] = api.callsTo('POST', '/api/advice/recap');
    expect(asked!.body).toEqual({ token: TOKEN, lang: 'en' });
    expect(asked!.headers.cookie).toBeUndefined();
  });

  it('moves to the language the parent picks, rewrites ?lang= and tells the desk through the link code', async () => {
    const api = stubFetch()
      .on('GET', '/api/advice/fever?lang=en', { status: 200, body: adviceResponse('fever') })
      .on('GET', '/api/advice/fever?lang=ro', { status: 200, body: adviceResponse('fever', 'ro', 'show') })
      .on('POST', '/api/advice/recap', { status: 200, body: { changed: false, nextStep: 'x', givenAt: GIVEN_AT, lang: 'en', translation: 'original' } })
      .on('POST', '/api/advice/language', { status: 204 });
    const router = createMemoryRouter([{ path: '/advice/:topic', element: <AdvicePage /> }], { initialEntries: [`/advice/fever?lang=en&t=${TOKEN}`] });
    render(<RouterProvider router={router} />);
    await screen.findByRole('heading', { level: 1, name: ADVICE.fever.title });

    await userEvent.click(screen.getByRole('button', { name: 'Language: English' }));
    await userEvent.click(screen.getByRole('button', { name: 'Română' }));
    const romanian = adviceResponse('fever', 'ro', 'show');
    expect(await screen.findByRole('heading', { level: 1, name: romanian.content.title })).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?lang=ro&t=${TOKEN}`);
    expect(api.callsTo('POST', '/api/advice/language').map((call) => call.body)).toEqual([{ token: TOKEN, language: 'ro' }]);
    // The recap is asked again in the new language.
    expect(api.callsTo('POST', '/api/advice/recap').map((call) => call.body)).toEqual([
      { token: TOKEN, lang: 'en' },
      { token: TOKEN, lang: 'ro' },
    ]);
  });

  it('says "Your advice has changed" first when a newer version replaced the linked one, and gives the new advice', async () => {
    withAdvice().on('POST', '/api/advice/recap', {
      status: 200,
      body: { changed: true, nextStep: 'The nurse advised taking your child to A&E within 1 hour.', givenAt: GIVEN_AT },
    });
    renderAdvice(`/advice/fever?lang=en&t=${TOKEN}`);

    const recap = await recapRegion();
    const heading = within(recap).getByRole('heading', { level: 2, name: 'Your advice has changed' });
    expect(screen.getAllByRole('heading')[0]).toBe(heading);
    expect(recap).toHaveTextContent('The nurse advised taking your child to A&E within 1 hour.');
    expect(recap).toHaveTextContent(/It replaces your earlier text message\./);
    expect(recap).toHaveAttribute('data-changed', 'true');
  });

  it('shows the topic advice alone, asking nothing more, when the link has no code', async () => {
    const api = withAdvice();
    renderAdvice('/advice/fever?lang=en');

    expect(await screen.findByRole('heading', { level: 1, name: ADVICE.fever.title })).toBeInTheDocument();
    expect(screen.queryByTestId('advice-recap')).not.toBeInTheDocument();
    expect(screen.queryByTestId('advice-recap-note')).not.toBeInTheDocument();
    expect(api.callsTo('POST', '/api/advice/recap')).toEqual([]);
  });

  it('shows the topic advice with a short note when the server does not know the code', async () => {
    withAdvice().on('POST', '/api/advice/recap', apiError(404, 'ADVICE_LINK_UNKNOWN', 'We do not know this advice link.'));
    renderAdvice('/advice/fever?lang=en&t=garbage');

    expect(await screen.findByTestId('advice-recap-note', {}, { timeout: 5_000 })).toHaveTextContent('We could not find the nurse’s advice for this link. Here is our general advice.');
    expect(screen.getByRole('heading', { level: 1, name: ADVICE.fever.title })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Immediate action required: Call 999 if:' })).toBeInTheDocument();
  });

  it('shows the topic advice with a short note when the recap does not load, or is not what the page expects', async () => {
    withAdvice().on('POST', '/api/advice/recap', new TypeError('offline'));
    const first = renderAdvice(`/advice/fever?lang=en&t=${TOKEN}`);
    expect(await screen.findByTestId('advice-recap-note', {}, { timeout: 5_000 })).toHaveTextContent(/could not load the nurse’s advice/);
    first.unmount();

    withAdvice().on('POST', '/api/advice/recap', { status: 200, body: { changed: 'yes', nextStep: 42 } });
    renderAdvice(`/advice/fever?lang=en&t=${TOKEN}`);
    expect(await screen.findByTestId('advice-recap-note', {}, { timeout: 5_000 })).toHaveTextContent(/could not load the nurse’s advice/);
    expect(screen.getByRole('heading', { level: 1, name: ADVICE.fever.title })).toBeInTheDocument();
  });

  it('lets the parent tap to call 999 and 111 from the boxes that say when, and from any line that names them', async () => {
    withAdvice('rash');
    renderAdvice('/advice/rash?lang=en');

    const call999 = await screen.findByRole('region', { name: /Call 999 if:/ });
    expect(within(call999).getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
    const call111 = screen.getByRole('region', { name: /Call 111 or your GP if:/ });
    expect(within(call111).getByRole('link', { name: 'Call 111' })).toHaveAttribute('href', 'tel:111');
    // The glass test's "Call 999 now." is a link too; "NHS 111" (the service's name) is not.
    const glassTest = screen.getByRole('region', { name: 'How to do the glass test' });
    expect(within(glassTest).getByRole('link', { name: '999' })).toHaveAttribute('href', 'tel:999');
    expect(screen.queryAllByRole('link', { name: '111' })).toEqual([]);
  });

  it('unfolds the glass test from the 999 box, and every section for printing', async () => {
    withAdvice('rash');
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    renderAdvice('/advice/rash?lang=en');

    const glassTest = await screen.findByRole('region', { name: 'How to do the glass test' });
    expect(glassTest.querySelector('details')).not.toHaveAttribute('open');
    await userEvent.click(screen.getByRole('link', { name: 'How to do the glass test' }));
    expect(glassTest.querySelector('details')).toHaveAttribute('open');

    window.dispatchEvent(new Event('beforeprint'));
    for (const details of document.querySelectorAll('details')) expect(details).toHaveAttribute('open');
    await userEvent.click(screen.getByRole('button', { name: 'Print this advice' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it.each([
    ['the recap', false],
    ['"Your advice has changed"', true],
  ])('has no axe structure violations with %s', async (_label, changed) => {
    withAdvice().on('POST', '/api/advice/recap', {
      status: 200,
      body: { changed, nextStep: 'The nurse advised seeing a GP within 2 hours.', givenAt: GIVEN_AT },
    });
    document.documentElement.lang = 'en-GB';
    renderAdvice(`/advice/fever?lang=en&t=${TOKEN}`);
    await recapRegion();

    const results = await axe.run(document.documentElement, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
