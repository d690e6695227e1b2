import { expect, test } from '@playwright/test';
import { clinician, createCase, parent, signIn } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { expectMediaFlowing } from '../support/media';
import { snap } from '../support/screens';

test('a clinician video-calls a parent phone from an SMS link, then signs the decision', async ({ browser, baseURL }) => {
  const desk = await clinician(browser, baseURL!);
  const phone = await parent(browser, baseURL!);

  // 1–3: sign in and create the case from the phone triage.
  await signIn(desk.page, 'clinician');
  await snap(desk.page, '01-desk-case-list');
  await expectAccessible(desk.page, 'case list');
  await desk.page.goto('/cases/new');
  await expectAccessible(desk.page, 'new case form');
  const caseId = await createCase(desk.page, { reference: '111-E2E-0001', childFirstName: 'Amira', ageYears: '2', phone: '07700 900123' });
  await snap(desk.page, '02-desk-case-created');
  await expectAccessible(desk.page, 'case page');

  // 4: send the link; the case shows the SMS as sent.
  await desk.page.getByRole('button', { name: 'Send video link' }).click();
  await expect(desk.page.getByText(/Sent to 07700 900123/)).toBeVisible();
  await snap(desk.page, '03-desk-link-sent');

  // 5: the parent reads the SMS on the (dev outbox) phone and taps the link.
  await phone.page.goto('/dev/outbox');
  const link = phone.page.getByRole('link', { name: /\/join\// }).first();
  await expect(link).toBeVisible();
  const joinUrl = await link.getAttribute('href');
  expect(joinUrl).toMatch(/\/join\/[A-Za-z0-9_-]{40,}$/);
  await snap(phone.page, '04-phone-outbox');
  await expectAccessible(phone.page, 'dev outbox');
  await link.click();
  await expect(phone.page.getByRole('button', { name: 'Join video call' })).toBeVisible();
  await expect(phone.page.getByText(/not recorded/i)).toBeVisible();
  await snap(phone.page, '05-phone-join-intro');
  await expectAccessible(phone.page, 'join intro');

  await phone.page.getByRole('button', { name: 'Join video call' }).click();
  await expect(phone.page).toHaveURL(/\/join$/);
  await expect(phone.page.getByText('The nurse will let you in shortly')).toBeVisible();
  await expect
    .poll(() => phone.page.getByTestId('local-video').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
  await snap(phone.page, '06-phone-waiting');
  await expectAccessible(phone.page, 'join waiting');

  // 6: the desk sees the parent waiting live, admits, and media flows both ways.
  const admit = desk.page.getByRole('button', { name: 'Admit' });
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'parent_waiting');
  await expect(admit).toBeEnabled();
  await admit.click();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expectMediaFlowing(desk.page, 'clinician');
  await expectMediaFlowing(phone.page, 'parent');
  await expect(desk.page.getByText(/hang up the phone call/i)).toBeVisible();
  await snap(desk.page, '07-desk-in-call');
  await snap(phone.page, '08-phone-in-call');
  await expectAccessible(desk.page, 'desk in call');
  await expectAccessible(phone.page, 'phone in call');

  // 8: the supervisor's wall screen shows the case live, in call.
  const boss = await clinician(browser, baseURL!);
  await signIn(boss.page, 'supervisor');
  await expect(boss.page).toHaveURL(/\/supervisor/);
  const row = boss.page.getByRole('row', { name: /111-E2E-0001/ });
  await expect(row).toContainText('In call');
  await snap(boss.page, '09-supervisor-live');
  await expectAccessible(boss.page, 'supervisor');

  // A reload on the phone keeps the parent in the call through the cookie, not the link.
  await phone.page.reload();
  await expect(phone.page).toHaveURL(/\/join$/);
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expectMediaFlowing(desk.page, 'clinician after parent reload');

  // 7: the clinician ends; both sides show ended.
  await desk.page.getByRole('button', { name: 'End call' }).click();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'ended');
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'ended');
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-reason', 'clinician_ended');
  await snap(phone.page, '10-phone-ended');
  await expectAccessible(phone.page, 'phone ended');

  // The decision: GP within 6 hours, signed; a reload shows it persisted with who and when.
  await desk.page.getByLabel(/GP \/ primary care/).check();
  await desk.page.getByLabel('Timeframe').selectOption({ label: 'Within 6 hours' });
  await desk.page.getByLabel(/notes/i).fill('Seen on video: alert, pink, no increased work of breathing. Fever 2 days.');
  await desk.page.getByRole('button', { name: 'Sign decision' }).click();
  await expect(desk.page.getByText(/Signed by Nurse Demo/)).toBeVisible();
  await desk.page.reload();
  await expect(desk.page.getByText(/Signed by Nurse Demo/)).toBeVisible();
  await expect(desk.page.getByText(/within 6 hours/i).first()).toBeVisible();
  await snap(desk.page, '11-desk-decision-signed');
  await expectAccessible(desk.page, 'signed decision');

  // The used link is dead: a clear page, not a stack trace.
  const reuse = await phone.context.newPage();
  await reuse.goto(joinUrl!);
  await expect(reuse.getByRole('heading', { name: /expired or has already been used/i })).toBeVisible();
  await expect(reuse.getByText(/stay on the phone/i).first()).toBeVisible();
  await snap(reuse, '12-phone-link-used');
  await expectAccessible(reuse, 'expired link');

  // The signed case has left the supervisor's live queue.
  await expect(boss.page.getByText('111-E2E-0001')).toHaveCount(0);
  await snap(boss.page, '13-supervisor-after-decision');
  expect(caseId).toMatch(/[0-9a-f-]{36}/);

  await Promise.all([desk.context.close(), phone.context.close(), boss.context.close()]);
});
