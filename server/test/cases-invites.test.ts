import { createHash } from 'node:crypto';
import { caseSchema, joinInfoSchema, outboxMessageSchema, joinSessionSchema } from '@desk/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, invites, smsOutbox } from '../src/db/schema.js';
import { INVITE_TTL_MS } from '../src/invites/service.js';
import { A_CASE, cookieFrom, errorOf, startServer, tokenOf, type TestServer } from './harness.js';

let server: TestServer;
let clinician: string;
let clinician2: string;
beforeAll(async () => {
  server = await startServer();
  clinician = await server.login('clinician');
  clinician2 = await server.login('clinician2');
});
afterAll(() => server.close());

const outbox = async () => outboxMessageSchema.array().parse((await server.request('GET', '/api/dev/outbox')).body);
const smsRowsFor = (caseId: string) => server.deps.db.select().from(smsOutbox).where(eq(smsOutbox.caseId, caseId));
const invitesFor = (caseId: string) => server.deps.db.select().from(invites).where(eq(invites.caseId, caseId));
const callsFor = (caseId: string) => server.deps.db.select().from(calls).where(eq(calls.caseId, caseId));

describe('cases', () => {
  it('creates a case with 201, stores the phone normalised, and assigns it to its clinician', async () => {
    const response = await server.request('POST', '/api/cases', {
      cookie: clinician,
      json: { ...A_CASE, callerPhone: '(07700) 900-123', nhsNumber: '943 476 5919', gpPractice: '' },
    });
    expect(response.status).toBe(201);
    const created = caseSchema.parse(response.body);
    expect(created).toMatchObject({
      reference: A_CASE.reference,
      callerPhone: '+447700900123',
      callerPhoneKind: 'mobile',
      nhsNumber: '9434765919',
      gpPractice: null,
      status: 'open',
      assignedClinician: 'Nurse Demo',
      call: null,
      lastSms: null,
      devJoinLink: null,
    });
    expect(await server.getCase(clinician, created.id)).toEqual(created);
    expect(await server.auditRows('case_created', `case:${created.id}`)).toHaveLength(1);
  });

  it('lists open cases, newest first', async () => {
    const older = await server.createCase(clinician, { reference: 'older' });
    server.clock.advance(5);
    const newer = await server.createCase(clinician, { reference: 'newer' });
    const listed = caseSchema.array().parse((await server.request('GET', '/api/cases', { cookie: clinician })).body);
    const ids = listed.map((c) => c.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
  });

  it('refuses missing fields with 400 VALIDATION_FAILED naming each field, and stores nothing', async () => {
    const before = (await server.request('GET', '/api/cases', { cookie: clinician })).body;
    const response = await server.request('POST', '/api/cases', { cookie: clinician, json: { reference: '111-X' } });
    expect(response.status).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['callerPhone', 'childAgeMonths', 'childFirstName', 'complaint', 'relationship']);
    expect((await server.request('GET', '/api/cases', { cookie: clinician })).body).toEqual(before);
  });

  it('refuses an NHS number that fails Modulus 11 with 400 on nhsNumber', async () => {
    const response = await server.request('POST', '/api/cases', { cookie: clinician, json: { ...A_CASE, nhsNumber: '9434765918' } });
    expect(response.status).toBe(400);
    expect(errorOf(response).fields).toEqual({ nhsNumber: 'This is not a valid NHS number: check the digits' });
  });

  it('refuses a number that is not a UK phone, and an unknown key', async () => {
    const badPhone = await server.request('POST', '/api/cases', { cookie: clinician, json: { ...A_CASE, callerPhone: '0800 123 4567' } });
    expect(errorOf(badPhone).fields).toHaveProperty('callerPhone');
    const extra = await server.request('POST', '/api/cases', { cookie: clinician, json: { ...A_CASE, assignedClinicianId: 'me' } });
    expect(extra.status).toBe(400);
  });

  it('refuses a body over 100 KB with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await server.request('POST', '/api/cases', { cookie: clinician, json: { ...A_CASE, gpPractice: 'x'.repeat(150_000) } });
    expect(response.status).toBe(413);
    expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown case id with 404 NOT_FOUND', async () => {
    const response = await server.request('GET', '/api/cases/00000000-0000-4000-8000-000000000000', { cookie: clinician });
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('NOT_FOUND');
  });

  it('answers an id that is not a UUID with 404 NOT_FOUND, not a database error', async () => {
    for (const id of ['not-a-uuid', "1'; drop table cases; --", 'x'.repeat(36)]) {
      const response = await server.request('GET', `/api/cases/${encodeURIComponent(id)}`, { cookie: clinician });
      expect(response.status).toBe(404);
      expect(errorOf(response).code).toBe('NOT_FOUND');
    }
  });
});

describe('POST /api/cases/:id/invites', () => {
  it('sends the SMS with an absolute one-time link to the dev outbox and answers 201', async () => {
    const created = await server.createCase(clinician);
    const response = await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician });
    expect(response.status).toBe(201);
    const link = (response.body as { devJoinLink: string }).devJoinLink;
    expect(link).toMatch(new RegExp(`^${server.url}/join/[A-Za-z0-9_-]{43}$`));
    // The request answers once the invite and its SMS are committed; the worker sends it.
    expect((response.body as { sms: { status: string } }).sms.status).toBe('queued');
    await server.app.smsWorker.runOnce();

    const [latest] = await outbox();
    expect(latest).toMatchObject({ to: '+447700900123', link, status: 'sent' });
    expect(latest!.body).toContain(link);
    // A mistyped number must not learn who is ill.
    expect(latest!.body).not.toContain(A_CASE.childFirstName);

    const shown = await server.getCase(clinician, created.id);
    expect(shown.devJoinLink).toBe(link);
    expect(shown.call).toMatchObject({ state: 'invited', reason: null });
    expect(shown.call?.participants.map((p) => [p.role, p.state])).toEqual([
      ['clinician', 'admitted'],
      ['parent', 'invited'],
    ]);
    expect(shown.lastSms).toMatchObject({ to: '+447700900123', status: 'sent', failureReason: null });
    expect(await server.auditRows('invite_sent', `case:${created.id}`)).toHaveLength(1);
  });

  it('accepts an empty JSON body', async () => {
    const created = await server.createCase(clinician);
    const response = await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician, json: {} });
    expect(response.status).toBe(201);
  });

  it('stores only the sha256 of the token: the raw token is nowhere in the invites table', async () => {
    const created = await server.createCase(clinician);
    const invite = await server.invite(clinician, created.id);
    const token = tokenOf(invite.devJoinLink!);
    const rows = await invitesFor(created.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(INVITE_TTL_MS);
  });

  it('refuses a landline with 422 MOBILE_REQUIRED and sends no SMS', async () => {
    const created = await server.createCase(clinician, { callerPhone: '0113 496 0000' });
    const response = await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician });
    expect(response.status).toBe(422);
    expect(errorOf(response).code).toBe('MOBILE_REQUIRED');
    expect(await smsRowsFor(created.id)).toEqual([]);
    expect(await invitesFor(created.id)).toEqual([]);
    expect((await server.getCase(clinician, created.id)).call).toBeNull();
  });

  it('revokes the older link when a new one is sent: the first answers 410 at POST /api/join', async () => {
    const created = await server.createCase(clinician);
    const first = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    server.clock.advance(5);
    const second = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    // The outbox lists the newest message first.
    expect((await outbox()).slice(0, 2).map((m) => tokenOf(m.link!))).toEqual([second, first]);

    const refused = await server.request('POST', '/api/join', { json: { token: first } });
    expect(refused.status).toBe(410);
    expect(errorOf(refused).code).toBe('LINK_EXPIRED');
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect((await server.request('POST', '/api/join', { json: { token: second } })).status).toBe(200);

    const rows = await invitesFor(created.id);
    expect(rows.filter((row) => row.revokedAt)).toHaveLength(1);
    // Both links belong to the same call.
    expect(new Set(rows.map((row) => row.callId)).size).toBe(1);
    expect(await callsFor(created.id)).toHaveLength(1);
  });

  it('refuses a clinician not assigned to the case with 403, and sends nothing', async () => {
    const created = await server.createCase(clinician);
    const response = await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician2 });
    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('FORBIDDEN');
    expect(await smsRowsFor(created.id)).toEqual([]);
    expect(await invitesFor(created.id)).toEqual([]);
  });

  it('answers 404 for an invite on an unknown case', async () => {
    const response = await server.request('POST', '/api/cases/00000000-0000-4000-8000-000000000000/invites', { cookie: clinician });
    expect(response.status).toBe(404);
  });
});

describe('joining by link', () => {
  it('previews without consuming: twice 200, then the exchange still works', async () => {
    const created = await server.createCase(clinician);
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    for (let i = 0; i < 2; i++) {
      const preview = await server.request('POST', '/api/join/preview', { json: { token } });
      expect(preview.status).toBe(200);
      // The parent learns who is calling; the age and a guest name are for guests only.
      expect(joinInfoSchema.strict().parse(preview.body)).toEqual({
        role: 'parent',
        childFirstName: 'Amelia',
        childAgeMonths: null,
        clinicianName: 'Nurse Demo',
        guestName: null,
        service: "NHS 111 children's team",
        language: 'en',
      });
      expect(preview.headers.getSetCookie()).toEqual([]);
    }
    expect((await invitesFor(created.id))[0]!.usedAt).toBeNull();
    expect((await server.request('POST', '/api/join', { json: { token } })).status).toBe(200);
  });

  it('exchanges the token for an HttpOnly join_session cookie bound to the case and its call, and audits the join', async () => {
    const created = await server.createCase(clinician);
    const invite = await server.invite(clinician, created.id);
    const response = await server.request('POST', '/api/join', { json: { token: tokenOf(invite.devJoinLink!) } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('join_session='));
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(joinSessionSchema.parse(response.body)).toMatchObject({ caseId: created.id, callId: invite.call.id, childFirstName: 'Amelia' });
    expect(await server.auditRows('join', `case:${created.id}`)).toHaveLength(1);
  });

  it('refuses a reused join link with 410 and writes an audit row', async () => {
    const created = await server.createCase(clinician);
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    expect((await server.request('POST', '/api/join', { json: { token } })).status).toBe(200);

    const reused = await server.request('POST', '/api/join', { json: { token } });
    expect(reused.status).toBe(410);
    expect(errorOf(reused)).toMatchObject({ code: 'LINK_EXPIRED', message: expect.stringMatching(/expired or has already been used/) });
    expect(reused.headers.getSetCookie()).toEqual([]);
    expect(await server.auditRows('join', `case:${created.id}`)).toHaveLength(1);
    const refusals = await server.auditRows('join_refused', `case:${created.id}`);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.detail).toMatchObject({ why: 'used' });
    // A used link is dead for the preview too.
    expect((await server.request('POST', '/api/join/preview', { json: { token } })).status).toBe(410);
  });

  it('refuses an unknown token with 410 and audits it without a case', async () => {
    const before = (await server.auditRows('join_refused')).length;
    const response = await server.request('POST', '/api/join', { json: { token: 'A'.repeat(43) } });
    expect(response.status).toBe(410);
    const after = await server.auditRows('join_refused');
    expect(after).toHaveLength(before + 1);
    expect(after.some((row) => row.subject === null && (row.detail as { why?: string }).why === 'unknown')).toBe(true);
  });

  it.each([
    ['no token', {}],
    ['a number', { token: 1234567890123456 }],
    ['an extra key', { token: 'A'.repeat(43), caseId: 'x' }],
  ])('refuses a malformed body (%s) with 400 VALIDATION_FAILED', async (_label, json) => {
    const response = await server.request('POST', '/api/join', { json });
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect((await server.request('POST', '/api/join/preview', { json })).status).toBe(400);
  });

  it('answers a garbled or truncated link as expired (410), not as an error', async () => {
    for (const token of ['short', 'garbage', 'A'.repeat(100)]) {
      expect(errorOf(await server.request('POST', '/api/join', { json: { token } })).code).toBe('LINK_EXPIRED');
      expect((await server.request('POST', '/api/join/preview', { json: { token } })).status).toBe(410);
    }
  });

  it('opens GET /api/join/session with the parent cookie, and answers 401 without it', async () => {
    const created = await server.createCase(clinician);
    const invite = await server.invite(clinician, created.id);
    const { cookie } = await server.join(tokenOf(invite.devJoinLink!));
    const session = await server.request('GET', '/api/join/session', { cookie });
    expect(session.status).toBe(200);
    expect(joinSessionSchema.parse(session.body)).toMatchObject({ caseId: created.id, callId: invite.call.id });

    const anonymous = await server.request('GET', '/api/join/session');
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    // The staff cookie is not a parent session.
    expect((await server.request('GET', '/api/join/session', { cookie: clinician })).status).toBe(401);
    // And the parent cookie opens nothing on the desk.
    expect((await server.request('GET', `/api/cases/${created.id}`, { cookie })).status).toBe(401);
  });

  // Last in the file: it moves this server's clock on.
  it('refuses a link older than 10 minutes with 410, and shows the call as failed: link_expired', async () => {
    const created = await server.createCase(clinician);
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    server.clock.advance(INVITE_TTL_MS - 1_000);
    expect((await server.request('POST', '/api/join/preview', { json: { token } })).status).toBe(200);
    server.clock.advance(2_000);

    expect((await server.request('POST', '/api/join/preview', { json: { token } })).status).toBe(410);
    const response = await server.request('POST', '/api/join', { json: { token } });
    expect(response.status).toBe(410);
    expect(errorOf(response).code).toBe('LINK_EXPIRED');
    expect((await invitesFor(created.id))[0]!.usedAt).toBeNull();
    const refusals = await server.auditRows('join_refused', `case:${created.id}`);
    expect(refusals.map((row) => row.detail)).toEqual([expect.objectContaining({ why: 'expired' })]);
    expect((await server.getCase(clinician, created.id)).call).toMatchObject({ state: 'failed', reason: 'link_expired' });

    // A new link brings the call back to invited, and that link works.
    const fresh = await server.invite(clinician, created.id);
    expect(fresh.call).toMatchObject({ state: 'invited', reason: null });
    const joined = await server.request('POST', '/api/join', { json: { token: tokenOf(fresh.devJoinLink!) } });
    expect(joined.status).toBe(200);
    expect(cookieFrom(joined, 'join_session')).toMatch(/^join_session=/);
  });
});

describe('the browser check reported with the link preview', () => {
  const CAPABLE = {
    rtcPeerConnection: true,
    getUserMedia: true,
    secureContext: true,
    inApp: null,
    os: 'android',
    browser: 'chrome',
    cameraPermission: 'prompt',
  } as const;
  const INSTAGRAM = { ...CAPABLE, os: 'ios', browser: 'safari', inApp: 'Instagram' } as const;

  it('records an in-app browser on the invite and tells the desk why at once, using nothing up', async () => {
    const created = await server.createCase(clinician);
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);

    const preview = await server.request('POST', '/api/join/preview', { json: { token, capability: INSTAGRAM } });
    expect(preview.status).toBe(200);
    expect((await server.getCase(clinician, created.id)).call).toMatchObject({ state: 'failed', reason: 'in_app_browser' });
    const [invite] = await invitesFor(created.id);
    expect(invite!.browserCapability).toEqual(INSTAGRAM);
    expect(invite!.usedAt).toBeNull();
    const rows = await server.auditRows('browser_unsupported', `case:${created.id}`);
    expect(rows.map((row) => row.detail)).toEqual([expect.objectContaining({ reason: 'in_app_browser', role: 'parent' })]);

    // The parent opens the same link in Safari: the desk no longer reads "opened in an app", and the link still works.
    expect((await server.request('POST', '/api/join/preview', { json: { token, capability: { ...INSTAGRAM, inApp: null } } })).status).toBe(200);
    expect((await server.getCase(clinician, created.id)).call).toMatchObject({ state: 'invited', reason: null });
    expect((await server.request('POST', '/api/join', { json: { token } })).status).toBe(200);
  });

  it('reports a browser without WebRTC as unsupported_browser', async () => {
    const created = await server.createCase(clinician);
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    await server.request('POST', '/api/join/preview', { json: { token, capability: { ...CAPABLE, rtcPeerConnection: false } } });
    expect((await server.getCase(clinician, created.id)).call).toMatchObject({ state: 'failed', reason: 'unsupported_browser' });
  });

  it('lets a link opened in an app still expire unused: the desk then reads link_expired', async () => {
    const created = await server.createCase(clinician);
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    await server.request('POST', '/api/join/preview', { json: { token, capability: INSTAGRAM } });
    server.clock.advance(INVITE_TTL_MS + 1_000);
    expect((await server.request('POST', '/api/join', { json: { token } })).status).toBe(410);
    expect((await server.getCase(clinician, created.id)).call).toMatchObject({ state: 'failed', reason: 'link_expired' });
  });

  it('refuses a malformed capability with 400 and records nothing', async () => {
    const created = await server.createCase(clinician);
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    const response = await server.request('POST', '/api/join/preview', { json: { token, capability: { ...CAPABLE, os: 'windows-phone' } } });
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect((await invitesFor(created.id))[0]!.browserCapability).toBeNull();
  });

  it('audits the Join tap as consent to video, with the version of the words the page showed', async () => {
    const created = await server.createCase(clinician);
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    expect((await server.request('POST', '/api/join', { json: { token, consentText: 'video-consent-2026-12-v1' } })).status).toBe(200);
    const rows = await server.auditRows('video_consent', `case:${created.id}`);
    expect(rows.map((row) => row.detail)).toEqual([expect.objectContaining({ text: 'video-consent-2026-12-v1' })]);
    expect(rows[0]!.actor).toMatch(/^parent:/);
  });
});

describe('join rate limit', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startServer({ rateLimits: { joinPerMinute: 2 } });
  });
  afterAll(() => limited.close());

  it('answers 429 RATE_LIMITED once guesses exceed the per-minute limit', async () => {
    for (let i = 0; i < 2; i++) {
      expect((await limited.request('POST', '/api/join', { json: { token: `${'B'.repeat(42)}${i}` } })).status).toBe(410);
    }
    const response = await limited.request('POST', '/api/join', { json: { token: 'C'.repeat(43) } });
    expect(response.status).toBe(429);
    expect(errorOf(response).code).toBe('RATE_LIMITED');
  });
});
