import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { clinician, createCase, signDecision, signIn, type Actor } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { startDeskServer, type DeskServer } from '../support/desk';
import { snap } from '../support/screens';

/**
 * Issue 10's audit and reports: after a clinician decides a case, a supervisor opens today's
 * report (its figures, its charts drawn by chart.js, a CSV of the same figures), then the audit
 * filtered to that case (the decision signed) and to the export (the CSV just downloaded), each
 * page axe clean. A server of its own, so today holds this test's case only.
 */

test("a supervisor reads today's report, downloads its CSV, and finds the decision and the export in the audit", async ({ browser }) => {
  test.setTimeout(150_000);
  let server: DeskServer | null = null;
  const actors: Actor[] = [];
  try {
    server = await startDeskServer({});
    const nurse = await clinician(browser, server.url);
    const boss = await clinician(browser, server.url);
    actors.push(nurse, boss);

    await signIn(nurse.page, 'clinician');
    const caseId = await createCase(nurse.page, { reference: '111-E2E-REPORT', childFirstName: 'Ada', ageYears: '2', phone: '07700 900141' });
    await signDecision(nurse.page, caseId, 'self_care');

    await signIn(boss.page, 'supervisor');
    await expect(boss.page).toHaveURL(/\/supervisor$/);
    const nav = boss.page.getByRole('navigation', { name: 'Supervisor pages' });
    await expect(nav.getByRole('link', { name: 'Board' })).toHaveAttribute('aria-current', 'page');

    // Reports: today (London) by default, the date in the address.
    await nav.getByRole('link', { name: 'Reports' }).click();
    await expect(boss.page).toHaveURL(/\/supervisor\/reports/);
    await expect(nav.getByRole('link', { name: 'Reports' })).toHaveAttribute('aria-current', 'page');
    const report = boss.page.getByTestId('day-report');
    await expect(report.getByRole('heading', { level: 2, name: /^Today so far/ })).toBeVisible();
    const figures = boss.page.getByTestId('day-figures');
    await expect(figures.locator('[data-key="arrivals"] td')).toHaveText('1');
    await expect(figures.locator('[data-key="decided"] td')).toHaveText('1');
    await expect(boss.page.getByTestId('disposition-mix').locator('[data-key="self_care"] td')).toHaveText('1');
    // chart.js drew the arrivals and the disposition mix (it sizes the canvas it draws on); the
    // rest of the day had nothing to chart and says so.
    const charts = boss.page.getByTestId('day-charts');
    await expect(charts.getByRole('img', { name: /^Bar chart of cases arriving per hour/ })).toHaveAttribute('style', /box-sizing/);
    await expect(charts.getByRole('img', { name: /^Bar chart of the decisions signed.*Self-care at home with safety-netting 1/ })).toHaveAttribute('style', /box-sizing/);
    await expect(charts.getByTestId('chart-failures')).toContainText('No failed joins on');
    await snap(boss.page, 'reports-01-today');
    await expectAccessible(boss.page, 'daily report');

    const csvLink = boss.page.getByRole('link', { name: /^Download CSV/ });
    const today = new URL(boss.page.url()).searchParams.get('date') ?? (await report.getAttribute('data-date'));
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(csvLink).toHaveAttribute('href', `/api/reports/daily?date=${today}&format=csv`);
    const [download] = await Promise.all([boss.page.waitForEvent('download'), csvLink.click()]);
    const csvPath = await download.path();
    const csv = await readFile(csvPath, 'utf8');
    expect(csv).toMatch(/self_care|Self-care/);
    expect(csv).toContain(today!);

    // A reload keeps the chosen day (the address holds it).
    await boss.page.goto(`/supervisor/reports?date=${today}`);
    await expect(boss.page.getByLabel('Day', { exact: true })).toHaveValue(String(Number(today!.slice(8, 10))));

    // Audit: filtered to the case, then to the export just made.
    await nav.getByRole('link', { name: 'Audit' }).click();
    await expect(boss.page).toHaveURL(/\/supervisor\/audit/);
    await expect(boss.page.getByTestId('audit-entry').first()).toBeVisible();
    await boss.page.getByLabel('Case').fill(caseId);
    await boss.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(boss.page).toHaveURL(new RegExp(`caseId=${caseId}`));
    const signed = boss.page.locator('[data-testid="audit-entry"][data-action="decision_signed"]');
    await expect(signed).toHaveCount(1);
    await expect(signed.getByRole('link', { name: '111-E2E-REPORT' })).toHaveAttribute('href', `/cases/${caseId}`);
    await expect(boss.page.locator('[data-testid="audit-entry"]:not([data-case-id="' + caseId + '"])')).toHaveCount(0);
    await snap(boss.page, 'reports-02-audit-case');
    await expectAccessible(boss.page, 'audit filtered by case');

    await boss.page.reload();
    await expect(boss.page.getByLabel('Case')).toHaveValue(caseId);
    await expect(signed).toHaveCount(1);

    await boss.page.getByLabel('Case').fill('');
    await boss.page.getByLabel('Action').selectOption('report_exported');
    await boss.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(boss.page).toHaveURL(/action=report_exported/);
    const exported = boss.page.locator('[data-testid="audit-entry"][data-action="report_exported"]');
    await expect(exported.first()).toBeVisible();
    await expect(exported.first()).toContainText('supervisor');
    await expect(boss.page.getByTestId('audit-page')).toHaveText('Page 1 of 1');
    await snap(boss.page, 'reports-03-audit-export');
    await expectAccessible(boss.page, 'audit filtered by action');
  } finally {
    await Promise.all(actors.map((a) => a.context.close()));
    await server?.close();
  }
});
