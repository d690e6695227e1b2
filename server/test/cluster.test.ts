import type { Ack } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCluster, type Cluster } from '../src/cluster/index.js';
import { openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { watchFeed } from './feeds.js';
import { connectSocket, errorOf, inState, participantIn, testClock, tokenOf, startServer, type TestServer, type TestSocket } from './harness.js';
import { pgBin, startPostgres, type TestPostgres } from './postgres-server.js';
import { redisBin, startRedis, type TestRedis } from './redis-server.js';
import { DEMO_PASSWORD, spawnServer, type ServerProcess } from './server-process.js';

/**
 * Several nodes (issue 13): two servers on one Postgres and one Redis, as a load balancer would
 * spread a desk over them. Whatever node a person's page reached, a signal, a call's state, a board
 * delta and a sign-out reach the pages on the other; one deadline fires once; a rate limit counts
 * every node's requests; and a node that dies without a word does not leave its people "present".
 */

function dataOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

const silent = createLogger('silent');

async function nodes(count: number, redis: TestRedis, postgres: TestPostgres, overrides: Parameters<typeof startServer>[0] = {}): Promise<TestServer[]> {
  // Opened together, as a deploy starts its nodes: the migration lock keeps them from racing.
  const databases = await Promise.all(Array.from({ length: count }, () => openDatabase({ databaseUrl: postgres.url, dataDir: 'memory://' })));
  const servers: TestServer[] = [];
  for (const [i, database] of databases.entries()) {
    const cluster: Cluster = await openCluster({ redisUrl: redis.url, nodeId: `node-${i + 1}`, logger: silent });
    servers.push(await startServer({ ...overrides, database, cluster, env: { NODE_ID: `node-${i + 1}`, ...overrides.env } }));
  }
  return servers;
}

/** A case whose parent joined by link on `parentNode`, the clinician's page on `deskNode` watching it, the parent admitted and in media. */
async function callAcross(deskNode: TestServer, parentNode: TestServer, sockets: TestSocket[]) {
  const cookie = await deskNode.login('clinician');
  const created = await deskNode.createCase(cookie);
  const invite = await deskNode.invite(cookie, created.id);
  const joined = await parentNode.join(tokenOf(invite.devJoinLink!));
  const clinician = await connectSocket(deskNode, { kind: 'staff', cookie });
  const parent = await connectSocket(parentNode, { kind: 'parent', cookie: joined.cookie });
  sockets.push(clinician, parent);
  const watch = dataOf(await clinician.socket.emitWithAck('case:watch', { caseId: created.id }));
  const callId = joined.session.callId;
  const ids = { clinician: watch.self!.participantId, parent: joined.session.participantId };
  dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
  dataOf(await clinician.socket.emitWithAck('call:admit', { callId, participantId: ids.parent }));
  return { caseId: created.id, callId, ids, cookie, clinician, parent, parentCookie: joined.cookie };
}

// Skipped only where Debian's postgresql or redis-server package is missing; .ci/run installs both.
describe.skipIf(!pgBin || !redisBin)('two nodes on one Postgres and one Redis — skipped without the postgresql or redis-server package', () => {
  let postgres: TestPostgres;
  let redis: TestRedis;
  let one: TestServer;
  let two: TestServer;
  const sockets: TestSocket[] = [];
  const clock = testClock();

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    // The session recheck is far away: a sign-out must reach the other node by its event, not by the poll.
    [one, two] = (await nodes(2, redis, postgres, { clock, sweep: false, sessionRecheckMs: 10 * 60_000 })) as [TestServer, TestServer];
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.allSettled([one?.close(), two?.close()]);
    await redis?.remove();
    postgres?.remove();
  });

  it('is ready only while both the database and Redis answer', async () => {
    expect((await one.request('GET', '/api/ready')).status).toBe(200);
    await redis.kill();
    try {
      const down = await one.request('GET', '/api/ready');
      expect(down.status).toBe(503);
      expect(errorOf(down).code).toBe('NOT_READY');
    } finally {
      await redis.start();
    }
    await expect.poll(async () => (await one.request('GET', '/api/ready')).status, { timeout: 15_000 }).toBe(200);
    await expect.poll(async () => (await two.request('GET', '/api/ready')).status, { timeout: 15_000 }).toBe(200);
  });

  it("carries the call's state and both people's signals between a desk on one node and a parent on the other", async () => {
    const { callId, ids, clinician, parent } = await callAcross(one, two, sockets);
    // The admission was written on node 1: the parent's page on node 2 hears it.
    await parent.waitForUpdate((u) => participantIn(u, 'parent')?.state === 'admitted');
    const offer = { callId, from: ids.clinician, to: ids.parent, generation: 1, data: { kind: 'description', type: 'offer', sdp: 'v=0 offer' } } as const;
    clinician.socket.emit('signal', offer);
    expect(await parent.waitForSignal()).toEqual(offer);
    const answer = { callId, from: ids.parent, to: ids.clinician, generation: 1, data: { kind: 'description', type: 'answer', sdp: 'v=0 answer' } } as const;
    parent.socket.emit('signal', answer);
    expect(await clinician.waitForSignal()).toEqual(answer);
    // Media reported up on node 2 changes the call for the desk on node 1.
    dataOf(await parent.socket.emitWithAck('call:media', { callId, peers: { [ids.clinician]: 'connected' } }));
    dataOf(await clinician.socket.emitWithAck('call:media', { callId, peers: { [ids.parent]: 'connected' } }));
    await clinician.waitForUpdate(inState('connected'));
    await parent.waitForUpdate(inState('connected'));
    // And the clinician's End on node 1 ends it on node 2; the parent's signals are refused from then on.
    dataOf(await clinician.socket.emitWithAck('call:end', { callId }));
    await parent.waitForUpdate(inState('ended'));
  });

  it('refuses a signal to someone not in the call whichever node the sender is on', async () => {
    const cookie = await one.login('clinician');
    const created = await one.createCase(cookie);
    const invite = await one.invite(cookie, created.id);
    const joined = await two.join(tokenOf(invite.devJoinLink!));
    const parent = await connectSocket(two, { kind: 'parent', cookie: joined.cookie });
    sockets.push(parent);
    const callId = joined.session.callId;
    dataOf(await parent.socket.emitWithAck('call:ready', { callId }));
    const clinician = await connectSocket(one, { kind: 'staff', cookie });
    sockets.push(clinician);
    const watch = dataOf(await clinician.socket.emitWithAck('case:watch', { caseId: created.id }));
    // Waiting, not admitted: the parent's page may not signal the clinician.
    parent.socket.emit('signal', { callId, from: joined.session.participantId, to: watch.self!.participantId, generation: 1, data: { kind: 'description', type: 'offer', sdp: 'v=0' } });
    expect((await parent.waitForSignalError()).code).toBe('CALL_STATE_CONFLICT');
    expect(clinician.signals).toEqual([]);
  });

  it("shows a supervisor on one node the board a clinician's work on the other changes", async () => {
    const supervisor = await watchFeed(two, await two.login('supervisor'));
    try {
      const cookie = await one.login('clinician');
      const created = await one.createCase(cookie);
      await supervisor.waitForState(created.id, 'new');
      await one.invite(cookie, created.id);
      await supervisor.waitForState(created.id, 'link_sent');
    } finally {
      supervisor.close();
    }
  });

  it("closes a session's sockets on the other node the moment it signs out", async () => {
    const cookie = await one.login('clinician');
    const desk = await connectSocket(two, { kind: 'staff', cookie });
    sockets.push(desk);
    const closed = new Promise<string>((resolve) => desk.socket.once('disconnect', resolve));
    expect((await one.request('POST', '/api/auth/logout', { cookie })).status).toBeLessThan(300);
    // The session check runs every ten minutes here: only the event can have done it.
    expect(await closed).toBe('io server disconnect');
  });

  it('fires one deadline once when both nodes sweep it at the same moment', async () => {
    const cookie = await one.login('clinician');
    const created = await one.createCase(cookie);
    const invite = await two.invite(cookie, created.id);
    const callId = invite.call.id;
    clock.advance(one.deps.config.inviteTtlMs + 1_000);
    const [a, b] = await Promise.all([one.app.sweeper.runOnce(), two.app.sweeper.runOnce()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect((await one.deps.calls.update(callId))?.snapshot).toEqual({ state: 'failed', reason: 'link_expired' });
    const failed = (await one.auditRows('call_failed', `case:${created.id}`)).filter((row) => (row.detail as { callId?: string }).callId === callId);
    expect(failed).toHaveLength(1);
  });
});

describe.skipIf(!pgBin || !redisBin)('a rate limit across nodes — skipped without the postgresql or redis-server package', () => {
  let postgres: TestPostgres;
  let redis: TestRedis;
  let servers: TestServer[] = [];

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    servers = await nodes(2, redis, postgres, { rateLimits: { joinPerMinute: 4 } });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.close()));
    await redis?.remove();
    postgres?.remove();
  });

  it('counts every node’s requests against one limit, so a second node is no way round it', async () => {
    const [one, two] = servers as [TestServer, TestServer];
    const statuses: number[] = [];
    for (const node of [one, two, one, two, one, two]) {
      statuses.push((await node.request('POST', '/api/join', { json: { token: 'x'.repeat(43) } })).status);
    }
    // Four a minute from this address: two on each node, then the fifth is refused, whichever node gets it.
    expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });
});

describe.skipIf(!pgBin || !redisBin)('a node that dies without a word — skipped without the postgresql or redis-server package', () => {
  let postgres: TestPostgres;
  let redis: TestRedis;
  let survivor: TestServer;
  let doomed: ServerProcess | null = null;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    // A short "gone" deadline: the test sees it fire on the survivor, not only start.
    [survivor] = (await nodes(1, redis, postgres, { presence: { checkMs: 200, graceMs: 500 }, callTiming: { goneMs: 1_500 } })) as [TestServer];
    doomed = await spawnServer({ env: { DATABASE_URL: postgres.url, REDIS_URL: redis.url, NODE_ID: 'node-doomed', LOG_LEVEL: 'warn' } });
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    doomed?.child.kill('SIGKILL');
    await survivor?.close();
    await redis?.remove();
    postgres?.remove();
  });

  it('has a surviving node mark its participants gone (their deadlines start), as their own goodbye would have', async () => {
    const target = { url: doomed!.url } as TestServer;
    // The spawned node seeded the demo accounts with its own password.
    const cookie = await survivor.login('clinician', DEMO_PASSWORD);
    const created = await survivor.createCase(cookie);
    const invite = await survivor.invite(cookie, created.id);
    const joinResponse = await fetch(`${doomed!.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokenOf(invite.devJoinLink!) }) });
    expect(joinResponse.status).toBe(200);
    const session = (await joinResponse.json()) as { callId: string; participantId: string };
    const parentCookie = joinResponse.headers.getSetCookie()[0]!.split(';')[0]!;
    const desk = await connectSocket(survivor, { kind: 'staff', cookie });
    sockets.push(desk);
    dataOf(await desk.socket.emitWithAck('case:watch', { caseId: created.id }));
    // The parent's page on the node about to die: admitted, in media, present.
    const parent = await connectSocket(target, { kind: 'parent', cookie: parentCookie });
    sockets.push(parent);
    dataOf(await parent.socket.emitWithAck('call:ready', { callId: session.callId }));
    dataOf(await desk.socket.emitWithAck('call:admit', { callId: session.callId, participantId: session.participantId }));
    await desk.waitForUpdate((u) => participantIn(u, 'parent')?.present === true && participantIn(u, 'parent')?.state === 'admitted');

    doomed!.child.kill('SIGKILL');
    await doomed!.exited;
    // No disconnect ran on the dead node; the survivor sees the node count drop and, after the grace,
    // finds the parent held by no socket anywhere: away, exactly as if their page had dropped.
    const away = await desk.waitForUpdate((u) => participantIn(u, 'parent')?.present === false, desk.updates.length);
    expect(participantIn(away, 'parent')).toMatchObject({ id: session.participantId, state: 'reconnecting' });
    const [row] = (await survivor.deps.calls.participantsOf([session.callId])).filter((p) => p.id === session.participantId);
    expect(row?.deadlineKind, 'the gone deadline runs, on the survivor').toBe('gone');
    // And the survivor's sweeper fires it: the parent who never came back has left.
    const left = await desk.waitForUpdate((u) => participantIn(u, 'parent')?.state === 'left', desk.updates.length);
    expect(participantIn(left, 'parent')?.reason).toBeTruthy();
  });
});
