import { expect, test, type Page } from '@playwright/test';
import { clinician, createCase, parent, signIn } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { expectFramesFromEach, expectMediaFlowing, recordPeerConnections } from '../support/media';
import { snap } from '../support/screens';

const roles = async (page: Page) => (await page.getByTestId('remote-video').evaluateAll((videos) => videos.map((v) => v.getAttribute('data-role')))).sort();

test('an interpreter joins with the parent’s agreement; all three see and hear each other; the clinician removes them; the parent leaves and rejoins', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const desk = await clinician(browser, baseURL!);
  const phone = await parent(browser, baseURL!);
  const interpreter = await parent(browser, baseURL!);

  await signIn(desk.page, 'clinician');
  await createCase(desk.page, { reference: '111-E2E-3PTY', childFirstName: 'Leo', ageYears: '4', phone: '07700 900125' });
  await desk.page.getByRole('button', { name: 'Send video link' }).click();
  await expect(desk.page.getByText(/Sent to 07700 900125/)).toBeVisible();
  await phone.page.goto('/dev/outbox');
  await phone.page.getByRole('link', { name: /\/join\// }).first().click();
  await phone.page.getByRole('button', { name: 'Join video call' }).click();
  await desk.page.getByRole('button', { name: 'Admit parent' }).click();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');

  // Invite a colleague: role, name, mobile number; they get their own link.
  await desk.page.getByRole('button', { name: 'Invite a colleague' }).click();
  await desk.page.getByLabel('Role').selectOption('interpreter');
  await desk.page.getByLabel('Name').fill('Ana Kowalska');
  await desk.page.getByLabel('Mobile number').fill('07700 900777');
  await snap(desk.page, '3p-01-desk-invite-form');
  await expectAccessible(desk.page, 'invite a colleague form');
  await desk.page.getByRole('button', { name: 'Send invite link' }).click();
  await expect(desk.page.getByTestId('guest-sms-status')).toContainText('Link sent to Ana Kowalska (interpreter) on 07700 900777');

  await interpreter.page.goto('/dev/outbox');
  const guestLink = interpreter.page.getByRole('link', { name: /\/join\// }).first();
  await guestLink.click();
  await expect(interpreter.page.getByRole('heading', { level: 1 })).toHaveText(
    "Nurse Demo from the NHS 111 children's team has invited you to a video call about Leo, 4 years",
  );
  await expect(interpreter.page.getByText('You join as the interpreter (Ana Kowalska).')).toBeVisible();
  await snap(interpreter.page, '3p-02-guest-intro');
  await expectAccessible(interpreter.page, 'guest join intro');
  await interpreter.page.getByRole('button', { name: 'Join video call' }).click();
  await expect(interpreter.page.getByText('Nurse Demo will let you in shortly. The call is about Leo, 4 years.')).toBeVisible();
  await expectAccessible(interpreter.page, 'guest waiting');

  // The parent's agreement comes first.
  const admit = desk.page.getByRole('button', { name: 'Admit interpreter' });
  await expect(admit).toBeDisabled();
  await desk.page.getByLabel('Parent agreed to the interpreter joining').check();
  await snap(desk.page, '3p-03-desk-guest-waiting');
  await admit.click();

  // A mesh of three: each page decodes frames (and hears audio) from both others.
  await expectFramesFromEach(desk.page, 'clinician', 2);
  await expectFramesFromEach(phone.page, 'parent', 2);
  await expectFramesFromEach(interpreter.page, 'interpreter', 2);
  expect(await roles(desk.page)).toEqual(['interpreter', 'parent']);
  expect(await roles(phone.page)).toEqual(['clinician', 'interpreter']);
  expect(await roles(interpreter.page)).toEqual(['clinician', 'parent']);
  await expect(phone.page.getByText('Ana Kowalska, an interpreter, has joined to help you and the nurse understand each other.')).toBeVisible();
  await expect(desk.page.getByText('Ana Kowalska · Interpreter').first()).toBeVisible();
  await snap(desk.page, '3p-04-desk-three');
  await snap(phone.page, '3p-05-phone-three');
  await snap(interpreter.page, '3p-06-guest-three');
  await expectAccessible(desk.page, 'desk in a three-party call');
  await expectAccessible(phone.page, 'parent in a three-party call');
  await expectAccessible(interpreter.page, 'guest in a three-party call');

  // The clinician takes the interpreter out: their page says so, the others carry on.
  await desk.page.getByRole('button', { name: 'Remove interpreter' }).click();
  await expect(interpreter.page.getByRole('heading', { name: 'You have left the video call' })).toBeVisible();
  await expect(interpreter.page.getByText('The nurse has ended your part in this call.')).toBeVisible();
  await expect(desk.page.getByTestId('remote-video')).toHaveCount(1);
  await expectMediaFlowing(desk.page, 'clinician after removing the guest');

  // The parent's End leaves the call (it carries on, retryable); Rejoin without a new link.
  await phone.page.getByRole('button', { name: 'End call' }).click();
  await phone.page.getByRole('alertdialog', { name: 'End the video call?' }).getByRole('button', { name: 'Yes, end the call' }).click();
  await expect(phone.page.getByRole('heading', { name: 'You have left the video call' })).toBeVisible();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'failed');
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-reason', 'parent_left');
  await snap(phone.page, '3p-07-phone-left');
  await expectAccessible(phone.page, 'parent who left');
  await phone.page.getByRole('button', { name: 'Rejoin' }).click();
  await expect(desk.page.getByRole('button', { name: 'Admit parent' })).toBeEnabled();
  await desk.page.getByRole('button', { name: 'Admit parent' }).click();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expectMediaFlowing(desk.page, 'clinician after the parent rejoined');
  await expectMediaFlowing(phone.page, 'parent after rejoining');

  await Promise.all([desk.context.close(), phone.context.close(), interpreter.context.close()]);
});

test('a second tab on the case does not take the call; "Use this tab" moves it without dropping the parent', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const desk = await clinician(browser, baseURL!);
  const phone = await parent(browser, baseURL!);
  await signIn(desk.page, 'clinician');
  const caseId = await createCase(desk.page, { reference: '111-E2E-TABS', childFirstName: 'Mia', ageYears: '1', phone: '07700 900126' });
  await desk.page.getByRole('button', { name: 'Send video link' }).click();
  await phone.page.goto('/dev/outbox');
  await phone.page.getByRole('link', { name: /\/join\// }).first().click();
  await phone.page.getByRole('button', { name: 'Join video call' }).click();
  await desk.page.getByRole('button', { name: 'Admit parent' }).click();
  await expectMediaFlowing(desk.page, 'first tab');
  await expectMediaFlowing(phone.page, 'parent');

  const second = await desk.context.newPage();
  await recordPeerConnections(second);
  await second.goto(`/cases/${caseId}`);
  await expect(second.getByText('This call is open in another tab.')).toBeVisible();
  await expect(second.getByTestId('remote-video')).toHaveCount(0);
  await snap(second, 'tabs-01-second-tab');
  await expectAccessible(second, 'second tab on a case in call');
  // The first tab still has the call.
  await expectMediaFlowing(desk.page, 'first tab while a second is open');

  await second.getByRole('button', { name: 'Use this tab' }).click();
  await expectMediaFlowing(second, 'second tab after "Use this tab"');
  await expectMediaFlowing(phone.page, 'parent after the move');
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-participant-state', /admitted|connected/);
  await expect(desk.page.getByText('The call moved to another tab or window. Media is there now.')).toBeVisible();
  await expect(desk.page.getByTestId('remote-video')).toHaveCount(0);
  await snap(desk.page, 'tabs-02-first-tab-after-move');

  await Promise.all([desk.context.close(), phone.context.close()]);
});
