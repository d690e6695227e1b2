import { ADVICE, ADVICE_LABELS_EN, adviceResponseSchema, adviceTopics, DEHYDRATION_SIGNS, GLASS_TEST } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A_CASE, errorOf, startServer, type TestServer } from './harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('GET /api/advice/:topic', () => {
  it.each(adviceTopics)('answers %s with 200 to a phone that has no cookies, cacheable for an hour', async (topic) => {
    const response = await server.request('GET', `/api/advice/${topic}?lang=en`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(response.headers.get('set-cookie')).toBeNull();
    const advice = adviceResponseSchema.parse(response.body);
    expect(advice).toEqual({
      topic,
      lang: 'en',
      requestedLang: 'en',
      translation: 'original',
      content: ADVICE[topic],
      labels: ADVICE_LABELS_EN,
      glassTest: ADVICE[topic].glassTest ? GLASS_TEST : null,
      dehydrationSigns: ADVICE[topic].dehydrationSigns ? DEHYDRATION_SIGNS : null,
    });
  });

  it('shows the glass test with rash advice and the signs of dehydration with diarrhoea and vomiting', async () => {
    const rash = adviceResponseSchema.parse((await server.request('GET', '/api/advice/rash')).body);
    expect(rash.glassTest).toEqual(GLASS_TEST);
    const tummyBug = adviceResponseSchema.parse((await server.request('GET', '/api/advice/diarrhoea_vomiting')).body);
    expect(tummyBug.dehydrationSigns).toEqual(DEHYDRATION_SIGNS);
  });

  it('refuses an unknown topic with 404 NOT_FOUND', async () => {
    for (const topic of ['measles', 'other', 'FEVER', '__proto__']) {
      const response = await server.request('GET', `/api/advice/${topic}`);
      expect(response.status, topic).toBe(404);
      expect(errorOf(response).code).toBe('NOT_FOUND');
    }
  });

  it('answers in English when the language is missing or not translated yet', async () => {
    for (const query of ['', '?lang=cy', '?lang=', '?lang=en&lang=cy', '?lang=../../etc']) {
      const response = await server.request('GET', `/api/advice/fever${query}`);
      expect(response.status, query).toBe(200);
      expect(adviceResponseSchema.parse(response.body).lang).toBe('en');
      expect(response.headers.get('content-language')).toBe('en');
    }
  });

  it('carries no case data or identity, even for a signed-in clinician with an open case', async () => {
    const clinician = await server.login('clinician');
    const created = await server.createCase(clinician, { complaint: 'rash' });
    const response = await server.request('GET', '/api/advice/rash', { cookie: clinician });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body as object).sort()).toEqual(['content', 'dehydrationSigns', 'glassTest', 'labels', 'lang', 'requestedLang', 'topic', 'translation']);
    const text = JSON.stringify(response.body);
    for (const secret of [A_CASE.childFirstName, A_CASE.reference, '07700', '+447700900123', created.id, 'Nurse Demo', 'clinician']) {
      expect(text).not.toContain(secret);
    }
  });
});
