import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { caseSchema, inviteResponseSchema } from '@desk/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { smsOutbox } from '../src/db/schema.js';
import { PASSWORD, startServer, tokenOf, type TestServer } from './harness.js';

/** GOV.UK Notify keys are `<name>-<service id>-<secret>`; the client signs a JWT with the secret, issued by the service id. */
const SERVICE_ID = randomUUID();
const SECRET = randomUUID();
const NOTIFY_API_KEY = `desk_test-${SERVICE_ID}-${SECRET}`;
const TEMPLATE_ID = randomUUID();
const PUBLIC_URL = 'https://desk.example.nhs.uk';

type NotifyRequest = { method: string; path: string; authorization: string | undefined; body: Record<string, unknown> };
type NotifyAnswer = { status: number; body: Record<string, unknown> };

/** A tiny stand-in for api.notifications.service.gov.uk: records what it is sent and answers as told. */
async function startNotifyStub() {
  const received: (NotifyRequest & { answered: NotifyAnswer })[] = [];
  let answer: (request: NotifyRequest) => NotifyAnswer = () => ({ status: 500, body: {} });
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
  };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const request = { method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body };
      const answered = answer(request);
      received.push({ ...request, answered });
      res.writeHead(answered.status, { 'content-type': 'application/json' }).end(JSON.stringify(answered.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answerWith(next: (request: NotifyRequest) => NotifyAnswer) {
      answer = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const notifyAccepts = (request: NotifyRequest): NotifyAnswer => ({
  status: 201,
  body: {
    id: `notify-${randomUUID()}`,
    reference: request.body.reference ?? null,
    content: { body: '', from_number: 'NHS' },
    uri: 'https://api.notifications.service.gov.uk/v2/notifications/x',
    template: { id: TEMPLATE_ID, version: 1, uri: 'https://api.notifications.service.gov.uk/templates/x' },
  },
});

/** Checks the bearer token the way Notify does: HS256 over header.payload with the key's secret, issued by the service. */
function verifyNotifyJwt(authorization: string | undefined): { iss: unknown; iat: unknown } {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!token) throw new Error(`no bearer token: ${authorization}`);
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const expected = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url');
  if (signature !== expected) throw new Error('JWT signature does not match the API key secret');
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS256' });
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss: unknown; iat: unknown };
}

describe('production configuration', () => {
  const base = { NODE_ENV: 'production', PUBLIC_URL, LOG_LEVEL: 'silent' };

  it('refuses to start without a real SMS provider', () => {
    expect(() => loadConfig(base)).toThrow(ConfigError);
    expect(() => loadConfig(base)).toThrow(/NOTIFY_API_KEY/);
  });

  it('refuses a Notify key without a template', () => {
    expect(() => loadConfig({ ...base, NOTIFY_API_KEY })).toThrow(ConfigError);
  });

  it('refuses to start without PUBLIC_URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', NOTIFY_API_KEY, NOTIFY_SMS_TEMPLATE_ID: TEMPLATE_ID })).toThrow(/PUBLIC_URL/);
  });

  it('has no demo password in production', () => {
    const config = loadConfig({ ...base, NOTIFY_API_KEY, NOTIFY_SMS_TEMPLATE_ID: TEMPLATE_ID, DEMO_PASSWORD: 'demo' });
    expect(config).toMatchObject({ production: true, demoPassword: null, publicUrl: PUBLIC_URL });
  });

  it('refuses TURN servers without a secret, and an invalid environment', () => {
    expect(() => loadConfig({ TURN_URLS: 'turn:turn.example:3478' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
  });
});

describe('in production, with GOV.UK Notify', () => {
  let notify: Awaited<ReturnType<typeof startNotifyStub>>;
  let server: TestServer;
  let clinician: string;
  beforeAll(async () => {
    notify = await startNotifyStub();
    server = await startServer({
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL,
        NOTIFY_API_KEY,
        NOTIFY_SMS_TEMPLATE_ID: TEMPLATE_ID,
        NOTIFY_BASE_URL: notify.url,
      },
      // The test sends what is queued (`sendQueued`), so it can look at the row before and after.
      smsWorker: false,
    });
    clinician = await server.login('clinician');
  });
  afterAll(async () => {
    await server.close();
    await notify.close();
  });
  beforeEach(async () => {
    notify.answerWith(notifyAccepts);
    // Each test starts with an empty queue: what an earlier one left queued goes out first.
    await server.app.smsWorker.runOnce();
    notify.received.length = 0;
  });

  const outboxRowsFor = (caseId: string) => server.deps.db.select().from(smsOutbox).where(eq(smsOutbox.caseId, caseId));
  const sendQueued = () => server.app.smsWorker.runOnce();

  it('has no dev outbox (404)', async () => {
    const response = await server.request('GET', '/api/dev/outbox');
    expect(response.status).toBe(404);
  });

  it('sends the link through Notify, signed with the API key, and records the SMS as sent with Notify’s id', async () => {
    const created = await server.createCase(clinician);
    const response = await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician });
    expect(response.status).toBe(201);
    const invite = inviteResponseSchema.parse(response.body);
    expect(invite.devJoinLink).toBeUndefined();
    expect(invite.devQrSvg).toBeUndefined();
    expect(invite.sms.status).toBe('queued');

    // Committed, not sent: the words as they will go wait in `secret_body`; `body` has the token masked.
    expect(notify.received).toEqual([]);
    const [queued] = await outboxRowsFor(created.id);
    expect(queued).toMatchObject({ status: 'queued', link: null });
    expect(queued!.secretBody).toMatch(/https:\/\/desk\.example\.nhs\.uk\/join\/[A-Za-z0-9_-]{43}/);

    await sendQueued();
    expect(notify.received).toHaveLength(1);
    const [sent] = notify.received;
    expect(sent).toMatchObject({ method: 'POST', path: '/v2/notifications/sms' });
    expect(verifyNotifyJwt(sent!.authorization)).toMatchObject({ iss: SERVICE_ID, iat: expect.any(Number) });
    expect(sent!.body).toMatchObject({ phone_number: '+447700900123', template_id: TEMPLATE_ID });
    const message = (sent!.body.personalisation as { message: string }).message;
    const link = /https:\/\/desk\.example\.nhs\.uk\/join\/[A-Za-z0-9_-]+/.exec(message)?.[0];
    expect(link).toBeDefined();

    const [row] = await outboxRowsFor(created.id);
    expect(row).toMatchObject({ status: 'sent', provider: 'govuk-notify', providerId: sent!.answered.body.id, link: null, failureReason: null });
    expect(sent!.body.reference).toBe(row!.id);

    // The token lives only in the SMS: the stored body has it masked.
    const token = tokenOf(link!);
    expect(row!.body).not.toContain(token);
    expect(row!.body).toContain(`${PUBLIC_URL}/join/${token.slice(0, 4)}…`);
    expect(queued!.secretBody).toBe(message);
    // Once Notify has it, the clear copy is gone from the database.
    expect(row!.secretBody).toBeNull();
    expect(JSON.stringify(await outboxRowsFor(created.id))).not.toContain(token);

    // The real link still works for the parent.
    expect((await server.request('POST', '/api/join', { json: { token } })).status).toBe(200);
  });

  it('sends the advice link with its code through Notify, and keeps only a masked body and the code’s hash', async () => {
    const created = await server.createCase(clinician);
    const signed = await server.request('POST', `/api/cases/${created.id}/decisions`, {
      cookie: clinician,
      json: { disposition: 'self_care', notes: '' },
      headers: { 'Idempotency-Key': `key-${created.id}` },
    });
    expect(signed.status).toBe(201);
    await sendQueued();
    const message = (notify.received[0]!.body.personalisation as { message: string }).message;
    const code = /https:\/\/desk\.example\.nhs\.uk\/advice\/fever\?lang=en&t=([A-Za-z0-9_-]{22})/.exec(message)?.[1];
    expect(code).toBeDefined();
    const [row] = await outboxRowsFor(created.id);
    expect(row).toMatchObject({ template: 'safety_netting', status: 'sent', link: null, secretBody: null });
    expect(row!.body).toContain(`${PUBLIC_URL}/advice/fever?lang=en&t=${code!.slice(0, 4)}…`);
    expect(JSON.stringify(await outboxRowsFor(created.id))).not.toContain(code);
    // The parent's page still gets the recap with the code from the SMS.
    expect((await server.request('POST', '/api/advice/recap', { json: { token: code } })).status).toBe(200);
  });

  it('shows no devJoinLink on the case', async () => {
    const created = await server.createCase(clinician);
    await server.invite(clinician, created.id);
    const response = await server.request('GET', `/api/cases/${created.id}`, { cookie: clinician });
    expect(caseSchema.parse(response.body)).not.toHaveProperty('devJoinLink');
    expect(await server.request('GET', `/api/cases/${created.id}/dev-qr.svg`, { cookie: clinician })).toMatchObject({ status: 404 });
  });

  it('shows an SMS Notify refused as failed on the case, with Notify’s reason', async () => {
    notify.answerWith(() => ({
      status: 400,
      body: {
        status_code: 400,
        errors: [{ error: 'BadRequestError', message: "Can't send to this recipient using a team-only API key" }],
      },
    }));
    const created = await server.createCase(clinician);
    const response = await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician });
    expect(response.status).toBe(201);
    expect(inviteResponseSchema.parse(response.body).sms.status).toBe('queued');
    // A 400 does not get better by trying again: failed on the first attempt.
    expect(await sendQueued()).toEqual({ sent: 0, retrying: 0, failed: 1 });

    const shown = await server.getCase(clinician, created.id);
    expect(shown.lastSms).toMatchObject({
      status: 'failed',
      failureReason: "Notify 400: BadRequestError – Can't send to this recipient using a team-only API key",
    });
    const [row] = await outboxRowsFor(created.id);
    expect(row).toMatchObject({ status: 'failed', providerId: null, secretBody: null });
  });

  it('retries an unreachable Notify, showing why, and records the SMS as failed after the last attempt rather than failing the request', async () => {
    const unreachable = await startServer({
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL,
        NOTIFY_API_KEY,
        NOTIFY_SMS_TEMPLATE_ID: TEMPLATE_ID,
        NOTIFY_BASE_URL: 'http://127.0.0.1:9',
        SMS_MAX_ATTEMPTS: '2',
        SMS_RETRY_BASE_SECONDS: '5',
      },
      smsWorker: false,
    });
    try {
      const cookie = await unreachable.login('clinician');
      const created = await unreachable.createCase(cookie);
      const response = await unreachable.request('POST', `/api/cases/${created.id}/invites`, { cookie });
      expect(response.status).toBe(201);
      expect(await unreachable.app.smsWorker.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 });
      expect((await unreachable.getCase(cookie, created.id)).lastSms).toMatchObject({
        status: 'queued',
        attempts: 1,
        failureReason: 'Could not reach GOV.UK Notify',
      });
      unreachable.clock.advance(5_000);
      expect(await unreachable.app.smsWorker.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1 });
      expect((await unreachable.getCase(cookie, created.id)).lastSms).toMatchObject({
        status: 'failed',
        attempts: 2,
        failureReason: 'Could not reach GOV.UK Notify',
      });
    } finally {
      await unreachable.close();
    }
  });
});

describe('built files in production', () => {
  const staticDir = mkdtempSync(path.join(tmpdir(), 'desk-static-'));
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)\n//# sourceMappingURL=app.js.map');
  writeFileSync(path.join(staticDir, 'assets', 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
  const env = { PUBLIC_URL, NOTIFY_API_KEY, NOTIFY_SMS_TEMPLATE_ID: TEMPLATE_ID, NOTIFY_BASE_URL: 'http://127.0.0.1:9', STATIC_DIR: staticDir };
  afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

  it('serves no source maps in production, and the scripts themselves as usual', async () => {
    const server = await startServer({ env: { ...env, NODE_ENV: 'production' } });
    try {
      expect((await server.request('GET', '/assets/app.js')).status).toBe(200);
      const map = await server.request('GET', '/assets/app.js.map');
      expect(map.status).toBe(404);
      expect(String(map.body)).not.toContain('secret.ts');
    } finally {
      await server.close();
    }
  });

  it('serves them in development, where they help', async () => {
    const server = await startServer({ env: { ...env, NODE_ENV: 'development' } });
    try {
      expect((await server.request('GET', '/assets/app.js.map')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('names the session cookies __Host- and marks them Secure on https', async () => {
    const server = await startServer({ env: { ...env, NODE_ENV: 'production' } });
    try {
      const response = await server.request('POST', '/api/auth/login', { json: { username: 'clinician', password: PASSWORD } });
      const cookie = response.headers.getSetCookie()[0] ?? '';
      expect(cookie).toMatch(/^__Host-desk_session=/);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
    } finally {
      await server.close();
    }
  });

  it('refuses an http PUBLIC_URL in production', () => {
    expect(() => loadConfig({ ...env, NODE_ENV: 'production', PUBLIC_URL: 'http://desk.example.nhs.uk' })).toThrow(/https/);
  });
});
