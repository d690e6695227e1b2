import { expect, test } from '@playwright/test';
import { clinician, createCase, signIn, type Actor } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { startDeskServer, type DeskServer } from '../support/desk';
import { snap } from '../support/screens';

/**
 * Issue 11: the clinician flags a safeguarding concern on the case (a reason is required); the
 * supervisor's board marks the row "Safeguarding" live, and the read-only case shows who flagged
 * it, when and why. Axe-clean at each step. A server of its own, so the board starts empty.
 */

const REFERENCE = '111-E2E-SAFEGUARD';
const REASON = 'Bruises on both upper arms that the fall described does not explain.';

test('a safeguarding concern flagged on the case reaches the supervisor live', async ({ browser }) => {
  test.setTimeout(120_000);
  let server: DeskServer | null = null;
  const actors: Actor[] = [];
  try {
    server = await startDeskServer({});
    const boss = await clinician(browser, server.url);
    const nurse = await clinician(browser, server.url);
    actors.push(boss, nurse);
    await signIn(boss.page, 'supervisor');
    await expect(boss.page).toHaveURL(/\/supervisor/);
    await signIn(nurse.page, 'clinician');
    const caseId = await createCase(nurse.page, { reference: REFERENCE, childFirstName: 'Amira', ageYears: '3', phone: '07700 900151' });

    const row = boss.page.locator(`[data-testid="board-row"][data-case-id="${caseId}"]`);
    await expect(row).toHaveAttribute('data-safeguarding', 'false');

    await nurse.page.getByRole('button', { name: 'Flag a safeguarding concern' }).click();
    const reason = nurse.page.getByRole('textbox', { name: 'Reason for the concern' });
    await expect(reason).toBeFocused();
    await nurse.page.getByRole('button', { name: 'Flag the concern' }).click();
    await expect(nurse.page.getByRole('link', { name: 'Enter the reason for the safeguarding concern' })).toBeVisible();
    await expectAccessible(nurse.page, 'case page, safeguarding reason missing');

    await reason.fill(REASON);
    await nurse.page.getByRole('button', { name: 'Flag the concern' }).click();
    const concern = nurse.page.getByTestId('safeguarding-concern');
    await expect(concern).toContainText(`Safeguarding concern flagged by Nurse Demo at`);
    await expect(concern).toContainText(REASON);
    await snap(nurse.page, 'safeguarding-01-flagged');
    await expectAccessible(nurse.page, 'case page with a safeguarding concern');

    // The board marks the row in words, by the next delta.
    await expect(row).toHaveAttribute('data-safeguarding', 'true', { timeout: 2_000 });
    await expect(row.getByTestId('safeguarding-tag')).toHaveText('Safeguarding');
    await expectAccessible(boss.page, 'board with a safeguarding tag');

    await row.getByRole('link', { name: REFERENCE }).click();
    await expect(boss.page.getByTestId('read-only-case')).toBeVisible();
    await expect(boss.page.getByTestId('safeguarding-concern')).toContainText(REASON);
    await expect(boss.page.getByRole('button', { name: /safeguarding concern/i })).toHaveCount(0);
    await snap(boss.page, 'safeguarding-02-read-only');
    await expectAccessible(boss.page, 'read-only case with a safeguarding concern');
  } finally {
    await Promise.all(actors.map((a) => a.context.close()));
    await server?.close();
  }
});
