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
import { cleanup, median, round, writeReport, type Started } from './util';

const SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_IDLE_ROUNDS ?? 3);
/** How long the node is left alone before and after the sockets, and how often RSS is read meanwhile. */
const SETTLE_MS = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 10_000);
const SAMPLES = 5;

type Round = {
  loadAverage: number; baselineMb: number; withSocketsMb: number; perSocketKb: number; postgresBefore?: { pssMb: number; rssMb: number }; postgresAfter?: { pssMb: number; rssMb: number } };

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
    const [server] = kind === 'bare' ? await startBareNodes(done, backing.redisUrl, 1) : await startDeskNodes(done, backing, { nodes: 1 });
    // One socket of each kind first, so code loaded on first use is in the baseline, not charged to the sockets.
    const warm = kind === 'bare' ? await barePairs(server!.url, 1) : await deskPairs(server!.url, 1);
    const postgresBefore = kind === 'desk' ? postgresMemoryMb(backing.postgresPort) : undefined;
    // The desk's calls are made over HTTP before the baseline: what is measured is the sockets, not the requests that set the calls up.
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
    desk: { baselineMb: med((r) => r.desk.baselineMb), withSocketsMb: med((r) => r.desk.withSocketsMb), perSocketKb: med((r) => r.desk.perSocketKb) },
    postgres: {
      pssBeforeMb: med((r) => r.desk.postgresBefore?.pssMb),
      pssAfterMb: med((r) => r.desk.postgresAfter?.pssMb),
      rssSumBeforeMb: med((r) => r.desk.postgresBefore?.rssMb),
      rssSumAfterMb: med((r) => r.desk.postgresAfter?.rssMb),
    },
  };
  const ratio = round(summary.desk.perSocketKb / summary.bare.perSocketKb);
  const json = { measuredAt: new Date().toISOString(), sockets: SOCKETS, rounds: ROUNDS, settleMs: SETTLE_MS, median: { ...summary, ratio }, each: rounds };
  writeReport('idle-sockets', json, [
    '# Idle authenticated sockets: memory per socket, the desk against a bare Socket.IO node',
    '',
    `${json.measuredAt}. ${SOCKETS} sockets (${SOCKETS / 2} calls' clinician and parent sockets, each signed in, the call admitted; bare: rooms of two) on one node with the Redis adapter; the desk on Postgres. The node's own RSS (Postgres is another process and is not in it), read ${SETTLE_MS / 1000} s after the node was left alone, before and after the sockets. Median of ${ROUNDS} rounds.`,
    '',
    '| | node RSS before, MB | with the sockets, MB | per socket, kB |',
    '|---|---|---|---|',
    `| bare | ${summary.bare.baselineMb} | ${summary.bare.withSocketsMb} | ${summary.bare.perSocketKb} |`,
    `| desk | ${summary.desk.baselineMb} | ${summary.desk.withSocketsMb} | ${summary.desk.perSocketKb} |`,
    `| desk ÷ bare | | | **${ratio}×** |`,
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
