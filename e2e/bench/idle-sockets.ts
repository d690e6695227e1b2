/**
 * Benchmark (issue 13): what an idle authenticated socket costs in memory. BENCH_IDLE_SOCKETS (2,000)
 * sockets, as 1,000 calls' two sides (the clinician's socket watching the case with the call
 * admitted, the parent's with its join session and `call:ready`; the calls made over HTTP before
 * the baseline), held idle, on one desk node as a region runs it (Postgres and Redis), against the
 * same number on one bare relay node through the same Redis adapter (rooms of two). Each reading is
 * taken after a full GC through the node's inspector: the node's RSS and V8's heap in use, before
 * and after the sockets, divided by the sockets. Postgres's memory is out of the node's process and
 * reported apart (its processes' PSS, and their RSS summed). Medians of BENCH_IDLE_ROUNDS (3).
 *
 * BENCH_IDLE_REDIS=0: one node with no Redis on either side (the desk on Postgres alone, bare-relay-server.ts).
 */
import { loadavg } from 'node:os';
import { clusterMissing, collectGarbage, postgresMemoryMb, rssMb, startBacking, startBareNodes, startDeskNodes } from './cluster';
import { barePairs, connectDeskPairs, deskCalls, deskPairs, type Pair } from './relay';
import { cleanup, freePort, median, round, startNode, writeReport, type Started } from './util';

const SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_IDLE_ROUNDS ?? 3);
/** How long the node is left alone before each reading. */
const SETTLE_MS = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 10_000);
const SAMPLES = 5;
const WITH_REDIS = process.env.BENCH_IDLE_REDIS !== '0';

type Reading = { rssMb: number; heapMb: number };
type Round = {
  loadAverage: number;
  /** Before the desk's calls were made over HTTP (bare: the same as `before`). */
  fresh: Reading;
  before: Reading;
  after: Reading;
  rssPerSocketKb: number;
  heapPerSocketKb: number;
  postgresBefore?: { pssMb: number; rssMb: number };
  postgresAfter?: { pssMb: number; rssMb: number };
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Left alone, a full GC, then RSS (the median of SAMPLES reads a second apart) and the heap in use. */
async function settled(server: Started, inspectPort: number): Promise<Reading> {
  await pause(SETTLE_MS);
  const { heapUsedMb } = await collectGarbage(inspectPort);
  const reads: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    await pause(1_000);
    reads.push(rssMb(server.child.pid!));
  }
  return { rssMb: round(median(reads), 1), heapMb: round(heapUsedMb, 1) };
}

async function idleRound(kind: 'bare' | 'desk'): Promise<Round> {
  const done = cleanup();
  try {
    const backing = await startBacking(done);
    const inspectPort = await freePort();
    const args = [`--inspect=127.0.0.1:${inspectPort}`];
    const [server] =
      kind === 'desk'
        ? await startDeskNodes(done, backing, { nodes: 1, redis: WITH_REDIS, args })
        : WITH_REDIS
          ? await startBareNodes(done, backing.redisUrl, 1, args)
          : [await startNode('e2e/bench/bare-relay-server.ts', { port: await freePort(), env: {}, args, done, ready: async (url) => (await fetch(url)).ok })];
    // One call first, so code loaded on first use is in the baseline, not charged to the sockets.
    const warm = kind === 'bare' ? await barePairs(server!.url, 1) : await deskPairs(server!.url, 1);
    const fresh = await settled(server!, inspectPort);
    // The desk's calls are made over HTTP before the baseline: what is measured is the sockets, not the requests that set the calls up.
    const calls = kind === 'desk' ? await deskCalls(server!.url, SOCKETS / 2) : [];
    const before = kind === 'desk' ? await settled(server!, inspectPort) : fresh;
    const postgresBefore = kind === 'desk' ? postgresMemoryMb(backing.postgresPort) : undefined;
    const pairs: Pair[] = kind === 'bare' ? await barePairs(server!.url, SOCKETS / 2) : await connectDeskPairs(calls);
    const after = await settled(server!, inspectPort);
    const postgresAfter = kind === 'desk' ? postgresMemoryMb(backing.postgresPort) : undefined;
    for (const pair of [...warm, ...pairs]) {
      pair.a.close();
      pair.b.close();
    }
    const pg = (m: { pssMb: number; rssMb: number }) => ({ pssMb: round(m.pssMb, 1), rssMb: round(m.rssMb, 1) });
    const result: Round = {
      loadAverage: round(loadavg()[0]!, 2),
      fresh,
      before,
      after,
      rssPerSocketKb: round(((after.rssMb - before.rssMb) * 1024) / SOCKETS, 1),
      heapPerSocketKb: round(((after.heapMb - before.heapMb) * 1024) / SOCKETS, 1),
      ...(postgresBefore && postgresAfter ? { postgresBefore: pg(postgresBefore), postgresAfter: pg(postgresAfter) } : {}),
    };
    console.log(`  ${kind}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await done.run();
  }
}

export async function idleSocketsBench(): Promise<void> {
  const missing = clusterMissing();
  if (missing) {
    console.log(`  skipped: ${missing}`);
    return;
  }
  const rounds: { bare: Round; desk: Round }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    console.log(` round ${i + 1} of ${ROUNDS}`);
    rounds.push({ bare: await idleRound('bare'), desk: await idleRound('desk') });
  }
  const med = (pick: (r: { bare: Round; desk: Round }) => number | undefined) => round(median(rounds.map(pick).filter((v): v is number => v !== undefined)), 1);
  const side = (k: 'bare' | 'desk') => ({
    freshRssMb: med((r) => r[k].fresh.rssMb),
    beforeRssMb: med((r) => r[k].before.rssMb),
    afterRssMb: med((r) => r[k].after.rssMb),
    beforeHeapMb: med((r) => r[k].before.heapMb),
    afterHeapMb: med((r) => r[k].after.heapMb),
    rssPerSocketKb: med((r) => r[k].rssPerSocketKb),
    heapPerSocketKb: med((r) => r[k].heapPerSocketKb),
  });
  const bare = side('bare');
  const desk = side('desk');
  const postgres = {
    pssBeforeMb: med((r) => r.desk.postgresBefore?.pssMb),
    pssAfterMb: med((r) => r.desk.postgresAfter?.pssMb),
    rssSumBeforeMb: med((r) => r.desk.postgresBefore?.rssMb),
    rssSumAfterMb: med((r) => r.desk.postgresAfter?.rssMb),
  };
  const ratio = { rss: round(desk.rssPerSocketKb / bare.rssPerSocketKb), heap: round(desk.heapPerSocketKb / bare.heapPerSocketKb) };
  const json = { measuredAt: new Date().toISOString(), redis: WITH_REDIS, sockets: SOCKETS, rounds: ROUNDS, settleMs: SETTLE_MS, median: { bare, desk, postgres, ratio }, each: rounds };
  writeReport('idle-sockets', json, [
    '# Idle authenticated sockets: memory per socket, the desk against a bare Socket.IO node',
    '',
    `${json.measuredAt}. ${SOCKETS} sockets (${SOCKETS / 2} calls' clinician and parent sockets, each signed in, the call admitted; bare: rooms of two) on one node ${WITH_REDIS ? 'with the Redis adapter' : 'without Redis (neither side has the adapter)'}; the desk on Postgres, its calls made over HTTP before the baseline. Each reading ${SETTLE_MS / 1000} s after the node was left alone and a full GC (inspector): the node's own RSS (Postgres is other processes, not in it) and V8's heap in use. Median of ${ROUNDS} rounds.`,
    '',
    '| | RSS before the sockets, MB | with them, MB | RSS per socket, kB | heap before / with, MB | heap per socket, kB |',
    '|---|---|---|---|---|---|',
    `| bare | ${bare.beforeRssMb} | ${bare.afterRssMb} | ${bare.rssPerSocketKb} | ${bare.beforeHeapMb} / ${bare.afterHeapMb} | ${bare.heapPerSocketKb} |`,
    `| desk | ${desk.beforeRssMb} (fresh ${desk.freshRssMb}) | ${desk.afterRssMb} | ${desk.rssPerSocketKb} | ${desk.beforeHeapMb} / ${desk.afterHeapMb} | ${desk.heapPerSocketKb} |`,
    `| desk ÷ bare | | | **${ratio.rss}×** | | **${ratio.heap}×** |`,
    '',
    'Target: RSS per socket ≤ 1.8× bare.',
    '',
    `Postgres, apart (its processes: PSS, shared pages split; RSS summed over processes counts shared buffers once each): PSS ${postgres.pssBeforeMb} MB before the sockets, ${postgres.pssAfterMb} MB with them; RSS summed ${postgres.rssSumBeforeMb} → ${postgres.rssSumAfterMb} MB.`,
    '',
    '## Each round (per socket, kB: RSS / heap)',
    '',
    ...rounds.map((r, i) => `- round ${i + 1}: bare ${r.bare.rssPerSocketKb} / ${r.bare.heapPerSocketKb}, desk ${r.desk.rssPerSocketKb} / ${r.desk.heapPerSocketKb}; load average ${r.bare.loadAverage} / ${r.desk.loadAverage}`),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  idleSocketsBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
