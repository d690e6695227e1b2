/**
 * Benchmark (issue 13): what an idle authenticated socket costs in memory. BENCH_IDLE_SOCKETS (2,000)
 * sockets, as 1,000 calls' two sides (the clinician's socket watching the case with the call
 * admitted, the parent's with its join session and `call:ready`; the calls made over HTTP before
 * the baseline), held idle, on one desk node as a
 * region runs it (Postgres and Redis), against the same number on one bare relay node through the
 * same Redis adapter (rooms of two). The node's RSS before the sockets and after them settle,
 * divided by the sockets; Postgres's memory is out of the node's process and reported apart
 * (its processes' PSS, and their RSS summed). Medians of BENCH_IDLE_ROUNDS (3).
 */
import { loadavg } from 'node:os';
import { clusterMissing, postgresMemoryMb, rssMb, startBacking, startBareNodes, startDeskNodes } from './cluster';
import { barePairs, connectDeskPairs, deskCalls, deskPairs, type Pair } from './relay';
import { cleanup, freePort, median, round, startNode, writeReport, type Started } from './util';

const SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_IDLE_ROUNDS ?? 3);
/** How long the node is left alone before and after the sockets, and how often RSS is read meanwhile. */
const SETTLE_MS = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 10_000);
const SAMPLES = 5;
/** `BENCH_IDLE_REDIS=0`: one node without Redis on either side (the desk on Postgres alone, the bare relay without the adapter). */
const WITH_REDIS = process.env.BENCH_IDLE_REDIS !== '0';

type Round = {
  loadAverage: number;
  /** Before the desk's calls were made over HTTP (bare: the same as `baselineMb`). */
  freshMb: number;
  baselineMb: number;
  withSocketsMb: number;
  perSocketKb: number;
  /** What the node grew by from fresh, the calls' HTTP set-up included, per socket. */
  withSetUpPerSocketKb: number; postgresBefore?: { pssMb: number; rssMb: number }; postgresAfter?: { pssMb: number; rssMb: number } };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The node's RSS after it has been left alone: the median of SAMPLES reads over the last part of SETTLE_MS. */
async function settledRss(server: Started): Promise<number> {
  await pause(SETTLE_MS / 2);
  const reads: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    reads.push(rssMb(server.child.pid!));
    await pause(SETTLE_MS / 2 / SAMPLES);
  }
  return median(reads);
}

async function idleRound(kind: 'bare' | 'desk'): Promise<Round> {
  const done = cleanup();
  try {
    const backing = await startBacking(done);
    const [server] =
      kind === 'desk'
        ? await startDeskNodes(done, backing, { nodes: 1, redis: WITH_REDIS })
        : WITH_REDIS
          ? await startBareNodes(done, backing.redisUrl, 1)
          : [await startNode('e2e/bench/bare-relay-server.ts', { port: await freePort(), env: {}, done, ready: async (url) => (await fetch(url)).ok })];
    // One socket of each kind first, so code loaded on first use is in the baseline, not charged to the sockets.
    const warm = kind === 'bare' ? await barePairs(server!.url, 1) : await deskPairs(server!.url, 1);
    const postgresBefore = kind === 'desk' ? postgresMemoryMb(backing.postgresPort) : undefined;
    // The desk's calls are made over HTTP before the baseline: what is measured is the sockets, not the requests that set the calls up.
    const freshMb = kind === 'desk' ? await settledRss(server!) : 0;
    const calls = kind === 'desk' ? await deskCalls(server!.url, SOCKETS / 2) : [];
    const baselineMb = await settledRss(server!);
    const pairs: Pair[] = kind === 'bare' ? await barePairs(server!.url, SOCKETS / 2) : await connectDeskPairs(calls);
    const withSocketsMb = await settledRss(server!);
    const postgresAfter = kind === 'desk' ? postgresMemoryMb(backing.postgresPort) : undefined;
    for (const pair of [...warm, ...pairs]) {
      pair.a.close();
      pair.b.close();
    }
    const result: Round = {
      loadAverage: round(loadavg()[0]!, 2),
      baselineMb: round(baselineMb, 1),
      withSocketsMb: round(withSocketsMb, 1),
      perSocketKb: round(((withSocketsMb - baselineMb) * 1024) / SOCKETS, 1),
      freshMb: round(kind === 'desk' ? freshMb : baselineMb, 1),
      withSetUpPerSocketKb: round(((withSocketsMb - (kind === 'desk' ? freshMb : baselineMb)) * 1024) / SOCKETS, 1),
      ...(postgresBefore && postgresAfter
        ? { postgresBefore: { pssMb: round(postgresBefore.pssMb, 1), rssMb: round(postgresBefore.rssMb, 1) }, postgresAfter: { pssMb: round(postgresAfter.pssMb, 1), rssMb: round(postgresAfter.rssMb, 1) } }
        : {}),
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
  const summary = {
    bare: { baselineMb: med((r) => r.bare.baselineMb), withSocketsMb: med((r) => r.bare.withSocketsMb), perSocketKb: med((r) => r.bare.perSocketKb) },
    desk: {
      freshMb: med((r) => r.desk.freshMb),
      baselineMb: med((r) => r.desk.baselineMb),
      withSocketsMb: med((r) => r.desk.withSocketsMb),
      perSocketKb: med((r) => r.desk.perSocketKb),
      withSetUpPerSocketKb: med((r) => r.desk.withSetUpPerSocketKb),
    },
    postgres: {
      pssBeforeMb: med((r) => r.desk.postgresBefore?.pssMb),
      pssAfterMb: med((r) => r.desk.postgresAfter?.pssMb),
      rssSumBeforeMb: med((r) => r.desk.postgresBefore?.rssMb),
      rssSumAfterMb: med((r) => r.desk.postgresAfter?.rssMb),
    },
  };
  const ratio = round(summary.desk.perSocketKb / summary.bare.perSocketKb);
  const ratioWithSetUp = round(summary.desk.withSetUpPerSocketKb / summary.bare.perSocketKb);
  const json = { measuredAt: new Date().toISOString(), redis: WITH_REDIS, sockets: SOCKETS, rounds: ROUNDS, settleMs: SETTLE_MS, median: { ...summary, ratio, ratioWithSetUp }, each: rounds };
  writeReport('idle-sockets', json, [
    '# Idle authenticated sockets: memory per socket, the desk against a bare Socket.IO node',
    '',
    `${json.measuredAt}. ${SOCKETS} sockets (${SOCKETS / 2} calls' clinician and parent sockets, each signed in, the call admitted; bare: rooms of two) on one node ${WITH_REDIS ? 'with the Redis adapter' : 'without Redis (neither side has the adapter)'}; the desk on Postgres. The node's own RSS (Postgres is another process and is not in it), read ${SETTLE_MS / 1000} s after the node was left alone, before and after the sockets. Median of ${ROUNDS} rounds.`,
    '',
    '| | node RSS fresh, MB | after the calls\' HTTP set-up, MB | with the sockets, MB | per socket, kB (sockets only) | per socket, kB (set-up included) |',
    '|---|---|---|---|---|---|',
    `| bare | ${summary.bare.baselineMb} | | ${summary.bare.withSocketsMb} | ${summary.bare.perSocketKb} | ${summary.bare.perSocketKb} |`,
    `| desk | ${summary.desk.freshMb} | ${summary.desk.baselineMb} | ${summary.desk.withSocketsMb} | ${summary.desk.perSocketKb} | ${summary.desk.withSetUpPerSocketKb} |`,
    `| desk ÷ bare | | | | **${ratio}×** | **${ratioWithSetUp}×** |`,
    '',
    'RSS grows only when the heap needs more pages: after the HTTP set-up the desk\'s heap has room the sockets partly fill, so "sockets only" can understate them, and "set-up included" overstates them (it holds what the requests left behind). The truth is between the two.',
    '',
    'Target: ≤ 1.8× bare per socket.',
    '',
    `Postgres, apart (its processes: PSS, shared pages split; RSS summed over processes counts shared buffers once each): PSS ${summary.postgres.pssBeforeMb} MB before the ${SOCKETS / 2} calls, ${summary.postgres.pssAfterMb} MB after; RSS summed ${summary.postgres.rssSumBeforeMb} → ${summary.postgres.rssSumAfterMb} MB.`,
    '',
    '## Each round (per socket, kB)',
    '',
    ...rounds.map((r, i) => `- round ${i + 1}: bare ${r.bare.perSocketKb} (${r.bare.baselineMb} → ${r.bare.withSocketsMb} MB), desk ${r.desk.perSocketKb} (${r.desk.baselineMb} → ${r.desk.withSocketsMb} MB); load average ${r.bare.loadAverage} / ${r.desk.loadAverage}`),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  idleSocketsBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
