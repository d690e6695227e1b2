import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { clinician, createCase, parent, signIn, type Actor } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { chromiumArgs, chromiumPath } from '../support/browser';
import { expectMediaFlowing, faultFigures, readTimeline, startMediaRecorder } from '../support/media';
import { canMakeNetworks, createParentNetwork, HOST_ADDRESS, type ParentNetwork } from '../support/netns';
import { snap } from '../support/screens';

/**
 * Real network faults on the parent's side only: the parent's Chromium runs in a network namespace
 * of its own (e2e/support/netns.ts), so its link can really be cut and its address really changed.
 * Proved by decoded frames: they stop during the fault and start again after it, on both sides,
 * in the same call, with no new link, no re-admit and no reload.
 */

const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');
/** The spec: "Reconnecting…" within 2 s of the picture freezing; media back within 10 s of the network. */
const RECONNECTING_WITHIN_MS = 2_000;
const RECOVERY_WITHIN_MS = 10_000;

// Skipped only without root or iproute2: the parent's network is a namespace of the test's own (CI runs as root).
test.skip(!canMakeNetworks(), 'network-fault tests need root and iproute2 (ip netns): CI runs them as root');

type Sides = { desk: Actor; phone: Actor };

/** The fault lasts as long as it lasts: this wait is the fault, not a stand-in for a condition. */
const hold = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function callState(page: Page) {
  const state = page.getByTestId('call-state');
  return { state: await state.getAttribute('data-state'), callId: await state.getAttribute('data-call-id') };
}

/** Runs one fault and checks what each side saw, from the pages' own timelines. */
async function throughFault(sides: Sides, name: string, fault: () => void, undo: (() => void) | null, faultMs: number) {
  const before = { desk: await callState(sides.desk.page), phone: await callState(sides.phone.page) };
  await Promise.all([startMediaRecorder(sides.desk.page), startMediaRecorder(sides.phone.page)]);
  await hold(1_000);
  const faultAt = Date.now();
  fault();
  // Both sides notice on their own: the phone cannot hear from the server while its network is down.
  await expect(sides.desk.page.locator('[data-peer-state="reconnecting"]')).toHaveCount(1, { timeout: 5_000 });
  await expect(sides.phone.page.locator('[data-peer-state="reconnecting"]')).toHaveCount(1, { timeout: 5_000 });
  await expect(sides.desk.page.locator('[data-peer-state="reconnecting"]').getByText('Reconnecting…')).toBeVisible();
  await hold(Math.max(0, faultAt + faultMs - Date.now()));
  // A switch has no outage to wait out: the new network is there the moment the old one goes.
  const backAt = undo ? Date.now() : faultAt;
  undo?.();
  await expect(sides.desk.page.locator('[data-peer-state="connected"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(sides.phone.page.locator('[data-peer-state="connected"]')).toHaveCount(1, { timeout: 20_000 });
  await expectMediaFlowing(sides.desk.page, `clinician after ${name}`);
  await expectMediaFlowing(sides.phone.page, `parent after ${name}`);
  const figures = {
    desk: faultFigures(await readTimeline(sides.desk.page), faultAt, backAt),
    phone: faultFigures(await readTimeline(sides.phone.page), faultAt, backAt),
  };
  for (const [side, f] of Object.entries(figures)) {
    expect(f.framesDuringFault, `${side}: no new frames while the network was down (${name})`).toBe(0);
    expect(f.freezeMs, `${side}: the picture froze (${name})`).not.toBeNull();
    expect(f.freezeMs!, `${side}: the picture froze for a second or more (${name})`).toBeGreaterThanOrEqual(1_000);
    expect(f.freezeToReconnectingMs, `${side}: "Reconnecting…" within 2 s of the freeze (${name})`).not.toBeNull();
    expect(f.freezeToReconnectingMs!, `${side}: "Reconnecting…" within 2 s of the freeze (${name})`).toBeLessThanOrEqual(RECONNECTING_WITHIN_MS);
    expect(f.recoveryMs, `${side}: frames again within 10 s (${name})`).not.toBeNull();
    expect(f.recoveryMs!, `${side}: frames again within 10 s (${name})`).toBeLessThanOrEqual(RECOVERY_WITHIN_MS);
  }
  // The same call carried on by itself.
  expect(await callState(sides.desk.page)).toEqual({ state: 'connected', callId: before.desk.callId });
  expect(await callState(sides.phone.page)).toEqual({ state: 'connected', callId: before.phone.callId });
  return figures;
}

test('a parent’s dropped wifi, a wifi→4G switch and a long outage heal by themselves; after 30 s both sides are offered the phone', async () => {
  test.setTimeout(300_000);
  const port = new URL(test.info().project.use.baseURL!).port;
  const origin = `http://${HOST_ADDRESS}:${port}`;
  // Both sides use the host's test-net address: the camera needs a secure origin, which this flag grants.
  const args = [...chromiumArgs, `--unsafely-treat-insecure-origin-as-secure=${origin}`];
  let net: ParentNetwork | null = null;
  const browsers: Browser[] = [];
  let sides: Sides | null = null;
  try {
    net = createParentNetwork();
    browsers.push(await chromium.launch({ executablePath: chromiumPath(), args }));
    browsers.push(await chromium.launch({ executablePath: net.chromium, args }));
    sides = { desk: await clinician(browsers[0]!, origin), phone: await parent(browsers[1]!, origin) };

    await signIn(sides.desk.page, 'clinician');
    await createCase(sides.desk.page, { reference: '111-E2E-NET', childFirstName: 'Noah', ageYears: '3', phone: '07700 900124' });
    await sides.desk.page.getByRole('button', { name: 'Send video link' }).click();
    await expect(sides.desk.page.getByText(/Sent to 07700 900124/)).toBeVisible();
    await sides.phone.page.goto('/dev/outbox');
    // Links carry the public origin (localhost here); from its namespace the phone reaches the desk at HOST_ADDRESS.
    const href = await sides.phone.page.getByRole('link', { name: /\/join\// }).first().getAttribute('href');
    await sides.phone.page.goto(new URL(href!).pathname);
    await sides.phone.page.getByRole('button', { name: 'Join video call' }).click();
    await expect(sides.desk.page.getByRole('button', { name: 'Admit parent' })).toBeEnabled();
    await sides.desk.page.getByRole('button', { name: 'Admit parent' }).click();
    await expect(sides.desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
    await expectMediaFlowing(sides.desk.page, 'clinician');
    await expectMediaFlowing(sides.phone.page, 'parent');

    const blackout = await throughFault(sides, 'a 5 s wifi blackout', () => net!.cut(), () => net!.restore(), 5_000);
    const networkSwitch = await throughFault(sides, 'a wifi → 4G switch', () => net!.switchNetwork(), null, 0);

    // A long outage: after 30 s without media, each side is offered a choice.
    net.cut();
    await expect(sides.desk.page.getByTestId('video-choice')).toBeVisible({ timeout: 45_000 });
    await expect(sides.phone.page.getByTestId('video-choice')).toBeVisible({ timeout: 10_000 });
    await expect(sides.desk.page.getByTestId('video-choice')).toContainText('07700 900124');
    for (const page of [sides.desk.page, sides.phone.page]) {
      await expect(page.getByRole('button', { name: 'Keep trying' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Continue by phone' })).toBeVisible();
    }
    await snap(sides.desk.page, 'net-01-desk-choice');
    await snap(sides.phone.page, 'net-02-phone-choice');
    await expectAccessible(sides.desk.page, 'desk offering the phone');
    await expectAccessible(sides.phone.page, 'phone offering the phone');
    // The network comes back and the parent keeps trying: the call heals, the choice goes.
    const backAt = Date.now();
    net.restore();
    await sides.phone.page.getByRole('button', { name: 'Keep trying' }).click();
    await expect(sides.desk.page.locator('[data-peer-state="connected"]')).toHaveCount(1, { timeout: 30_000 });
    await expect(sides.phone.page.locator('[data-peer-state="connected"]')).toHaveCount(1, { timeout: 30_000 });
    await expectMediaFlowing(sides.desk.page, 'clinician after a long outage');
    await expectMediaFlowing(sides.phone.page, 'parent after a long outage');
    const longOutageRecoveryMs = Date.now() - backAt;
    await expect(sides.desk.page.getByTestId('video-choice')).toHaveCount(0);
    expect((await callState(sides.desk.page)).state).toBe('connected');

    mkdirSync(artifacts, { recursive: true });
    writeFileSync(path.join(artifacts, 'network-faults.json'), JSON.stringify({ blackout, networkSwitch, longOutageRecoveryMs }, null, 2));
    console.log(JSON.stringify({ blackout, networkSwitch, longOutageRecoveryMs }));
  } finally {
    if (sides) {
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(path.join(artifacts, 'network-faults-desk.log'), sides.desk.callLog.join('\n'));
      writeFileSync(path.join(artifacts, 'network-faults-phone.log'), sides.phone.callLog.join('\n'));
    }
    await Promise.all(browsers.map((b) => b.close()));
    net?.close();
  }
});
