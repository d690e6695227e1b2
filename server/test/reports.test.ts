import { AUDIT_PAGE_SIZE, auditPageSchema, dayFiguresSchema, type AuditPage } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../src/supervisor/londonDay.js';
import { errorOf, joinedCase, PASSWORD, startWithStaff, type TestServer } from './harness.js';

/**
 * Issue 10's audit and reports: a day's figures as JSON and as a CSV download, and the audit
 * viewer's pages with their filters. For supervisors and admins only; every read is itself audited.
 */

let server: TestServer;
let clinician: string;
let supervisor: string;
let admin: string;
let today: string;

beforeAll(async () => {
  ({ server, clinician, supervisor } = await startWithStaff());
  admin = await server.login('admin');
  today = londonDate(server.clock.now());
}, 60_000);
afterAll(() => server.close());

const report = (query: string, cookie = supervisor) => server.request('GET', `/api/reports/daily?${query}`, { cookie });
async function auditAs(query: string, cookie = supervisor): Promise<AuditPage> {
  const response = await server.request('GET', `/api/audit${query ? `?${query}` : ''}`, { cookie });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return auditPageSchema.parse(response.body);
}

describe('GET /api/reports/daily', () => {
  it("answers today's figures as JSON, and records that the supervisor viewed them", async () => {
    const before = (dayFiguresSchema.parse((await report(`date=${today}`)).body)).arrivals;
    await server.createCase(clinician, { reference: '111-REPORT-1' });
    await server.createCase(clinician, { reference: '111-REPORT-2' });
    const response = await report(`date=${today}&format=json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const figures = dayFiguresSchema.parse(response.body);
    expect(figures).toMatchObject({ date: today, arrivals: before + 2 });
    expect(figures.hours.length).toBeGreaterThanOrEqual(23);
    const viewed = await server.auditRows('report_viewed');
    expect(viewed.at(-1)).toMatchObject({ actor: `user:${server.userIds.supervisor}`, detail: { date: today } });
  });

  it('downloads the same figures as CSV rows of section, item and value, and records the export', async () => {
    const response = await report(`date=${today}&format=csv`, admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="desk-report-${today}.csv"`);
    const figures = dayFiguresSchema.parse((await report(`date=${today}`)).body);
    const text = response.body as string;
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('section,item,value');
    expect(lines.at(-1)).toBe('');
    for (const line of [
      `report,Date (Europe/London),${today}`,
      `counts,Cases created,${figures.arrivals}`,
      `counts,Cases with a first decision signed,${figures.decided}`,
      "counts,Cases sent a parent's video link,0",
      'conversion,Video conversion (connected / links sent),',
      'waits,Median wait to admit (seconds),',
      'failed joins,Link expired unused,0',
      "failed joins,Opened in an app's own browser,0",
      'dispositions,Community pharmacy,0',
      "dispositions,Referral: Connecting Care Children's Hub,0",
      "referrals,Children's Hub referrals,0",
      'referrals,Specialist advice line referrals,0',
      'overrides,Latest versions below the NG143 route,0',
      'amendments,Amendments that changed the advice sent,0',
      'arrivals by hour,00:00,' + figures.hours[0]!.arrivals,
      'median wait by hour (seconds),23:00,',
    ]) {
      expect(lines, line).toContain(line);
    }
    // The date, 4 counts, conversion, 3 waits, 7 failure reasons, 8 dispositions, 2 referrals, overrides, 3 amendments, 3 × the hours; the header and the final newline.
    expect(lines).toHaveLength(1 + 4 + 1 + 3 + 7 + 8 + 2 + 1 + 3 + 3 * figures.hours.length + 2);
    const exported = await server.auditRows('report_exported');
    expect(exported.at(-1)).toMatchObject({ actor: `user:${server.userIds.admin}`, detail: { date: today } });
  });

  it('refuses clinicians with 403 and anyone not signed in with 401', async () => {
    for (const query of [`date=${today}`, `date=${today}&format=csv`]) {
      const asClinician = await report(query, clinician);
      expect(asClinician.status).toBe(403);
      expect(errorOf(asClinician).code).toBe('FORBIDDEN');
      expect(errorOf(await server.request('GET', `/api/reports/daily?${query}`)).code).toBe('UNAUTHENTICATED');
    }
  });

  it.each(['', 'date=2026-11-5', 'date=2026-02-30', 'date=yesterday', `date=${'2026-11-18'}&format=xml`, 'date=2026-11-18&extra=1', 'date=2026-11-18&date=2026-11-19'])(
    'answers a bad query (%s) with 400 VALIDATION_FAILED and records no view',
    async (query) => {
      const viewed = (await server.auditRows('report_viewed')).length;
      const response = await report(query);
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
      expect(await server.auditRows('report_viewed')).toHaveLength(viewed);
    },
  );
});

describe('GET /api/audit', () => {
  it('pages the trail newest first, with its total, every action and every member of staff', async () => {
    const created = [];
    for (let i = 0; i < AUDIT_PAGE_SIZE + 3; i++) created.push(await server.createCase(clinician, { reference: `111-AUDIT-${i}` }));
    const filter = `action=case_created&userId=${server.userIds.clinician}`;
    const first = await auditAs(filter);
    expect(first.total).toBeGreaterThanOrEqual(AUDIT_PAGE_SIZE + 3);
    expect(first).toMatchObject({ page: 1, pageSize: AUDIT_PAGE_SIZE });
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    const times = first.entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(first.entries[0]).toMatchObject({
      action: 'case_created',
      actor: { id: server.userIds.clinician, name: 'Nurse Demo', role: 'clinician' },
      caseId: created.at(-1)!.id,
      subject: `case:${created.at(-1)!.id}`,
      reference: '111-AUDIT-52',
    });
    const lastPage = Math.ceil(first.total / AUDIT_PAGE_SIZE);
    const last = await auditAs(`${filter}&page=${lastPage}`);
    expect(last.entries).toHaveLength(first.total - (lastPage - 1) * AUDIT_PAGE_SIZE);
    expect(new Set([...first.entries, ...last.entries].map((e) => e.id)).size).toBe(first.entries.length + last.entries.length);
    expect((await auditAs(`${filter}&page=${lastPage + 1}`)).entries).toEqual([]);

    expect(first.actions).toEqual([...first.actions].sort());
    expect(first.actions).toEqual(expect.arrayContaining(['case_created', 'login', 'report_viewed']));
    expect(new Set(first.actions).size).toBe(first.actions.length);
    expect(first.staff.map((s) => [s.name, s.role])).toEqual(
      expect.arrayContaining([
        ['Nurse Demo', 'clinician'],
        ['Nurse Second', 'clinician'],
        ['Supervisor Demo', 'supervisor'],
        ['Admin Demo', 'admin'],
      ]),
    );
  });

  it("filters by case: who invited and who joined, the parent's entries without a staff name", async () => {
    const joined = await joinedCase(server, clinician, { reference: '111-AUDIT-CASE' });
    const page = await auditAs(`caseId=${joined.caseId}`);
    expect(page.entries.map((e) => e.action).reverse().slice(0, 3)).toEqual(['case_created', 'invite_sent', 'join']);
    expect(page.entries.every((e) => e.caseId === joined.caseId && e.reference === '111-AUDIT-CASE')).toBe(true);
    const join = page.entries.find((e) => e.action === 'join')!;
    expect(join.actor).toEqual({ id: expect.stringMatching(/^parent:/), name: null, role: null });
    expect(page.entries.find((e) => e.action === 'invite_sent')!.actor).toMatchObject({ name: 'Nurse Demo', role: 'clinician' });
  });

  it("filters by user: what they did and what was done to their account (a failed sign-in's actor is nobody's)", async () => {
    const refused = await server.request('POST', '/api/auth/login', { json: { username: 'clinician2', password: `${PASSWORD}!` } });
    expect(refused.status).toBe(401);
    const page = await auditAs(`userId=${server.userIds.clinician2}`);
    expect(page.entries[0]).toMatchObject({ action: 'login_failed', actor: { id: 'anonymous', name: null, role: null }, caseId: null, reference: null });
    expect(page.entries.map((e) => e.action)).toContain('login');
    expect(page.entries.every((e) => e.actor.id === server.userIds.clinician2 || e.subject === `user:${server.userIds.clinician2}`)).toBe(true);
  });

  it('filters by a time range, both ends included', async () => {
    const all = await auditAs(`action=case_created`);
    const [newest, , third] = all.entries;
    const page = await auditAs(`action=case_created&from=${encodeURIComponent(third!.at)}&to=${encodeURIComponent(newest!.at)}`);
    const expected = all.entries.filter((e) => e.at >= third!.at && e.at <= newest!.at).map((e) => e.id);
    expect(page.entries.map((e) => e.id)).toEqual(expected);
    expect(page.total).toBe(expected.length);
    expect(expected.length).toBeGreaterThanOrEqual(3);
  });

  it('records each view with its filters', async () => {
    await auditAs(`action=login&page=2`, admin);
    const viewed = await server.auditRows('audit_viewed');
    expect(viewed.at(-1)).toMatchObject({ actor: `user:${server.userIds.admin}`, subject: null, detail: { action: 'login', page: 2 } });
  });

  it('is read-only: no other method is routed', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await server.request(method, '/api/audit', { cookie: supervisor, json: {} });
      expect(response.status, method).toBe(404);
    }
  });

  it('refuses clinicians with 403 and anyone not signed in with 401', async () => {
    const asClinician = await server.request('GET', '/api/audit', { cookie: clinician });
    expect(asClinician.status).toBe(403);
    expect(errorOf(asClinician).code).toBe('FORBIDDEN');
    expect(errorOf(await server.request('GET', '/api/audit')).code).toBe('UNAUTHENTICATED');
  });

  it.each(['page=0', 'page=two', 'caseId=not-a-case', 'action=Case-Created', 'from=yesterday', 'userId=1&extra=2', `from=2026-11-19T00:00:00Z&to=2026-11-18T00:00:00Z`])(
    'answers a bad query (%s) with 400 VALIDATION_FAILED',
    async (query) => {
      const response = await server.request('GET', `/api/audit?${query}`, { cookie: supervisor });
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    },
  );
});
