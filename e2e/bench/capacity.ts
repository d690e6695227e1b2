/**
 * Benchmark (issue 13): how many concurrent calls one node holds with its relay p99 within target
 * (≤ 2× a bare relay's p99 at the same size, nothing lost or refused). One desk node as a region
 * runs it (Postgres, the Redis adapter), both sides of every call on it, against one bare node
 * through the same adapter, stepping up BENCH_CAPACITY_STEPS (250, 500, 1,000, 2,000, 4,000 pairs)
 * until the target is missed, the steps run out, or BENCH_CAPACITY_MINUTES (12) have gone.
 * One round a step (each step is a fresh node, Postgres and Redis).
 */
import { loadavg } from 'node:os';
import { clusterMissing } from './cluster';
import { clusterPhase, type ClusterPhase } from './cluster-relay';
import { round, writeReport } from './util';

const STEPS = (process.env.BENCH_CAPACITY_STEPS ?? '250,500,1000,2000,4000').split(',').map(Number);
const BOUND_MINUTES = Number(process.env.BENCH_CAPACITY_MINUTES ?? 12);
const P99_TARGET = 2;

type Step = { pairs: number; bare: ClusterPhase; desk: ClusterPhase; p99Ratio: number; cpuRatio: number; within: boolean; loadAverage: number };

export async function capacityBench(): Promise<void> {
  const missing = clusterMissing();
  if (missing) {
    console.log(`  skipped: ${missing}`);
    return;
  }
  const started = performance.now();
  const steps: Step[] = [];
  let stoppedBy = 'the last step';
  for (const pairs of STEPS) {
    if ((performance.now() - started) / 60_000 > BOUND_MINUTES) {
      stoppedBy = `the ${BOUND_MINUTES}-minute bound`;
      break;
    }
    const loadAverage = round(loadavg()[0]!, 2);
    const bare = await clusterPhase('bare', pairs, 1);
    const desk = await clusterPhase('desk', pairs, 1);
    const p99Ratio = round(desk.p99 / bare.p99);
    const within = p99Ratio <= P99_TARGET && desk.lost === 0 && desk.errors === 0;
    steps.push({ pairs, bare, desk, p99Ratio, cpuRatio: round(desk.cpuMsPerMessage / bare.cpuMsPerMessage), within, loadAverage });
    console.log(`  ${pairs} pairs: p99 ${desk.p99} ms against ${bare.p99} ms bare (${p99Ratio}×), lost ${desk.lost}: ${within ? 'within' : 'missed'}`);
    if (!within) {
      stoppedBy = `the target missed at ${pairs} pairs`;
      break;
    }
  }
  const held = steps.filter((s) => s.within).at(-1)?.pairs ?? 0;
  const json = { measuredAt: new Date().toISOString(), p99Target: P99_TARGET, held, stoppedBy, steps };
  writeReport('capacity', json, [
    '# Capacity: concurrent calls one node holds with its relay p99 within 2× bare',
    '',
    `${json.measuredAt}. One desk node (Postgres, Redis adapter), both sides of each call on it, one signal a second each way per call; against one bare Socket.IO node through the same adapter at the same size; one round a step. Stopped by ${stoppedBy}.`,
    '',
    '| pairs | bare p99 ms | desk p50 / p99 / max ms | p99 ratio | CPU ms/signal desk / bare | desk signals/s | lost | load average at start | within |',
    '|---|---|---|---|---|---|---|---|---|',
    ...steps.map(
      (s) =>
        `| ${s.pairs} | ${s.bare.p99} | ${s.desk.p50} / ${s.desk.p99} / ${s.desk.max} | ${s.p99Ratio}× | ${s.desk.cpuMsPerMessage} / ${s.bare.cpuMsPerMessage} (${s.cpuRatio}×) | ${s.desk.messagesPerSecond} | ${s.desk.lost} | ${s.loadAverage} | ${s.within ? 'yes' : 'no'} |`,
    ),
    '',
    `**Held within target: ${held} concurrent calls on one node** (this machine: 2 shared cores).`,
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  capacityBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
