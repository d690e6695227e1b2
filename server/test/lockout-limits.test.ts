import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, PASSWORD, startServer, type TestServer } from './harness.js';

/** Account lockout (audited, shared by every node through the audit trail) and the per-clinician limits on SMS-sending routes. */

const WINDOW_MS = 15 * 60_000;

describe('account lockout', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { LOGIN_LOCKOUT_ATTEMPTS: '5', LOGIN_LOCKOUT_MINUTES: '15' } });
  });
  afterAll(() => server.close());

  const attempt = (username: string, password: string) => server.request('POST', '/api/auth/login', { json: { username, password } });

  it('locks an account after five failed sign-ins: even the right password is refused, every step audited', async () => {
    for (let i = 0; i < 4; i += 1) expect(errorOf(await attempt('clinician2', 'wrong password')).code).toBe('INVALID_CREDENTIALS');
    // The fifth failure locks it, and says so.
    const fifth = await attempt('clinician2', 'wrong password');
    expect(fifth.status).toBe(423);
    expect(errorOf(fifth)).toMatchObject({ code: 'ACCOUNT_LOCKED', message: expect.stringMatching(/Try again after \d\d:\d\d, or ask an administrator/) });
    const right = await attempt('clinician2', PASSWORD);
    expect(right.status).toBe(423);
    expect(right.headers.getSetCookie()).toEqual([]);
    const subject = `user:${server.userIds.clinician2}`;
    expect(await server.auditRows('login_failed', subject)).toHaveLength(5);
    expect(await server.auditRows('account_locked', subject)).toHaveLength(1);
    expect(await server.auditRows('login_locked', subject)).toHaveLength(1);
    // Someone else on the same desk is not affected.
    expect((await attempt('clinician', PASSWORD)).status).toBe(200);
  });

  it('opens again once the window has passed, and a good sign-in resets the count', async () => {
    server.clock.advance(WINDOW_MS + 1_000);
    expect((await attempt('clinician2', PASSWORD)).status).toBe(200);
    // Four more failures after a good sign-in do not lock it: the count started again.
    for (let i = 0; i < 4; i += 1) await attempt('clinician2', 'wrong password');
    expect((await attempt('clinician2', PASSWORD)).status).toBe(200);
  });

  it('an admin can unlock it at once (audited); nobody else can', async () => {
    for (let i = 0; i < 5; i += 1) await attempt('supervisor', 'wrong password');
    expect(errorOf(await attempt('supervisor', PASSWORD)).code).toBe('ACCOUNT_LOCKED');
    const clinician = await server.login('clinician');
    const refused = await server.request('POST', `/api/admin/users/${server.userIds.supervisor}/unlock`, { cookie: clinician });
    expect(errorOf(refused).code).toBe('FORBIDDEN');
    const admin = await server.login('admin');
    const unlocked = await server.request('POST', `/api/admin/users/${server.userIds.supervisor}/unlock`, { cookie: admin });
    expect(unlocked.status).toBe(204);
    expect(await server.auditRows('account_unlocked', `user:${server.userIds.supervisor}`)).toHaveLength(1);
    expect((await attempt('supervisor', PASSWORD)).status).toBe(200);
  });

  it('an unknown username is told the same as a wrong password, however often', async () => {
    for (let i = 0; i < 7; i += 1) expect(errorOf(await attempt('nobody-here', 'wrong password')).code).toBe('INVALID_CREDENTIALS');
  });
});

describe('limits on sending SMS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ rateLimits: { invitesPerMinute: 3, guestInvitesPerMinute: 2 } });
  });
  afterAll(() => server.close());

  it('limits video links per clinician, not per address: a colleague at the same desk can still send', async () => {
    const [clinician, colleague] = await Promise.all([server.login('clinician'), server.login('clinician2')]);
    const created = await server.createCase(clinician);
    for (let i = 0; i < 3; i += 1) expect((await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician })).status).toBe(201);
    const fourth = await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician });
    expect(fourth.status).toBe(429);
    expect(errorOf(fourth).code).toBe('RATE_LIMITED');
    const theirs = await server.createCase(colleague);
    expect((await server.request('POST', `/api/cases/${theirs.id}/invites`, { cookie: colleague })).status).toBe(201);
  });

  it('limits colleague invites on their own, lower limit', async () => {
    const clinician = await server.login('clinician2');
    const created = await server.createCase(clinician);
    const guest = (n: number) => ({ role: 'interpreter', name: `Interpreter ${n}`, phone: '07700 900777' });
    for (let i = 0; i < 2; i += 1) {
      expect((await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician, json: guest(i) })).status).toBe(201);
    }
    const third = await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician, json: guest(3) });
    expect(errorOf(third).code).toBe('RATE_LIMITED');
  });
});
