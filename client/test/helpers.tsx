import type { ClientToServerName, ServerToClientName, ServerToClientPayload } from '@desk/shared';
import { render, screen, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { expect, vi } from 'vitest';

/** Test doubles for the desk's boundaries: `fetch` and the staff socket. Components run for real. */

export type FetchCall = { method: string; url: string; headers: Record<string, string>; body: unknown };
type Reply = { status: number; body?: unknown } | Error;
type Route = { method: string; path: string | RegExp; replies: Reply[] };

/** A scripted `fetch`: each route answers its replies in order (the last one repeats). */
export function stubFetch() {
  const routes: Route[] = [];
  const calls: FetchCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    calls.push({ method, url, headers, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    const route = routes.find(
      (r) => r.method === method && (typeof r.path === 'string' ? r.path === url : r.path.test(url)),
    );
    if (!route) return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: `No stub for ${method} ${url}` } }), { status: 404 });
    const reply = route.replies.length > 1 ? route.replies.shift() : route.replies[0];
    if (!reply) throw new Error('stub has no reply');
    if (reply instanceof Error) throw reply;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    on(method: string, path: string | RegExp, ...replies: Reply[]) {
      routes.unshift({ method, path, replies });
      return this;
    },
    callsTo(method: string, path: string) {
      return calls.filter((c) => c.method === method && c.url === path);
    },
  };
}

export const apiError = (status: number, code: string, message: string, fields?: Record<string, string>) => ({
  status,
  body: { error: { code, message, ...(fields ? { fields } : {}) } },
});

/** A fake staff socket: records requests, lets a test push server events. */
export function createFakeSocket() {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const requests: { name: ClientToServerName; payload: unknown }[] = [];
  const results = new Map<string, unknown>([['cases:watch', { epoch: 'e0', seq: 0, serverNow: '2026-12-03T10:00:00.000Z', cases: [] }]]);
  const statusHandlers = new Set<(status: string) => void>();
  return {
    requests,
    /** The connection changes as the server would make it (e.g. `unauthenticated` after a sign-out elsewhere). */
    setStatus(status: string) {
      for (const handler of statusHandlers) handler(status);
    },
    setResult(name: ClientToServerName, result: unknown) {
      results.set(name, result);
    },
    emit<K extends ServerToClientName>(name: K, payload: ServerToClientPayload<K>) {
      for (const handler of handlers.get(name) ?? []) handler(payload);
    },
    socket: {
      request: vi.fn(async (name: ClientToServerName, payload: unknown) => {
        requests.push({ name, payload });
        return results.get(name) ?? null;
      }),
      on: vi.fn((name: string, handler: (payload: unknown) => void) => {
        const set = handlers.get(name) ?? new Set();
        set.add(handler);
        handlers.set(name, set);
        return () => set.delete(handler);
      }),
      onStatus: vi.fn((handler: (status: string) => void) => {
        statusHandlers.add(handler);
        handler('connected');
        return () => statusHandlers.delete(handler);
      }),
      close: vi.fn(),
    },
  };
}

/** Renders a page inside a memory router, with the other routes as labelled stubs. */
export function renderRoute(path: string, element: ReactElement, initialEntry: string) {
  const router = createMemoryRouter(
    [
      { path, element },
      { path: '*', element: <p data-testid="navigated">Navigated</p> },
    ],
    { initialEntries: [initialEntry] },
  );
  return { router, ...render(<RouterProvider router={router} />) };
}

export const CASE_ID = '3f1c2a52-8c3e-4d7a-9b7e-0e6a8d9c1f20';

export function aCase(overrides: Record<string, unknown> = {}) {
  return {
    id: CASE_ID,
    reference: '111-ABC-123',
    childFirstName: 'Amelia',
    childAgeMonths: 26,
    callerPhone: '+447700900123',
    callerPhoneKind: 'mobile',
    relationship: 'Mother',
    complaint: 'fever',
    dateOfBirth: null,
    nhsNumber: null,
    gpPractice: null,
    preferredLanguage: null,
    status: 'open',
    assignedClinician: null,
    assignedClinicianId: null,
    createdAt: '2025-11-23T14:00:00.000Z',
    updatedAt: '2025-11-23T14:00:00.000Z',
    call: null,
    lastSms: null,
    ...overrides,
  };
}

/** A red decision below the NG143 route: a hub referral with its override reason and findings of each band. */
export const HUB_OVERRIDE = {
  band: 'red',
  disposition: 'hub_referral',
  timeframeHours: null,
  overridden: true,
  overrideReason: 'Known to the hub team; seen yesterday.',
  hubReferral: { hub: "North West London Children's Hub", reason: 'Recurrent fevers.' },
  findings: [
    { feature: 'grunting', status: 'present' },
    { feature: 'nasal_flaring', status: 'present' },
    { feature: 'crackles', status: 'absent' },
  ],
};

export function aDecision(overrides: Record<string, unknown> = {}) {
  return {
    id: 'd1',
    caseId: CASE_ID,
    version: 1,
    supersedesId: null,
    supersededById: null,
    amendmentReason: null,
    disposition: 'primary_care',
    timeframeHours: 6,
    notes: 'Well child, fever 2 days.',
    findings: [],
    band: 'not_assessed',
    overridden: false,
    overrideReason: null,
    hubReferral: null,
    adviceLine: null,
    safetyNettingTopic: 'fever',
    safetyNettingSms: null,
    signedBy: 'Dr Sam Patel',
    signedAt: '2025-11-23T14:30:00.000Z',
    ...overrides,
  };
}

/**
 * A fieldset found by its legend, checked to be the group of that name a screen reader announces.
 * A role query computes styles and names for every candidate in the document, and jsdom is slow at
 * both: over the decision form's 52 groups and 138 radios one named query costs 100-300 ms, most of
 * the decision tests' time. So the one element found is checked for its role and name instead.
 */
export function fieldset(legend: string): HTMLElement {
  const group = screen.getByText(legend, { selector: 'legend' }).closest('fieldset');
  expect(group).toHaveRole('group');
  expect(group).toHaveAccessibleName(legend);
  return group as HTMLElement;
}
/** A disposition radio, by its accessible name, among the nine in the Disposition group. */
export const disposition = (label: string) => within(fieldset('Disposition')).getByRole('radio', { name: label });

/**
 * Free text goes in as one input (a paste): where what is typed matters, not each keystroke (every
 * keystroke re-renders the form). Tests of typing itself (the draft save after a burst) still type.
 */
export async function enter(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}
