import { expect, test, type Page } from '@playwright/test';
import { createCase, parent, signIn } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { expectMediaFlowing, recordPeerConnections } from '../support/media';
import { snapViewport } from '../support/screens';

/** The parent taps the newest link in the dev outbox and joins the waiting room. */
async function parentJoins(phone: Page): Promise<void> {
  await phone.goto('/dev/outbox');
  const link = phone.getByRole('link', { name: /\/join\// }).first();
  await link.click();
  await phone.getByRole('button', { name: 'Join video call' }).click();
  await expect(phone.getByText('The nurse will let you in shortly')).toBeVisible();
}

test('at a 1366×768 laptop the waiting parent, the Admit control and, during the call, the child and the video stay in view', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, permissions: ['camera', 'microphone'] });
  const desk = await context.newPage();
  await recordPeerConnections(desk);
  const phone = await parent(browser, baseURL!);

  await signIn(desk, 'clinician');
  await createCase(desk, { reference: '111-E2E-1366', childFirstName: 'Zara', ageYears: '3', phone: '07700 900456' });
  await desk.getByRole('button', { name: /^Send video link/ }).click();
  await expect(desk.getByText(/Sent to 07700 900456/)).toBeVisible();
  await snapViewport(desk, 'layout-01-link-sent-1366');

  await parentJoins(phone.page);
  await expect(desk.getByTestId('call-state')).toHaveAttribute('data-state', 'parent_waiting');
  const admit = desk.getByRole('button', { name: 'Admit parent' });
  await expect(admit).toBeEnabled();
  // In view without scrolling, the wait counting up beside it, and the tab says so to a clinician in another tab.
  await expect(admit).toBeInViewport();
  const wait = desk.getByTestId('wait-timer');
  await expect(wait).toBeInViewport();
  await expect(wait).toHaveText(/^Waiting \d+:\d\d$/);
  await expect(desk).toHaveTitle(/^\(1\) Parent waiting – Zara \(111-E2E-1366\)/);
  await snapViewport(desk, 'layout-02-parent-waiting-1366');
  // With Admit on screen there is nothing to point at; in one narrow column (200 % zoom), deep in the record, a bar points to it.
  await expect(desk.getByTestId('waiting-banner')).toHaveCount(0);
  await desk.setViewportSize({ width: 683, height: 384 });
  await desk.getByRole('heading', { name: 'Decision', exact: true }).scrollIntoViewIfNeeded();
  const banner = desk.getByRole('region', { name: 'Parent waiting' });
  await expect(banner).toBeVisible();
  await expect(banner.getByTestId('wait-timer')).toHaveText(/^Waiting \d+:\d\d$/);
  await snapViewport(desk, 'layout-02b-parent-waiting-narrow-banner');
  await expectAccessible(desk, 'desk with a parent waiting, Admit off screen');
  await banner.getByRole('button', { name: 'Go to Admit' }).click();
  await expect(admit).toBeFocused();
  await expect(admit).toBeInViewport();
  await expect(banner).toHaveCount(0);
  await desk.setViewportSize({ width: 1366, height: 768 });

  await admit.click();
  await expect(desk.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect(desk).toHaveTitle(/^Zara \(111-E2E-1366\) – NHS 111/);
  await expectMediaFlowing(desk, 'clinician');
  const video = desk.getByTestId('remote-video');
  const identity = desk.getByTestId('case-identity');
  await snapViewport(desk, 'layout-03-in-call-1366');
  // Right after Admit, without the clinician scrolling, the call's own controls are on screen too.
  await expect(desk.getByRole('button', { name: 'End call' })).toBeInViewport();
  await expect(desk.getByRole('button', { name: 'Mute' })).toBeInViewport();

  // Tab through every control in the call column: the child's picture and who they are never leave the screen.
  await desk.getByRole('link', { name: 'Back to open cases' }).focus();
  const inCallColumn = () => desk.evaluate(() => document.activeElement?.closest('.desk-case__call') !== null);
  let steps = 0;
  do {
    await desk.keyboard.press('Tab');
    steps += 1;
    await expect(video).toBeInViewport({ ratio: 0.9 });
    await expect(identity).toBeInViewport();
  } while ((await inCallColumn()) && steps < 60);
  expect(steps, 'the call column has controls to tab through').toBeGreaterThan(8);
  // Tabbing on into the checklist scrolls the page, not the call column.
  for (let i = 0; i < 15; i += 1) await desk.keyboard.press('Tab');
  await expect(video).toBeInViewport({ ratio: 0.9 });
  await expect(desk.getByRole('button', { name: 'End call' })).toBeInViewport();
  await snapViewport(desk, 'layout-04-after-tabbing-1366');

  // The picture can be made larger, and the clinician's own picture moved off the child or hidden.
  const before = await video.boundingBox();
  await desk.getByRole('button', { name: 'Enlarge video' }).click();
  await expect(desk.getByRole('button', { name: 'Smaller video' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await video.boundingBox())!.width).toBeGreaterThan(before!.width * 1.1);
  await expect(video).toBeInViewport({ ratio: 0.9 });
  const self = desk.getByTestId('local-video');
  const selfBefore = (await self.boundingBox())!;
  await desk.getByRole('button', { name: 'Move your picture' }).click();
  await expect.poll(async () => (await self.boundingBox())!.x).toBeLessThan(selfBefore.x - 100);
  await snapViewport(desk, 'layout-05-enlarged-self-moved-1366');
  await desk.getByRole('button', { name: 'Hide your picture' }).click();
  await expect(self).toBeHidden();
  await desk.getByRole('button', { name: 'Show your picture' }).click();
  await expect(self).toBeVisible();
  await expectAccessible(desk, 'desk in call at 1366×768, video enlarged');
  // The layout choice is the clinician's own and survives a reload.
  await desk.getByRole('button', { name: 'Smaller video' }).click();

  // A 1024 px screen keeps two columns and the video in view; 200 % zoom (683 px of CSS width) gets one column and still shows it.
  await desk.setViewportSize({ width: 1024, height: 768 });
  await expect(video).toBeInViewport({ ratio: 0.9 });
  await snapViewport(desk, 'layout-06-in-call-1024');
  // The call's controls fit the narrower column: none sticks out past its edge.
  const columnRight = await desk.locator('.desk-case__call').evaluate((column) => column.getBoundingClientRect().right);
  for (const name of ['Mute', 'Turn camera off', 'End call']) {
    const box = (await desk.getByRole('button', { name, exact: true }).boundingBox())!;
    expect(box.x + box.width, `${name} inside the call column at 1024 px`).toBeLessThanOrEqual(columnRight + 1);
  }
  await expect(desk.getByRole('button', { name: 'End call' })).toBeInViewport();
  await expectAccessible(desk, 'desk in call at 1024×768');

  const zoomed = await browser.newContext({ baseURL, viewport: { width: 683, height: 384 }, deviceScaleFactor: 2, permissions: ['camera', 'microphone'] });
  const zoomedDesk = await zoomed.newPage();
  await recordPeerConnections(zoomedDesk);
  await signIn(zoomedDesk, 'clinician');
  await zoomedDesk.goto(new URL(desk.url()).pathname);
  await expect(zoomedDesk.getByTestId('call-elsewhere')).toBeVisible();
  await zoomedDesk.getByRole('button', { name: 'Use this tab' }).click();
  await expect(zoomedDesk.getByTestId('remote-video')).toBeVisible();
  await expectMediaFlowing(zoomedDesk, 'clinician at 200 % zoom');
  await zoomedDesk.getByTestId('remote-video').scrollIntoViewIfNeeded();
  await expect(zoomedDesk.getByTestId('remote-video')).toBeInViewport({ ratio: 0.9 });
  await snapViewport(zoomedDesk, 'layout-07-in-call-200-percent-zoom');
  await zoomedDesk.getByRole('heading', { name: 'Decision' }).scrollIntoViewIfNeeded();
  await snapViewport(zoomedDesk, 'layout-08-decision-200-percent-zoom');
  await expectAccessible(zoomedDesk, 'desk in call at 200 % zoom');
  await zoomed.close();
  await context.close();
  await phone.context.close();
});
