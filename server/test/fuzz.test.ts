import { Agent, request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { clientToServer, ERROR_STATUS, SIGNAL_MAX_BYTES, type ErrorCode } from '@desk/shared';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema.js';
import { connectSocket, joinedCase, newIdempotencyKey, startServer, type TestServer, type TestSocket } from './harness.js';

/**
 * Fuzz (issue 8): over 10,000 malformed, oversized, wrong-typed, control-character, prototype-key
 * and badly encoded inputs across every REST route (from the router's own registry), its path
 * parameters and every socket event. The server stays up; every answer is a 4xx with a JSON error
 * code (never a 500, never HTML); the database is as it was, apart from audit rows of the actions
 * listed below. Inputs come from fast-check with a fixed seed (FUZZ_SEED=n to explore another).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
/** Audit rows a refused input may leave: a sign-in or a link that failed is worth recording. */
const AUDITED_REFUSALS = new Set(['login_failed', 'join_refused']);

let server: TestServer;
let cookies: { clinician: string; supervisor: string; admin: string; parent: string };
let world: { caseId: string; decisionId: string; callId: string };

// ---------------------------------------------------------------------------------------------
// Inputs

type HttpInput = { method: string; path: string; headers: Record<string, string>; body?: Buffer; why: string };

const CONTROLS = ['\u0000', '\u0001', '\u0008', '\u001b', '\u007f'];
const withBad = (bad: string[]) =>
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...bad), fc.string({ maxLength: 20 })).map(([a, ch, b]) => `${a}${ch}${b}`);
/** A string holding something the input rule refuses: C0 controls, DEL, a lone surrogate. */
const unsafeText = withBad([...CONTROLS, '\ud800', '\udfff']);
/** The same for a URL: a lone surrogate cannot be percent-encoded (its bytes decode to U+FFFD, which is fine text). */
const unsafeUrlText = withBad(CONTROLS);

/** JSON text with a prototype key, an unsafe string or nesting past the limit, somewhere inside an otherwise plausible body. */
const unsafeJson = fc.oneof(
  fc.record({ field: fc.constantFrom('childFirstName', 'notes', 'username', 'token', 'reason', 'name', 'x'), text: unsafeText }).map(({ field, text }) => JSON.stringify({ [field]: text })),
  fc.constantFrom('__proto__', 'constructor', 'prototype').chain((key) =>
    fc.jsonValue({ maxDepth: 2 }).map((inner) => `{"ok":1,"${key}":${JSON.stringify(inner ?? null)}}`),
  ),
  fc.integer({ min: 17, max: 60 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: 17, max: 60 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  unsafeText.map((text) => JSON.stringify([{ notes: text }])),
);

function decodes(encoding: string, bytes: Buffer): boolean {
  try {
    if (encoding === 'gzip') gunzipSync(bytes);
    else if (encoding === 'deflate') inflateSync(bytes);
    else brotliDecompressSync(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bodies that cannot be read as JSON at all. */
const unreadableBody = fc.oneof(
  fc.constantFrom('{', '{"a":', 'nul', '[1,]', "{'a':1}", '\u0000', '{"a":1}}', 'undefined', '{"a":NaN}').map((text) => ({ body: Buffer.from(text), headers: {} })),
  // Invalid UTF-8 inside a JSON string.
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => ({
    body: Buffer.concat([Buffer.from('{"notes":"'), Buffer.from([0xff, 0xfe, ...bytes]), Buffer.from('"}')]),
    headers: {},
  })),
  fc.constantFrom('zip', 'x-gzip-not', 'compress', 'identity, zip').map((encoding) => ({ body: Buffer.from('{"a":1}'), headers: { 'content-encoding': encoding } })),
  // Corrupt compressed bodies. Random bytes are now and then a valid stream (brotli especially: 3 bytes
  // can decode to nothing, which is an empty body, not a corrupt one), so only bytes that fail to decode count.
  fc.constantFrom('gzip', 'deflate', 'br').chain((encoding) =>
    fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .filter((bytes) => !decodes(encoding, Buffer.from(bytes)))
      .map((bytes) => ({ body: Buffer.from(bytes), headers: { 'content-encoding': encoding } })),
  ),
  // A valid gzip of something that is not JSON.
  fc.string({ minLength: 1, maxLength: 30 }).filter((text) => !isJson(text)).map((text) => ({ body: gzipSync(text), headers: { 'content-encoding': 'gzip' } })),
  fc.constantFrom('utf-7', 'ebcdic', 'x-unknown').map((charset) => ({ body: Buffer.from('{"a":1}'), headers: { 'content-type': `application/json; charset=${charset}` } })),
);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Mutations that are not JSON: what a form post from another site would look like. */
const notJson = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html');

/** Percent-encodes anything, a lone surrogate included (as the bytes a broken client would send). */
function encodeLoose(text: string): string {
  return [...text].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
}

/** Path segments that are not the id (or name) the route expects. */
const badSegment = fc.oneof(
  fc.constantFrom('-'.repeat(36), '00000000-0000-0000-0000-00000000000g', '%00', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', '__proto__', 'constructor', '%ff%fe', 'a'.repeat(2_000), 'null', '1%20OR%201%3D1', "'", '%20'),
  fc.string({ minLength: 1, maxLength: 50 }).map(encodeLoose),
  fc.uuid().map((uuid) => `${uuid}x`),
  unsafeUrlText.map(encodeLoose),
  fc.constant('%ED%A0%80'),
);

/** Query strings the input rule refuses. */
const badQuery = fc.oneof(
  unsafeUrlText.map((text) => `q=${encodeLoose(text)}`),
  unsafeUrlText.map((text) => `${encodeLoose(text)}=1`),
  fc.constantFrom('__proto__=1', 'constructor=x', 'prototype=1&a=2'),
);

/** Bodies of the wrong shape for a route that reads one (never `{}` or nothing: an invite reads those as "invite the parent"). */
const wrongTyped = fc
  .oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom('username', 'password', 'token', 'endpoint', 'childFirstName', 'disposition', 'notes', 'role', 'name', 'phone', 'reference'), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1 }),
    fc.array(fc.anything({ maxDepth: 1, withNullPrototype: false, withMap: false, withSet: false, withBigInt: false, withDate: false, withTypedArray: false, withSparseArray: false })),
  )
  .filter((value) => !(value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0));

/** Routes whose handlers read a body: the wrong-typed inputs go there (elsewhere a JSON body is ignored, as it should be). */
const BODY_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/cases',
  'POST /api/cases/:caseId/invites',
  'POST /api/cases/:caseId/decisions',
  'POST /api/cases/:caseId/decisions/preview',
  'PUT /api/cases/:caseId/decisions/drafts/:kind',
  'POST /api/cases/:caseId/decisions/:decisionId/amendments',
  'POST /api/cases/:caseId/assignment',
  'POST /api/cases/:caseId/take-parent',
  'POST /api/cases/:caseId/safeguarding',
  'PUT /api/me/availability',
  'POST /api/join/preview',
  'POST /api/join',
  'POST /api/join/leaving',
  'POST /api/advice/recap',
  'POST /api/sms/notify-callback',
]);

/** Each route with its real parameters (so a malformed part is the only thing wrong), and who calls it. */
function concrete(route: string, replace?: { param: string; value: string }): { method: string; path: string; cookie: string } {
  const [routeMethod, pattern] = route.split(' ') as [string, string];
  const values: Record<string, string> = { caseId: world.caseId, decisionId: world.decisionId, kind: 'sign', topic: 'fever', userId: randomUUID(), callId: world.callId };
  const path = pattern.replace(/:(\w+)/g, (_m, name: string) => (replace?.param === name ? replace.value : (values[name] ?? 'x')));
  const cookie = pattern.startsWith('/api/join')
    ? cookies.parent
    : pattern.startsWith('/api/supervisor') || pattern.startsWith('/api/staff') || pattern.startsWith('/api/reports') || pattern.startsWith('/api/audit') || /\/(assignment|take-parent)$/.test(pattern)
      ? cookies.supervisor
      : pattern.startsWith('/api/admin')
        ? cookies.admin
        : cookies.clinician;
  return { method: routeMethod === 'ALL' ? 'PATCH' : routeMethod, path, cookie };
}

function httpInputs(route: string, runs: number, seed: number): HttpInput[] {
  const params = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const mutation = !route.startsWith('GET ');
  const json = (text: string) => ({ body: Buffer.from(text), headers: { 'content-type': 'application/json' } });
  const kinds: fc.Arbitrary<HttpInput>[] = [
    unsafeJson.map((text) => ({ ...base(route), ...json(text), why: 'unsafe JSON body' })),
    badQuery.map((query) => {
      const input = base(route);
      return { ...input, path: `${input.path}?${query}`, why: 'unsafe query string' };
    }),
    unreadableBody.map(({ body, headers }) => ({ ...base(route), body, headers: { 'content-type': 'application/json', ...headers }, why: 'unreadable body' })),
  ];
  if (params.length) {
    kinds.push(
      fc.record({ param: fc.constantFrom(...params), value: badSegment }).map((replace) => ({ ...base(route, replace), why: `bad :${replace.param}` })),
    );
  }
  if (mutation) {
    kinds.push(notJson.map((type) => ({ ...base(route), body: Buffer.from('a=1'), headers: { 'content-type': type }, why: 'not JSON' })));
    kinds.push(fc.webUrl().filter((url) => !url.startsWith(server.url)).map((url) => ({ ...base(route), headers: { origin: new URL(url).origin }, why: 'cross-site origin' })));
  }
  if (BODY_ROUTES.has(route)) {
    kinds.push(wrongTyped.map((value) => ({ ...base(route), ...json(JSON.stringify(value) ?? 'null'), why: 'wrong-typed body' })));
    kinds.push(wrongTyped.map((value) => ({ ...base(route), ...json(JSON.stringify(value) ?? 'null'), why: 'wrong-typed body' })));
  }
  return fc.sample(fc.oneof(...kinds), { numRuns: runs, seed });
}

function base(route: string, replace?: { param: string; value: string }): HttpInput {
  const { method, path, cookie } = concrete(route, replace);
  const headers: Record<string, string> = { cookie };
  // The decision routes need a key: without one the answer would be a 400 for the wrong reason.
  if (/decisions(\/[^/]+\/amendments)?$/.test(path) && method === 'POST') headers['idempotency-key'] = newIdempotencyKey();
  return { method, path, headers, why: '' };
}

// ---------------------------------------------------------------------------------------------
// Sending

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

function send(input: HttpInput): Promise<{ status: number; type: string; body: string }> {
  const target = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: input.method,
        path: input.path,
        agent,
        headers: { ...input.headers, ...(input.body ? { 'content-length': String(input.body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(input.body);
  });
}

/** What is wrong with an answer, or null for a coded 4xx. */
function fault(answer: { status: number; type: string; body: string }): string | null {
  if (answer.status < 400 || answer.status >= 500) return `status ${answer.status}`;
  if (!answer.type.includes('application/json')) return `${answer.type || 'no content type'}: ${answer.body.slice(0, 80)}`;
  const code = (JSON.parse(answer.body) as { error?: { code?: ErrorCode } }).error?.code;
  if (!code || !(code in ERROR_STATUS)) return `no error code in ${answer.body.slice(0, 80)}`;
  if (ERROR_STATUS[code] !== answer.status) return `${code} with status ${answer.status}`;
  return null;
}

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The database, before and after

async function dump(): Promise<Record<string, string[]>> {
  const tables = Object.entries(schema).filter(([, value]) => is(value, PgTable)) as [string, typeof schema.users][];
  const out: Record<string, string[]> = {};
  for (const [name, table] of tables) {
    const rows = (await server.deps.db.select().from(table)) as Record<string, unknown>[];
    out[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

let counted = 0;
let before: Record<string, string[]>;
let staffPage: TestSocket;
let parentPage: TestSocket;

beforeAll(async () => {
  // No session recheck while fuzzing: it would record the open pages' call as activity, a write the dump would (rightly) show.
  server = await startServer({ sessionRecheckMs: 60 * 60_000 });
  const [clinician, supervisor, admin] = await Promise.all([server.login('clinician'), server.login('supervisor'), server.login('admin')]);
  const joined = await joinedCase(server, clinician);
  const signed = await server.request('POST', `/api/cases/${joined.caseId}/decisions`, {
    cookie: clinician,
    json: { disposition: 'self_care', notes: 'Well child on video. Safety-netting given.' },
    headers: { 'Idempotency-Key': newIdempotencyKey() },
  });
  expect(signed.status).toBe(201);
  world = { caseId: joined.caseId, decisionId: (signed.body as { id: string }).id, callId: joined.parentSession.callId };
  cookies = { clinician, supervisor, admin, parent: joined.parentCookie };
  // The pages the socket fuzz uses are open (the clinician's holding the call, the parent's waiting) before the "before".
  staffPage = await connectSocket(server, { kind: 'staff', cookie: cookies.clinician });
  parentPage = await connectSocket(server, { kind: 'parent', cookie: cookies.parent });
  await staffPage.emitRaw('case:watch', { caseId: world.caseId });
  await parentPage.emitRaw('call:ready', { callId: world.callId });
  before = await dump();
}, 60_000);

afterAll(async () => {
  staffPage?.close();
  parentPage?.close();
  agent.destroy();
  await server?.close();
});

describe('fuzz: REST', () => {
  it('answers every malformed request to every route with a coded 4xx, and changes nothing', async () => {
    // The load balancer's probes read nothing and answer whatever is sent (docs/operations.md).
    const probes = ['GET /api/health', 'GET /api/ready'];
    const routes = [...new Set(server.app.routes().map((r) => `${r.method} ${r.path}`))].filter((route) => !probes.includes(route));
    expect([...BODY_ROUTES].filter((route) => !routes.includes(route) && route !== 'POST /api/sms/notify-callback')).toEqual([]);
    const inputs = routes.flatMap((route, i) => httpInputs(route, BODY_ROUTES.has(route) ? 330 : 230, SEED + i));
    // A few bodies past the 100 kB limit (each is large: a handful is enough).
    for (const route of routes.filter((r) => !r.startsWith('GET ')).slice(0, 10)) {
      inputs.push({ ...base(route), body: Buffer.from(JSON.stringify({ notes: 'x'.repeat(150_000) })), headers: { ...base(route).headers, 'content-type': 'application/json' }, why: 'oversized body' });
    }
    const faults: string[] = [];
    await inPool(inputs, 8, async (input) => {
      const answer = await send(input);
      const problem = fault(answer);
      if (problem && faults.length < 60) faults.push(`${input.method} ${input.path.slice(0, 120)} (${input.why}; ${JSON.stringify({ ...input.headers, cookie: undefined })} ${input.body?.subarray(0, 40).toString('hex') ?? ''}): ${problem}`);
    });
    counted += inputs.length;
    expect(faults).toEqual([]);
    expect((await server.request('GET', '/api/health')).status).toBe(200);
  }, 300_000);
});

describe('fuzz: socket events', () => {
  /** Payloads each event's own schema refuses: so every answer must be a refusal. */
  const payloads = (event: keyof typeof clientToServer, runs: number, seed: number) =>
    fc.sample(
      fc
        .oneof(
          fc.anything({ maxDepth: 3, withBigInt: false, withTypedArray: false, withMap: false, withSet: false, withDate: false }),
          fc.record({ callId: fc.oneof(fc.constant(world.callId), badSegment), caseId: fc.oneof(fc.constant(world.caseId), badSegment), participantId: fc.oneof(fc.uuid(), fc.string()), reason: fc.string() }, { requiredKeys: [] }),
          unsafeJson.map((text) => JSON.parse(text) as unknown),
          fc.constant({ callId: world.callId, peers: { [randomUUID()]: 'x'.repeat(SIGNAL_MAX_BYTES + 2_048) } }),
        )
        .filter((payload) => !clientToServer[event].safeParse(payload).success),
      { numRuns: runs, seed },
    );

  it('refuses every malformed payload of every event with a coded acknowledgement', async () => {
    const faults: string[] = [];
    const events = Object.keys(clientToServer) as (keyof typeof clientToServer)[];
    let sent = 0;
    for (const [i, event] of events.entries()) {
      const inputs = payloads(event, 200, SEED + 100 + i);
      for (const [j, payload] of inputs.entries()) {
        const page = j % 2 ? staffPage : parentPage;
        // Now and then the wrong number of arguments: no payload, or two.
        const args = j % 17 === 0 ? [] : j % 19 === 0 ? [payload, payload] : [payload];
        const ack = (await (page.socket as unknown as { timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> } })
          .timeout(10_000)
          .emitWithAck(event, ...args)) as { ok?: boolean; error?: { code?: string } };
        sent += 1;
        const code = ack?.error?.code;
        if (ack?.ok !== false || !code || !(code in ERROR_STATUS) || ERROR_STATUS[code as ErrorCode] >= 500) {
          if (faults.length < 20) faults.push(`${event} ${JSON.stringify(payload)?.slice(0, 100)}: ${JSON.stringify(ack).slice(0, 120)}`);
        }
      }
    }
    // Events the protocol does not have are answered too, rather than left hanging.
    for (const name of fc.sample(fc.string({ minLength: 1, maxLength: 30 }).filter((n) => !(n in clientToServer) && !['signal', 'connect', 'disconnect', 'connect_error', 'disconnecting', 'newListener', 'removeListener'].includes(n)), { numRuns: 150, seed: SEED + 200 })) {
      const ack = (await (staffPage.socket as unknown as { timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> } })
        .timeout(10_000)
        .emitWithAck(name, {})) as { ok?: boolean; error?: { code?: string } };
      sent += 1;
      if (ack?.ok !== false || ack.error?.code !== 'VALIDATION_FAILED') faults.push(`unknown event ${JSON.stringify(name)}: ${JSON.stringify(ack)}`);
    }
    counted += sent;
    expect(faults).toEqual([]);
  }, 300_000);

  it('refuses every malformed signal with a coded signal:error, and the connection stays', async () => {
    const inputs = fc.sample(
      fc.oneof(
        fc.anything({ maxDepth: 3, withBigInt: false, withTypedArray: false, withMap: false, withSet: false, withDate: false }),
        fc.record({ callId: fc.oneof(fc.constant(world.callId), badSegment), from: fc.uuid(), to: fc.uuid(), generation: fc.oneof(fc.integer(), fc.double()), data: fc.anything({ maxDepth: 2 }) }, { requiredKeys: [] }),
        unsafeJson.map((text) => JSON.parse(text) as unknown),
      ),
      { numRuns: 300, seed: SEED + 300 },
    );
    const from = staffPage.signalErrors.length;
    const raw = staffPage.socket as unknown as { emit(event: string, payload: unknown): void };
    for (const payload of inputs) raw.emit('signal', payload);
    counted += inputs.length;
    // Every one is answered, in order, before the ping that follows them.
    await expect.poll(() => staffPage.signalErrors.length - from, { timeout: 30_000 }).toBe(inputs.length);
    const codes = new Set(staffPage.signalErrors.slice(from).map((e) => e.code));
    expect([...codes].filter((code) => !(code in ERROR_STATUS) || ERROR_STATUS[code] >= 500)).toEqual([]);
    expect(await staffPage.emitRaw('ping', {})).toEqual({ ok: true, data: null });
  }, 120_000);
});

describe('fuzz: afterwards', () => {
  it('sent at least 10,000 inputs', () => {
    expect(counted).toBeGreaterThanOrEqual(10_000);
  });

  it('left the database as it was, apart from audit rows of refused sign-ins and links', async () => {
    const after = await dump();
    const { audit: auditBefore, ...restBefore } = before;
    const { audit: auditAfter, ...restAfter } = after;
    const changed = Object.keys(restAfter).filter((table) => JSON.stringify(restAfter[table]) !== JSON.stringify(restBefore[table]));
    expect(changed.map((table) => ({ table, before: restBefore[table], after: restAfter[table] }))).toEqual([]);
    const added = auditAfter!.filter((row) => !auditBefore!.includes(row)).map((row) => (JSON.parse(row) as { action: string }).action);
    expect(auditAfter!.filter((row) => auditBefore!.includes(row))).toEqual(auditBefore);
    expect([...new Set(added)].filter((action) => !AUDITED_REFUSALS.has(action))).toEqual([]);
  });
});
