import { adviceResponse, ADVICE, DEHYDRATION_SIGNS, GLASS_TEST } from '@desk/shared';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AdvicePage from '../src/pages/AdvicePage';
import { apiError, stubFetch } from './helpers';

function renderAdvice(entry: string) {
  const router = createMemoryRouter([{ path: '/advice/:topic', element: <AdvicePage /> }], { initialEntries: [entry] });
  return render(<RouterProvider router={router} />);
}

const listItems = (region: HTMLElement) => within(region).getAllByRole('listitem').map((item) => item.textContent);

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

    for (const heading of ['What to expect', 'How to look after your child', 'Medicines', 'Signs of dehydration']) {
      expect(screen.getByRole('heading', { level: 2, name: heading })).toBeInTheDocument();
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

  it('asks for the language in ?lang= and shows what the server answers', async () => {
    const api = stubFetch().on('GET', '/api/advice/cough_cold?lang=cy', { status: 200, body: adviceResponse('cough_cold', 'en') });
    renderAdvice('/advice/cough_cold?lang=cy');

    expect(await screen.findByRole('heading', { level: 1, name: ADVICE.cough_cold.title })).toBeInTheDocument();
    expect(screen.getByTestId('advice')).toHaveAttribute('lang', 'en');
    expect(api.calls[0]!.url).toBe('/api/advice/cough_cold?lang=cy');
  });

  it('tells the parent to call 111 when the topic does not exist', async () => {
    stubFetch().on('GET', /^\/api\/advice\//, apiError(404, 'NOT_FOUND', 'There is no advice on that topic.'));
    renderAdvice('/advice/measles');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('We could not find this advice. Call 111 if you are worried.')).toBeInTheDocument();
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
    expect(screen.getByText(/Call 111 if you are worried/)).toBeInTheDocument();
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
