/**
 * Benchmark (issue 13): losing a node. BENCH_NODE_LOSS_PAIRS (100) calls, 200 sockets, spread over two
 * desk nodes (Postgres, Redis) by a TCP balancer; one node is SIGKILLed; every socket that was on it
 * reconnects as the desk's pages do (socket.io-client, websocket, reconnection delay 500 ms up to 3 s)
 * through the balancer to the live node and asks again what the page would (the parent `call:ready`,
 * the clinician `case:watch`). Timed from the kill to the first answer, and to an answer that is
 * not a refusal (asked again every 250 ms); then one signal each way per call shows whether the calls
 * still relay. Medians over BENCH_NODE_LOSS_ROUNDS (3) rounds, each on a fresh cluster.
 */
import { loadavg } from 'node:os';
import { startBalancer } from './balancer';
import { clusterMissing, startBacking, startDeskNodes } from './cluster';
import { candidateId, deskPairs, type Pair } from './relay';
import { cleanup, freePort, median, percentile, round, writeReport } from './util';
import type { Signal } from '@desk/shared';
import type { Socket } from 'socket.io-client';

const PAIRS = Number(process.env.BENCH_NODE_LOSS_PAIRS ?? 100);
const ROUNDS = Number(process.env.BENCH_NODE_LOSS_ROUNDS ?? 3);
const BOUND_MS = 60_000;
const RETRY_MS = 250;
/** As client/src/lib/socket.ts. */
const PAGE_RECONNECTION = { reconnection: true, reconnectionDelay: 500, reconnectionDelayMax: 3_000 };

type Client = { socket: Socket; ask: () => Promise<{ ok: boolean; error?: { code?: string } }>; disconnectedAt?: number; answeredMs?: number; attachedMs?: number; refusals: string[] };
type Round = {
  loadAverage: number; clients: number; ofDeadNode: number; answered: number; attached: number; answerP50: number; answerP99: number; attachedP50: number; attachedP99: number; attachedMax: number; refusals: Record<string, number>; signalsAfter: { sent: number; received: number; refused: Record<string, number> }; attachedMsEach: number[] };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function lossRound(): Promise<Round> {
  const done = cleanup();
  try {
    const backing = await startBacking(done);
    const balancerPort = await freePort();
    const nodes = await startDeskNodes(done, backing, { nodes: 2, publicUrl: `http://localhost:${balancerPort}` });
    const balancer = await startBalancer(nodes.map((n) => n.port), done, { port: balancerPort });
    const pairs: Pair[] = await deskPairs(balancer.url, PAIRS, balancer.url, PAGE_RECONNECTION);
    const clients: Client[] = pairs.flatMap((pair) => [
      { socket: pair.a, ask: () => pair.a.emitWithAck('case:watch', { caseId: pair.caseId }), refusals: [] },
      { socket: pair.b, ask: () => pair.b.emitWithAck('call:ready', { callId: pair.callId }), refusals: [] },
    ]);
    console.log(`  ${PAIRS} calls up; sockets per node by the balancer's count (HTTP included): ${balancer.connections.join(' / ')}`);
    let killedAt = Number.POSITIVE_INFINITY;
    for (const client of clients) {
      client.socket.on('disconnect', () => {
        if (performance.now() >= killedAt && client.disconnectedAt === undefined) client.disconnectedAt = performance.now();
      });
      client.socket.on('connect', () => {
        if (client.disconnectedAt === undefined) return;
        void (async () => {
          while (client.attachedMs === undefined && performance.now() - killedAt < BOUND_MS && client.socket.connected) {
            const answer = await client.ask().catch((error: unknown) => ({ ok: false, error: { code: String(error) } }));
            client.answeredMs ??= performance.now() - killedAt;
            if (answer.ok) client.attachedMs = performance.now() - killedAt;
            else {
              client.refusals.push(answer.error?.code ?? 'unknown');
              await pause(RETRY_MS);
            }
          }
        })();
      });
    }
    killedAt = performance.now();
    nodes[1]!.child.kill('SIGKILL');
    // Wait until every socket that lost its node is re-attached, or the bound.
    await pause(1_000);
    while (performance.now() - killedAt < BOUND_MS) {
      const dead = clients.filter((c) => c.disconnectedAt !== undefined);
      if (dead.length && dead.every((c) => c.attachedMs !== undefined)) break;
      await pause(100);
    }
    const dead = clients.filter((c) => c.disconnectedAt !== undefined);
    const attached = dead.map((c) => c.attachedMs).filter((v): v is number => v !== undefined);
    const answered = dead.map((c) => c.answeredMs).filter((v): v is number => v !== undefined);
    // Do the calls still relay? One signal each way per call, on whichever node each side is now.
    const received = new Set<number>();
    let sent = 0;
    const signalRefusals: Record<string, number> = {};
    for (const pair of pairs) {
      for (const socket of [pair.a, pair.b]) {
        socket.on('signal', (signal: Signal) => signal.data.kind === 'candidate' && received.add(candidateId(signal.data.candidate)));
        socket.on('signal:error', (error: { code: string }) => (signalRefusals[error.code] = (signalRefusals[error.code] ?? 0) + 1));
      }
    }
    for (const [i, pair] of pairs.entries()) {
      pair.a.emit('signal', pair.signal(true, 2 * i + 1));
      pair.b.emit('signal', pair.signal(false, 2 * i + 2));
      sent += 2;
    }
    for (let waited = 0; waited < 5_000 && received.size < sent; waited += 100) await pause(100);
    const refusals: Record<string, number> = {};
    for (const c of dead) for (const code of c.refusals) refusals[code] = (refusals[code] ?? 0) + 1;
    for (const pair of pairs) {
      pair.a.close();
      pair.b.close();
    }
    const result: Round = {
      loadAverage: round(loadavg()[0]!, 2),
      clients: clients.length,
      ofDeadNode: dead.length,
      answered: answered.length,
      attached: attached.length,
      answerP50: round(percentile(answered, 50), 0),
      answerP99: round(percentile(answered, 99), 0),
      attachedP50: round(percentile(attached, 50), 0),
      attachedP99: round(percentile(attached, 99), 0),
      attachedMax: round(percentile(attached, 100), 0),
      refusals,
      signalsAfter: { sent, received: received.size, refused: signalRefusals },
      attachedMsEach: attached.map((v) => round(v, 0)),
    };
    const { attachedMsEach: _each, ...shown } = result;
    console.log(`  ${JSON.stringify(shown)}`);
    return result;
  } finally {
    await done.run();
  }
}

export async function nodeLossBench(): Promise<void> {
  const missing = clusterMissing();
  if (missing) {
    console.log(`  skipped: ${missing}`);
    return;
  }
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    console.log(` round ${i + 1} of ${ROUNDS}`);
    rounds.push(await lossRound());
  }
  const med = (pick: (r: Round) => number) => round(median(rounds.map(pick)), 0);
  const pooled = rounds.flatMap((r) => r.attachedMsEach);
  const summary = {
    attachedP50: med((r) => r.attachedP50),
    attachedP99: med((r) => r.attachedP99),
    answerP50: med((r) => r.answerP50),
    answerP99: med((r) => r.answerP99),
    pooled: { clients: pooled.length, p50: round(percentile(pooled, 50), 0), p99: round(percentile(pooled, 99), 0), max: round(percentile(pooled, 100), 0) },
    notAttached: rounds.reduce((s, r) => s + r.ofDeadNode - r.attached, 0),
    signalsAfter: { sent: rounds.reduce((s, r) => s + r.signalsAfter.sent, 0), received: rounds.reduce((s, r) => s + r.signalsAfter.received, 0) },
  };
  const json = { measuredAt: new Date().toISOString(), pairs: PAIRS, rounds: ROUNDS, reconnection: PAGE_RECONNECTION, median: summary, each: rounds.map(({ attachedMsEach: _e, ...r }) => r) };
  writeReport('node-loss', json, [
    '# Node loss: time until every client of a SIGKILLed node is re-attached to the live one',
    '',
    `${json.measuredAt}. ${PAIRS} calls (${2 * PAIRS} sockets: each call's clinician and parent) spread over two desk nodes (Postgres, Redis) by a round-robin TCP balancer (e2e/bench/balancer.ts); one node SIGKILLed. Each socket of the dead node reconnects as the desk's pages do (500 ms, ±50 %, doubling to 3 s) and asks again (\`call:ready\` / \`case:watch\`, again every ${RETRY_MS} ms while refused). ${ROUNDS} rounds, a fresh cluster each.`,
    '',
    '| | p50 ms | p99 ms | max ms |',
    '|---|---|---|---|',
    `| kill → re-attached (answered, not refused), median of rounds | ${summary.attachedP50} | ${summary.attachedP99} | |`,
    `| kill → first answer (perhaps a refusal), median of rounds | ${summary.answerP50} | ${summary.answerP99} | |`,
    `| kill → re-attached, all ${summary.pooled.clients} clients of the dead nodes pooled | ${summary.pooled.p50} | ${summary.pooled.p99} | ${summary.pooled.max} |`,
    '',
    `Not re-attached within ${BOUND_MS / 1000} s: ${summary.notAttached}. Afterwards one signal each way per call: ${summary.signalsAfter.received} of ${summary.signalsAfter.sent} relayed.`,
    '',
    '## Each round',
    '',
    ...rounds.map((r, i) => `- round ${i + 1}: ${r.ofDeadNode} of ${r.clients} sockets were on the killed node; re-attached ${r.attached} (p50 ${r.attachedP50} ms, p99 ${r.attachedP99} ms, max ${r.attachedMax} ms); refusals on the way: ${JSON.stringify(r.refusals)}; signals after: ${r.signalsAfter.received}/${r.signalsAfter.sent}, refused ${JSON.stringify(r.signalsAfter.refused)}; load average ${r.loadAverage}`),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  nodeLossBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
