import { SIGNAL_MAX_BYTES, type Ack, type CallUpdate, type CallWatch, type Signal } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCluster } from '../src/cluster/index.js';
import { openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { SmsSendError, type SmsSender } from '../src/sms/sender.js';
import { connectSocket, joinedCase, startServer, tokenOf, type TestServer, type TestSocket } from './harness.js';
import { pgBin, startPostgres, type TestPostgres } from './postgres-server.js';
import { redisBin, startRedis, type TestRedis } from './redis-server.js';

/**
 * Metrics and logs of one node among several (issue 13, "Observability"): what a Prometheus
 * scraping this node reads after real joins, signals and sweeps, where it may read it, and the
 * node and request id on the log lines (docs/operations.md, "Metrics").
 */

const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';
const AN_OFFER = { kind: 'description', type: 'offer', sdp: 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n' } as const;

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition (comments skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The one sample of that name whose labels include these; undefined if there is none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

async function scrapeUrl(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Scrapes a /metrics that must answer: its text and samples. */
async function scrapeOk(url: string, headers: Record<string, string> = {}) {
  const answer = await scrapeUrl(url, headers);
  expect(answer.status).toBe(200);
  return { ...answer, samples: parseExposition(answer.text) };
}

function dataOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

describe('metrics on a port of their own (METRICS_PORT)', () => {
  let server: TestServer;
  let metricsUrl: string;
  const sockets: TestSocket[] = [];
  const scrape = () => scrapeOk(metricsUrl);

  beforeAll(async () => {
    server = await startServer({ env: { NODE_ID: 'node-a', METRICS_PORT: '0' }, smsWorker: false });
    const address = await server.app.metricsListener!.listening;
    metricsUrl = `http://127.0.0.1:${address.port}/metrics`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('answers GET /metrics on the metrics port in the Prometheus format, every series labelled with the node', async () => {
    const { contentType, samples } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(samples.length).toBeGreaterThan(20);
    expect(samples.every((s) => s.labels.node === 'node-a')).toBe(true);
    // Node's own metrics come too.
    expect(valueOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(valueOf(samples, 'desk_ready')).toBe(1);
    expect(valueOf(samples, 'desk_db_pool', { state: 'total' })).toBe(1);
  });

  it('answers nothing else on the metrics port, and nothing at /metrics on the public port (no token configured)', async () => {
    expect((await scrapeUrl(metricsUrl.replace('/metrics', '/api/health'))).status).toBe(404);
    expect((await fetch(metricsUrl, { method: 'POST' })).status).toBe(404);
    const publicAnswer = await scrapeUrl(`${server.url}/metrics`);
    expect(publicAnswer).toMatchObject({ status: 404, text: 'Not found' });
    expect((await scrapeUrl(`${server.url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(404);
  });

  it('counts joins by result: ok, LINK_EXPIRED for a used link, VALIDATION_FAILED for a malformed body; no token in any label', async () => {
    const cookie = await server.login('clinician');
    const { invite } = await joinedCase(server, cookie);
    const token = tokenOf(invite.devJoinLink!);
    expect((await server.request('POST', '/api/join', { json: { token } })).status).toBe(410);
    expect((await server.request('POST', '/api/join', { json: { token: 42 } })).status).toBe(400);

    const { text, samples } = await scrape();
    expect(valueOf(samples, 'desk_joins_total', { result: 'ok' })).toBe(1);
    expect(valueOf(samples, 'desk_joins_total', { result: 'LINK_EXPIRED' })).toBe(1);
    expect(valueOf(samples, 'desk_joins_total', { result: 'VALIDATION_FAILED' })).toBe(1);
    expect(valueOf(samples, 'desk_http_requests_total', { method: 'POST', route: '/api/join', status: '200' })).toBe(1);
    expect(valueOf(samples, 'desk_http_requests_total', { method: 'POST', route: '/api/join', status: '410' })).toBe(1);
    expect(text).not.toContain(token);
  });

  it('labels HTTP requests with the route pattern, never the path', async () => {
    const cookie = await server.login('clinician');
    const created = await server.createCase(cookie, { reference: '111-ROUTE' });
    await server.getCase(cookie, created.id);
    expect((await server.request('GET', '/api/no-such-route', { cookie })).status).toBe(404);

    const { text, samples } = await scrape();
    expect(valueOf(samples, 'desk_http_requests_total', { method: 'GET', route: '/api/cases/:caseId', status: '200' })).toBe(1);
    expect(valueOf(samples, 'desk_http_requests_total', { method: 'POST', route: '/api/cases', status: '201' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'desk_http_requests_total', { method: 'GET', route: 'other', status: '404' })).toBe(1);
    expect(text).not.toContain(created.id);
    expect(text).not.toContain('no-such-route');
  });

  it("counts this node's sockets by kind, the desk's open calls by state, and times and sizes each relayed signal", async () => {
    const cookie = await server.login('clinician');
    const { caseId, parentCookie, parentSession } = await joinedCase(server, cookie, { reference: '111-SIGNAL' });
    const clinician = await connectSocket(server, { kind: 'staff', cookie });
    const parent = await connectSocket(server, { kind: 'parent', cookie: parentCookie });
    sockets.push(clinician, parent);
    const watch: CallWatch = dataOf(await clinician.socket.emitWithAck('case:watch', { caseId }));
    const callId = watch.update!.callId;
    const ids = { clinician: watch.self!.participantId, parent: parentSession.participantId };
    dataOf<CallUpdate>(await parent.socket.emitWithAck('call:ready', { callId }));
    dataOf<CallUpdate>(await clinician.socket.emitWithAck('call:admit', { callId, participantId: ids.parent }));
    const signal: Signal = { callId, from: ids.clinician, to: ids.parent, generation: 1_000_001, data: AN_OFFER };
    clinician.socket.emit('signal', signal);
    await parent.waitForSignal();
    clinician.socket.emit('signal', { ...signal, data: { ...AN_OFFER, sdp: 'a'.repeat(SIGNAL_MAX_BYTES + 1) } });
    expect((await clinician.waitForSignalError()).code).toBe('PAYLOAD_TOO_LARGE');

    const { samples } = await scrape();
    expect(valueOf(samples, 'desk_sockets', { kind: 'staff' })).toBe(1);
    expect(valueOf(samples, 'desk_sockets', { kind: 'parent' })).toBe(1);
    expect(valueOf(samples, 'desk_sockets', { kind: 'guest' })).toBe(0);
    expect(valueOf(samples, 'desk_calls', { state: 'admitted' })).toBe(1);
    // The earlier test's call was joined and left waiting for its parent's tap; ended and failed calls are not counted.
    expect(samples.filter((s) => s.name === 'desk_calls').map((s) => s.labels.state)).not.toContain('ended');
    expect(valueOf(samples, 'desk_signal_relay_seconds_count')).toBe(1);
    expect(valueOf(samples, 'desk_signal_relay_seconds_sum')).toBeGreaterThan(0);
    expect(valueOf(samples, 'desk_signal_relay_seconds_sum')).toBeLessThan(1);
    expect(valueOf(samples, 'desk_signal_bytes_count')).toBe(1);
    expect(valueOf(samples, 'desk_signal_bytes_sum')).toBe(Buffer.byteLength(JSON.stringify(AN_OFFER)));
    expect(valueOf(samples, 'desk_signals_refused_total', { code: 'PAYLOAD_TOO_LARGE' })).toBe(1);

    clinician.close();
    parent.close();
    await expect.poll(async () => valueOf((await scrape()).samples, 'desk_sockets', { kind: 'staff' }), { timeout: 10_000 }).toBe(0);
  });

  it("counts the SMS worker's sends by outcome", async () => {
    const before = valueOf((await scrape()).samples, 'desk_sms_total', { status: 'sent' }) ?? 0;
    const result = await server.app.smsWorker.runOnce();
    expect(result.sent).toBeGreaterThan(0);
    expect(valueOf((await scrape()).samples, 'desk_sms_total', { status: 'sent' })).toBe(before + result.sent);
  });
});

describe('metrics on the public port behind METRICS_TOKEN', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({
      env: { NODE_ID: 'node-b', METRICS_TOKEN },
      rateLimits: { joinPerMinute: 1 },
      sweep: false,
      smsWorker: false,
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const scrape = async () => (await scrapeOk(`${server.url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` })).samples;

  it('answers 404 without the token or with a wrong one, 200 with it; no metrics port', async () => {
    expect(server.app.metricsListener).toBeNull();
    expect(await scrapeUrl(`${server.url}/metrics`)).toMatchObject({ status: 404, text: 'Not found' });
    expect((await scrapeUrl(`${server.url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}x` })).status).toBe(404);
    expect((await scrapeUrl(`${server.url}/metrics`, { authorization: METRICS_TOKEN })).status).toBe(404);
    const samples = await scrape();
    // Its own registry: another app in this process (node-a) does not show here.
    expect(samples.every((s) => s.labels.node === 'node-b')).toBe(true);
    expect(valueOf(samples, 'desk_ready')).toBe(1);
  });

  it('counts a rate-limited join as RATE_LIMITED', async () => {
    expect((await server.request('POST', '/api/join', { json: { token: 'x'.repeat(43) } })).status).toBe(410);
    expect((await server.request('POST', '/api/join', { json: { token: 'x'.repeat(43) } })).status).toBe(429);
    const samples = await scrape();
    expect(valueOf(samples, 'desk_joins_total', { result: 'LINK_EXPIRED' })).toBe(1);
    expect(valueOf(samples, 'desk_joins_total', { result: 'RATE_LIMITED' })).toBe(1);
  });

  it('measures how late the sweeper fired a deadline', async () => {
    const cookie = await server.login('clinician');
    const created = await server.createCase(cookie);
    await server.invite(cookie, created.id);
    const LATE_MS = 30_000;
    server.clock.advance(server.deps.config.inviteTtlMs + LATE_MS);
    expect(await server.app.sweeper.runOnce()).toBe(1);
    expect((await server.getCase(cookie, created.id)).call).toMatchObject({ state: 'failed', reason: 'link_expired' });

    const samples = await scrape();
    expect(valueOf(samples, 'desk_sweeps_total', { result: 'ok' })).toBe(1);
    expect(valueOf(samples, 'desk_sweeper_lag_seconds_count')).toBe(1);
    // The link's deadline passed LATE_MS ago (plus the moments the test took).
    expect(valueOf(samples, 'desk_sweeper_lag_seconds_sum')).toBeGreaterThanOrEqual(LATE_MS / 1000);
    expect(valueOf(samples, 'desk_sweeper_lag_seconds_sum')).toBeLessThan(LATE_MS / 1000 + 10);
    expect(valueOf(samples, 'desk_sweeper_lag_seconds_bucket', { le: '60' })).toBe(1);
    expect(valueOf(samples, 'desk_sweeper_lag_seconds_bucket', { le: '10' })).toBe(0);
  });
});

describe('SMS outcomes', () => {
  let server: TestServer;
  const refusals: SmsSendError[] = [new SmsSendError('The provider is busy', false), new SmsSendError('The provider will not text this number', true)];
  const refusing: SmsSender = {
    provider: 'test-refusing',
    async send() {
      throw refusals.shift() ?? new Error('no more refusals planned');
    },
  };

  beforeAll(async () => {
    server = await startServer({ env: { NODE_ID: 'node-sms', METRICS_TOKEN }, sms: refusing, sweep: false, smsWorker: false });
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts an attempt the provider refused for now as retried, and one it refuses for good as failed', async () => {
    const scrape = async () => (await scrapeOk(`${server.url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` })).samples;
    const cookie = await server.login('clinician');
    const created = await server.createCase(cookie);
    await server.invite(cookie, created.id);
    expect(await server.app.smsWorker.runOnce()).toMatchObject({ retrying: 1 });
    expect(valueOf(await scrape(), 'desk_sms_total', { status: 'retried' })).toBe(1);

    server.clock.advance(server.deps.config.sms.retryBaseMs + 1_000);
    expect(await server.app.smsWorker.runOnce()).toMatchObject({ failed: 1 });
    const samples = await scrape();
    expect(valueOf(samples, 'desk_sms_total', { status: 'failed' })).toBe(1);
    expect(valueOf(samples, 'desk_sms_total', { status: 'retried' })).toBe(1);
    expect(valueOf(samples, 'desk_sms_total', { status: 'sent' })).toBeUndefined();
  });
});

describe('logs of one node among several', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: { NODE_ID: 'node-c' }, sweep: false, smsWorker: false });
  });
  afterAll(async () => {
    await server.close();
  });

  type LogLine = { node?: string; msg?: string; req?: { id?: string; url?: string } };
  const logLines = () => server.logs.lines.map((line) => JSON.parse(line) as LogLine);

  it("keeps a sane X-Request-Id from the balancer, echoes it, and logs it with the node on the request's line", async () => {
    const response = await server.request('GET', '/api/ready', { headers: { 'X-Request-Id': 'lb-7f3a-0001' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('lb-7f3a-0001');
    await expect.poll(() => logLines().find((l) => l.req?.id === 'lb-7f3a-0001')).toMatchObject({ node: 'node-c', req: { url: '/api/ready' } });
  });

  it('makes a new id for a request without one or with one that is not plain (too long, odd characters)', async () => {
    for (const given of [undefined, 'a'.repeat(65), 'id with spaces', 'id\u00e9']) {
      const response = await server.request('GET', '/api/ready', { headers: given === undefined ? {} : { 'X-Request-Id': given } });
      const id = response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      await expect.poll(() => logLines().some((l) => l.req?.id === id && l.node === 'node-c')).toBe(true);
    }
  });

  it('puts the node on every line the server writes, request lines or not', async () => {
    const cookie = await server.login('clinician');
    await joinedCase(server, cookie);
    const lines = logLines();
    expect(lines.some((l) => !l.req)).toBe(true);
    expect(lines.filter((l) => l.node !== 'node-c')).toEqual([]);
  });
});

// Skipped only where Debian's postgresql package is missing (no initdb to start a server of our own); .ci/run installs it.
describe.skipIf(!pgBin)('metrics on Postgres — skipped without the postgresql package', () => {
  let postgres: TestPostgres;
  let server: TestServer;
  let metricsUrl: string;
  const scrape = async () => (await scrapeOk(metricsUrl)).samples;

  beforeAll(async () => {
    postgres = await startPostgres();
    const database = await openDatabase({ databaseUrl: postgres.url, dataDir: 'memory://' });
    server = await startServer({ database, env: { NODE_ID: 'node-pg', METRICS_PORT: '0' }, sweep: false, smsWorker: false });
    metricsUrl = `http://127.0.0.1:${(await server.app.metricsListener!.listening).port}/metrics`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    postgres?.remove();
  });

  it("reports the pool's connections, the open calls from one grouped query, and a late deadline's lag", async () => {
    const cookie = await server.login('clinician');
    const created = await server.createCase(cookie);
    await server.invite(cookie, created.id);
    let samples = await scrape();
    expect(valueOf(samples, 'desk_db_pool', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'desk_db_pool', { state: 'idle' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'desk_db_pool', { state: 'waiting' })).toBe(0);
    expect(valueOf(samples, 'desk_calls', { state: 'invited' })).toBe(1);

    server.clock.advance(server.deps.config.inviteTtlMs + 5_000);
    expect(await server.app.sweeper.runOnce()).toBe(1);
    samples = await scrape();
    expect(valueOf(samples, 'desk_sweeper_lag_seconds_count')).toBe(1);
    expect(valueOf(samples, 'desk_sweeper_lag_seconds_sum')).toBeGreaterThanOrEqual(5);
    expect(valueOf(samples, 'desk_calls', { state: 'invited' })).toBe(0);
  });

  it('still answers a scrape while the database is down: not ready, no call figures, the failure counted', async () => {
    postgres.stop('immediate');
    try {
      const samples = await scrape();
      expect(valueOf(samples, 'desk_ready')).toBe(0);
      expect(samples.filter((s) => s.name === 'desk_calls')).toEqual([]);
      expect(valueOf(samples, 'desk_scrape_failures_total', { source: 'calls' })).toBe(1);
      expect(valueOf(samples, 'desk_sockets', { kind: 'staff' })).toBe(0);
      await server.app.sweeper.runOnce();
      expect(valueOf(await scrape(), 'desk_sweeps_total', { result: 'failed' })).toBe(1);
    } finally {
      postgres.start();
    }
    await expect.poll(async () => valueOf(await scrape(), 'desk_ready'), { timeout: 20_000, interval: 500 }).toBe(1);
  });
});

// Skipped only where Debian's postgresql or redis-server package is missing; .ci/run installs both.
describe.skipIf(!pgBin || !redisBin)('metrics of two nodes on one Postgres and one Redis — skipped without the postgresql or redis-server package', () => {
  let postgres: TestPostgres;
  let redis: TestRedis;
  const servers: TestServer[] = [];
  const sockets: TestSocket[] = [];
  const scrapeOf = async (server: TestServer) => (await scrapeOk(`${server.url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` })).samples;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    const databases = await Promise.all([1, 2].map(() => openDatabase({ databaseUrl: postgres.url, dataDir: 'memory://' })));
    for (const [i, database] of databases.entries()) {
      const nodeId = `node-${i + 1}`;
      const cluster = await openCluster({ redisUrl: redis.url, nodeId, logger: createLogger('silent') });
      servers.push(await startServer({ database, cluster, env: { NODE_ID: nodeId, METRICS_TOKEN }, sweep: false, smsWorker: false }));
    }
  }, 120_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.allSettled(servers.map((server) => server.close()));
    await redis?.remove();
    postgres?.remove();
  });

  it("counts each node's own sockets and relays, and the same desk-wide calls on both, each under its node's name", async () => {
    const [one, two] = servers as [TestServer, TestServer];
    const cookie = await one.login('clinician');
    const created = await one.createCase(cookie);
    const invite = await one.invite(cookie, created.id);
    const joined = await two.join(tokenOf(invite.devJoinLink!));
    const clinician = await connectSocket(one, { kind: 'staff', cookie });
    const parent = await connectSocket(two, { kind: 'parent', cookie: joined.cookie });
    sockets.push(clinician, parent);
    const watch: CallWatch = dataOf(await clinician.socket.emitWithAck('case:watch', { caseId: created.id }));
    const { callId, participantId } = joined.session;
    dataOf<CallUpdate>(await parent.socket.emitWithAck('call:ready', { callId }));
    dataOf<CallUpdate>(await clinician.socket.emitWithAck('call:admit', { callId, participantId }));
    clinician.socket.emit('signal', { callId, from: watch.self!.participantId, to: participantId, generation: 1, data: AN_OFFER });
    await parent.waitForSignal();

    const [first, second] = await Promise.all([scrapeOf(one), scrapeOf(two)]);
    expect(first.every((s) => s.labels.node === 'node-1')).toBe(true);
    expect(second.every((s) => s.labels.node === 'node-2')).toBe(true);
    expect([valueOf(first, 'desk_sockets', { kind: 'staff' }), valueOf(first, 'desk_sockets', { kind: 'parent' })]).toEqual([1, 0]);
    expect([valueOf(second, 'desk_sockets', { kind: 'staff' }), valueOf(second, 'desk_sockets', { kind: 'parent' })]).toEqual([0, 1]);
    // The sender's node relayed it; the addressee's only delivered it.
    expect(valueOf(first, 'desk_signal_relay_seconds_count')).toBe(1);
    expect(valueOf(second, 'desk_signal_relay_seconds_count')).toBe(0);
    expect(valueOf(first, 'desk_calls', { state: 'admitted' })).toBe(1);
    expect(valueOf(second, 'desk_calls', { state: 'admitted' })).toBe(1);
    expect(valueOf(first, 'desk_joins_total', { result: 'ok' })).toBeUndefined();
    expect(valueOf(second, 'desk_joins_total', { result: 'ok' })).toBe(1);
  });

  it('reports not ready while Redis is away, and ready again once it is back', async () => {
    const [one] = servers as [TestServer];
    expect(valueOf(await scrapeOf(one), 'desk_ready')).toBe(1);
    await redis.kill();
    try {
      expect(valueOf(await scrapeOf(one), 'desk_ready')).toBe(0);
    } finally {
      await redis.start();
    }
    await expect.poll(async () => valueOf(await scrapeOf(one), 'desk_ready'), { timeout: 15_000, interval: 500 }).toBe(1);
  });
});
