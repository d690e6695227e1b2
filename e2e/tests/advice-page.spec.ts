import { randomUUID } from 'node:crypto';
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import { parent } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { snap, snapViewport } from '../support/screens';

/**
 * The safety-netting advice page as the parent opens it from the SMS on a phone (Pixel 5 emulation
 * in Chromium, 393×851 CSS px): what the nurse advised first, 999 and 111 to tap, and the page
 * before "More detail" within two screens; after an amendment the old link says the advice changed.
 * The desk's side goes through the API: the desk pages have e2e of their own (video-call.spec.ts).
 */

const PIXEL_5_HEIGHT = 851;

async function deskApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: { username: 'clinician', password: 'demo' } });
  expect(login.status()).toBe(200);
  return api;
}

async function decide(api: APIRequestContext, path: string, data: object): Promise<{ id: string }> {
  const response = await api.post(path, { data, headers: { 'Idempotency-Key': `e2e-${randomUUID()}` } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string };
}

/** The advice links the demo's phone (the dev outbox) holds for a number, newest first. */
async function adviceLinksTo(api: APIRequestContext, phone: string): Promise<string[]> {
  const outbox = (await (await api.get('/api/dev/outbox')).json()) as { to: string; link: string | null }[];
  return outbox.filter((m) => m.to === phone && m.link?.includes('/advice/')).map((m) => m.link!);
}

const TOPICS = ['fever', 'sore_throat', 'ear_pain', 'rash', 'cough_cold', 'diarrhoea_vomiting', 'general'] as const;

/** Where "More detail" starts on each topic's page opened with this link's code: within two Pixel 5 screens. */
async function expectAllTopicsFit(page: Page, link: string, state: string): Promise<void> {
  const tops: Record<string, number> = {};
  for (const topic of TOPICS) {
    await page.goto(link.replace('/advice/fever', `/advice/${topic}`));
    await expect(page.getByTestId('advice-recap')).toBeVisible();
    const moreDetail = page.getByRole('heading', { level: 2, name: 'More detail' });
    tops[topic] = Math.round(await moreDetail.evaluate((element) => element.getBoundingClientRect().top + window.scrollY));
  }
  test.info().annotations.push({ type: `more-detail-top-px with ${state}`, description: JSON.stringify(tops) });
  console.log(`"More detail" starts at (CSS px, Pixel 5, with ${state}): ${JSON.stringify(tops)}`);
  expect(Object.entries(tops).filter(([, px]) => px > 2 * PIXEL_5_HEIGHT)).toEqual([]);
}

test('the advice page recaps the nurse\u2019s advice, fits two phone screens before More detail, and tells an old link the advice changed', async ({ browser, baseURL }) => {
  const api = await deskApi(baseURL!);
  const created = await api.post('/api/cases', {
    data: { reference: '111-E2E-ADV1', childFirstName: 'Beatrix', childAgeMonths: 30, callerPhone: '07700 900456', relationship: 'Father', complaint: 'fever' },
  });
  expect(created.status()).toBe(201);
  const { id: caseId, callerPhone } = (await created.json()) as { id: string; callerPhone: string };
  const v1 = await decide(api, `/api/cases/${caseId}/decisions`, { disposition: 'primary_care', timeframeHours: 24, notes: 'Beatrix well on video.' });
  const [firstLink] = await adviceLinksTo(api, callerPhone);
  expect(firstLink).toMatch(/\/advice\/fever\?lang=en&t=[A-Za-z0-9_-]{22}$/);
  expect(firstLink).not.toContain('Beatrix');

  const phone = await parent(browser, baseURL!);
  await phone.page.goto(firstLink!);
  const recap = phone.page.getByTestId('advice-recap');
  await expect(recap).toContainText('What the nurse advised');
  await expect(recap).toContainText('The nurse advised seeing a GP within 24 hours.');
  await expect(phone.page.getByText('Beatrix')).toHaveCount(0);
  // 999 and 111 are a tap away, with targets of at least 48 px.
  for (const number of ['999', '111']) {
    const call = phone.page.getByRole('link', { name: `Call ${number}` });
    await expect(call).toHaveAttribute('href', `tel:${number}`);
    expect((await call.boundingBox())!.height).toBeGreaterThanOrEqual(48);
  }
  // Recap, title, the 999 and 111 boxes: all within two screens; the rest is "More detail".
  const moreDetail = phone.page.getByRole('heading', { level: 2, name: 'More detail' });
  await expect(moreDetail).toBeVisible();
  await snapViewport(phone.page, 'advice-01-recap-first-screen');
  await snap(phone.page, 'advice-02-recap-full');
  // Every topic, with this recap on top (the longest lists too).
  await expectAllTopicsFit(phone.page, firstLink!, 'the recap');
  await expectAccessible(phone.page, 'advice page with the recap');

  // The nurse amends to A&E: no SMS for that, but the first link now says so first.
  await decide(api, `/api/cases/${caseId}/decisions/${v1.id}/amendments`, {
    disposition: 'emergency_department',
    timeframeHours: 1,
    notes: 'Called back: now drowsy.',
    reason: 'Worse on call back',
  });
  await phone.page.goto(firstLink!);
  const changed = phone.page.getByTestId('advice-recap');
  await expect(changed.getByRole('heading', { level: 2, name: 'Your advice has changed' })).toBeVisible();
  await expect(changed).toContainText('The nurse advised taking your child to A&E within 1 hour.');
  expect(await phone.page.getByRole('heading').first().textContent()).toBe('Your advice has changed');
  await snapViewport(phone.page, 'advice-03-changed');
  await expectAllTopicsFit(phone.page, firstLink!, '"Your advice has changed"');
  await phone.page.goto(firstLink!);
  await expectAccessible(phone.page, 'advice page, advice changed');

  // A code we never sent, and no code at all: the topic's advice, never an error wall.
  await phone.page.goto('/advice/fever?lang=en&t=not-a-real-code');
  await expect(phone.page.getByTestId('advice-recap-note')).toContainText('We could not find the nurse’s advice for this link.');
  await expect(phone.page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(phone.page.getByRole('link', { name: 'Call 999' })).toBeVisible();
  await snapViewport(phone.page, 'advice-04-unknown-code');
  await expectAccessible(phone.page, 'advice page, unknown code');

  await phone.page.goto('/advice/fever?lang=en');
  await expect(phone.page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(phone.page.getByTestId('advice-recap')).toHaveCount(0);
  await expect(phone.page.getByTestId('advice-recap-note')).toHaveCount(0);
  await expectAccessible(phone.page, 'advice page without a code');

  await phone.context.close();
  await api.dispose();
});
