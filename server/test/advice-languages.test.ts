import {
  ADVICE,
  ADVICE_LABELS_EN,
  ADVICE_LOCALES,
  ADVICE_TOKEN_PARAM,
  adviceRecapFor,
  adviceRecapSchema,
  adviceResponseSchema,
  adviceSmsBody,
  decisionSchema,
  nextStepForParent,
  safetyNettingPreviewSchema,
  type Case,
  type DecisionInput,
  type ParentLanguage,
} from '@desk/shared';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { cases, smsOutbox } from '../src/db/schema.js';
import { errorOf, newIdempotencyKey, postDecision, startWithStaff, type TestServer } from './harness.js';

/**
 * Issue 12: the advice page, its recap and the safety-netting SMS in the case's language, with
 * unreviewed translations shown (DRAFT_TRANSLATIONS=show, the demo) or replaced by English
 * (DRAFT_TRANSLATIONS=english, production's default).
 */

type Desk = { server: TestServer; clinician: string };
let show: Desk;
let english: Desk;
beforeAll(async () => {
  show = await startWithStaff();
  english = await startWithStaff({ env: { DRAFT_TRANSLATIONS: 'english' } });
});
afterAll(async () => {
  await show.server.close();
  await english.server.close();
});

let phones = 0;
const newCase = (desk: Desk, preferredLanguage: string): Promise<Case> =>
  desk.server.createCase(desk.clinician, { complaint: 'fever', preferredLanguage, callerPhone: `07700 9${String(30_000 + ++phones).padStart(5, '0')}` });

const GP_24H: DecisionInput = { disposition: 'primary_care', timeframeHours: 24, notes: 'Pink and alert on video.' };
const SELF_CARE: DecisionInput = { disposition: 'self_care', notes: 'Alert and smiling on video.' };

async function decided(desk: Desk, caseId: string, body: DecisionInput & { reason?: string }, amends?: string) {
  const response = await postDecision(desk.server, { caseId, decisionId: amends, body, key: newIdempotencyKey(), cookie: desk.clinician });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return decisionSchema.parse(response.body);
}

/** The safety-netting SMS queued for a case, oldest first. */
const queued = (desk: Desk, caseId: string) =>
  desk.server.deps.db.select().from(smsOutbox).where(eq(smsOutbox.caseId, caseId)).orderBy(asc(smsOutbox.createdAt)).then((rows) => rows.filter((row) => row.template === 'safety_netting'));

const tokenIn = (link: string) => new URL(link).searchParams.get(ADVICE_TOKEN_PARAM)!;
const advice = (desk: Desk, query: string) => desk.server.request('GET', `/api/advice/fever${query}`);
const recap = (desk: Desk, body: { token: string; lang?: string }) => desk.server.request('POST', '/api/advice/recap', { json: body });

describe('DRAFT_TRANSLATIONS', () => {
  it('is english in production and show elsewhere unless set', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://desk.example.nhs.uk', NOTIFY_API_KEY: 'key', NOTIFY_SMS_TEMPLATE_ID: 'template' };
    expect(loadConfig(production).draftTranslations).toBe('english');
    expect(loadConfig({ ...production, DRAFT_TRANSLATIONS: 'show' }).draftTranslations).toBe('show');
    expect(loadConfig({ NODE_ENV: 'development' }).draftTranslations).toBe('show');
    expect(loadConfig({ NODE_ENV: 'test', DRAFT_TRANSLATIONS: 'english' }).draftTranslations).toBe('english');
    expect(() => loadConfig({ DRAFT_TRANSLATIONS: 'yes' })).toThrow(/DRAFT_TRANSLATIONS/);
  });
});

describe('GET /api/advice/:topic?lang=', () => {
  it('answers ?lang=pl with the Polish draft in show mode, labels included, in its own cache entry', async () => {
    const response = await advice(show, '?lang=pl');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-language')).toBe('pl');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const body = adviceResponseSchema.parse(response.body);
    expect(body).toMatchObject({ topic: 'fever', lang: 'pl', requestedLang: 'pl', translation: 'draft', labels: ADVICE_LOCALES.pl.labels });
    expect(body.content.title).toBe('Wysoka temperatura (gorączka) u dzieci');
    expect(body.content.call999).toHaveLength(ADVICE.fever.call999.length);
    expect(body.content.sources).toEqual(ADVICE.fever.sources);
    expect(body.labels.call999Heading).toBe('Zadzwoń pod 999, jeśli:');
  });

  it('answers ?lang=pl with English, saying the Polish was withheld, in english mode', async () => {
    const response = await advice(english, '?lang=pl');
    expect(response.headers.get('content-language')).toBe('en');
    expect(adviceResponseSchema.parse(response.body)).toMatchObject({
      lang: 'en',
      requestedLang: 'pl',
      translation: 'withheld',
      content: ADVICE.fever,
      labels: ADVICE_LABELS_EN,
    });
  });

  it.each(['?lang=xx', '?lang=', '', '?lang=pl&lang=ar'])('answers %j with the English original in either mode', async (query) => {
    for (const desk of [show, english]) {
      const body = adviceResponseSchema.parse((await advice(desk, query)).body);
      expect(body, query).toMatchObject({ lang: 'en', requestedLang: 'en', translation: 'original', content: ADVICE.fever });
    }
  });

  it('answers Arabic and Urdu in their own script in show mode', async () => {
    for (const lang of ['ar', 'ur'] as const) {
      const body = adviceResponseSchema.parse((await advice(show, `?lang=${lang}`)).body);
      expect(body).toMatchObject({ lang, translation: 'draft' });
      expect(body.content.intro).toMatch(/[\u0600-\u06ff]/);
    }
  });
});

describe("the safety-netting SMS in the case's language", () => {
  it('signing on a case created in Arabic queues an Arabic SMS whose link asks for ?lang=ar', async () => {
    const created = await newCase(show, 'ar');
    expect(created.language).toBe('ar');
    await decided(show, created.id, GP_24H);
    const [sms] = await queued(show, created.id);
    const link = sms!.link!;
    expect(new URL(link).searchParams.get('lang')).toBe('ar');
    expect(link).toMatch(new RegExp(`^${show.server.url}/advice/fever\\?lang=ar&t=[A-Za-z0-9_-]{22}$`));
    expect(sms!.body).toBe(adviceSmsBody(link, nextStepForParent('primary_care', 24, 'ar'), 'ar'));
    expect(sms!.body).toMatch(/^من NHS 111: نصح الممرض بمراجعة الطبيب العام \(GP\) خلال 24 ساعة\./);
  });

  it('sends English with a short Arabic note in english mode, and the link still asks for Arabic', async () => {
    const created = await newCase(english, 'ar');
    await decided(english, created.id, SELF_CARE);
    const [sms] = await queued(english, created.id);
    expect(new URL(sms!.link!).searchParams.get('lang')).toBe('ar');
    expect(sms!.body).toMatch(/^NHS 111: The nurse advised caring for your child at home\. /);
    expect(sms!.body!.endsWith(`\n${ADVICE_LOCALES.ar.inEnglishNote}`)).toBe(true);
  });

  it("keeps an English case's SMS word for word as before issue 12", async () => {
    const created = await newCase(show, 'English');
    await decided(show, created.id, GP_24H);
    const [sms] = await queued(show, created.id);
    expect(sms!.body).toBe(
      `NHS 111: The nurse advised seeing a GP within 24 hours. Advice and when to get help: ${sms!.link} Call 999 if your child gets much worse, has a fit or a rash that does not fade under a glass. Call 111 if you are worried.`,
    );
    expect(sms!.link).toContain('?lang=en&t=');
  });

  it("writes an amendment's SMS in the case's language at the time of the amendment", async () => {
    const created = await newCase(show, 'pl');
    const v1 = await decided(show, created.id, GP_24H);
    await show.server.deps.db.update(cases).set({ preferredLanguage: 'ro' }).where(eq(cases.id, created.id));
    await decided(show, created.id, { disposition: 'primary_care', timeframeHours: 2, notes: 'Worse.', reason: 'Breathing faster' }, v1.id);
    const [first, second] = await queued(show, created.id);
    expect(first!.link).toContain('?lang=pl&');
    expect(first!.body).toContain(adviceRecapFor('primary_care', 24, 'pl'));
    expect(second!.link).toContain('?lang=ro&');
    expect(second!.body).toContain('Asistenta recomandă să mergeți la GP în 2 ore.');
  });

  it('previews the language, its review status and the English beside it, word for word what signing sends', async () => {
    const created = await newCase(show, 'Polish');
    const preview = (desk: Desk, caseId: string) => desk.server.request('POST', `/api/cases/${caseId}/decisions/preview`, { cookie: desk.clinician, json: GP_24H });
    const shown = safetyNettingPreviewSchema.parse((await preview(show, created.id)).body);
    expect(shown).toMatchObject({ willSend: true, language: 'pl', translation: 'draft', adviceUrl: `${show.server.url}/advice/fever?lang=pl` });
    expect(shown.bodyInEnglish).toMatch(/^NHS 111: The nurse advised seeing a GP within 24 hours\. Advice and when to get help: /);
    await decided(show, created.id, GP_24H);
    const [sms] = await queued(show, created.id);
    expect(sms!.body).toBe(shown.body!.replace(/&t=X{22}/, `&t=${tokenIn(sms!.link!)}`));

    const withheld = await newCase(english, 'pl');
    expect(safetyNettingPreviewSchema.parse((await preview(english, withheld.id)).body)).toMatchObject({ language: 'pl', translation: 'withheld', bodyInEnglish: null });
    const landline = await english.server.createCase(english.clinician, { preferredLanguage: 'ur', callerPhone: '0113 496 0003' });
    expect(safetyNettingPreviewSchema.parse((await preview(english, landline.id)).body)).toMatchObject({ willSend: false, language: 'ur', translation: 'withheld', bodyInEnglish: null });
  });
});

describe('POST /api/advice/recap in the parent language', () => {
  async function polishLink(desk: Desk) {
    const created = await newCase(desk, 'pl');
    await decided(desk, created.id, GP_24H);
    return tokenIn((await queued(desk, created.id))[0]!.link!);
  }

  it("recaps in the case's language when the page does not say, and in the page's language when it does", async () => {
    const token = await polishLink(show);
    const inCaseLanguage = adviceRecapSchema.parse((await recap(show, { token })).body);
    expect(inCaseLanguage).toMatchObject({ changed: false, nextStep: 'Pielęgniarka zaleca wizytę u GP w ciągu 24 godzin.', lang: 'pl', translation: 'draft' });
    const asked = async (lang: string) => adviceRecapSchema.parse((await recap(show, { token, lang })).body);
    expect(await asked('en')).toMatchObject({ nextStep: 'The nurse advised seeing a GP within 24 hours.', lang: 'en', translation: 'original' });
    expect(await asked('ar')).toMatchObject({ nextStep: adviceRecapFor('primary_care', 24, 'ar'), lang: 'ar', translation: 'draft' });
    expect(await asked('xx')).toMatchObject({ lang: 'en', translation: 'original' });
  });

  it('recaps in English, saying the Polish was withheld, in english mode', async () => {
    const token = await polishLink(english);
    expect(adviceRecapSchema.parse((await recap(english, { token })).body)).toMatchObject({
      nextStep: 'The nurse advised seeing a GP within 24 hours.',
      lang: 'en',
      translation: 'withheld',
    });
  });

  it('keeps ADVICE_LINK_UNKNOWN (404) for an unknown code, whatever the language', async () => {
    const response = await recap(show, { token: 'AAAAAAAAAAAAAAAAAAAAAA', lang: 'pl' });
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('ADVICE_LINK_UNKNOWN');
  });
});

/** The languages a case can be created in, as the desk types them, and the code the advice link carries. */
it.each([
  ['Polish', 'pl'],
  ['ar', 'ar'],
  ['Welsh', 'en'],
] as const)('a case asked in %j links its advice with ?lang=%s', async (asked, lang: ParentLanguage) => {
  const created = await newCase(show, asked);
  await decided(show, created.id, SELF_CARE);
  expect((await queued(show, created.id))[0]!.link).toContain(`/advice/fever?lang=${lang}&t=`);
});
