import { caseSchema, staffSessionSchema } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A_CASE, errorOf, PASSWORD, startServer, type TestServer } from './harness.js';

describe('health and readiness', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('answers /api/health with 200 while the process is up', async () => {
    const response = await server.request('GET', '/api/health');
    expect(response).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers /api/ready with 200 when the database answers', async () => {
    const response = await server.request('GET', '/api/ready');
    expect(response).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('answers an unknown API route with 404 NOT_FOUND as JSON', async () => {
    const response = await server.request('GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('NOT_FOUND');
  });

  it('answers /api/ready with 503 NOT_READY once the database is closed, while health stays 200', async () => {
    const doomed = await startServer();
    try {
      await doomed.database.close();
      const ready = await doomed.request('GET', '/api/ready');
      expect(ready.status).toBe(503);
      expect(errorOf(ready).code).toBe('NOT_READY');
      expect((await doomed.request('GET', '/api/health')).status).toBe(200);
    } finally {
      await doomed.close();
    }
  });
});

describe('POST /api/auth/login', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('signs a clinician in with an HttpOnly, SameSite=Lax desk_session cookie and says who they are', async () => {
    const response = await server.request('POST', '/api/auth/login', { json: { username: 'clinician', password: PASSWORD } });
    expect(response.status).toBe(200);
    expect(staffSessionSchema.parse(response.body).user).toMatchObject({ username: 'clinician', role: 'clinician' });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('desk_session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    // Plain-HTTP test server: the cookie must still work without TLS.
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect((await server.auditRows('login', `user:${server.userIds.clinician}`)).length).toBeGreaterThan(0);
  });

  it('lets the cookie open the staff session, and refuses the session without it', async () => {
    const cookie = await server.login('clinician');
    const session = await server.request('GET', '/api/auth/session', { cookie });
    expect(session.status).toBe(200);
    expect(staffSessionSchema.parse(session.body).devMode).toBe(true);
    const anonymous = await server.request('GET', '/api/auth/session');
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
  });

  it('reads the username case-insensitively', async () => {
    const response = await server.request('POST', '/api/auth/login', { json: { username: ' Clinician ', password: PASSWORD } });
    expect(response.status).toBe(200);
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS, sets no cookie and audits login_failed', async () => {
    const subject = `user:${server.userIds.clinician}`;
    const before = (await server.auditRows('login_failed', subject)).length;
    const response = await server.request('POST', '/api/auth/login', { json: { username: 'clinician', password: 'wrong' } });
    expect(response.status).toBe(401);
    expect(errorOf(response).code).toBe('INVALID_CREDENTIALS');
    expect(response.headers.getSetCookie()).toEqual([]);
    const after = await server.auditRows('login_failed', subject);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ actor: 'anonymous' });
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const wrongPassword = await server.request('POST', '/api/auth/login', { json: { username: 'clinician', password: 'wrong' } });
    const unknownUser = await server.request('POST', '/api/auth/login', { json: { username: 'nobody', password: 'wrong' } });
    expect(unknownUser.status).toBe(401);
    expect(unknownUser.body).toEqual(wrongPassword.body);
    expect(unknownUser.headers.getSetCookie()).toEqual([]);
  });

  it.each([
    ['no password', { username: 'clinician' }],
    ['an empty username', { username: '', password: PASSWORD }],
    ['a number for a username', { username: 42, password: PASSWORD }],
    ['an array', [1, 2]],
  ])('refuses a body with %s as 400 VALIDATION_FAILED', async (_label, json) => {
    const response = await server.request('POST', '/api/auth/login', { json });
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
  });

  it('refuses a body that is not JSON as 400 VALIDATION_FAILED', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "clinician",',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a form-encoded login (a cross-site form cannot pass as JSON)', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=clinician&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('logs out: the cookie stops working', async () => {
    const cookie = await server.login('clinician');
    const logout = await server.request('POST', '/api/auth/logout', { cookie });
    expect(logout.status).toBe(204);
    expect((await server.request('GET', '/api/auth/session', { cookie })).status).toBe(401);
  });
});

describe('login rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ rateLimits: { loginPerMinute: 3 } });
  });
  afterAll(() => server.close());

  it('answers 429 RATE_LIMITED once the per-minute limit is spent, even for the right password', async () => {
    for (let i = 0; i < 3; i++) {
      const attempt = await server.request('POST', '/api/auth/login', { json: { username: 'clinician', password: 'wrong' } });
      expect(attempt.status).toBe(401);
    }
    const limited = await server.request('POST', '/api/auth/login', { json: { username: 'clinician', password: PASSWORD } });
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    expect(limited.headers.getSetCookie()).toEqual([]);
  });
});

describe('roles', () => {
  let server: TestServer;
  let clinician: string;
  let supervisor: string;
  beforeAll(async () => {
    server = await startServer();
    clinician = await server.login('clinician');
    supervisor = await server.login('supervisor');
  });
  afterAll(() => server.close());

  const openCaseCount = async () => caseSchema.array().parse((await server.request('GET', '/api/cases', { cookie: clinician })).body).length;

  it('refuses a supervisor creating a case with 403 FORBIDDEN, and creates nothing', async () => {
    const before = await openCaseCount();
    const response = await server.request('POST', '/api/cases', { cookie: supervisor, json: A_CASE });
    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('FORBIDDEN');
    expect(await openCaseCount()).toBe(before);
  });

  it('refuses an anonymous caller with 401 UNAUTHENTICATED, and creates nothing', async () => {
    const before = await openCaseCount();
    const response = await server.request('POST', '/api/cases', { json: A_CASE });
    expect(response.status).toBe(401);
    expect(errorOf(response).code).toBe('UNAUTHENTICATED');
    expect((await server.request('GET', '/api/cases')).status).toBe(401);
    expect(await openCaseCount()).toBe(before);
  });

  it('refuses a forged session cookie with 401', async () => {
    const response = await server.request('GET', '/api/cases', { cookie: 'desk_session=forged-token-value' });
    expect(response.status).toBe(401);
  });

  it('does not accept a parent cookie name in place of the staff one', async () => {
    const token = clinician.split('=')[1]!;
    const response = await server.request('GET', '/api/cases', { cookie: `join_session=${token}` });
    expect(response.status).toBe(401);
  });

  it('keeps the supervisor queue from clinicians (403) and shows it to supervisors', async () => {
    const created = await server.createCase(clinician);
    const refused = await server.request('GET', '/api/supervisor/queue', { cookie: clinician });
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe('FORBIDDEN');
    const queue = await server.request('GET', '/api/supervisor/queue', { cookie: supervisor });
    expect(queue.status).toBe(200);
    expect(queue.body).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: created.id, call: null, smsStatus: null })]));
  });

  it('lets a supervisor read cases', async () => {
    const response = await server.request('GET', '/api/cases', { cookie: supervisor });
    expect(response.status).toBe(200);
  });
});

describe('CSRF origin check', () => {
  let server: TestServer;
  let clinician: string;
  beforeAll(async () => {
    server = await startServer({ env: { PUBLIC_URL: 'http://desk.example.test:8080/some/path' } });
    clinician = await server.login('clinician');
  });
  afterAll(() => server.close());

  const openCaseCount = async () => caseSchema.array().parse((await server.request('GET', '/api/cases', { cookie: clinician })).body).length;

  it('refuses a mutation from another site with 403 and changes nothing', async () => {
    const before = await openCaseCount();
    const response = await server.request('POST', '/api/cases', { cookie: clinician, json: A_CASE, headers: { origin: 'http://evil.example' } });
    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('FORBIDDEN');
    expect(await openCaseCount()).toBe(before);
  });

  it('refuses a login posted from another site', async () => {
    const response = await server.request('POST', '/api/auth/login', {
      json: { username: 'clinician', password: PASSWORD },
      headers: { origin: 'http://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('refuses an Origin that only resembles the server', async () => {
    const own = new URL(server.url);
    const response = await server.request('POST', '/api/cases', {
      cookie: clinician,
      json: A_CASE,
      headers: { origin: `http://${own.hostname}.evil.example:${own.port}` },
    });
    expect(response.status).toBe(403);
  });

  it("passes a mutation from the server's own origin", async () => {
    const response = await server.request('POST', '/api/cases', { cookie: clinician, json: A_CASE, headers: { origin: server.url } });
    expect(response.status).toBe(201);
  });

  it("passes a mutation from PUBLIC_URL's origin", async () => {
    const response = await server.request('POST', '/api/cases', {
      cookie: clinician,
      json: A_CASE,
      headers: { origin: 'http://desk.example.test:8080' },
    });
    expect(response.status).toBe(201);
  });

  it('passes a mutation with no Origin (server-to-server callers send none)', async () => {
    const response = await server.request('POST', '/api/cases', { cookie: clinician, json: A_CASE });
    expect(response.status).toBe(201);
  });

  it('lets reads through whatever the Origin', async () => {
    const response = await server.request('GET', '/api/cases', { cookie: clinician, headers: { origin: 'http://evil.example' } });
    expect(response.status).toBe(200);
  });
});
