import { chromium, devices, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/browser';
import { caseWithLink, clinician, signIn, staffApi, type Actor } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { inboundMedia, recordPeerConnections } from '../support/media';
import { snap } from '../support/screens';

/**
 * Before the call, on real Chromium with phone emulation: the browser check as the link opens
 * (an app's own browser by its user agent, a browser without RTCPeerConnection), a camera the
 * browser really refuses (a content setting, not a stub), and the sound-only way in.
 */

const INSTAGRAM_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 309.0.0.0 (iPhone14,5; iOS 17_0; en_GB; en-GB; scale=3.00; 1170x2532; 537445411)';
const FACEBOOK_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; Pixel 5 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/440.0.0.34.109;]';

type Phone = { context: BrowserContext; page: Page };

/** A phone: a Playwright device (Chromium engine), optionally another user agent, camera and microphone as given. */
async function phone(browser: Browser, baseURL: string, device: 'Pixel 5' | 'iPhone 13', options: { userAgent?: string; permissions?: string[] } = {}): Promise<Phone> {
  const { defaultBrowserType: _ignored, ...emulation } = devices[device];
  const context = await browser.newContext({
    ...emulation,
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    baseURL,
    permissions: options.permissions ?? ['camera', 'microphone'],
  });
  const page = await context.newPage();
  await recordPeerConnections(page);
  return { context, page };
}

async function deskWithLink(browser: Browser, baseURL: string, run: number): Promise<{ desk: Actor; link: string }> {
  const desk = await clinician(browser, baseURL);
  await signIn(desk.page, 'clinician');
  const link = await caseWithLink(await staffApi(desk, baseURL), desk, run, '07700 900461');
  return { desk, link };
}

test('an app’s own browser gets the in-app page as the link opens, and the desk is told why', async ({ browser, baseURL }) => {
  const { desk, link } = await deskWithLink(browser, baseURL!, 901);
  const iphone = await phone(browser, baseURL!, 'iPhone 13', { userAgent: INSTAGRAM_IPHONE });
  await iphone.page.goto(link);

  await expect(iphone.page.getByRole('heading', { name: 'Open this link in Safari' })).toBeVisible();
  await expect(iphone.page.getByText('You opened the link inside Instagram', { exact: false })).toBeVisible();
  await expect(iphone.page.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await expect(iphone.page.getByRole('button', { name: 'Join video call' })).toHaveCount(0);
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-reason', 'in_app_browser');
  await expect(desk.page.getByText(/opened inside an app's own browser/)).toBeVisible();
  await snap(iphone.page, 'join-in-app-iphone');
  await expectAccessible(iphone.page, 'in-app page (iPhone)');

  // The parent copies the link and opens it in Safari: the same link works, and the desk hears that too.
  await iphone.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await iphone.page.getByRole('button', { name: 'Copy link' }).click();
  await expect(iphone.page.getByText(/Link copied/)).toBeVisible();
  const copied = await iphone.page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(copied).pathname).toBe(link);
  await iphone.context.close();
  const safari = await phone(browser, baseURL!, 'iPhone 13');
  await safari.page.goto(link);
  await expect(safari.page.getByRole('button', { name: 'Join video call' })).toBeVisible();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'invited');
  await safari.context.close();

  // On Android the page offers Chrome's own intent link.
  const { desk: desk2, link: link2 } = await deskWithLink(browser, baseURL!, 902);
  const android = await phone(browser, baseURL!, 'Pixel 5', { userAgent: FACEBOOK_ANDROID });
  await android.page.goto(link2);
  await expect(android.page.getByRole('heading', { name: 'Open this link in Chrome' })).toBeVisible();
  await expect(android.page.getByRole('link', { name: 'Open in Chrome' })).toHaveAttribute('href', /^intent:\/\/.*package=com\.android\.chrome;/);
  await snap(android.page, 'join-in-app-android');
  await expectAccessible(android.page, 'in-app page (Android)');
  await android.context.close();
  await desk2.context.close();
  await desk.context.close();
});

test('a browser without RTCPeerConnection gets the unsupported-browser page within 2 s of opening, and the desk sees the reason', async ({ browser, baseURL }) => {
  const { desk, link } = await deskWithLink(browser, baseURL!, 903);
  const pixel = await phone(browser, baseURL!, 'Pixel 5');
  // As some app webviews are: no WebRTC at all. The page notes when the answer first shows, on its own clock.
  await pixel.page.addInitScript(() => {
    Reflect.deleteProperty(window, 'RTCPeerConnection');
    Reflect.deleteProperty(window, 'webkitRTCPeerConnection');
    new MutationObserver((_records, observer) => {
      if (!document.querySelector('[data-testid="browser-check"]')) return;
      (window as unknown as { __checkShownAt: number }).__checkShownAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await pixel.page.goto(link);

  const heading = pixel.page.getByTestId('browser-check');
  await expect(heading).toHaveAttribute('data-verdict', 'unsupported_browser');
  await expect(heading).toContainText('This browser cannot do video calls');
  const shownAtMs = await pixel.page.evaluate(() => (window as unknown as { __checkShownAt: number }).__checkShownAt);
  console.log(`unsupported-browser page shown ${Math.round(shownAtMs)} ms after the navigation started`);
  expect(shownAtMs).toBeLessThan(2_000);
  await expect(pixel.page.getByRole('button', { name: 'Try in this app anyway' })).toHaveCount(0);
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-reason', 'unsupported_browser');
  await expectAccessible(pixel.page, 'unsupported-browser page');
  await pixel.context.close();
  await desk.context.close();
});

test('a blocked camera shows this phone’s steps only, Try again joins once allowed, and sound only carries audio both ways', async ({ browser, baseURL }) => {
  const { desk, link } = await deskWithLink(browser, baseURL!, 904);
  const origin = new URL(baseURL!).origin;
  // The phones here run in a Chromium that honours permissions: the suite's own browser allows every
  // camera prompt (--use-fake-ui-for-media-stream). In this one a permission not granted is refused,
  // as when the parent tapped "Block".
  const phones = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs.filter((arg) => arg !== '--use-fake-ui-for-media-stream') });
  const pixel = await phone(phones, baseURL!, 'Pixel 5', { permissions: [] });
  await pixel.page.goto(link);
  await pixel.page.getByRole('button', { name: 'Join video call' }).click();

  await expect(pixel.page.getByRole('heading', { name: 'The camera is blocked' })).toBeVisible();
  await expect(pixel.page.getByRole('heading', { name: 'On your Android phone (Chrome)' })).toBeVisible();
  await expect(pixel.page.getByText(/iPhone|Website Settings/)).toHaveCount(0);
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-reason', 'permission_denied');
  await snap(pixel.page, 'join-camera-blocked-pixel');
  await expectAccessible(pixel.page, 'camera blocked (Pixel 5)');

  // The parent allows the camera in Chrome's settings and taps Try again: no new link.
  await pixel.context.grantPermissions(['camera', 'microphone'], { origin });
  await pixel.page.getByRole('button', { name: 'Try again' }).click();
  await expect(pixel.page.getByText('The nurse will let you in shortly')).toBeVisible();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'parent_waiting');
  await pixel.context.close();
  await desk.context.close();

  // Another parent whose camera stays blocked joins with sound only; the nurse hears the child and is heard.
  const second = await deskWithLink(browser, baseURL!, 905);
  const iphone = await phone(phones, baseURL!, 'iPhone 13', { permissions: ['microphone'] });
  await iphone.page.goto(second.link);
  await iphone.page.getByRole('button', { name: 'Join video call' }).click();
  await expect(iphone.page.getByRole('heading', { name: 'On your iPhone (Safari)' })).toBeVisible();
  await iphone.page.getByRole('button', { name: 'Join with sound only' }).click();
  await expect(iphone.page.getByText('The nurse will let you in shortly')).toBeVisible();
  const admit = second.desk.page.getByRole('button', { name: 'Admit' });
  await expect(admit).toBeEnabled();
  await admit.click();
  await expect(second.desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect.poll(async () => (await inboundMedia(second.desk.page)).audioPackets, { message: 'desk hears the parent' }).toBeGreaterThan(20);
  await expect.poll(async () => (await inboundMedia(iphone.page)).audioPackets, { message: 'parent hears the desk' }).toBeGreaterThan(20);
  // Sound only: the desk decodes no picture from the parent.
  expect((await inboundMedia(second.desk.page)).framesDecoded).toBe(0);
  await iphone.context.close();
  await second.desk.context.close();
  await phones.close();
});
