import { request as httpRequest } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { errorCodes } from '@desk/shared';
import { eq } from 'drizzle-orm';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { users } from '../src/db/schema.js';
import { errorHandler } from '../src/http/errors.js';
import { loggedError } from '../src/logger.js';
import {
  A_CASE,
  capturedLogger,
  connectError,
  connectSocket,
  errorOf,
  joinedCase,
  startServer,
  tokenOf,
  type TestServer,
  type TestSocket,
} from './harness.js';

/**
 * One test per defect found by hand (issue 8), each written to fail before its fix: what a caller
 * sees (status, code, headers, a socket closed) and what the log holds.
 */

const NOT_A_UUID = '-'.repeat(36);

/** A raw HTTP request, for headers fetch will not send as given (Host) and bodies in any encoding. */
function rawRequest(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, method: options.method, path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const jsonCode = (response: { headers: Record<string, unknown>; body: string }) => {
  expect(String(response.headers['content-type'])).toContain('application/json');
  return (JSON.parse(response.body) as { error: { code: string } }).error.code;
};

describe('control characters and broken text never reach the database or the log', () => {
  let server: TestServer;
  let logs: ReturnType<typeof capturedLogger>;
  let cookie: string;
  beforeAll(async () => {
    logs = capturedLogger();
    server = await startServer({ logs });
    cookie = await server.login('clinician');
  });
  afterAll(() => server.close());

  it('refuses a NUL in a case field with 400 naming the field, and logs nothing of the value', async () => {
    const response = await server.request('POST', '/api/cases', { cookie, json: { ...A_CASE, childFirstName: 'Zebedee\u0000Planted' } });
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { childFirstName: expect.any(String) } });
    expect(logs.text()).not.toContain('Zebedee');
    expect(logs.text()).not.toContain('unhandled error');
  });

  it('refuses a NUL in the sign-in username, a decision note and an amendment reason', async () => {
    const login = await server.request('POST', '/api/auth/login', { json: { username: 'clini\u0000cian', password: 'x' } });
    expect(login.status).toBe(400);
    expect(errorOf(login).fields).toHaveProperty('username');

    const { caseId } = await joinedCase(server, cookie);
    const note = await server.request('POST', `/api/cases/${caseId}/decisions`, {
      cookie,
      headers: { 'Idempotency-Key': `key-${randomUUID()}` },
      json: { disposition: 'self_care', findings: {}, notes: 'rash \u0000 spreading' },
    });
    expect(note.status).toBe(400);
    expect(errorOf(note).fields).toHaveProperty('notes');

    const amend = await server.request('POST', `/api/cases/${caseId}/decisions/${randomUUID()}/amendments`, {
      cookie,
      headers: { 'Idempotency-Key': `key-${randomUUID()}` },
      json: { reason: 'typo\u0007', decision: {} },
    });
    expect(amend.status).toBe(400);
    expect(errorOf(amend).fields).toHaveProperty('reason');
  });

  it('refuses other control characters, lone surrogates and prototype keys, and keeps tabs and line breaks', async () => {
    for (const childFirstName of ['A\u001bB', 'A\u007fB', 'A\ud800B']) {
      const response = await server.request('POST', '/api/cases', { cookie, json: { ...A_CASE, childFirstName } });
      expect(response.status, JSON.stringify(childFirstName)).toBe(400);
    }
    const polluted = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/cases',
      headers: { cookie, 'content-type': 'application/json' },
      body: `{"__proto__":{"admin":true},"reference":"111-X"}`,
    });
    expect(polluted.status).toBe(400);
    expect(jsonCode(polluted)).toBe('VALIDATION_FAILED');
    const fine = await server.request('POST', '/api/cases', { cookie, json: { ...A_CASE, relationship: 'Mother\tcarer' } });
    expect(fine.status).toBe(201);
  });

  it('refuses a NUL in the query string', async () => {
    const response = await server.request('GET', '/api/cases?filter=%00', { cookie });
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
  });
});

describe('an unexpected error is logged without its message', () => {
  it('keeps type, SQLSTATE and frames of a failed query, never its parameters', () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const failed = new Error('Failed query: insert into "cases" ... params: Zebedee,+447700900123,9434765919', { cause });
    const logged = JSON.stringify(loggedError(failed));
    expect(logged).not.toMatch(/Zebedee|447700900123|9434765919|Failed query/);
    expect(loggedError(failed)).toMatchObject({ type: 'Error', cause: { code: '22021' } });
    expect(loggedError(failed).frames?.[0]).toMatch(/^at /);
  });

  it('answers 500 INTERNAL and writes the error through the safe serializer', async () => {
    const logs = capturedLogger();
    const app = express();
    app.get('/boom', () => {
      throw new Error('Failed query: select … params: Zebedee,07700900123');
    });
    app.use(errorHandler(logs.logger));
    const listening = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    try {
      const address = listening.address() as { port: number };
      const response = await rawRequest(`http://127.0.0.1:${address.port}`, { method: 'GET', path: '/boom' });
      expect(response.status).toBe(500);
      expect(jsonCode(response)).toBe('INTERNAL');
      expect(logs.text()).toContain('unhandled error');
      expect(logs.text()).not.toMatch(/Zebedee|07700900123/);
    } finally {
      listening.close();
    }
  });
});

describe('every test server checks its own log for what it was told', () => {
  it('fails on close when a planted name, phone, token or session cookie reaches the log', async () => {
    const server = await startServer();
    const cookie = await server.login('clinician');
    const created = await server.createCase(cookie, { childFirstName: 'Zebedee', callerPhone: '07700 900456' });
    // A link tapped (it need not be live: what was sent is what must not be logged).
    const token = 'tok3n-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    await server.request('POST', '/api/join', { json: { token } });
    // What a careless line of server code would do: log the case it just read, and the link.
    server.deps.logger.info({ child: created.childFirstName, phone: '+447700900456', link: token, cookie }, 'careless');
    const closing = server.close();
    await expect(closing).rejects.toThrow(/childFirstName: Zebedee/);
    await expect(closing).rejects.toThrow(/phone: \+447700900456/);
    await expect(closing).rejects.toThrow(/join token/);
    await expect(closing).rejects.toThrow(/session cookie/);
  });
});

describe('ids in the path', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startServer();
    cookie = await server.login('clinician');
  });
  afterAll(() => server.close());

  it.each([
    ['GET', `/api/cases/${NOT_A_UUID}`],
    ['GET', `/api/cases/${NOT_A_UUID}/decisions`],
    ['POST', `/api/cases/${NOT_A_UUID}/decisions`],
    ['POST', `/api/cases/${NOT_A_UUID}/decisions/preview`],
    ['GET', `/api/cases/${NOT_A_UUID}/decisions/drafts/sign`],
    ['PUT', `/api/cases/${NOT_A_UUID}/decisions/drafts/sign`],
    ['POST', `/api/cases/${randomUUID()}/decisions/${NOT_A_UUID}/amendments`],
    ['GET', `/api/cases/${NOT_A_UUID}/outcome.fhir.json`],
    ['POST', `/api/cases/${NOT_A_UUID}/invites`],
    ['GET', `/api/cases/${NOT_A_UUID}/dev-qr.svg`],
  ])('%s %s with 36 hyphens for an id is 404 NOT_FOUND, not 500', async (method, urlPath) => {
    const response = await server.request(method, urlPath, { cookie, json: method === 'GET' ? undefined : {}, headers: { 'Idempotency-Key': 'key-1' } });
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('NOT_FOUND');
  });
});

describe('request bodies in encodings the server cannot read', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startServer();
    cookie = await server.login('clinician');
  });
  afterAll(() => server.close());

  const post = (encoding: string, body: Buffer) =>
    rawRequest(server.url, {
      method: 'POST',
      path: '/api/cases',
      headers: { cookie, 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': String(body.length) },
      body,
    });

  it('answers an unknown Content-Encoding with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await post('zip', Buffer.from(JSON.stringify(A_CASE)));
    expect(response.status).toBe(415);
    expect(jsonCode(response)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('reads only UTF-8: a UTF-7 or UTF-16 body (which the JSON parser would decode) is 415 on every route, GET included, and broken UTF-8 is 400', async () => {
    for (const [method, path, charset] of [
      ['POST', '/api/cases', 'utf-7'],
      ['POST', '/api/cases', 'UTF-16'],
      ['GET', '/api/advice/fever', 'utf-7'],
    ] as const) {
      const response = await rawRequest(server.url, {
        method,
        path,
        headers: { cookie, 'content-type': `application/json; charset=${charset}`, 'content-length': String(Buffer.byteLength(JSON.stringify(A_CASE))) },
        body: JSON.stringify(A_CASE),
      });
      expect(response.status, `${method} ${path} ${charset}`).toBe(415);
      expect(jsonCode(response)).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    // Bytes that are not UTF-8 are refused rather than read as U+FFFD.
    const broken = Buffer.concat([Buffer.from('{"childFirstName":"Am'), Buffer.from([0xff, 0xfe]), Buffer.from('lia"}')]);
    const invalid = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/cases',
      headers: { cookie, 'content-type': 'application/json', 'content-length': String(broken.length) },
      body: broken,
    });
    expect(invalid.status).toBe(400);
    expect(jsonCode(invalid)).toBe('VALIDATION_FAILED');
    const utf8 = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/cases',
      headers: { cookie, 'content-type': 'application/json; charset="UTF-8"' },
      body: JSON.stringify(A_CASE),
    });
    expect(utf8.status).toBe(201);
  });

  it.each(['gzip', 'deflate', 'br'])('answers a corrupt %s body with 400 VALIDATION_FAILED', async (encoding) => {
    const response = await post(encoding, Buffer.from('this is not compressed at all'));
    expect(response.status).toBe(400);
    expect(jsonCode(response)).toBe('VALIDATION_FAILED');
  });

  it('reads a correctly compressed body', async () => {
    const body = Buffer.from(JSON.stringify(A_CASE));
    for (const [encoding, packed] of [
      ['gzip', gzipSync(body)],
      ['deflate', deflateSync(body)],
      ['br', brotliCompressSync(body)],
    ] as const) {
      expect((await post(encoding, packed)).status, encoding).toBe(201);
    }
  });

  it('answers an unsupported charset with 415', async () => {
    const response = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/cases',
      headers: { cookie, 'content-type': 'application/json; charset=ebcdic' },
      body: JSON.stringify(A_CASE),
    });
    expect(response.status).toBe(415);
    expect(jsonCode(response)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('a session that ends takes its sockets with it', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await startServer({ sessionRecheckMs: 200 });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  const closed = (socket: TestSocket) =>
    new Promise<string>((resolve) => {
      if (!socket.socket.connected) return resolve('already closed');
      socket.socket.once('disconnect', (reason) => resolve(reason));
    });

  it('signing out closes the open socket (no more board) and the cookie no longer opens one', async () => {
    const cookie = await server.login('supervisor');
    const socket = await connectSocket(server, { kind: 'staff', cookie });
    sockets.push(socket);
    expect(await socket.socket.emitWithAck('board:watch', {})).toMatchObject({ ok: true });
    const disconnected = closed(socket);
    expect((await server.request('POST', '/api/auth/logout', { cookie })).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect((await connectError(server, { kind: 'staff', cookie })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("disabling an account (admin) ends all of that person's sessions and sockets at once, and is audited", async () => {
    const [first, second, admin] = await Promise.all([server.login('clinician2'), server.login('clinician2'), server.login('admin')]);
    const a = await connectSocket(server, { kind: 'staff', cookie: first });
    const b = await connectSocket(server, { kind: 'staff', cookie: second });
    sockets.push(a, b);
    const gone = Promise.all([closed(a), closed(b)]);
    const response = await server.request('POST', `/api/admin/users/${server.userIds.clinician2}/disable`, { cookie: admin });
    expect(response.status).toBe(204);
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
    expect((await server.request('GET', '/api/auth/session', { cookie: first })).status).toBe(401);
    expect(await server.auditRows('user_disabled', `user:${server.userIds.clinician2}`)).toHaveLength(1);
  });

  it('only an admin can disable an account', async () => {
    const cookie = await server.login('supervisor');
    const response = await server.request('POST', `/api/admin/users/${server.userIds.clinician}/disable`, { cookie });
    expect(response.status).toBe(403);
  });

  it('an account disabled by another process (the users CLI) loses its sockets at the next recheck', async () => {
    const cookie = await server.login('clinician');
    const socket = await connectSocket(server, { kind: 'staff', cookie });
    sockets.push(socket);
    const disconnected = closed(socket);
    await server.deps.db.update(users).set({ disabled: true }).where(eq(users.id, server.userIds.clinician));
    expect(await disconnected).toBe('io server disconnect');
  });
});

describe('headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('limits camera and microphone to the desk’s own origin, on pages and API alike', async () => {
    for (const urlPath of ['/api/health', '/login', '/join/abc']) {
      const policy = (await server.request('GET', urlPath)).headers.get('permissions-policy');
      expect(policy, urlPath).toContain('camera=(self)');
      expect(policy, urlPath).toContain('microphone=(self)');
      expect(policy, urlPath).toContain('geolocation=()');
    }
  });
});

describe('links are built from the public origin only', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('ignores a forged Host and X-Forwarded-* when building the SMS link', async () => {
    const cookie = await server.login('clinician');
    const created = await server.createCase(cookie);
    const response = await rawRequest(server.url, {
      method: 'POST',
      path: `/api/cases/${created.id}/invites`,
      headers: { cookie, host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    });
    expect(response.status).toBe(201);
    const link = (JSON.parse(response.body) as { devJoinLink: string }).devJoinLink;
    expect(link.startsWith(`${server.deps.config.publicUrl}/join/`)).toBe(true);
    expect(link).not.toContain('evil');
    expect(server.deps.config.publicUrl).toBe(server.url);
    tokenOf(link);
  });
});

describe('forwarded addresses and rate limits', () => {
  const attempts = async (server: TestServer) => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await server.request('POST', '/api/auth/login', {
        json: { username: 'clinician', password: 'wrong password' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      statuses.push(response.status);
    }
    return statuses;
  };

  it('without TRUST_PROXY a client cannot pick its own bucket with X-Forwarded-For', async () => {
    const server = await startServer({ rateLimits: { loginPerMinute: 2 } });
    try {
      expect(await attempts(server)).toEqual([401, 401, 429]);
    } finally {
      await server.close();
    }
  });

  it('behind a trusted proxy (TRUST_PROXY=1) each forwarded client has its own bucket', async () => {
    const server = await startServer({ env: { TRUST_PROXY: '1' }, rateLimits: { loginPerMinute: 2 } });
    try {
      expect(await attempts(server)).toEqual([401, 401, 401]);
    } finally {
      await server.close();
    }
  });

  it('refuses TRUST_PROXY=true, which would trust anyone', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});

describe('socket events', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('answers an emit that has an acknowledgement but no payload', async () => {
    const socket = await connectSocket(server, { kind: 'staff', cookie: await server.login('clinician') });
    sockets.push(socket);
    const answer = (await (socket.socket as unknown as { timeout(ms: number): { emitWithAck(e: string): Promise<unknown> } })
      .timeout(3_000)
      .emitWithAck('cases:watch')) as { ok: boolean; error: { code: string } };
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(errorCodes).toContain(answer.error.code);
  });

  it('refuses a control character in an event payload', async () => {
    const socket = await connectSocket(server, { kind: 'staff', cookie: await server.login('clinician') });
    sockets.push(socket);
    expect(await socket.emitRaw('case:watch', { caseId: `${randomUUID()}\u0000` })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
