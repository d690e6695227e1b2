import { devices, expect, test, type Browser, type Page } from '@playwright/test';
import { clinician, createCase, signIn, type Actor } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { expectMediaFlowing, inboundMedia, recordPeerConnections } from '../support/media';
import { snapViewport } from '../support/screens';

/**
 * The parent's phone (issue 9): the waiting room, a mistaken Leave and End that Rejoin undoes
 * without a new link, and a call screen that fills the phone in portrait and landscape with every
 * control on screen. Both phones are emulated in Chromium (viewport, touch, user agent): the
 * iPhone here is Chromium with an iPhone's screen and user agent, not Safari, which stays a manual
 * check (docs/operations.md).
 */

const PHONES = [
  { name: 'Pixel 5', device: 'Pixel 5', number: '07700 900301', slug: 'pixel5' },
  { name: 'iPhone 13', device: 'iPhone 13', number: '07700 900302', slug: 'iphone13' },
] as const;

async function phoneActor(browser: Browser, baseURL: string, device: string): Promise<Actor> {
  const { defaultBrowserType: _engine, ...emulation } = devices[device]!;
  const context = await browser.newContext({ ...emulation, baseURL, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await recordPeerConnections(page);
  return { context, page, callLog: [] };
}

/** Every control the parent can see lies wholly inside the viewport, and the page itself does not scroll. */
async function expectControlsOnScreen(page: Page, label: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const controls = page.locator('button:visible, summary:visible, select:visible, a:visible');
  const boxes = await controls.evaluateAll((elements) =>
    elements
      // The tap-to-swap layer over the small picture is hidden from assistive tech; the Swap views button is the control.
      .filter((el) => el.getAttribute('aria-hidden') !== 'true')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { name: (el.textContent ?? '').trim() || el.getAttribute('aria-label') || el.tagName, x: r.x, y: r.y, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
      }),
  );
  expect(boxes.length, `${label}: some controls`).toBeGreaterThan(0);
  const outside = boxes.filter((b) => b.x < 0 || b.y < 0 || b.right > viewport.width + 0.5 || b.bottom > viewport.height + 0.5).map((b) => b.name);
  expect(outside, `${label}: controls outside the ${viewport.width}×${viewport.height} viewport`).toEqual([]);
  const small = boxes.filter((b) => b.width < 48 || b.height < 48).map((b) => `${b.name} ${Math.round(b.width)}×${Math.round(b.height)}`);
  expect(small, `${label}: targets under 48 px`).toEqual([]);
  const scroll = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, viewport: window.innerHeight }));
  expect(scroll.height, `${label}: the page does not scroll`).toBeLessThanOrEqual(scroll.viewport + 1);
}

/** Frames from the parent keep being decoded on the desk (getStats framesDecoded rising). */
async function expectDeskSeesParent(desk: Page, who: string): Promise<void> {
  await expectMediaFlowing(desk, who);
  const first = (await inboundMedia(desk)).framesDecoded;
  await expect.poll(async () => (await inboundMedia(desk)).framesDecoded, { message: `${who}: framesDecoded rising` }).toBeGreaterThan(first);
}

async function admit(desk: Page): Promise<void> {
  const button = desk.getByRole('button', { name: 'Admit parent' });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(desk.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
}

for (const phoneKind of PHONES) {
  test(`${phoneKind.name}: waiting room, mistaken Leave and End undone by Rejoin without a new link, a call that fills the screen`, async ({ browser, baseURL }) => {
    test.setTimeout(240_000);
    const desk = await clinician(browser, baseURL!);
    const phone = await phoneActor(browser, baseURL!, phoneKind.device);
    const shot = (name: string) => snapViewport(phone.page, `phone-${phoneKind.slug}-${name}`);

    await signIn(desk.page, 'clinician');
    await createCase(desk.page, { reference: `111-E2E-${phoneKind.slug}`, childFirstName: 'Maya', ageYears: '3', phone: phoneKind.number });
    await desk.page.getByRole('button', { name: 'Send video link' }).click();
    await expect(desk.page.getByText(new RegExp(`Sent to ${phoneKind.number}`))).toBeVisible();
    const outbox = (await (await phone.page.request.get('/api/dev/outbox')).json()) as { to: string; link: string | null }[];
    const link = outbox.find((sms) => sms.to === `+44${phoneKind.number.replace(/\s/g, '').slice(1)}`)?.link;
    expect(link).toBeTruthy();

    // The waiting room: how long, what to get ready, the parent's own picture.
    await phone.page.goto(link!);
    await phone.page.getByRole('button', { name: 'Join video call' }).click();
    await expect(phone.page).toHaveURL(/\/join$/);
    await expect(phone.page.getByRole('heading', { name: 'Waiting for the nurse' })).toBeVisible();
    await expect(phone.page.getByRole('timer')).toHaveText(/second/);
    await expect(phone.page.getByText('Have a clear glass and a torch near you.')).toBeVisible();
    await expect.poll(() => phone.page.getByTestId('local-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
    await expect(phone.page.getByText('Your signal dropped. Trying to connect again…')).toHaveCount(0);
    await shot('01-waiting');
    await expectAccessible(phone.page, `${phoneKind.name} waiting room`);

    // A mistaken Leave in the waiting room: asked first, then Rejoin with the same link's session.
    await phone.page.getByRole('button', { name: 'Leave' }).click();
    const leaveDialog = phone.page.getByRole('alertdialog', { name: 'Leave the waiting room?' });
    await expect(leaveDialog).toBeVisible();
    await expectAccessible(phone.page, `${phoneKind.name} leave question`);
    await leaveDialog.getByRole('button', { name: 'Yes, leave' }).click();
    await expect(phone.page.getByRole('heading', { name: 'You have left the video call' })).toHaveAttribute('data-reason', 'parent_left');
    await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'failed');
    await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-reason', 'parent_left');
    await phone.page.getByRole('button', { name: 'Rejoin' }).click();
    await expect(phone.page.getByRole('heading', { name: 'Waiting for the nurse' })).toBeVisible();
    await expect.poll(() => phone.page.getByTestId('local-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
    await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'parent_waiting');

    // In the call, portrait: the whole screen, every control inside it, media both ways.
    await admit(desk.page);
    await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
    await expectMediaFlowing(phone.page, `${phoneKind.name} parent`);
    await expectDeskSeesParent(desk.page, `clinician seeing the ${phoneKind.name}`);
    await shot('02-call-portrait');
    await expectControlsOnScreen(phone.page, `${phoneKind.name} portrait`);
    await expectAccessible(phone.page, `${phoneKind.name} in the call`);
    const selfBox = (await phone.page.getByTestId('local-video').boundingBox())!;
    const portrait = phone.page.viewportSize()!;
    // Large enough to frame the child: about a third of the short side.
    expect(selfBox.width).toBeGreaterThanOrEqual(portrait.width * 0.3);

    // Landscape: the same, rotated.
    await phone.page.setViewportSize({ width: portrait.height, height: portrait.width });
    await shot('03-call-landscape');
    await expectControlsOnScreen(phone.page, `${phoneKind.name} landscape`);
    await phone.page.getByRole('button', { name: 'Swap views' }).click();
    await expect(phone.page.getByRole('button', { name: 'Swap views' })).toHaveAttribute('aria-pressed', 'true');
    await shot('04-call-landscape-swapped');
    await expectControlsOnScreen(phone.page, `${phoneKind.name} landscape, views swapped`);
    await phone.page.setViewportSize(portrait);
    await shot('05-call-portrait-swapped');
    await phone.page.getByRole('button', { name: 'Swap views' }).click();

    // A mistaken End in the call: asked first; "No" keeps the call, "Yes" leaves it, Rejoin without a new link.
    await phone.page.getByRole('button', { name: 'End call' }).click();
    const endDialog = phone.page.getByRole('alertdialog', { name: 'End the video call?' });
    await expect(endDialog).toBeVisible();
    await shot('06-end-question');
    await expectAccessible(phone.page, `${phoneKind.name} end question`);
    await endDialog.getByRole('button', { name: 'No, stay in the call' }).click();
    await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
    await phone.page.getByRole('button', { name: 'End call' }).click();
    await endDialog.getByRole('button', { name: 'Yes, end the call' }).click();
    await expect(phone.page.getByRole('heading', { name: 'You have left the video call' })).toBeVisible();
    await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-reason', 'parent_left');
    await shot('07-left');
    await phone.page.getByRole('button', { name: 'Rejoin' }).click();
    await admit(desk.page);
    await expectDeskSeesParent(desk.page, `clinician after the ${phoneKind.name} rejoined`);
    await expectMediaFlowing(phone.page, `${phoneKind.name} parent after rejoining`);

    // The clinician's End ends it for good: no Rejoin any more.
    await desk.page.getByRole('button', { name: 'End call' }).click();
    await expect(phone.page.getByRole('heading', { name: 'Video call ended' })).toHaveAttribute('data-state', 'ended');
    await expect(phone.page.getByRole('button', { name: 'Rejoin' })).toHaveCount(0);
    await shot('08-ended');

    await Promise.all([desk.context.close(), phone.context.close()]);
  });
}
