import { randomUUID } from 'node:crypto';
import { devices, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { recordPeerConnections } from './media';

export type Actor = { context: BrowserContext; page: Page; /** The call layer's diagnostics ("[call] …" at debug level), to read when a test fails. */ callLog: string[] };

function recordCallLog(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('[call]')) lines.push(text);
  });
  return lines;
}

/** A clinician at a desk: laptop-sized Chromium, camera and microphone allowed. */
export async function clinician(browser: Browser, baseURL: string): Promise<Actor> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await recordPeerConnections(page);
  return { context, page, callLog: recordCallLog(page) };
}

/**
 * A parent on a phone. Pixel 5 emulation in Chromium (viewport, touch, user agent): real iOS
 * Safari is a manual check (docs/operations.md).
 */
export async function parent(browser: Browser, baseURL: string): Promise<Actor> {
  const { defaultBrowserType: _ignored, ...pixel } = devices['Pixel 5'];
  const context = await browser.newContext({ ...pixel, baseURL, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await recordPeerConnections(page);
  return { context, page, callLog: recordCallLog(page) };
}

export async function signIn(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export type NewCase = { reference: string; childFirstName: string; ageYears: string; phone: string };

/** Fills the triage form as a clinician would and lands on the case page; returns the case id. */
export async function createCase(page: Page, details: NewCase): Promise<string> {
  await page.goto('/cases/new');
  await page.getByLabel('111 reference').fill(details.reference);
  await page.getByLabel("Child's first name").fill(details.childFirstName);
  await page.getByLabel('Age', { exact: true }).fill(details.ageYears);
  await page.getByLabel('Months or years').selectOption('years');
  await page.getByLabel("Caller's phone number").fill(details.phone);
  await page.getByLabel("Caller's relationship to the child").selectOption('Mother');
  await page.getByLabel('Fever').check();
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  return page.url().split('/cases/')[1]!;
}

/** The assigned clinician signs the case's first decision through the API, as the desk's Sign button does. */
export async function signDecision(page: Page, caseId: string, disposition = 'self_care'): Promise<void> {
  const response = await page.request.post(`/api/cases/${caseId}/decisions`, {
    headers: { 'Idempotency-Key': `e2e-${randomUUID()}` },
    data: { disposition, notes: 'Seen on video: well, playing. Safety-netting given.' },
  });
  expect(response.status()).toBe(201);
}

/** The REST API with a signed-in actor's cookies, as the desk's own pages call it. */
export type Api = (method: string, url: string, body?: unknown) => Promise<Record<string, unknown>>;

export async function staffApi(desk: Actor, base: string): Promise<Api> {
  const cookie = (await desk.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  return async (method, url, body) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
}

/** A case with a link, the clinician on its page: as the desk is when the parent taps the link. */
export async function caseWithLink(api: Api, desk: Actor, run: number, phone: string) {
  const created = await api('POST', '/api/cases', { reference: `BENCH-${run}`, childFirstName: 'Bench', childAgeMonths: 30, callerPhone: phone, relationship: 'Mother', complaint: 'fever' });
  const invite = await api('POST', `/api/cases/${String(created.id)}/invites`);
  await desk.page.goto(`/cases/${String(created.id)}`);
  // The path only: links carry the public origin, and the phone may reach the desk at another address.
  return new URL(String(invite.devJoinLink)).pathname;
}
