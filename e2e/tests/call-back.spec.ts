import { expect, test, type Browser } from '@playwright/test';
import { clinician, createCase, parent, signIn, type Actor, type NewCase } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { startDeskServer, type DeskServer } from '../support/desk';
import { expectMediaFlowing } from '../support/media';
import { snapViewport } from '../support/screens';

/**
 * Issue 11: video fails for real after the parent was asked to hang up (the parent's phone browser
 * goes away mid-call), so the case says "Call the parent back" with the number and a timer counting
 * up, and the supervisor's board shows the row as call-back due. The clinician records the
 * call-back on the desk: the callout goes and the board's row leaves call-back due, live. Nothing
 * is faked through the API: the call fails the way the server's own deadlines and the peers'
 * reports make it fail. A server of its own, so the board holds this case alone.
 */

const REFERENCE = '111-E2E-CALLBACK';
const PHONE = '07700 900171';
/** How video stops once the parent's page has gone: the parent's closing (8 s) or gone (60 s) deadline passes, or the desk's peer reports media failed. */
const CALL_BACK_REASONS = /^(ice_failed|timeout|parent_left)$/;
/** The longest of those (the 60 s gone deadline), plus a busy machine's slack. */
const VIDEO_FAILS_WITHIN_MS = 150_000;

/**
 * On the spec's own server: a supervisor on its board, and a clinician who has just created the
 * case; the row the board shows for it. Every actor goes into `actors`, for the test to close.
 */
async function deskWithBoard(browser: Browser, server: DeskServer, actors: Actor[], newCase: NewCase) {
  const desk = await clinician(browser, server.url);
  const phone = await parent(browser, server.url);
  const boss = await clinician(browser, server.url);
  actors.push(desk, phone, boss);
  await signIn(boss.page, 'supervisor');
  await expect(boss.page).toHaveURL(/\/supervisor/);
  await signIn(desk.page, 'clinician');
  const caseId = await createCase(desk.page, newCase);
  const row = boss.page.locator(`[data-testid="board-row"][data-case-id="${caseId}"]`);
  return { desk, phone, boss, row };
}

test('video that fails after the parent hung up asks the clinician to call back, and the board shows call-back due until it is recorded', async ({ browser }) => {
  test.setTimeout(300_000);
  let server: DeskServer | null = null;
  const actors: Actor[] = [];
  try {
    server = await startDeskServer({});
    const { desk, phone, boss, row } = await deskWithBoard(browser, server, actors, { reference: REFERENCE, childFirstName: 'Noah', ageYears: '4', phone: PHONE });
    await expect(row).toHaveAttribute('data-state', 'new');

    // The link, the parent's tap on the fake phone, the waiting room.
    await desk.page.getByRole('button', { name: 'Send video link' }).click();
    await expect(desk.page.getByText(`Sent to ${PHONE}`)).toBeVisible();
    await phone.page.goto('/dev/outbox');
    const link = phone.page.getByRole('link', { name: /\/join\// }).first();
    await expect(link).toBeVisible();
    await link.click();
    await phone.page.getByRole('button', { name: 'Join video call' }).click();
    await expect(phone.page).toHaveURL(/\/join$/);
    await expect(phone.page.getByText('The nurse will let you in shortly')).toBeVisible();

    // Admitted: media both ways, and the desk asks the clinician to have the parent hang up the phone call.
    const callState = desk.page.getByTestId('call-state');
    await expect(callState).toHaveAttribute('data-state', 'parent_waiting', { timeout: 30_000 });
    const admit = desk.page.getByRole('button', { name: 'Admit' });
    await expect(admit).toBeEnabled();
    await admit.click();
    await expect(callState).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
    await expectMediaFlowing(desk.page, 'clinician');
    await expectMediaFlowing(phone.page, 'parent');
    await expect(desk.page.getByText(/hang up the phone call/i)).toBeVisible();
    await expect(row).toHaveAttribute('data-state', 'in_call');
    const callout = desk.page.getByTestId('call-back-due');
    await expect(callout).toHaveCount(0);

    // The parent's phone browser goes away mid-call (killed, out of signal): no Leave, no goodbye.
    await phone.context.close();
    actors.splice(actors.indexOf(phone), 1);

    // The server's own deadlines and the desk's peer decide: the call fails, or ends, for a call-back reason.
    await expect(callState).toHaveAttribute('data-state', /^(failed|ended)$/, { timeout: VIDEO_FAILS_WITHIN_MS });
    await expect(callState).toHaveAttribute('data-reason', CALL_BACK_REASONS);
    test.info().annotations.push({ type: 'video stopped', description: `${await callState.getAttribute('data-state')} / ${await callState.getAttribute('data-reason')}` });

    // The desk: "Call the parent back" with the case's number and a timer counting up from the failure.
    await expect(callout).toBeVisible();
    await expect(callout.getByRole('heading', { name: 'Call the parent back' })).toBeVisible();
    await expect(desk.page.getByRole('region', { name: /Call the parent back/ })).toBeVisible();
    const number = callout.getByTestId('call-back-number');
    await expect(number).toHaveText(PHONE);
    await expect(number).toHaveAttribute('href', `tel:+44${PHONE.replace(/\s/g, '').slice(1)}`);
    const timer = callout.getByTestId('call-back-timer');
    await expect(timer).toBeVisible();
    const firstSeconds = Number(await timer.getAttribute('data-seconds'));
    expect(firstSeconds).toBeGreaterThanOrEqual(0);
    await expect.poll(async () => Number(await timer.getAttribute('data-seconds')), { message: 'the call-back timer counts up', timeout: 15_000 }).toBeGreaterThan(firstSeconds);
    await expect(timer).toContainText(/\d/);
    await snapViewport(desk.page, 'call-back-01-desk-callout');
    await expectAccessible(desk.page, 'case page asking for a call-back');

    // The supervisor's board: the row is call-back due, in words, and the headline counts it.
    await expect(row).toHaveAttribute('data-state', 'call_back_due');
    await expect(row).toContainText('Call back due');
    await expect(boss.page.getByTestId('headline-call-back')).toHaveText('1');
    await row.scrollIntoViewIfNeeded();
    await snapViewport(boss.page, 'call-back-02-board-due');
    await expectAccessible(boss.page, 'board with a call-back due row');

    // The clinician phones the parent back and records it: the callout goes, the row leaves call-back due live.
    await callout.getByRole('button', { name: 'I have called the parent back' }).click();
    await expect(callout).toHaveCount(0, { timeout: 30_000 });
    await expect(row).not.toHaveAttribute('data-state', 'call_back_due', { timeout: 30_000 });
    await expect(row).toHaveAttribute('data-state', 'wrap_up');
    await expect(row).not.toContainText('Call back due');
    await expect(boss.page.getByTestId('headline-call-back')).toHaveText('0');
    await snapViewport(desk.page, 'call-back-03-desk-recorded');
    await row.scrollIntoViewIfNeeded();
    await snapViewport(boss.page, 'call-back-04-board-recorded');

    // Recorded for good: a reload of the case still has no callout.
    await desk.page.reload();
    await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', /^(failed|ended)$/);
    await expect(desk.page.getByTestId('call-back-due')).toHaveCount(0);
  } finally {
    await Promise.all(actors.map((a) => a.context.close()));
    await server?.close();
  }
});

test('a parent who leaves the waiting room before video connected was never asked to hang up: no call-back is asked for', async ({ browser }) => {
  test.setTimeout(180_000);
  let server: DeskServer | null = null;
  const actors: Actor[] = [];
  try {
    server = await startDeskServer({});
    const { desk, phone, boss, row } = await deskWithBoard(browser, server, actors, { reference: '111-E2E-NOCALLBACK', childFirstName: 'Ava', ageYears: '2', phone: '07700 900172' });

    await desk.page.getByRole('button', { name: 'Send video link' }).click();
    await phone.page.goto('/dev/outbox');
    await phone.page.getByRole('link', { name: /\/join\// }).first().click();
    await phone.page.getByRole('button', { name: 'Join video call' }).click();
    await expect(phone.page.getByText('The nurse will let you in shortly')).toBeVisible();
    const callState = desk.page.getByTestId('call-state');
    await expect(callState).toHaveAttribute('data-state', 'parent_waiting', { timeout: 30_000 });

    // The parent leaves before being let in: still on the 111 phone call, so nobody needs to phone them back.
    await phone.page.getByRole('button', { name: 'Leave' }).click();
    await phone.page.getByRole('alertdialog', { name: 'Leave the waiting room?' }).getByRole('button', { name: 'Yes, leave' }).click();
    await expect(callState).toHaveAttribute('data-state', 'failed');
    await expect(callState).toHaveAttribute('data-reason', 'parent_left');
    // The board settles on the link (the parent may rejoin with it), not on a call-back.
    await expect(row).toHaveAttribute('data-state', 'link_sent');
    await expect(boss.page.getByTestId('headline-call-back')).toHaveText('0');
    // The case as loaded now (no live update in flight) asks for no call-back either.
    await desk.page.reload();
    await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-reason', 'parent_left');
    await expect(desk.page.getByRole('heading', { name: 'Decision' })).toBeVisible();
    await expect(desk.page.getByTestId('call-back-due')).toHaveCount(0);
  } finally {
    await Promise.all(actors.map((a) => a.context.close()));
    await server?.close();
  }
});
