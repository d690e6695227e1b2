import { expect, test, type APIRequestContext } from '@playwright/test';
import { clinician, createCase, parent, signIn } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { snap, snapViewport } from '../support/screens';

/**
 * Still photo with consent (issue 9), in real Chromium with its fake camera: the clinician asks,
 * the parent (Pixel 5 emulation; real iOS Safari is a manual check) sees what the photo will show,
 * takes and sends it, and it appears on the case page from the authenticated route; the same
 * address is refused to the parent, a guest and anyone without a session.
 */

const statusOf = async (request: APIRequestContext, url: string) => (await request.get(url)).status();

test('a clinician asks for a photo, the parent takes and sends it, and only clinicians can see it', async ({ browser, baseURL }) => {
  const desk = await clinician(browser, baseURL!);
  const phone = await parent(browser, baseURL!);

  await signIn(desk.page, 'clinician');
  const caseId = await createCase(desk.page, { reference: '111-E2E-PHOTO', childFirstName: 'Ravi', ageYears: '3', phone: '07700 900123' });
  await desk.page.getByRole('button', { name: 'Send video link' }).click();
  await expect(desk.page.getByText(/Sent to 07700 900123/)).toBeVisible();

  await phone.page.goto('/dev/outbox');
  await phone.page.getByRole('link', { name: /\/join\// }).first().click();
  await phone.page.getByRole('button', { name: 'Join video call' }).click();
  await expect(phone.page.getByText('The nurse will let you in shortly')).toBeVisible();
  await desk.page.getByRole('button', { name: 'Admit' }).click();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');

  // A colleague joins by their own link: a guest session, to be refused the photo later.
  const guestInvite = await desk.page.request.post(`/api/cases/${caseId}/invites`, { data: { role: 'interpreter', name: 'Ingrid Interpreter', phone: '07700 900777' } });
  expect(guestInvite.status()).toBe(201);
  const guestToken = /\/join\/([^/?#]+)$/.exec(((await guestInvite.json()) as { devJoinLink: string }).devJoinLink)![1]!;
  const guest = await browser.newContext({ baseURL });
  expect((await guest.request.post('/api/join', { data: { token: guestToken } })).status()).toBe(200);

  // The clinician asks, saying what for.
  await desk.page.getByLabel('What should the photo show? (optional)').fill('the rash on his arm');
  await desk.page.getByRole('button', { name: 'Ask for a photo' }).click();
  await expect(desk.page.getByTestId('photo-request-state')).toHaveAttribute('data-state', 'asked');

  // The parent sees the request, the rule on private parts, and a live preview of what the photo will show.
  const sheet = phone.page.getByRole('dialog', { name: 'The nurse would like a photo' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Of: the rash on his arm');
  await expect(sheet).toContainText('Never photograph private parts');
  await expect.poll(() => phone.page.getByTestId('photo-preview').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await expect(phone.page.getByRole('button', { name: 'Take photo' })).toBeInViewport();
  await snapViewport(phone.page, 'photo-01-phone-request');
  await expectAccessible(phone.page, 'phone photo request');

  await phone.page.getByRole('button', { name: 'Take photo' }).click();
  const still = phone.page.getByRole('img', { name: 'The photo you took' });
  await expect.poll(() => still.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(phone.page.getByRole('button', { name: 'Take again' })).toBeVisible();
  await snapViewport(phone.page, 'photo-02-phone-still');
  await expectAccessible(phone.page, 'phone photo still');

  await phone.page.getByRole('button', { name: 'Send photo' }).click();
  await expect(phone.page.getByText('Photo sent to the nurse. It is not kept on your phone.')).toBeVisible();
  await expect(sheet).toHaveCount(0);
  // Nothing of the photo is left in the page: no still, no object URL in the document.
  expect(await phone.page.locator('img[src^="blob:"]').count()).toBe(0);

  // The desk: received, and the image on the case page actually loads from the authenticated route.
  await expect(desk.page.getByTestId('photo-request-state')).toHaveAttribute('data-state', 'received');
  const photo = desk.page.getByTestId('case-photo');
  await expect(photo).toHaveCount(1);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const url = (await photo.getAttribute('src'))!;
  expect(url).toMatch(new RegExp(`^/api/cases/${caseId}/photos/[0-9a-f-]{36}$`));
  await photo.scrollIntoViewIfNeeded();
  await snap(desk.page, 'photo-03-desk-case-photo');
  await expectAccessible(desk.page, 'desk case page with a photo');

  const seen = await desk.page.request.get(url);
  expect(seen.status()).toBe(200);
  expect(seen.headers()['content-type']).toBe('image/jpeg');
  expect(seen.headers()['cache-control']).toBe('no-store');

  // Refused to the parent (once sent), a guest, anyone without a session, and a supervisor (who only sees that it exists).
  expect(await statusOf(phone.page.request, url)).toBe(401);
  expect(await statusOf(guest.request, url)).toBe(401);
  const stranger = await browser.newContext({ baseURL });
  expect(await statusOf(stranger.request, url)).toBe(401);
  const boss = await clinician(browser, baseURL!);
  await signIn(boss.page, 'supervisor');
  expect(await statusOf(boss.page.request, url)).toBe(403);
  // The supervisor's desk is the live queue (no case page): the case as the API gives it says a photo exists.
  const bossCase = (await (await boss.page.request.get(`/api/cases/${caseId}`)).json()) as { photos: { url: string }[] };
  expect(bossCase.photos.map((p) => p.url)).toEqual([url]);

  // A photo the parent chooses not to send: the desk is told.
  await desk.page.getByRole('button', { name: 'Ask for a photo' }).click();
  await expect(sheet).toBeVisible();
  await phone.page.getByRole('button', { name: 'Don’t send' }).click();
  await expect(desk.page.getByTestId('photo-request-state')).toHaveAttribute('data-state', 'declined');
  await expect(desk.page.getByText('The parent chose not to send a photo.')).toBeVisible();

  for (const context of [desk.context, phone.context, guest, stranger, boss.context]) await context.close();
});
