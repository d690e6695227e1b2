import { expect, test } from '@playwright/test';
import { clinician, createCase, parent, signIn } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { expectMediaFlowing } from '../support/media';
import { snap, snapViewport } from '../support/screens';

test('a clinician video-calls a parent phone from an SMS link, records amber findings, signs GP within 6 hours, and the parent gets advice', async ({ browser, baseURL }) => {
  // The whole journey with five axe scans: about 1.5 min on an idle 2-core machine, three on a busy one.
  test.setTimeout(300_000);
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
  // The send control reads the number back; the unused link's QR code is there to open it on a phone.
  const sendLink = desk.page.getByRole('button', { name: /^Send video link/ });
  await expect(sendLink).toHaveAccessibleName('Send video link again to 07700 900123');
  const qr = desk.page.getByRole('img', { name: /QR code of the join link/ });
  await expect(qr).toBeVisible();
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
  // At a 1280×900 desk the child stays in view while the clinician works down the checklist.
  await desk.page.getByRole('group', { name: 'Other' }).scrollIntoViewIfNeeded();
  await expect(desk.page.getByTestId('remote-video')).toBeInViewport({ ratio: 0.9 });
  await snapViewport(desk.page, '07b-desk-in-call-viewport');
  await snap(phone.page, '08-phone-in-call');
  // Leaving a live call asks first; one axe pass covers the call page and the question over it (axe is slow on a busy machine).
  await desk.page.getByRole('link', { name: 'Back to open cases' }).click();
  const leave = desk.page.getByRole('alertdialog', { name: 'Leave the call?' });
  await expect(leave).toBeVisible();
  await expectAccessible(desk.page, 'desk in call, asked before leaving');
  // "Stay in the call" keeps the call and the page.
  await leave.getByRole('button', { name: 'Stay in the call' }).click();
  await expect(leave).toHaveCount(0);
  await expect(desk.page).toHaveURL(new RegExp(`/cases/${caseId}$`));
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expectAccessible(phone.page, 'phone in call');

  // Mid-call the link is never sent again and its QR code is gone; one live region says who is on the call.
  await expect(sendLink).toBeDisabled();
  await expect(qr).toHaveCount(0);
  await expect(desk.page.getByTestId('call-announcer')).toHaveText('The parent is in the call');

  // A black picture is never mistaken for a broken call: each side says when it turns its camera off or mutes.
  await phone.page.getByRole('button', { name: 'Turn camera off' }).click();
  await expect(desk.page.getByText('The parent turned their camera off')).toBeVisible();
  await phone.page.getByRole('button', { name: 'Turn camera on' }).click();
  await expect(desk.page.getByText('The parent turned their camera off')).toHaveCount(0);
  await desk.page.getByRole('button', { name: 'Mute' }).click();
  await expect(phone.page.getByText('The nurse muted their microphone')).toBeVisible();
  await desk.page.getByRole('button', { name: 'Unmute' }).click();

  // 8: the supervisor's wall screen shows the case live, in call.
  const boss = await clinician(browser, baseURL!);
  await signIn(boss.page, 'supervisor');
  await expect(boss.page).toHaveURL(/\/supervisor/);
  const row = boss.page.getByTestId('board-row').filter({ hasText: '111-E2E-0001' });
  await expect(row).toHaveAttribute('data-state', 'in_call');
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
  // The ended call's dead link shows no QR code; the next link is a first one for a new call.
  await expect(sendLink).toHaveAccessibleName('Send video link to 07700 900123');
  await expect(sendLink).toBeEnabled();
  await expect(qr).toHaveCount(0);
  await snap(phone.page, '10-phone-ended');
  await expectAccessible(phone.page, 'phone ended');

  // The decision: amber findings seen on video, "GP within 6 hours", signed; the parent gets safety-netting advice.
  const checklist = desk.page.getByRole('region', { name: /NICE NG143 traffic light/ });
  await checklist.getByRole('group', { name: 'Nasal flaring' }).getByRole('radio', { name: 'Present' }).check();
  await checklist.getByLabel('Breathing rate').fill('45');
  await checklist.getByRole('group', { name: 'Grunting' }).getByRole('radio', { name: 'Absent' }).check();
  const trafficLight = desk.page.getByTestId('traffic-light');
  await expect(trafficLight).toContainText('Amber');
  await expect(trafficLight).toContainText('Nasal flaring');
  await snapViewport(desk.page, '10b-desk-checklist-viewport');
  await expect(trafficLight.getByText(/Clinician decides/).first()).toBeVisible();
  await desk.page.getByLabel(/GP \/ primary care/).check();
  await desk.page.getByLabel('Timeframe').selectOption({ label: 'Within 6 hours' });
  await desk.page.getByLabel('Clinical notes').fill('Seen on video: nasal flaring, RR 45, no grunting, pink. Fever 2 days.');
  await desk.page.getByRole('button', { name: /Preview what the parent will receive/ }).click();
  await expect(desk.page.getByTestId('sms-preview')).toContainText('/advice/fever?lang=en');
  await expect(desk.page.getByTestId('sms-preview')).toContainText('The nurse advised seeing a GP within 6 hours.');
  await snap(desk.page, '11-desk-decision-form');
  await desk.page.getByRole('button', { name: 'Sign decision' }).click();
  await expect(desk.page.getByText(/Signed by Nurse Demo/)).toBeVisible();
  await desk.page.reload();
  // The signed line reads as a sentence, in London time; the outcome's own controls sit with it.
  await expect(desk.page.getByText(/^Signed by Nurse Demo at \d{2}:\d{2} on \d{1,2} [A-Z][a-z]+ \d{4}$/)).toBeVisible();
  await expect(desk.page.getByRole('button', { name: 'Copy for the clinical record' })).toBeVisible();
  await expect(desk.page.getByRole('button', { name: 'Next case' })).toBeVisible();
  await expect(desk.page.getByText(/within 6 hours/i).first()).toBeVisible();
  await snap(desk.page, '12-desk-decision-signed');
  await expectAccessible(desk.page, 'signed decision');

  // The safety-netting SMS is on the phone; its link opens the fever advice without any login.
  await phone.page.goto('/dev/outbox');
  const adviceLink = phone.page.getByRole('link', { name: /\/advice\/fever\?lang=en/ }).first();
  await expect(adviceLink).toBeVisible();
  await adviceLink.click();
  // The link carries its own code, and nothing about the child; the page opens with what the nurse advised.
  await expect(phone.page).toHaveURL(/\/advice\/fever\?lang=en&t=[A-Za-z0-9_-]{22}$/);
  await expect(phone.page.getByTestId('advice-recap')).toContainText('The nurse advised seeing a GP within 6 hours.');
  await expect(phone.page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(phone.page.getByText(/Call 999 if/).first()).toBeVisible();
  await expect(phone.page.getByText(/Call 111 or your GP if/).first()).toBeVisible();
  await expect(phone.page.getByText('Amira')).toHaveCount(0);
  await snap(phone.page, '13-phone-advice');
  await expectAccessible(phone.page, 'advice page');

  // The used link is dead: a clear page, not a stack trace.
  const reuse = await phone.context.newPage();
  await reuse.goto(joinUrl!);
  await expect(reuse.getByRole('heading', { name: /expired or has already been used/i })).toBeVisible();
  await expect(reuse.getByText(/stay on the phone/i).first()).toBeVisible();
  await snap(reuse, '14-phone-link-used');
  await expectAccessible(reuse, 'expired link');

  // The signed case shows as decided on the supervisor's board (for a while) and among the day's decisions.
  await expect(boss.page.getByTestId('board-row').filter({ hasText: '111-E2E-0001' })).toHaveAttribute('data-state', 'decided');
  const signedRow = boss.page.getByTestId('recent-decisions').getByRole('row', { name: /111-E2E-0001/ });
  await expect(signedRow).toContainText('GP / primary care within 6 hours');
  await expect(signedRow).toContainText('Amber');
  await snap(boss.page, '15-supervisor-after-decision');
  await expectAccessible(boss.page, 'supervisor with decisions');
  expect(caseId).toMatch(/[0-9a-f-]{36}/);

  await Promise.all([desk.context.close(), phone.context.close(), boss.context.close()]);
});
