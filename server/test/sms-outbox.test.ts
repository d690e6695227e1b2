import { randomUUID } from 'node:crypto';
import { decisionSchema, type SmsSummary } from '@desk/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invites, smsOutbox } from '../src/db/schema.js';
import { enqueueSms } from '../src/sms/outbox.js';
import { SmsSendError, type SmsMessage, type SmsSender, type SmsSendResult } from '../src/sms/sender.js';
import { retryDelayMs, SmsWorker } from '../src/sms/worker.js';
import { decisionRowsFor, errorOf, newIdempotencyKey, postDecision, startServer, type TestServer } from './harness.js';

/**
 * The SMS outbox as a queue (docs/operations.md, "SMS"): the row commits with the invite or the
 * decision, the request returns, and the worker sends, retries with backoff, and records what became
 * of it. These tests drive the worker by hand (`smsWorker: false`) unless they are about the
 * background worker itself.
 */

type Answer = (message: SmsMessage, attempt: number) => Promise<SmsSendResult>;

/** A provider the test scripts: every send is recorded and answered by the current script. */
function scriptedSender(provider = 'test-provider') {
  const sent: SmsMessage[] = [];
  let answer: Answer = async () => ({ providerId: `provider-${randomUUID()}` });
  const sender: SmsSender & { sent: SmsMessage[]; answerWith(next: Answer): void } = {
    provider,
    sent,
    async send(message) {
      sent.push(message);
      return answer(message, sent.length);
    },
    answerWith(next) {
      answer = next;
    },
  };
  return sender;
}

/** Resolves when `check` holds; fails (with what it last saw) after a generous limit for a loaded machine. */
async function eventually<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, limitMs = 15_000): Promise<T> {
  const until = Date.now() + limitMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    last = await read();
  }
  return last;
}

const RETRY_BASE_MS = 10_000;
const MAX_ATTEMPTS = 4;
const workerEnv = { SMS_MAX_ATTEMPTS: String(MAX_ATTEMPTS), SMS_RETRY_BASE_SECONDS: String(RETRY_BASE_MS / 1000) };
const SELF_CARE = { disposition: 'self_care', notes: 'Well child. Safety-netting given.' };

describe('the SMS worker', () => {
  const sender = scriptedSender();
  let server: TestServer;
  let clinician: string;
  beforeAll(async () => {
    server = await startServer({ sms: sender, smsWorker: false, env: workerEnv });
    clinician = await server.login('clinician');
  });
  afterAll(() => server.close());

  const rowFor = async (smsId: string) => (await server.deps.db.select().from(smsOutbox).where(eq(smsOutbox.id, smsId)))[0]!;
  const shownSms = async (caseId: string): Promise<SmsSummary> => (await server.getCase(clinician, caseId)).lastSms!;
  const invitedCase = async () => {
    const created = await server.createCase(clinician);
    const invite = await server.invite(clinician, created.id);
    return { caseId: created.id, sms: invite.sms };
  };

  it('answers the invite with the SMS queued: nothing is sent inside the request', async () => {
    sender.sent.length = 0;
    const { caseId, sms } = await invitedCase();
    expect(sms).toMatchObject({ status: 'queued', attempts: 0, failureReason: null, nextAttemptAt: null });
    expect(sender.sent).toEqual([]);
    expect(await shownSms(caseId)).toMatchObject({ status: 'queued' });

    expect(await server.app.smsWorker.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]).toMatchObject({ to: '+447700900123', template: 'video_invite', reference: sms.id });
    expect(await shownSms(caseId)).toMatchObject({ status: 'sent', attempts: 1, failureReason: null });
  });

  it('retries a provider that fails twice, after the base delay and then twice it, and records the SMS as sent', async () => {
    sender.sent.length = 0;
    sender.answerWith(async (_message, attempt) => {
      if (attempt <= 2) throw new SmsSendError('Notify 500: Exception – Internal server error', false);
      return { providerId: 'provider-third-time' };
    });
    const { caseId, sms } = await invitedCase();

    const started = server.clock.now().getTime();
    expect(await server.app.smsWorker.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const first = await shownSms(caseId);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, failureReason: 'Notify 500: Exception – Internal server error' });
    const firstDelay = Date.parse(first.nextAttemptAt!) - started;
    expect(firstDelay).toBeGreaterThanOrEqual(RETRY_BASE_MS);
    expect(firstDelay).toBeLessThan(RETRY_BASE_MS + 5_000);

    // Not due yet: a pass now sends nothing.
    expect(await server.app.smsWorker.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sender.sent).toHaveLength(1);

    server.clock.advance(RETRY_BASE_MS);
    const secondAt = server.clock.now().getTime();
    expect(await server.app.smsWorker.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const second = await shownSms(caseId);
    expect(second.attempts).toBe(2);
    const secondDelay = Date.parse(second.nextAttemptAt!) - secondAt;
    expect(secondDelay).toBeGreaterThanOrEqual(2 * RETRY_BASE_MS);
    expect(secondDelay).toBeLessThan(2 * RETRY_BASE_MS + 5_000);

    server.clock.advance(2 * RETRY_BASE_MS);
    expect(await server.app.smsWorker.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await shownSms(caseId)).toMatchObject({ status: 'sent', attempts: 3, failureReason: null, nextAttemptAt: null });
    expect((await rowFor(sms.id)).providerId).toBe('provider-third-time');
    // The same message each time, under the same reference.
    expect(new Set(sender.sent.map((m) => `${m.reference}|${m.body}`)).size).toBe(1);
  });

  it('gives up after SMS_MAX_ATTEMPTS with the provider’s last reason, and tries no more', async () => {
    sender.sent.length = 0;
    sender.answerWith(async () => {
      throw new SmsSendError('Could not reach GOV.UK Notify', false);
    });
    const { caseId } = await invitedCase();
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await server.app.smsWorker.runOnce()).toMatchObject({ retrying: 1 });
      server.clock.advance(retryDelayMs(attempt, RETRY_BASE_MS));
    }
    expect(await server.app.smsWorker.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await shownSms(caseId)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, failureReason: 'Could not reach GOV.UK Notify', nextAttemptAt: null });

    server.clock.advance(10 * 60_000);
    await server.app.smsWorker.runOnce();
    expect(sender.sent).toHaveLength(MAX_ATTEMPTS);
  });

  it('fails at once a refusal that trying again cannot mend (a number Notify will not text)', async () => {
    sender.sent.length = 0;
    sender.answerWith(async () => {
      throw new SmsSendError('Notify 400: ValidationError – phone_number Not a UK mobile number', true);
    });
    const { caseId } = await invitedCase();
    expect(await server.app.smsWorker.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await shownSms(caseId)).toMatchObject({ status: 'failed', attempts: 1, failureReason: 'Notify 400: ValidationError – phone_number Not a UK mobile number' });
    expect(sender.sent).toHaveLength(1);
  });

  it('fails, unsent, a video link that expired before its SMS could go', async () => {
    sender.sent.length = 0;
    sender.answerWith(async () => ({ providerId: null }));
    const { caseId } = await invitedCase();
    server.clock.advance(11 * 60_000);
    expect(await server.app.smsWorker.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect((await shownSms(caseId)).failureReason).toMatch(/link expired/);
    expect(sender.sent).toEqual([]);
  });

  it('sends, on the next worker run, an SMS committed just before the process died (no worker ran)', async () => {
    sender.answerWith(async () => ({ providerId: 'after-restart' }));
    const { caseId } = await invitedCase();
    // The dead process's worker never ran; another node (or the restarted one) has a worker of its own.
    const nextNode = new SmsWorker(server.deps, { maxAttempts: MAX_ATTEMPTS, retryBaseMs: RETRY_BASE_MS, sendTimeoutMs: 5_000 });
    expect(await nextNode.runOnce()).toMatchObject({ sent: 1 });
    expect(await shownSms(caseId)).toMatchObject({ status: 'sent' });
  });

  it('lets another worker take an SMS whose worker died mid-send, once its claim has run out', async () => {
    sender.sent.length = 0;
    sender.answerWith(async () => ({ providerId: 'second-node' }));
    let die: (error: Error) => void = () => undefined;
    const dying = scriptedSender();
    dying.answerWith(() => new Promise<never>((_resolve, reject) => (die = reject)));
    const options = { maxAttempts: MAX_ATTEMPTS, retryBaseMs: RETRY_BASE_MS, sendTimeoutMs: 60_000 };
    const first = new SmsWorker({ ...server.deps, sms: dying }, options);
    const second = new SmsWorker(server.deps, options);

    const { caseId } = await invitedCase();
    const firstRun = first.runOnce();
    await eventually('the first worker to call its provider', async () => dying.sent.length, (n) => n === 1);
    // Claimed: the second worker leaves it alone.
    expect(await second.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    server.clock.advance(60_000 + 30_001);
    expect(await second.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    die(new Error('node went away'));
    await firstRun;
    expect(await shownSms(caseId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sender.sent).toHaveLength(1);
  });

  it('sends each SMS once when two workers drain the same outbox at the same time', async () => {
    sender.sent.length = 0;
    // A provider that yields between calls, so the two workers interleave.
    sender.answerWith(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return { providerId: null };
    });
    const ids: string[] = [];
    for (let i = 0; i < 45; i++) {
      const row = await enqueueSms(server.deps.db, server.deps, { caseId: null, to: `+4477009${String(i).padStart(5, '0')}`, body: `message ${i}`, link: null, template: 'safety_netting' });
      ids.push(row.id);
    }
    const options = { maxAttempts: MAX_ATTEMPTS, retryBaseMs: RETRY_BASE_MS, sendTimeoutMs: 5_000 };
    const workers = [new SmsWorker(server.deps, options), new SmsWorker(server.deps, options)];
    const results = await Promise.all([...workers, ...workers].map((worker) => worker.runOnce()));
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(45);
    const references = sender.sent.map((m) => m.reference).filter((id) => ids.includes(id));
    expect(references).toHaveLength(45);
    expect(new Set(references).size).toBe(45);
    const rows = await server.deps.db.select({ status: smsOutbox.status }).from(smsOutbox).where(sql`${smsOutbox.id} in ${ids}`);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
  });

  it('answers a signed decision with its safety-netting SMS queued, and the worker sends it', async () => {
    sender.answerWith(async () => ({ providerId: null }));
    const created = await server.createCase(clinician);
    const response = await postDecision(server, { caseId: created.id, body: SELF_CARE, key: newIdempotencyKey(), cookie: clinician });
    expect(response.status).toBe(201);
    expect(decisionSchema.parse(response.body).safetyNettingSms).toMatchObject({ status: 'queued', to: created.callerPhone });
    await server.app.smsWorker.runOnce();
    const listed = decisionSchema.array().parse((await server.request('GET', `/api/cases/${created.id}/decisions`, { cookie: clinician })).body);
    expect(listed[0]!.safetyNettingSms).toMatchObject({ status: 'sent' });
  });
});

describe('the outbox row and what it belongs to commit together', () => {
  let server: TestServer;
  let clinician: string;
  beforeAll(async () => {
    server = await startServer({ smsWorker: false });
    clinician = await server.login('clinician');
  });
  afterAll(() => server.close());

  /** An outbox that refuses every row, as a full disk or a broken constraint would. */
  async function withRefusingOutbox(run: () => Promise<void>): Promise<void> {
    await server.deps.db.execute(sql`create function refuse_sms() returns trigger language plpgsql as $$ begin raise exception 'outbox refused'; end; $$`);
    await server.deps.db.execute(sql`create trigger refuse_sms before insert on sms_outbox for each row execute function refuse_sms()`);
    try {
      await run();
    } finally {
      await server.deps.db.execute(sql`drop trigger refuse_sms on sms_outbox`);
      await server.deps.db.execute(sql`drop function refuse_sms()`);
    }
  }

  it('stores no invite when its SMS cannot be stored (and the clinician is told, 500)', async () => {
    const created = await server.createCase(clinician);
    await withRefusingOutbox(async () => {
      const response = await server.request('POST', `/api/cases/${created.id}/invites`, { cookie: clinician });
      expect(response.status).toBe(500);
      expect(errorOf(response).code).toBe('INTERNAL');
    });
    expect(await server.deps.db.select().from(invites).where(eq(invites.caseId, created.id))).toEqual([]);
    expect(await server.deps.db.select().from(smsOutbox).where(eq(smsOutbox.caseId, created.id))).toEqual([]);
    // Once the outbox takes rows again, the same press works.
    expect((await server.invite(clinician, created.id)).sms.status).toBe('queued');
  });

  it('signs no decision when its safety-netting SMS cannot be stored, so a retry signs it with its SMS', async () => {
    const created = await server.createCase(clinician);
    const key = newIdempotencyKey();
    await withRefusingOutbox(async () => {
      const response = await postDecision(server, { caseId: created.id, body: SELF_CARE, key, cookie: clinician });
      expect(response.status).toBe(500);
    });
    expect(await decisionRowsFor(server, created.id)).toEqual([]);
    const retried = await postDecision(server, { caseId: created.id, body: SELF_CARE, key, cookie: clinician });
    expect(retried.status).toBe(201);
    expect(decisionSchema.parse(retried.body).safetyNettingSms).toMatchObject({ status: 'queued' });
  });
});

describe('a slow or silent provider', () => {
  it('never holds up the request: the invite and the decision answer while the provider has not', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = scriptedSender();
    slow.answerWith(async () => {
      await gate;
      return { providerId: null };
    });
    // The background worker, as in production.
    const server = await startServer({ sms: slow });
    try {
      const clinician = await server.login('clinician');
      const created = await server.createCase(clinician);
      const startedAt = Date.now();
      const invite = await server.invite(clinician, created.id);
      const inviteMs = Date.now() - startedAt;
      expect(invite.sms.status).toBe('queued');
      await eventually('the worker to hand the SMS to the provider', async () => slow.sent.length, (n) => n === 1);
      // The provider still has not answered; the case says so.
      expect((await server.getCase(clinician, created.id)).lastSms).toMatchObject({ status: 'queued' });

      const signed = await postDecision(server, { caseId: created.id, body: SELF_CARE, key: newIdempotencyKey(), cookie: clinician });
      expect(signed.status).toBe(201);
      expect(decisionSchema.parse(signed.body).safetyNettingSms).toMatchObject({ status: 'queued' });
      console.info(`[sms] invite answered in ${inviteMs} ms while the provider was still sending`);

      release();
      await eventually(
        'the video link SMS to show as sent',
        async () => (await server.getCase(clinician, created.id)).lastSms?.status,
        (status) => status === 'sent',
      );
    } finally {
      release();
      await server.close();
    }
  });

  it('lets the app close within seconds while a send hangs (the row is left to its lease)', async () => {
    const silent = scriptedSender();
    silent.answerWith(() => new Promise<never>(() => undefined));
    const server = await startServer({ sms: silent });
    const clinician = await server.login('clinician');
    const created = await server.createCase(clinician);
    await server.invite(clinician, created.id);
    await eventually('the worker to call the provider', async () => silent.sent.length, (n) => n === 1);
    const startedAt = Date.now();
    await server.close();
    const closeMs = Date.now() - startedAt;
    console.info(`[sms] app closed in ${closeMs} ms with a send hanging`);
    expect(closeMs).toBeLessThan(10_000);
  });

  it('gives a send that does not answer in SMS_SEND_TIMEOUT_SECONDS up as an attempt, and retries it', async () => {
    const silent = scriptedSender();
    silent.answerWith(() => new Promise<never>(() => undefined));
    const server = await startServer({ sms: silent, smsWorker: false, env: { ...workerEnv, SMS_SEND_TIMEOUT_SECONDS: '0.2' } });
    try {
      const clinician = await server.login('clinician');
      const created = await server.createCase(clinician);
      await server.invite(clinician, created.id);
      expect(await server.app.smsWorker.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 });
      expect((await server.getCase(clinician, created.id)).lastSms).toMatchObject({
        status: 'queued',
        attempts: 1,
        failureReason: 'The SMS provider did not answer in time',
      });
    } finally {
      await server.close();
    }
  });
});

describe('POST /api/sms/notify-callback (GOV.UK Notify delivery receipts)', () => {
  const TOKEN = `callback-${randomUUID()}`;
  const notify = scriptedSender('govuk-notify');
  let server: TestServer;
  let clinician: string;
  beforeAll(async () => {
    server = await startServer({ sms: notify, smsWorker: false, env: { NOTIFY_CALLBACK_TOKEN: TOKEN } });
    clinician = await server.login('clinician');
  });
  afterAll(() => server.close());

  const receipt = (fields: { id: string; reference: string | null; status: string }) => ({
    ...fields,
    to: '07700900123',
    created_at: '2025-11-23T14:02:00.000000Z',
    completed_at: '2025-11-23T14:02:05.000000Z',
    sent_at: '2025-11-23T14:02:01.000000Z',
    notification_type: 'sms',
    template_id: randomUUID(),
    template_version: 1,
  });
  const post = (body: unknown, authorization: string | null = `Bearer ${TOKEN}`) =>
    server.request('POST', '/api/sms/notify-callback', { json: body, headers: authorization ? { authorization } : {} });
  const sentSms = async () => {
    const created = await server.createCase(clinician);
    const { sms } = await server.invite(clinician, created.id);
    await server.app.smsWorker.runOnce();
    const [row] = await server.deps.db.select().from(smsOutbox).where(eq(smsOutbox.id, sms.id));
    expect(row).toMatchObject({ status: 'sent' });
    return { caseId: created.id, row: row! };
  };
  const shown = async (caseId: string) => (await server.getCase(clinician, caseId)).lastSms;

  it('marks the SMS delivered (204), and a later failure receipt does not undo it', async () => {
    const { caseId, row } = await sentSms();
    expect(await post(receipt({ id: row.providerId!, reference: row.id, status: 'delivered' }))).toMatchObject({ status: 204 });
    expect(await shown(caseId)).toMatchObject({ status: 'delivered', failureReason: null });
    // Notify may post twice; a stray failure after delivery changes nothing.
    expect(await post(receipt({ id: row.providerId!, reference: row.id, status: 'delivered' }))).toMatchObject({ status: 204 });
    expect(await post(receipt({ id: row.providerId!, reference: row.id, status: 'permanent-failure' }))).toMatchObject({ status: 204 });
    expect(await shown(caseId)).toMatchObject({ status: 'delivered' });
  });

  it('marks it failed, with words for the clinician, on a permanent or temporary failure', async () => {
    const permanent = await sentSms();
    await post(receipt({ id: permanent.row.providerId!, reference: permanent.row.id, status: 'permanent-failure' }));
    expect(await shown(permanent.caseId)).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/number may be wrong/) });
    const temporary = await sentSms();
    // Matched by Notify's id alone when no reference comes back.
    await post(receipt({ id: temporary.row.providerId!, reference: null, status: 'temporary-failure' }));
    expect(await shown(temporary.caseId)).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/phone was off/) });
  });

  it('takes a receipt that overtakes the worker’s own "sent": delivered stays delivered', async () => {
    notify.answerWith(async (message) => {
      // Notify's receipt arrives before its answer to the send is recorded.
      expect(await post(receipt({ id: 'notify-fast', reference: message.reference, status: 'delivered' }))).toMatchObject({ status: 204 });
      return { providerId: 'notify-fast' };
    });
    try {
      const created = await server.createCase(clinician);
      await server.invite(clinician, created.id);
      await server.app.smsWorker.runOnce();
      expect(await shown(created.id)).toMatchObject({ status: 'delivered' });
    } finally {
      notify.answerWith(async () => ({ providerId: `notify-${randomUUID()}` }));
    }
  });

  it('refuses a missing or wrong token with 401 UNAUTHENTICATED and changes nothing', async () => {
    const { caseId, row } = await sentSms();
    const body = receipt({ id: row.providerId!, reference: row.id, status: 'delivered' });
    for (const authorization of [null, 'Bearer wrong-token-0000', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const response = await post(body, authorization);
      expect(response.status).toBe(401);
      expect(errorOf(response).code).toBe('UNAUTHENTICATED');
    }
    expect(await shown(caseId)).toMatchObject({ status: 'sent' });
  });

  it('refuses a receipt that is not one with 400 VALIDATION_FAILED', async () => {
    const { caseId, row } = await sentSms();
    for (const body of [{}, { id: row.providerId, reference: row.id }, { id: row.providerId, status: 7 }, { id: 'x'.repeat(500), status: 'delivered' }, ['delivered']]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    }
    expect(await shown(caseId)).toMatchObject({ status: 'sent' });
  });

  it('answers 204 to a receipt for no SMS of ours (unknown, or not a UUID), changing nothing', async () => {
    const { caseId } = await sentSms();
    for (const reference of [randomUUID(), 'not-a-uuid', null]) {
      expect(await post(receipt({ id: `notify-${randomUUID()}`, reference, status: 'delivered' }))).toMatchObject({ status: 204 });
    }
    expect(await shown(caseId)).toMatchObject({ status: 'sent' });
  });

  it('does not exist without NOTIFY_CALLBACK_TOKEN (404)', async () => {
    const plain = await startServer({ smsWorker: false });
    try {
      const response = await plain.request('POST', '/api/sms/notify-callback', { json: {}, headers: { authorization: 'Bearer anything-at-all' } });
      expect(response.status).toBe(404);
      expect(errorOf(response).code).toBe('NOT_FOUND');
    } finally {
      await plain.close();
    }
  });
});
