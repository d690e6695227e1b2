/**
 * Benchmark (issue 13): the signalling relay across two nodes through Redis. Each call pair's
 * clinician socket is on node 1 and its parent's on node 2, so every signal goes node → Redis
 * stream → node. The desk (two nodes, Postgres, Redis, `REDIS_URL`) against a bare two-node
 * Socket.IO relay through the same `@socket.io/redis-streams-adapter` and a Redis of the same kind,
 * set up side by side once and driven in turn, medians of BENCH_CLUSTER_ROUNDS (3) rounds. CPU is
 * both nodes' (Redis reported apart). `clusterPhase` (one kind, fresh, one round) is the capacity bench's step.
 *
 *   npm run bench   (all)     BENCH_CLUSTER_PAIRS=1000 BENCH_CLUSTER_ROUNDS=3 BENCH_WINDOW_MS=20000
 */
import { loadavg } from 'node:os';
import { clusterMissing, redisCpuMs, startBacking, startBareNodes, startDeskNodes } from './cluster';
import { barePairs, deskPairs, drive, type Pair, type Phase } from './relay';
import { cleanup, median, round, writeReport, type Cleanup, type Started } from './util';

const PAIRS = Number(process.env.BENCH_CLUSTER_PAIRS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 3);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 20_000);

type Kind = 'bare' | 'desk';
export type ClusterPhase = Omit<Phase, 'windowUs'> & { errors: number; disconnected: number; redisCpuMsPerMessage: number; setupS: number; loadAverage: number };

const closeAll = (pairs: Pair[]) => {
  for (const pair of pairs) {
    pair.a.close();
    pair.b.close();
  }
};

/** One kind, one round: a fresh Postgres and Redis, two nodes, `pairs` pairs across them, driven. */
export async function clusterPhase(kind: Kind, pairs: number, nodes: 1 | 2 = 2): Promise<ClusterPhase> {
  const done = cleanup();
  try {
    const backing = await startBacking(done);
    const servers = kind === 'bare' ? await startBareNodes(done, backing.redisUrl, nodes) : await startDeskNodes(done, backing, { nodes });
    const [first, second = first] = servers as [(typeof servers)[number], ...(typeof servers)[number][]];
    const setupStart = performance.now();
    const list = kind === 'bare' ? await barePairs(first.url, pairs, second.url) : await deskPairs(first.url, pairs, second.url);
    const setupS = round((performance.now() - setupStart) / 1000, 1);
    const loadAverage = round(loadavg()[0]!, 2);
    const redisAtStart = redisCpuMs(backing.redisPort);
    const { windowUs: _window, ...result } = await drive(servers, list, { windowMs: WINDOW_MS });
    const redisUsed = redisCpuMs(backing.redisPort) - redisAtStart;
    closeAll(list);
    const phase = { ...result, redisCpuMsPerMessage: round(redisUsed / Math.max(1, result.received), 4), setupS, loadAverage };
    console.log(`  ${kind} (${nodes} node${nodes > 1 ? 's' : ''}, ${pairs} pairs, set up in ${setupS} s): ${JSON.stringify(phase)}`);
    return phase;
  } finally {
    await done.run();
  }
}

/** The median of each figure over the rounds. */
export function medianPhase(rounds: ClusterPhase[]): ClusterPhase {
  const keys = Object.keys(rounds[0]!) as (keyof ClusterPhase)[];
  // A round where nothing arrived has no latency (NaN): the median is of the rounds that have one.
  return Object.fromEntries(keys.map((key) => [key, round(median(rounds.map((r) => r[key]).filter((v) => Number.isFinite(v))), 4)])) as ClusterPhase;
}

type Running = { kind: Kind; servers: Started[]; pairs: Pair[]; redisPort: number; setupS: number };

/** Both kinds set up side by side (their own Postgres and Redis each), so the rounds can alternate without setting 1,000 calls up each time. */
async function setUp(kind: Kind, pairs: number, done: Cleanup): Promise<Running> {
  const backing = await startBacking(done);
  const servers = kind === 'bare' ? await startBareNodes(done, backing.redisUrl, 2) : await startDeskNodes(done, backing, { nodes: 2 });
  const setupStart = performance.now();
  const list = kind === 'bare' ? await barePairs(servers[0]!.url, pairs, servers[1]!.url) : await deskPairs(servers[0]!.url, pairs, servers[1]!.url);
  const setupS = round((performance.now() - setupStart) / 1000, 1);
  console.log(`  ${kind}: ${pairs} pairs across two nodes ready in ${setupS} s`);
  done.add(() => closeAll(list));
  return { kind, servers, pairs: list, redisPort: backing.redisPort, setupS };
}

async function driveRound({ kind, servers, pairs, redisPort, setupS }: Running): Promise<ClusterPhase> {
  const loadAverage = round(loadavg()[0]!, 2);
  const redisAtStart = redisCpuMs(redisPort);
  const { windowUs: _window, ...result } = await drive(servers, pairs, { windowMs: WINDOW_MS });
  const redisUsed = redisCpuMs(redisPort) - redisAtStart;
  const phase = { ...result, redisCpuMsPerMessage: round(redisUsed / Math.max(1, result.received), 4), setupS, loadAverage };
  console.log(`  ${kind}: ${JSON.stringify(phase)}`);
  return phase;
}

export async function clusterRelayBench(): Promise<void> {
  const missing = clusterMissing();
  if (missing) {
    console.log(`  skipped: ${missing}`);
    return;
  }
  const rounds: { bare: ClusterPhase; desk: ClusterPhase }[] = [];
  const done = cleanup();
  try {
    const bareCluster = await setUp('bare', PAIRS, done);
    const deskCluster = await setUp('desk', PAIRS, done);
    for (let i = 0; i < ROUNDS; i++) {
      console.log(` round ${i + 1} of ${ROUNDS}`);
      const bare = await driveRound(bareCluster);
      const desk = await driveRound(deskCluster);
      rounds.push({ bare, desk });
    }
  } finally {
    await done.run();
  }
  const bare = medianPhase(rounds.map((r) => r.bare));
  const desk = medianPhase(rounds.map((r) => r.desk));
  const ratio = { p99: round(desk.p99 / bare.p99), cpu: round(desk.cpuMsPerMessage / bare.cpuMsPerMessage) };
  const json = { measuredAt: new Date().toISOString(), pairs: PAIRS, rounds: ROUNDS, windowMs: WINDOW_MS, messagePerSecondPerSocket: 1, median: { bare, desk, ratio }, each: rounds };
  const row = (label: string, p: ClusterPhase) =>
    `| ${label} | ${p.p50} | ${p.p99} | ${p.max} | ${p.cpuMsPerMessage} | ${p.redisCpuMsPerMessage} | ${p.messagesPerSecond} | ${p.lost} | ${p.errors} |`;
  writeReport('cluster-relay', json, [
    '# Signal relay across two nodes through Redis: the desk against a bare two-node Socket.IO relay',
    '',
    `${json.measuredAt}. ${PAIRS} call pairs, each pair's clinician socket on node 1 and parent socket on node 2; one signal a second each way (a trickled ICE candidate); ${WINDOW_MS / 1000} s measured after a 3 s warm-up; both through \`@socket.io/redis-streams-adapter\` on a Redis of their own; the desk on Postgres. Median of ${ROUNDS} rounds of ${WINDOW_MS / 1000} s, bare and desk alternating, both set up side by side once (each with its own Postgres and Redis) and driven one at a time.`,
    '',
    '| | p50 ms | p99 ms | max ms | CPU ms per message, both nodes | Redis CPU ms per message | messages/s | lost | refused |',
    '|---|---|---|---|---|---|---|---|---|',
    row('bare (median)', bare),
    row('desk (median)', desk),
    `| desk ÷ bare | | **${ratio.p99}×** | | **${ratio.cpu}×** | | | | |`,
    '',
    'Target: p99 ≤ 2× bare, nothing lost.',
    '',
    '## Each round',
    '',
    '| round | kind | p50 | p99 | max | CPU ms/msg | lost | sockets dropped | load average (1 min) at the window |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rounds.flatMap((r, i) => (['bare', 'desk'] as const).map((k) => `| ${i + 1} | ${k} | ${r[k].p50} | ${r[k].p99} | ${r[k].max} | ${r[k].cpuMsPerMessage} | ${r[k].lost} | ${r[k].disconnected} | ${r[k].loadAverage} |`)),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  clusterRelayBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
