/**
 * Soak (issue 13, `npm run soak`): SOAK_PAIRS (1,000) call pairs signalling across two desk nodes
 * (clinician on node 1, parent on node 2; Postgres, Redis) for SOAK_MINUTES (10), one signal a second
 * each way. Expected: 0 errors (refused or lost signals, dropped sockets). Each node's RSS (and
 * Redis's, and Postgres's PSS) is read every 10 s; the report gives each node's slope (MB/min,
 * least squares) over the whole soak and after its first minute. It stops itself: a watchdog ends
 * it (and everything it started) if it overruns by 10 minutes.
 */
import { clusterMissing, postgresMemoryMb, redisPid, rssMb, slope, startBacking, startDeskNodes } from './cluster';
import { deskPairs, drive } from './relay';
import { cleanup, round, writeReport } from './util';

const PAIRS = Number(process.env.SOAK_PAIRS ?? 1_000);
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const SAMPLE_MS = 10_000;
const WARMUP_MS = 3_000;

type Sample = { minute: number; node1Mb: number; node2Mb: number; redisMb: number; postgresPssMb: number };

async function soak(): Promise<number> {
  const missing = clusterMissing();
  if (missing) {
    console.log(`soak skipped: ${missing}`);
    return 0;
  }
  const done = cleanup();
  const watchdog = setTimeout(
    () => {
      console.error(`soak overran ${MINUTES + 10} minutes: stopping`);
      void done.run().finally(() => process.exit(2));
    },
    (MINUTES + 10) * 60_000,
  );
  watchdog.unref();
  try {
    const backing = await startBacking(done);
    const nodes = await startDeskNodes(done, backing, { nodes: 2 });
    const setupStart = performance.now();
    const pairs = await deskPairs(nodes[0]!.url, PAIRS, nodes[1]!.url);
    console.log(`soak: ${PAIRS} pairs across two nodes ready in ${round((performance.now() - setupStart) / 1000, 1)} s; ${MINUTES} min`);
    let dropped = 0;
    for (const pair of pairs) for (const socket of [pair.a, pair.b]) socket.on('disconnect', () => (dropped += 1));
    const samples: Sample[] = [];
    const redis = redisPid(backing.redisPort);
    let startedAt = Number.NaN;
    let nextSample = 0;
    const sample = (now: number) => {
      if (Number.isNaN(startedAt)) startedAt = now;
      if (now < nextSample) return;
      nextSample = now + SAMPLE_MS;
      const s = {
        minute: round((now - startedAt) / 60_000, 3),
        node1Mb: round(rssMb(nodes[0]!.child.pid!), 1),
        node2Mb: round(rssMb(nodes[1]!.child.pid!), 1),
        redisMb: redis ? round(rssMb(redis), 1) : Number.NaN,
        postgresPssMb: round(postgresMemoryMb(backing.postgresPort).pssMb, 1),
      };
      samples.push(s);
      if (samples.length % 6 === 1) console.log(`  ${JSON.stringify(s)}`);
    };
    const result = await drive(nodes, pairs, { warmupMs: WARMUP_MS, windowMs: MINUTES * 60_000, onTick: sample });
    const droppedInSoak = dropped;
    for (const pair of pairs) {
      pair.a.close();
      pair.b.close();
    }
    const fit = (pick: (s: Sample) => number, from = 0) => round(slope(samples.filter((s) => s.minute >= from).map((s) => ({ x: s.minute, y: pick(s) }))), 3);
    const slopes = {
      node1: { all: fit((s) => s.node1Mb), afterFirstMinute: fit((s) => s.node1Mb, 1) },
      node2: { all: fit((s) => s.node2Mb), afterFirstMinute: fit((s) => s.node2Mb, 1) },
      redis: { all: fit((s) => s.redisMb), afterFirstMinute: fit((s) => s.redisMb, 1) },
      postgresPss: { all: fit((s) => s.postgresPssMb), afterFirstMinute: fit((s) => s.postgresPssMb, 1) },
    };
    const errors = result.errors + result.lost + droppedInSoak;
    const { windowUs: _w, ...relay } = result;
    const json = { measuredAt: new Date().toISOString(), pairs: PAIRS, minutes: MINUTES, sampleMs: SAMPLE_MS, errors, dropped: droppedInSoak, relay, slopesMbPerMinute: slopes, samples };
    const first = samples[0];
    const last = samples.at(-1);
    writeReport('soak', json, [
      '# Soak: call pairs signalling across two nodes',
      '',
      `${json.measuredAt}. ${PAIRS} call pairs (clinician on node 1, parent on node 2; Postgres, Redis), one signal a second each way for ${MINUTES} min after a ${WARMUP_MS / 1000} s warm-up; RSS every ${SAMPLE_MS / 1000} s.`,
      '',
      `**Errors: ${errors}** (refused signals ${result.errors}, lost ${result.lost} of ${result.sent}, sockets dropped ${droppedInSoak}). Relay p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms; ${result.messagesPerSecond} signals/s; CPU ${result.cpuMsPerMessage} ms per signal (both nodes).`,
      '',
      '| | first sample, MB | last, MB | slope, MB/min (all) | slope after the first minute |',
      '|---|---|---|---|---|',
      `| node 1 RSS | ${first?.node1Mb} | ${last?.node1Mb} | ${slopes.node1.all} | ${slopes.node1.afterFirstMinute} |`,
      `| node 2 RSS | ${first?.node2Mb} | ${last?.node2Mb} | ${slopes.node2.all} | ${slopes.node2.afterFirstMinute} |`,
      `| Redis RSS | ${first?.redisMb} | ${last?.redisMb} | ${slopes.redis.all} | ${slopes.redis.afterFirstMinute} |`,
      `| Postgres PSS | ${first?.postgresPssMb} | ${last?.postgresPssMb} | ${slopes.postgresPss.all} | ${slopes.postgresPss.afterFirstMinute} |`,
      '',
      'Least squares over the samples (the whole soak, and from minute 1 on: the first minute holds start-up growth).',
    ]);
    return errors;
  } finally {
    clearTimeout(watchdog);
    await done.run();
  }
}

soak().then(
  (errors) => process.exit(errors === 0 ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
