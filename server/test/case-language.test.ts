import { boardSnapshotSchema, caseSchema, joinInfoSchema, joinSessionSchema, outboxMessageSchema } from '@desk/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../src/db/schema.js';
import { A_CASE, startServer, tokenOf, type TestServer } from './harness.js';

/**
 * Issue 12, first slice: a case's `preferredLanguage` is any text (the contract), resolved to one
 * of the parent languages; the case says what was asked when the pages cannot speak it; the
 * parent's link and session carry the language, a guest's English; the board's row carries it.
 */

let server: TestServer;
let clinician: string;
let supervisor: string;
beforeAll(async () => {
  server = await startServer();
  [clinician, supervisor] = await Promise.all([server.login('clinician'), server.login('supervisor')]);
});
afterAll(() => server.close());

const storedRow = async (caseId: string) => (await server.deps.db.select().from(cases).where(eq(cases.id, caseId)))[0]!;

async function createWithLanguage(preferredLanguage: string | undefined) {
  const response = await server.request('POST', '/api/cases', { cookie: clinician, json: { ...A_CASE, ...(preferredLanguage === undefined ? {} : { preferredLanguage }) } });
  expect(response.status).toBe(201);
  return caseSchema.parse(response.body);
}

describe("a case's language", () => {
  it('stores pl as Polish and shows it on the case, with nothing unsupported', async () => {
    const created = await createWithLanguage('pl');
    expect(created).toMatchObject({ language: 'pl', preferredLanguage: 'pl', languageRequested: null });
    expect(await server.getCase(clinician, created.id)).toMatchObject({ language: 'pl', preferredLanguage: 'pl', languageRequested: null });
    expect(await storedRow(created.id)).toMatchObject({ preferredLanguage: 'pl', languageRequested: 'pl', languageSupported: true });
  });

  it.each(['PL-pl', 'pl-PL', 'Polish'])('resolves %j to pl', async (asked) => {
    const created = await createWithLanguage(asked);
    expect(created).toMatchObject({ language: 'pl', languageRequested: null });
    expect(await storedRow(created.id)).toMatchObject({ preferredLanguage: 'pl', languageRequested: asked, languageSupported: true });
  });

  it('accepts cy with 201, stores English, and the case says Welsh (cy) was asked for and is not supported', async () => {
    const created = await createWithLanguage('cy');
    expect(created).toMatchObject({ language: 'en', preferredLanguage: 'en', languageRequested: 'cy' });
    expect(await server.getCase(clinician, created.id)).toMatchObject({ language: 'en', languageRequested: 'cy' });
    expect(await storedRow(created.id)).toMatchObject({ preferredLanguage: 'en', languageRequested: 'cy', languageSupported: false });
  });

  it('keeps what was asked trimmed, and answers no language at all with English and nothing asked', async () => {
    expect(await createWithLanguage('  Kurdish  ')).toMatchObject({ language: 'en', languageRequested: 'Kurdish' });
    const none = await createWithLanguage(undefined);
    expect(none).toMatchObject({ language: 'en', preferredLanguage: 'en', languageRequested: null });
    expect(await storedRow(none.id)).toMatchObject({ preferredLanguage: 'en', languageRequested: null, languageSupported: true });
  });
});

describe('the language on the link and the session', () => {
  it("gives the parent the case's language (ar) on the preview, the exchange and the session; an interpreter English", async () => {
    const created = await createWithLanguage('ar');
    const parentToken = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    const preview = await server.request('POST', '/api/join/preview', { json: { token: parentToken } });
    expect(joinInfoSchema.parse(preview.body)).toMatchObject({ role: 'parent', language: 'ar' });
    const parent = await server.join(parentToken);
    expect(parent.session).toMatchObject({ role: 'parent', language: 'ar' });
    const reloaded = await server.request('GET', '/api/join/session', { cookie: parent.cookie });
    expect(joinSessionSchema.parse(reloaded.body)).toMatchObject({ role: 'parent', language: 'ar' });

    const guestInvite = await server.inviteGuest(clinician, created.id, { role: 'interpreter', name: 'Ingrid Interpreter', phone: '07700 900777' });
    const guestToken = tokenOf(guestInvite.devJoinLink!);
    const guestPreview = await server.request('POST', '/api/join/preview', { json: { token: guestToken } });
    expect(joinInfoSchema.parse(guestPreview.body)).toMatchObject({ role: 'interpreter', language: 'en' });
    const guest = await server.join(guestToken);
    expect(guest.session).toMatchObject({ role: 'interpreter', language: 'en' });
  });
});

describe("the invite SMS in the case's language", () => {
  const outbox = async () => outboxMessageSchema.array().parse((await server.request('GET', '/api/dev/outbox')).body);
  /** The SMS the worker sent with this link (the dev outbox shows it as sent). */
  async function sentWith(link: string) {
    await server.app.smsWorker.runOnce();
    const sent = (await outbox()).find((message) => message.link === link);
    expect(sent).toMatchObject({ status: 'sent' });
    return sent!.body;
  }

  it('sends a Polish case the Polish invite with its link, and never the child\'s name', async () => {
    const created = await createWithLanguage('pl');
    const link = (await server.invite(clinician, created.id)).devJoinLink!;
    const body = await sentWith(link);
    expect(body).toBe(`NHS 111: pielęgniarka chce zobaczyć dziecko na wideo. Dołącz: ${link} Link działa raz, przez 10 minut. Bez nagrywania.`);
    expect(body).not.toContain(A_CASE.childFirstName);
  });

  it("sends an Arabic case the Arabic invite, and the case's interpreter the English one", async () => {
    const created = await createWithLanguage('ar');
    const link = (await server.invite(clinician, created.id)).devJoinLink!;
    expect(await sentWith(link)).toBe(`من NHS 111: يود الممرض رؤية طفلك بالفيديو. اضغط للانضمام:\n${link}\nالرابط لمرة واحدة ولمدة 10 دقائق. لا يُسجَّل الفيديو.`);

    const guestLink = (await server.inviteGuest(clinician, created.id, { role: 'interpreter', name: 'Ingrid Interpreter', phone: '07700 900777' })).devJoinLink!;
    const guestBody = await sentWith(guestLink);
    expect(guestBody).toBe(`NHS 111: Nurse Demo has invited you to join a children's video call as the interpreter. Tap to join: ${guestLink} The link works once and expires in 10 minutes.`);
  });

  it('sends a case whose language is not supported (cy) the English invite', async () => {
    const created = await createWithLanguage('cy');
    const link = (await server.invite(clinician, created.id)).devJoinLink!;
    expect(await sentWith(link)).toMatch(/^NHS 111: the nurse you are speaking to would like to see your child on a video call\. Tap to join: /);
  });
});

describe('a dead link still says its language', () => {
  it("answers a used parent link's preview 410 with the case's language, and a guest's or an unknown one without", async () => {
    const created = await createWithLanguage('ur');
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    await server.join(token);
    const used = await server.request('POST', '/api/join/preview', { json: { token } });
    expect(used.status).toBe(410);
    expect(used.body).toMatchObject({ error: { code: 'LINK_EXPIRED', fields: { language: 'ur' } } });
    const again = await server.request('POST', '/api/join', { json: { token } });
    expect(again.body).toMatchObject({ error: { code: 'LINK_EXPIRED', fields: { language: 'ur' } } });

    const guestToken = tokenOf((await server.inviteGuest(clinician, created.id, { role: 'interpreter', name: 'Ingrid Interpreter', phone: '07700 900777' })).devJoinLink!);
    await server.join(guestToken);
    const guest = await server.request('POST', '/api/join/preview', { json: { token: guestToken } });
    expect(guest.status).toBe(410);
    expect((guest.body as { error: object }).error).not.toHaveProperty('fields');
    const unknown = await server.request('POST', '/api/join/preview', { json: { token: 'never-sent-token' } });
    expect((unknown.body as { error: object }).error).not.toHaveProperty('fields');
  });
});

describe('the language on the board', () => {
  it("puts the case's language on its board row", async () => {
    const polish = await server.createCase(clinician, { reference: '111-LANG-PL', preferredLanguage: 'pl-PL' });
    const welsh = await server.createCase(clinician, { reference: '111-LANG-CY', preferredLanguage: 'cy' });
    const board = boardSnapshotSchema.parse((await server.request('GET', '/api/supervisor/board', { cookie: supervisor })).body);
    expect(board.cases.find((row) => row.caseId === polish.id)).toMatchObject({ language: 'pl' });
    expect(board.cases.find((row) => row.caseId === welsh.id)).toMatchObject({ language: 'en' });
  });
});

describe("the parent's own pick of language (POST /api/join/language)", () => {
  const auditOf = async (caseId: string) => {
    const response = await server.request('GET', `/api/audit?caseId=${caseId}`, { cookie: supervisor });
    expect(response.status).toBe(200);
    return (response.body as { entries: { action: string; detail: Record<string, unknown> }[] }).entries;
  };

  it('moves the case to the language the parent picked by the link before joining, audited, and the desk sees it was theirs', async () => {
    const created = await createWithLanguage('en');
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    const response = await server.request('POST', '/api/join/language', { json: { token, language: 'ro' } });
    expect(response.status).toBe(204);
    expect(await server.getCase(clinician, created.id)).toMatchObject({ language: 'ro', languageChosenByParent: true });
    expect((await auditOf(created.id)).filter((entry) => entry.action === 'parent_language_chosen')).toEqual([
      expect.objectContaining({ detail: { from: 'en', to: 'ro', page: 'join' } }),
    ]);
    // The link is not used up: the parent still joins with it, and the session speaks Romanian.
    expect((await server.join(token)).session).toMatchObject({ language: 'ro' });
  });

  it('takes the pick by the join session after joining; the same language again changes nothing', async () => {
    const created = await createWithLanguage('pl');
    const parent = await server.join(tokenOf((await server.invite(clinician, created.id)).devJoinLink!));
    expect((await server.request('POST', '/api/join/language', { cookie: parent.cookie, json: { language: 'ar' } })).status).toBe(204);
    expect((await server.request('POST', '/api/join/language', { cookie: parent.cookie, json: { language: 'ar' } })).status).toBe(204);
    expect(await server.getCase(clinician, created.id)).toMatchObject({ language: 'ar', languageChosenByParent: true });
    expect((await auditOf(created.id)).filter((entry) => entry.action === 'parent_language_chosen')).toHaveLength(1);
    const session = joinSessionSchema.parse((await server.request('GET', '/api/join/session', { cookie: parent.cookie })).body);
    expect(session.language).toBe('ar');
  });

  it('refuses a guest (their page stays English), a language the pages do not speak, and no link or session', async () => {
    const created = await createWithLanguage('pl');
    const guestToken = tokenOf((await server.inviteGuest(clinician, created.id, { role: 'interpreter', name: 'Ingrid Interpreter', phone: '07700 900777' })).devJoinLink!);
    const guest = await server.request('POST', '/api/join/language', { json: { token: guestToken, language: 'en' } });
    expect(guest.status).toBe(403);
    expect(guest.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const token = tokenOf((await server.invite(clinician, created.id)).devJoinLink!);
    const welsh = await server.request('POST', '/api/join/language', { json: { token, language: 'cy' } });
    expect(welsh.status).toBe(400);
    expect(welsh.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const nobody = await server.request('POST', '/api/join/language', { json: { language: 'en' } });
    expect(nobody.status).toBe(401);
    const unknown = await server.request('POST', '/api/join/language', { json: { token: 'not-a-real-token', language: 'en' } });
    expect(unknown.status).toBe(410);
    expect(unknown.body).toMatchObject({ error: { code: 'LINK_EXPIRED' } });
    expect(await server.getCase(clinician, created.id)).toMatchObject({ language: 'pl', languageChosenByParent: false });
  });
});
