import { expect, test, type Page } from '@playwright/test';
import { clinician, createCase, parent, signIn } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { chromiumArgs, chromiumPath } from '../support/browser';
import { expectMediaFlowing, inboundMedia } from '../support/media';
import { snap, snapViewport } from '../support/screens';

// Fake cameras, so the phone has a front and a back one to switch between (Chromium underneath the
// Pixel 5 emulation; real phones' cameras are a manual check, docs/operations.md). The second fake
// device (a depth-camera format, black frames) stopped sending within a minute here: the third plays the back camera.
test.use({
  launchOptions: {
    executablePath: chromiumPath(),
    args: [...chromiumArgs.filter((arg) => arg !== '--use-fake-device-for-media-stream'), '--use-fake-device-for-media-stream=device-count=3'],
  },
});

/**
 * Chromium's fake cameras have no facing mode: this stands in for a phone's pair, the first fake
 * device as the front camera and the third as the back one, by turning the app's own
 * `facingMode` constraint into that device's id. The app's code runs unchanged.
 */
async function emulateFrontAndBackCameras(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const media = navigator.mediaDevices;
    const original = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      const video = constraints?.video;
      if (video && typeof video === 'object' && video.facingMode) {
        const facing = video.facingMode as string | { exact?: string; ideal?: string };
        const wanted = typeof facing === 'string' ? facing : (facing.exact ?? facing.ideal);
        const cameras = (await media.enumerateDevices()).filter((device) => device.kind === 'videoinput' && device.deviceId);
        const camera = cameras[wanted === 'environment' ? 2 : 0];
        if (camera) {
          const { facingMode: _facing, ...rest } = video;
          return original({ ...constraints, video: { ...rest, deviceId: { exact: camera.deviceId } } });
        }
      }
      return original(constraints);
    };
  });
}

/** The label of the camera the phone's own view shows (fake devices are numbered). */
function localCamera(page: Page): Promise<string> {
  return page.getByTestId('local-video').evaluate((video: HTMLVideoElement) => (video.srcObject as MediaStream | null)?.getVideoTracks()[0]?.label ?? '');
}

/** The shared timer's whole seconds left on a page, or null once time is up. */
async function secondsLeft(page: Page): Promise<number | null> {
  const text = (await page.getByTestId('ask-timer').getByRole('timer').textContent()) ?? '';
  const match = /(\d+) seconds left/.exec(text);
  return match ? Number(match[1]) : null;
}

/** The desk's inbound video keeps decoding new frames, over the same connection, after `since`. */
async function expectDeskFramesAfter(desk: Page, since: number, connections: number) {
  await expect.poll(async () => (await inboundMedia(desk)).framesDecoded, { message: 'desk: frames keep arriving after the switch', intervals: [100, 200, 250] }).toBeGreaterThan(since);
  expect(await desk.evaluate(() => (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.length), 'no new peer connection').toBe(connections);
}

test('the desk asks the parent for the back camera and guides an exam with a shared timer; the camera switch never stops the video', async ({ browser, baseURL }) => {
  const desk = await clinician(browser, baseURL!);
  const phone = await parent(browser, baseURL!);
  await emulateFrontAndBackCameras(phone.page);

  await signIn(desk.page, 'clinician');
  await createCase(desk.page, { reference: '111-E2E-ASKS', childFirstName: 'Ola', ageYears: '3', phone: '07700 900321' });
  await desk.page.getByRole('button', { name: 'Send video link' }).click();
  await expect(desk.page.getByText(/Sent to 07700 900321/)).toBeVisible();

  await phone.page.goto('/dev/outbox');
  await phone.page.getByRole('link', { name: /\/join\// }).first().click();
  await phone.page.getByRole('button', { name: 'Join video call' }).click();
  await expect(phone.page.getByText('The nurse will let you in shortly')).toBeVisible();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'parent_waiting');
  await desk.page.getByRole('button', { name: 'Admit' }).click();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expectMediaFlowing(desk.page, 'clinician');
  await expectMediaFlowing(phone.page, 'parent');
  const connections = await desk.page.evaluate(() => (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.length);

  // The parent's own "Switch camera": replaceTrack, no renegotiation; the desk's picture never stops.
  const switchCamera = phone.page.getByRole('button', { name: 'Switch camera' });
  await expect(switchCamera).toBeEnabled();
  const frontCamera = await localCamera(phone.page);
  const framesBeforeSwitch = (await inboundMedia(desk.page)).framesDecoded;
  await switchCamera.click();
  await expect(switchCamera).toBeEnabled();
  await expect(phone.page.getByText('Could not switch camera.')).toHaveCount(0);
  await expect.poll(() => localCamera(phone.page)).not.toBe(frontCamera);
  await expectDeskFramesAfter(desk.page, framesBeforeSwitch, connections);
  // …and back to the front camera, for the desk to ask for the back one.
  await switchCamera.click();
  await expect.poll(() => localCamera(phone.page)).toBe(frontCamera);

  // "Ask for back camera" → the card on the phone → one tap.
  await desk.page.getByRole('button', { name: 'Ask for back camera' }).click();
  await expect(desk.page.getByTestId('ask-status')).toHaveAttribute('data-state', 'open');
  const card = phone.page.getByRole('region', { name: 'Show me with the back camera' });
  await expect(card).toBeVisible();
  await snapViewport(phone.page, 'asks-01-phone-back-camera-ask');
  await expectAccessible(phone.page, 'phone with the back-camera ask');
  const framesBefore = (await inboundMedia(desk.page)).framesDecoded;
  await card.getByRole('button', { name: 'Switch to back camera' }).tap();
  await expect(desk.page.getByTestId('ask-status')).toHaveAttribute('data-state', 'accepted');
  await expect(desk.page.getByTestId('ask-status')).toContainText('The parent accepted');
  await expect(card).toHaveCount(0);
  await expect(switchCamera).toBeEnabled();
  await expect.poll(() => localCamera(phone.page)).not.toBe(frontCamera);
  await expectDeskFramesAfter(desk.page, framesBefore, connections);
  // The back camera is not mirrored on the phone's own view (a mirror is for the front camera only).
  await expect(phone.page.getByTestId('local-video')).not.toHaveClass(/mirrored/);

  // An exam prompt from the menu, by keyboard: breathing, with its 30 s timer on both sides.
  const menuButton = desk.page.getByRole('button', { name: 'Show the parent how to…' });
  await menuButton.focus();
  await desk.page.keyboard.press('Enter');
  await expect(desk.page.getByRole('menuitem', { name: /Do the glass test/ })).toBeFocused();
  await desk.page.keyboard.press('ArrowDown');
  await expect(desk.page.getByRole('menuitem', { name: /Show breathing/ })).toBeFocused();
  await desk.page.keyboard.press('Enter');
  await expect(desk.page.getByTestId('ask-status')).toHaveAttribute('data-kind', 'exam');
  const breathing = phone.page.getByRole('region', { name: 'Breathing' });
  await expect(breathing).toContainText("Take off your child's top");
  await expect(breathing.locator('svg')).toBeVisible();
  await breathing.getByRole('button', { name: 'Start the 30 seconds' }).tap();
  await expect(phone.page.getByTestId('ask-timer')).toContainText('seconds left');
  await expect(desk.page.getByTestId('ask-timer')).toContainText('seconds left');
  // Both count down from the server's start time: the same second on both sides (±1 for the moment between reads).
  const [deskLeft, phoneLeft] = await Promise.all([secondsLeft(desk.page), secondsLeft(phone.page)]);
  expect(deskLeft).not.toBeNull();
  expect(Math.abs(deskLeft! - phoneLeft!)).toBeLessThanOrEqual(1);
  expect(deskLeft!).toBeLessThanOrEqual(30);
  // The desk's breath counter counts over the same 30 s: the clinician taps the breaths they see.
  await expect(desk.page.getByRole('button', { name: 'Tap for each breath' })).toBeVisible();
  await snapViewport(phone.page, 'asks-02-phone-breathing-timer');
  await snap(desk.page, 'asks-03-desk-breathing-timer');
  await expectAccessible(phone.page, 'phone with the breathing timer');
  await expectAccessible(desk.page, 'desk with an exam prompt');

  // Capillary refill: a 5 s press, then "Time's up" on both sides.
  await menuButton.click();
  await desk.page.getByRole('menuitem', { name: /capillary refill/ }).click();
  const press = phone.page.getByRole('region', { name: 'Skin colour test' });
  await press.getByRole('button', { name: 'Start the 5 seconds' }).tap();
  await expect(phone.page.getByTestId('ask-timer')).toContainText("Time's up", { timeout: 15_000 });
  await expect(desk.page.getByTestId('ask-timer')).toContainText("Time's up", { timeout: 15_000 });
  await expect(phone.page.getByTestId('ask-timer')).toContainText('Let go now');
  await snapViewport(phone.page, 'asks-04-phone-times-up');

  // The clinician takes it off the parent's screen.
  await desk.page.getByRole('button', { name: "Take off the parent's screen" }).click();
  await expect(phone.page.getByTestId('ask-card')).toHaveCount(0);
  await expect(desk.page.getByTestId('ask-status')).toHaveCount(0);
  await expectMediaFlowing(desk.page, 'clinician at the end');

  await desk.context.close();
  await phone.context.close();
});
