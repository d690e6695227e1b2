import { ADVICE_TOKEN_PARAM, adviceRecapFor, adviceRecapSchema, decisionSchema, outboxMessageSchema, type AmendmentInput, type Case, type DecisionInput } from '@desk/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/tokens.js';
import { adviceLinks } from '../src/db/schema.js';
import { errorOf, newIdempotencyKey, postDecision, startWithStaff, type JsonResponse, type TestServer } from './harness.js';

/**
 * The recap at the top of the advice page (issue 9, "Advice page"): each safety-netting SMS carries
 * its own code in the advice link (`?lang=en&t=…`), the page asks `POST /api/advice/recap` with it,
 * and is told the case's latest advice, flagged as changed once an amendment replaced the linked one.
 */

let server: TestServer;
let clinician: string;
beforeAll(async () => {
  ({ server, clinician } = await startWithStaff());
});
afterAll(() => server.close());

const CHILD = { childFirstName: 'Wilhelmina', reference: '111-REC-042', gpPractice: 'Larkspur Surgery', nhsNumber: '9434765919' };
let phones = 0;
const newCase = (): Promise<Case> =>
  server.createCase(clinician, { ...CHILD, complaint: 'fever', callerPhone: `07700 9${String(20_000 + ++phones).padStart(5, '0')}` });

async function decided(caseId: string, body: DecisionInput | AmendmentInput, amends?: string) {
  const response = await postDecision(server, { caseId, decisionId: amends, body, key: newIdempotencyKey(), cookie: clinician });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return decisionSchema.parse(response.body);
}

/** The advice links the parent's phone received, oldest first. */
async function adviceLinksTo(caseRow: Case): Promise<string[]> {
  const outbox = outboxMessageSchema.array().parse((await server.request('GET', '/api/dev/outbox')).body);
  return outbox
    .filter((message) => message.to === caseRow.callerPhone && message.link?.includes('/advice/'))
    .reverse()
    .map((message) => message.link!);
}

const tokenIn = (link: string) => new URL(link).searchParams.get(ADVICE_TOKEN_PARAM)!;
const recap = (token: unknown): Promise<JsonResponse> => server.request('POST', '/api/advice/recap', { json: { token } });

const GP_24H: DecisionInput = { disposition: 'primary_care', timeframeHours: 24, notes: 'Wilhelmina seen on video, pink and alert.' };

describe('the advice link in the safety-netting SMS', () => {
  it('keeps the topic page shape and adds one random code, with nothing about the child in the URL', async () => {
    const created = await newCase();
    await decided(created.id, GP_24H);
    const [link] = await adviceLinksTo(created);
    const url = new URL(link!);
    expect(url.origin + url.pathname).toBe(`${server.url}/advice/fever`);
    expect([...url.searchParams.keys()]).toEqual(['lang', ADVICE_TOKEN_PARAM]);
    expect(url.searchParams.get('lang')).toBe('en');
    // 22 base64url characters: 128 random bits.
    expect(tokenIn(link!)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const path = link!.replace(server.url, '').replace(tokenIn(link!), '');
    for (const secret of [CHILD.childFirstName, CHILD.reference, CHILD.gpPractice, CHILD.nhsNumber, created.id, created.callerPhone, 'primary_care', '24']) {
      expect(path, secret).not.toContain(secret);
    }
  });

  it('stores only a hash of the code', async () => {
    const created = await newCase();
    const decision = await decided(created.id, GP_24H);
    const token = tokenIn((await adviceLinksTo(created))[0]!);
    const rows = await server.deps.db.select().from(adviceLinks).where(eq(adviceLinks.decisionId, decision.id));
    expect(rows).toEqual([expect.objectContaining({ decisionId: decision.id, tokenHash: hashToken(token) })]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe('POST /api/advice/recap', () => {
  it('recaps version 1 in the words of the SMS, never cached, and audits the view', async () => {
    const created = await newCase();
    const decision = await decided(created.id, GP_24H);
    const token = tokenIn((await adviceLinksTo(created))[0]!);

    const response = await recap(token);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(adviceRecapSchema.strict().parse(response.body)).toEqual({
      changed: false,
      nextStep: 'The nurse advised seeing a GP within 24 hours.',
      givenAt: decision.signedAt,
      lang: 'en',
      translation: 'original',
    });

    const [row] = await server.auditRows('advice_recap_viewed', `case:${created.id}`);
    expect(row).toMatchObject({
      actor: expect.stringMatching(/^advice_link:[0-9a-f-]{36}$/),
      detail: { linkedDecisionId: decision.id, shownDecisionId: decision.id, shownVersion: 1, changed: false },
    });
  });

  it('shows the latest version after an amendment: the old link says the advice changed, the new SMS has its own code', async () => {
    const created = await newCase();
    const v1 = await decided(created.id, GP_24H);
    const v2 = await decided(created.id, { disposition: 'primary_care', timeframeHours: 2, notes: 'Worse on second call.', reason: 'Breathing faster' }, v1.id);
    const [oldLink, newLink] = await adviceLinksTo(created);
    expect(newLink).toBeDefined();
    expect(tokenIn(newLink!)).not.toBe(tokenIn(oldLink!));

    const fromOld = adviceRecapSchema.parse((await recap(tokenIn(oldLink!))).body);
    expect(fromOld).toEqual({ changed: true, nextStep: 'The nurse advised seeing a GP within 2 hours.', givenAt: v2.signedAt, lang: 'en', translation: 'original' });
    const fromNew = adviceRecapSchema.parse((await recap(tokenIn(newLink!))).body);
    expect(fromNew).toEqual({ changed: false, nextStep: 'The nurse advised seeing a GP within 2 hours.', givenAt: v2.signedAt, lang: 'en', translation: 'original' });

    const audits = await server.auditRows('advice_recap_viewed', `case:${created.id}`);
    expect(audits.map((row) => row.detail)).toEqual(
      expect.arrayContaining([
        { linkedDecisionId: v1.id, shownDecisionId: v2.id, shownVersion: 2, changed: true },
        { linkedDecisionId: v2.id, shownDecisionId: v2.id, shownVersion: 2, changed: false },
      ]),
    );
  });

  it('tells the old link about an amendment to A&E, which sends no SMS of its own', async () => {
    const created = await newCase();
    const v1 = await decided(created.id, { disposition: 'self_care', notes: '' });
    await decided(created.id, { disposition: 'emergency_department', timeframeHours: 1, notes: 'Rash now non-blanching.', reason: 'New rash' }, v1.id);
    const links = await adviceLinksTo(created);
    expect(links).toHaveLength(1);
    const fromOld = adviceRecapSchema.parse((await recap(tokenIn(links[0]!))).body);
    expect(fromOld).toMatchObject({ changed: true, nextStep: adviceRecapFor('emergency_department', 1) });
    expect(fromOld.nextStep).toBe('The nurse advised taking your child to A&E within 1 hour.');
  });

  it('does not call an amendment of the notes alone a change of advice', async () => {
    const created = await newCase();
    const v1 = await decided(created.id, GP_24H);
    const v2 = await decided(created.id, { ...GP_24H, notes: 'Typo fixed.', reason: 'Notes' }, v1.id);
    const links = await adviceLinksTo(created);
    expect(links).toHaveLength(1);
    expect(adviceRecapSchema.parse((await recap(tokenIn(links[0]!))).body)).toEqual({
      changed: false,
      nextStep: 'The nurse advised seeing a GP within 24 hours.',
      givenAt: v2.signedAt,
      lang: 'en',
      translation: 'original',
    });
  });

  it('answers an unknown, made-up or malformed code with a coded 4xx and audits nothing', async () => {
    const before = (await server.auditRows('advice_recap_viewed')).length;
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAA', 'x', 'a'.repeat(200)]) {
      const response = await recap(token);
      expect(response.status, token).toBe(404);
      expect(errorOf(response).code).toBe('ADVICE_LINK_UNKNOWN');
      expect(response.headers.get('cache-control')).not.toMatch(/public|max-age/);
    }
    for (const body of [{}, { token: '' }, { token: 42 }, { token: 'a'.repeat(201) }]) {
      const response = await server.request('POST', '/api/advice/recap', { json: body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    }
    expect(await server.auditRows('advice_recap_viewed')).toHaveLength(before);
  });

  it('says nothing the SMS did not: no name, notes, findings, signer, case or phone', async () => {
    const created = await newCase();
    await decided(created.id, { ...GP_24H, findings: [{ feature: 'temperature_c', value: 38.4 }] });
    const response = await recap(tokenIn((await adviceLinksTo(created))[0]!));
    expect(Object.keys(response.body as object).sort()).toEqual(['changed', 'givenAt', 'lang', 'nextStep', 'translation']);
    const text = JSON.stringify(response.body);
    for (const secret of [CHILD.childFirstName, CHILD.reference, CHILD.gpPractice, CHILD.nhsNumber, created.id, created.callerPhone, '38.4', 'Nurse Demo', 'pink and alert']) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('keeps the code out of the server log when the page itself is opened', async () => {
    const created = await newCase();
    await decided(created.id, GP_24H);
    const link = (await adviceLinksTo(created))[0]!;
    // The log check on close fails the file if the planted code shows up anywhere in the log.
    server.planted.add(tokenIn(link), 'advice link code');
    await server.request('GET', link.replace(server.url, ''));
    expect((await recap(tokenIn(link))).status).toBe(200);
  });
});

describe('POST /api/advice/language (the parent picks a language on the advice page)', () => {
  it("moves the case to the parent's pick through the link's code, audited with the link as actor, so an amendment's SMS goes in it", async () => {
    const created = await newCase();
    const v1 = await decided(created.id, GP_24H);
    const token = tokenIn((await adviceLinksTo(created))[0]!);
    const response = await server.request('POST', '/api/advice/language', { json: { token, language: 'pl' } });
    expect(response.status).toBe(204);
    expect(await server.getCase(clinician, created.id)).toMatchObject({ language: 'pl', languageChosenByParent: true });
    const [row] = await server.auditRows('parent_language_chosen');
    expect(row).toMatchObject({ subject: `case:${created.id}`, detail: { from: 'en', to: 'pl', page: 'advice' } });
    expect(row!.actor).toMatch(/^advice_link:/);

    await decided(created.id, { disposition: 'primary_care', timeframeHours: 12, notes: 'Worse on review.', reason: 'Parent rang back.' }, v1.id);
    const links = await adviceLinksTo(created);
    expect(new URL(links.at(-1)!).searchParams.get('lang')).toBe('pl');
  });

  it('refuses an unknown code (404, as the recap) and a language the pages do not speak (400)', async () => {
    const unknown = await server.request('POST', '/api/advice/language', { json: { token: 'Q2hpbGRBZHZpY2VDb2RlXz', language: 'pl' } });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe('ADVICE_LINK_UNKNOWN');
    const welsh = await server.request('POST', '/api/advice/language', { json: { token: 'Q2hpbGRBZHZpY2VDb2RlXz', language: 'cy' } });
    expect(welsh.status).toBe(400);
    expect(errorOf(welsh).code).toBe('VALIDATION_FAILED');
  });
});
