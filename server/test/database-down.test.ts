import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { A_CASE, capturedLogger, connectError, connectSocket, errorOf, startServer, type JsonResponse, type TestServer } from './harness.js';
import { pgBin, startPostgres, type TestPostgres } from './postgres-server.js';

/**
 * The database goes away under a running server and comes back (docs/operations.md, "Database
 * down"): a real Postgres stopped with `pg_ctl stop -m immediate` (a crash, not a clean shutdown) and
 * started again on the same port, the server never restarted.
 */

/** Longer than any bound the server sets (connect 5 s, ready 2 s): an answer slower than this is a hang. */
const ANSWER_WITHIN_MS = 8_000;

async function timed(run: () => Promise<JsonResponse>): Promise<JsonResponse & { ms: number }> {
  const started = Date.now();
  const response = await run();
  return { ...response, ms: Date.now() - started };
}

async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A TCP hop between the server and Postgres that can go silent: a network that stops carrying
 * packets without closing anything (no RST, no FIN), the case a timeout must catch.
 */
async function silenceableHop(targetPort: number): Promise<{ port: number; silence(): void; restore(): void; close(): Promise<void> }> {
  let silent = false;
  const links: { client: Socket; upstream: Socket | null }[] = [];
  const carry = (link: (typeof links)[number]) => {
    link.upstream ??= connect(targetPort, '127.0.0.1');
    link.upstream.on('error', () => link.client.destroy());
    link.client.pipe(link.upstream);
    link.upstream.pipe(link.client);
    link.client.resume();
    link.upstream.resume();
  };
  const server: Server = createServer((client) => {
    const link: (typeof links)[number] = { client, upstream: null };
    links.push(link);
    client.on('error', () => link.upstream?.destroy());
    client.on('close', () => link.upstream?.destroy());
    if (silent) client.pause();
    else carry(link);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    silence() {
      silent = true;
      for (const link of links) {
        link.client.unpipe();
        link.upstream?.unpipe();
        link.client.pause();
        link.upstream?.pause();
      }
    },
    restore() {
      silent = false;
      for (const link of links) if (!link.client.destroyed) carry(link);
    },
    async close() {
      for (const link of links) {
        link.client.destroy();
        link.upstream?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Skipped only where Debian's postgresql package is missing (no initdb to start a server of our own); .ci/run installs it.
describe.skipIf(!pgBin)('when the database goes down and comes back — skipped without the postgresql package', () => {
  let postgres: TestPostgres;
  let server: TestServer;
  const log = capturedLogger();

  beforeAll(async () => {
    postgres = await startPostgres();
    const database = await openDatabase({ databaseUrl: postgres.url, dataDir: 'memory://', logger: log.logger });
    server = await startServer({ database, logs: log });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    postgres?.remove();
  });

  it('answers 503 with a code while it is down (health stays 200, ready says NOT_READY), and recovers on its own', async () => {
    const clinician = await server.login('clinician');
    const created = await server.createCase(clinician);
    const socket = await connectSocket(server, { kind: 'staff', cookie: clinician });
    try {
      expect(await socket.emitRaw('cases:watch', {})).toMatchObject({ ok: true });

      postgres.stop('immediate');

      const health = await timed(() => server.request('GET', '/api/health'));
      expect(health.status).toBe(200);
      const ready = await timed(() => server.request('GET', '/api/ready'));
      expect(ready.status).toBe(503);
      expect(errorOf(ready).code).toBe('NOT_READY');
      expect(ready.ms).toBeLessThan(ANSWER_WITHIN_MS);

      // More requests at once than the pool has connections: none may queue behind a dead one for ever.
      const needDatabase = [
        ...Array.from({ length: 12 }, () => () => server.request('GET', `/api/cases/${created.id}`, { cookie: clinician })),
        () => server.request('POST', '/api/cases', { cookie: clinician, json: A_CASE }),
        () => server.request('POST', '/api/auth/login', { json: { username: 'clinician', password: 'wrong' } }),
        () => server.request('GET', '/api/cases', { cookie: clinician }),
      ];
      const answers = await Promise.all(needDatabase.map((run) => timed(run)));
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(errorOf(answer).code).toBe('DATABASE_UNAVAILABLE');
        expect(answer.headers.get('retry-after')).toBe('5');
        expect(answer.ms).toBeLessThan(ANSWER_WITHIN_MS);
      }

      // Sockets answer with the same code: an open one's events that read the database (the case list's cached snapshot may still answer), and a new one's handshake.
      expect(await socket.emitRaw('case:watch', { caseId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'DATABASE_UNAVAILABLE' } });
      expect((await connectError(server, { kind: 'staff', cookie: clinician })).data).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      // Being unable to check sessions signs nobody out.
      expect(socket.socket.connected).toBe(true);

      postgres.start();

      // No restart of the server: the pool opens new connections by itself.
      await until('ready again', () => server.request('GET', '/api/ready'), (r) => r.status === 200);
      expect((await server.request('GET', `/api/cases/${created.id}`, { cookie: clinician })).status).toBe(200);
      expect((await server.request('POST', '/api/cases', { cookie: clinician, json: A_CASE })).status).toBe(201);
      await server.login('clinician');
      expect(await socket.emitRaw('cases:watch', {})).toMatchObject({ ok: true });
      const again = await connectSocket(server, { kind: 'staff', cookie: clinician });
      again.close();
    } finally {
      socket.close();
    }
    // Every failure was a coded 503: nothing fell through to the 500 path.
    const lines = log.lines.map((line) => JSON.parse(line) as { msg: string });
    expect(lines.filter((line) => line.msg === 'unhandled error' || line.msg === 'socket handler failed' || line.msg === 'socket auth failed')).toEqual([]);
    expect(lines.some((line) => line.msg === 'database unavailable')).toBe(true);
  }, 120_000);

  it('answers 503 within its timeouts when the network to the database goes silent, and recovers when it carries again', async () => {
    const hop = await silenceableHop(postgres.port);
    // Short bounds, so the test waits seconds, not the production 5 s / 15 s (docs/operations.md).
    const limits = { connectTimeoutMs: 1_000, queryTimeoutMs: 2_000, statementTimeoutMs: 1_500 };
    const database = await openDatabase({ databaseUrl: `postgres://desk@127.0.0.1:${hop.port}/postgres`, dataDir: 'memory://', limits });
    const quiet = await startServer({ database });
    try {
      const clinician = await quiet.login('clinician');
      const created = await quiet.createCase(clinician);

      hop.silence();

      const ready = await timed(() => quiet.request('GET', '/api/ready'));
      expect(ready.status).toBe(503);
      expect(errorOf(ready).code).toBe('NOT_READY');
      expect(ready.ms).toBeLessThan(ANSWER_WITHIN_MS);
      // Connections already open (stuck mid-answer) and new ones (no answer to the handshake) alike.
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => timed(() => quiet.request('GET', `/api/cases/${created.id}`, { cookie: clinician }))),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(errorOf(answer).code).toBe('DATABASE_UNAVAILABLE');
        expect(answer.ms).toBeLessThan(ANSWER_WITHIN_MS);
      }

      hop.restore();

      await until('ready again', () => quiet.request('GET', '/api/ready'), (r) => r.status === 200);
      await until('the case again', () => quiet.request('GET', `/api/cases/${created.id}`, { cookie: clinician }), (r) => r.status === 200);
      expect((await quiet.request('POST', '/api/cases', { cookie: clinician, json: A_CASE })).status).toBe(201);
    } finally {
      await quiet.close();
      await hop.close();
    }
    expect(quiet.logs.lines.filter((line) => (JSON.parse(line) as { msg: string }).msg === 'unhandled error')).toEqual([]);
  }, 120_000);
});
