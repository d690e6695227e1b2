import { expect, test, type Locator, type Page } from '@playwright/test';
import { clinician, createCase, parent, signIn, type Actor } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { startDeskServer, type DeskServer } from '../support/desk';
import { snap } from '../support/screens';

/**
 * Issue 10, "Actions": a supervisor opens a case from the live board (read-only: no video, no call
 * or decision controls, axe clean) and reassigns it from `clinician` (Nurse Demo) to
 * `clinician2` (Nurse Second); both case lists move live and Nurse Second gets a notice. Once the
 * parent waits, the supervisor asks Nurse Demo to take them (a prominent notice on that desk); with
 * the parent in the call a reassign is refused (409 CALL_IN_PROGRESS, said in words). Nurse Second
 * also sets Away, and the board shows it.
 *
 * A server of its own, so the board and the case lists start empty.
 */

const REFERENCE = '111-E2E-REASSIGN';

const caseRow = (page: Page, caseId: string) => page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
const notices = (page: Page) => page.getByTestId('desk-notice');
/** Not on this desk's list as its own (whether the list shows others' cases or not). */
const notMine = (page: Page, caseId: string) => expect(page.locator(`[data-testid="case-row"][data-case-id="${caseId}"][data-mine="true"]`)).toHaveCount(0);

/** Chooses the clinician whose option starts with `name` (options also say who is signed in). */
async function choose(select: Locator, name: string): Promise<void> {
  const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
  expect(value, `an option for ${name}`).toBeTruthy();
  await select.selectOption(value!);
}

test('a supervisor reassigns a case and asks a clinician to take a waiting parent; both desks follow live', async ({ browser }) => {
  test.setTimeout(180_000);
  let server: DeskServer | null = null;
  const actors: Actor[] = [];
  try {
    server = await startDeskServer({});
    const boss = await clinician(browser, server.url);
    const nurse = await clinician(browser, server.url);
    const nurse2 = await clinician(browser, server.url);
    const phone = await parent(browser, server.url);
    actors.push(boss, nurse, nurse2, phone);

    await signIn(boss.page, 'supervisor');
    await expect(boss.page).toHaveURL(/\/supervisor/);
    await signIn(nurse2.page, 'clinician2');
    await signIn(nurse.page, 'clinician');
    const caseId = await createCase(nurse.page, { reference: REFERENCE, childFirstName: 'Amira', ageYears: '3', phone: '07700 900141' });
    await nurse.page.goto('/');
    await expect(caseRow(nurse.page, caseId)).toHaveAttribute('data-mine', 'true');
    await expect(caseRow(nurse.page, caseId)).toContainText('Yours');
    await notMine(nurse2.page, caseId);

    // Available / Away: the clinician's choice reaches the board, and survives a reload.
    await nurse2.page.getByRole('button', { name: 'Away' }).click();
    await expect(nurse2.page.getByRole('button', { name: 'Away' })).toHaveAttribute('aria-pressed', 'true');
    const nurse2OnBoard = boss.page.getByTestId('board-clinician').filter({ hasText: 'Nurse Second' });
    await expect(nurse2OnBoard).toHaveAttribute('data-status', 'away');
    await nurse2.page.reload();
    await expect(nurse2.page.getByRole('button', { name: 'Away' })).toHaveAttribute('aria-pressed', 'true');
    await nurse2.page.getByRole('button', { name: 'Available' }).click();
    await expect(nurse2OnBoard).toHaveAttribute('data-status', 'available');

    // The supervisor opens the case from its board row: read-only, no video at all.
    const boardRow = boss.page.locator(`[data-testid="board-row"][data-case-id="${caseId}"]`);
    await boardRow.getByRole('link', { name: REFERENCE }).click();
    await expect(boss.page).toHaveURL(new RegExp(`/cases/${caseId}$`));
    await expect(boss.page.getByTestId('read-only-case')).toBeVisible();
    await expect(boss.page.getByTestId('assigned-clinician')).toHaveText('Nurse Demo');
    for (const name of [/Send video link/, /Invite a colleague/, /^Admit/, /Sign decision/, /Amend decision/]) {
      await expect(boss.page.getByRole('button', { name })).toHaveCount(0);
    }
    await expect(boss.page.locator('video, audio')).toHaveCount(0);
    await expectAccessible(boss.page, 'read-only case page');

    // Reassign to Nurse Second: both lists move live, and the notice lands on Nurse Second's desk.
    const giveTo = boss.page.getByLabel('Give the case to');
    await choose(giveTo, 'Nurse Second');
    await boss.page.getByRole('button', { name: 'Reassign case' }).click();
    await expect(boss.page.getByText(`Case ${REFERENCE} is now assigned to Nurse Second.`)).toBeVisible();
    await expect(boss.page.getByTestId('assigned-clinician')).toHaveText('Nurse Second');

    await notMine(nurse.page, caseId);
    await expect(caseRow(nurse2.page, caseId)).toHaveAttribute('data-mine', 'true');
    await expect(nurse2.page.getByTestId('case-row').first()).toHaveAttribute('data-case-id', caseId);
    const assigned = notices(nurse2.page).filter({ hasText: `gave you case ${REFERENCE} (Amira)` });
    await expect(assigned).toBeVisible();
    await expect(nurse2.page.getByTestId('desk-notices-announcer')).toContainText(`gave you case ${REFERENCE}`);
    await expect(assigned.getByRole('link', { name: `Open case ${REFERENCE}` })).toHaveAttribute('href', `/cases/${caseId}`);
    await snap(nurse2.page, 'actions-01-reassigned-notice');
    await expectAccessible(nurse2.page, 'case list with a notice');
    // Still there after a reload (read from the server), until dismissed.
    await nurse2.page.reload();
    await expect(assigned).toBeVisible();
    await assigned.getByRole('button', { name: /^Dismiss/ }).click();
    await expect(assigned).toHaveCount(0);
    await nurse2.page.reload();
    await expect(caseRow(nurse2.page, caseId)).toHaveAttribute('data-mine', 'true');
    await expect(assigned).toHaveCount(0);

    // Nurse Second sends the link; the parent waits. The supervisor asks Nurse Second (the one who can let them in) to take them.
    await nurse2.page.goto(`/cases/${caseId}`);
    await nurse2.page.getByRole('button', { name: 'Send video link' }).click();
    await phone.page.goto('/dev/outbox');
    await phone.page.getByRole('link', { name: /\/join\// }).first().click();
    await phone.page.getByRole('button', { name: 'Join video call' }).click();
    const admit = nurse2.page.getByRole('button', { name: /^Admit/ });
    await expect(admit).toBeEnabled();

    const takeParent = boss.page.getByTestId('take-parent-form');
    await expect(takeParent).toBeVisible();
    await expect(takeParent.getByTestId('take-parent-form-clinician')).toContainText('Nurse Second');
    await takeParent.getByRole('button', { name: 'Ask to take the parent' }).click();
    await expect(takeParent.getByText(`Nurse Second has been asked to take the waiting parent on case ${REFERENCE}.`)).toBeVisible();

    const takeNotice = notices(nurse2.page).filter({ hasText: `asks you to take the waiting parent on case ${REFERENCE} (Amira)` });
    await expect(takeNotice).toBeVisible();
    await expect(takeNotice.locator('.nhsuk-warning-callout')).toContainText('A parent is waiting');
    await expect(takeNotice.getByRole('link', { name: `Open case ${REFERENCE}` })).toHaveAttribute('href', `/cases/${caseId}`);
    await snap(nurse2.page, 'actions-02-take-parent-notice');
    await expectAccessible(nurse2.page, 'case page with a take-parent notice');

    // The parent is let in: while the call is live the case cannot be reassigned.
    await admit.click();
    await expect(nurse2.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
    await expect(boss.page.getByTestId('call-record-state')).toHaveAttribute('data-state', /connecting|connected/);
    await choose(giveTo, 'Nurse Demo');
    await boss.page.getByRole('button', { name: 'Reassign case' }).click();
    await expect(boss.page.getByTestId('reassign-form-error')).toHaveText(/This case has a call in progress\. Reassign it when the call has ended\./);
    await expect(boss.page.getByTestId('assigned-clinician')).toHaveText('Nurse Second');
    await notMine(nurse.page, caseId);
    // A live call on the case, and still nothing of it on the supervisor's page.
    await expect(boss.page.locator('video, audio')).toHaveCount(0);
    await snap(boss.page, 'actions-03-refused-in-call');
    await expectAccessible(boss.page, 'read-only case page, reassign refused');
  } finally {
    await Promise.all(actors.map((a) => a.context.close()));
    await server?.close();
  }
});
