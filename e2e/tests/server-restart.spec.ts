import { expect, test, type Page } from '@playwright/test';
import { clinician, createCase, parent, signIn, type Actor } from '../support/actors';
import { startDeskServer, type DeskServer } from '../support/desk';
import { expectMediaFlowing, frameProgressTimes, readTimeline, startMediaRecorder } from '../support/media';
import { snapViewport } from '../support/screens';

/**
 * The desk server restarts in the middle of a call (a deploy: SIGTERM, then the same server on the
 * same port and database). Media is peer-to-peer, so the picture must not stop while no server
 * runs at all; both pages' sockets come back by themselves within 10 s of the server being ready;
 * and what each page then shows is the database's call, not what the page remembered.
 */

const SOCKETS_BACK_WITHIN_MS = 10_000;
/** Frames arrive every ~33 ms and are sampled every 100 ms; a gap this long would be a visible freeze (with room for a loaded machine's timers). */
const LONGEST_FRAME_GAP_MS = 2_000;

/** The longest gap between new frames in [from, to], and where it began (ms after `from`). */
function longestGap(progress: number[], from: number, to: number): { gapMs: number; atMs: number } {
  const times = progress.filter((t) => t >= from && t <= to);
  let worst = { gapMs: 0, atMs: 0 };
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (gap > worst.gapMs) worst = { gapMs: gap, atMs: times[i - 1]! - from };
  }
  return worst;
}

/** When each socket.io connection of the page was accepted (the server's CONNECT answer, `40…`), by this process's clock. */
function recordSocketConnects(page: Page): number[] {
  const connects: number[] = [];
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/socket.io/')) return;
    ws.on('framereceived', ({ payload }) => {
      if (String(payload).startsWith('40')) connects.push(Date.now());
    });
  });
  return connects;
}

test('a server restart mid-call: frames keep decoding while it is down, both sockets are back within 10 s, and the call shown is the database’s', async ({ browser }) => {
  test.setTimeout(180_000);
  let desk: DeskServer | null = null;
  const actors: Actor[] = [];
  try {
    desk = await startDeskServer({});
    const nurse = await clinician(browser, desk.url);
    const phone = await parent(browser, desk.url);
    actors.push(nurse, phone);
    const connects = { clinician: recordSocketConnects(nurse.page), parent: recordSocketConnects(phone.page) };

    await signIn(nurse.page, 'clinician');
    const caseId = await createCase(nurse.page, { reference: '111-E2E-RESTART', childFirstName: 'Nia', ageYears: '3', phone: '07700 900126' });
    await nurse.page.getByRole('button', { name: 'Send video link' }).click();
    await phone.page.goto('/dev/outbox');
    await phone.page.getByRole('link', { name: /\/join\// }).first().click();
    await phone.page.getByRole('button', { name: 'Join video call' }).click();
    await expect(nurse.page.getByRole('button', { name: 'Admit parent' })).toBeEnabled();
    await nurse.page.getByRole('button', { name: 'Admit parent' }).click();
    for (const page of [nurse.page, phone.page]) await expect(page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
    await expectMediaFlowing(nurse.page, 'clinician before the restart');
    await expectMediaFlowing(phone.page, 'parent before the restart');
    const callId = await nurse.page.getByTestId('call-state').getAttribute('data-call-id');

    await startMediaRecorder(nurse.page);
    await startMediaRecorder(phone.page);
    const stoppedAt = Date.now();
    expect(await desk.stop(), 'the server stops cleanly on SIGTERM').toBe(0);
    // No server at all now: both pages know it, and the picture goes on.
    await expect(nurse.page.getByText('Lost contact with the desk server. Trying again…')).toBeVisible();
    for (const [who, page] of [['clinician', nurse.page], ['parent', phone.page]] as const) {
      const since = Date.now();
      await expect
        .poll(async () => frameProgressTimes(await readTimeline(page)).filter((t) => t > since).length, { message: `${who}: frames decoding with no server` })
        .toBeGreaterThan(10);
    }

    await desk.start();
    const readyAt = Date.now();
    for (const [who, page] of [['clinician', nurse.page], ['parent', phone.page]] as const) {
      const list = connects[who];
      await expect.poll(() => list.filter((t) => t > readyAt).length, { message: `${who}: socket back`, timeout: SOCKETS_BACK_WITHIN_MS }).toBeGreaterThan(0);
      expect(list.find((t) => t > readyAt)! - readyAt, `${who}: socket back within 10 s of the server being ready`).toBeLessThan(SOCKETS_BACK_WITHIN_MS);
      await expect(page.getByTestId('call-state')).toHaveAttribute('data-call-id', callId!);
    }
    await expect(nurse.page.getByText('Lost contact with the desk server. Trying again…')).toHaveCount(0);
    await expect(phone.page.getByText('Your signal dropped. Trying to connect again…')).toHaveCount(0);

    // What the pages show is what the database holds (read back through the API): the same call, connected, the parent present.
    const stored = async () => {
      const response = await nurse.page.request.get(`/api/cases/${caseId}`);
      const body = (await response.json()) as { call: { id: string; state: string; participants: { role: string; present: boolean }[] } | null };
      return { id: body.call?.id, state: body.call?.state, parentPresent: body.call?.participants.find((p) => p.role === 'parent')?.present };
    };
    await expect.poll(stored, { message: 'the database: the same call, connected, the parent present' }).toEqual({ id: callId, state: 'connected', parentPresent: true });
    for (const page of [nurse.page, phone.page]) await expect(page.getByTestId('call-state')).toHaveAttribute('data-state', (await stored()).state!);
    await expect(nurse.page.getByText("the parent's page is not connected")).toHaveCount(0);

    await expectMediaFlowing(nurse.page, 'clinician after the restart');
    await expectMediaFlowing(phone.page, 'parent after the restart');
    // The picture did not freeze while no server ran (from just before the stop until it was ready again).
    // After that, the pages' own ICE restarts on getting their sockets back are measured, not bounded here.
    for (const [who, page] of [['clinician', nurse.page], ['parent', phone.page]] as const) {
      const progress = frameProgressTimes(await readTimeline(page));
      const down = longestGap(progress, stoppedAt - 500, readyAt);
      const after = longestGap(progress, readyAt, Date.now());
      const socketBackMs = connects[who].find((t) => t > readyAt)! - readyAt;
      console.log(JSON.stringify({ who, serverDownMs: readyAt - stoppedAt, socketBackMs, longestGapWhileDownMs: down.gapMs, longestGapAfterMs: after.gapMs, afterGapAtMs: after.atMs }));
      expect(down.gapMs, `${who}: longest gap between frames while the server was down`).toBeLessThan(LONGEST_FRAME_GAP_MS);
    }
    await snapViewport(nurse.page, 'restart-01-desk-after');
    await snapViewport(phone.page, 'restart-02-phone-after');
  } finally {
    await Promise.all(actors.map((actor) => actor.context.close()));
    await desk?.close();
  }
});
