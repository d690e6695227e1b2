/**
 * Benchmark: what the desk's signalling relay costs against a bare Socket.IO relay doing the same
 * work per message (fire-and-forget), measured in one run on this machine. Each call pair sends
 * 1 signal a second each way (a trickled ICE candidate, the commonest signal). Reports p50/p99
 * latency, server CPU per relayed message and lost messages, and profiles what the desk spends.
 *
 *   npm run bench            (all benchmarks)   BENCH_PAIRS=100,1000 to choose the sizes
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROTOCOL_VERSION, type Signal } from '@desk/shared';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { cleanup, cpuMs, freePort, percentile, round, startDesk, startNode, tempDir, writeReport, type Started } from './util';

const PAIRS = (process.env.BENCH_PAIRS ?? '100,1000').split(',').map(Number);
const WARMUP_MS = 3_000;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 20_000);
const DRAIN_MS = 3_000;

/** `a` is the clinician's socket (desk) and `b` the parent's; desk pairs also carry their case and call. */
export type Pair = { a: Socket; b: Socket; signal(fromA: boolean, id: number): Signal; caseId?: string; callId?: string };
export type Phase = { windowUs?: [number, number]; p50: number; p99: number; max: number; cpuMsPerMessage: number; sent: number; received: number; lost: number; messagesPerSecond: number };

export const connect = (url: string, auth: Record<string, unknown>, cookie?: string, options: Partial<ManagerOptions & SocketOptions> = {}) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: cookie ? { cookie } : {}, ...options });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });

/** Runs `work` over items with at most `limit` at a time. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

/** The bench's message id, carried as the candidate's foundation. */
export const candidateId = (candidate: string) => Number(candidate.slice(10, candidate.indexOf(' ')));
const candidate = (id: number) => `candidate:${id} 1 udp 2122260223 198.51.100.18 ${40000 + (id % 20000)} typ host generation 0 ufrag Ab3x network-id 1`;
const UUID = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Pairs on a bare relay; with `urlB`, each pair's second socket on that node (the first stays on `url`). */
export async function barePairs(url: string, count: number, urlB = url): Promise<Pair[]> {
  return inBatches(Array.from({ length: count }), 50, async (_, i) => {
    const [a, b] = await Promise.all([connect(url, { room: `r${i}` }), connect(urlB, { room: `r${i}` })]);
    const ids = { call: UUID(i), a: UUID(100_000 + i), b: UUID(200_000 + i) };
    return {
      a,
      b,
      signal: (fromA, id) => ({
        callId: ids.call,
        from: fromA ? ids.a : ids.b,
        to: fromA ? ids.b : ids.a,
        generation: 1_000_001,
        data: { kind: 'candidate', candidate: candidate(id), sdpMid: '0', sdpMLineIndex: 0 },
      }),
    };
  });
}

/**
 * As the desk really runs a call: a case, a link, the parent's join, the clinician's watch and admit, media reported up.
 * With `parentUrl` (another node), the parent joins and connects there while the clinician stays on `url`.
 */
export async function deskPairs(url: string, count: number, parentUrl = url, socketOptions: Partial<ManagerOptions & SocketOptions> = {}): Promise<Pair[]> {
  return connectDeskPairs(await deskCalls(url, count, parentUrl), socketOptions);
}

/** A call made over HTTP as the desk makes one (case, link, the parent's join), its sockets not yet connected. */
export type DeskCall = { index: number; url: string; parentUrl: string; staffCookie: string; parentCookie: string; caseId: string; callId: string; parentId: string };

const post = async (base: string, urlPath: string, body: unknown, cookie?: string) => {
  const response = await fetch(`${base}${urlPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${urlPath} → ${response.status} ${await response.text()}`);
  return { body: (await response.json()) as Record<string, unknown>, cookie: response.headers.getSetCookie()[0]?.split(';')[0] };
};

export const ack = async <T>(socket: Socket, event: string, payload: unknown): Promise<T> => {
  const result = (await socket.emitWithAck(event, payload)) as { ok: boolean; data: T; error?: unknown };
  if (!result.ok) throw new Error(`${event} refused: ${JSON.stringify(result.error)}`);
  return result.data;
};

/** The HTTP half of `deskPairs`: the clinician (signed in on `url`) makes each case and link, the parent joins on `parentUrl`. */
export async function deskCalls(url: string, count: number, parentUrl = url): Promise<DeskCall[]> {
  const login = await post(url, '/api/auth/login', { username: 'clinician', password: 'demo' });
  const staffCookie = login.cookie!;
  return inBatches(Array.from({ length: count }), 8, async (_, index) => {
    const created = await post(url, '/api/cases', { reference: `BENCH-${index}`, childFirstName: 'Bench', childAgeMonths: 30, callerPhone: '07700 900456', relationship: 'Mother', complaint: 'fever' }, staffCookie);
    const caseId = String(created.body.id);
    const invite = await post(url, `/api/cases/${caseId}/invites`, {}, staffCookie);
    const token = String(invite.body.devJoinLink).split('/join/')[1];
    const joined = await post(parentUrl, '/api/join', { token });
    return { index, url, parentUrl, staffCookie, parentCookie: joined.cookie!, caseId, callId: String(joined.body.callId), parentId: String(joined.body.participantId) };
  });
}

/** The socket half: both pages connect, the clinician watches the case, the parent is ready, admitted, media reported up. */
export async function connectDeskPairs(calls: DeskCall[], socketOptions: Partial<ManagerOptions & SocketOptions> = {}): Promise<Pair[]> {
  return inBatches(calls, 8, async ({ index: i, url, parentUrl, staffCookie, parentCookie, caseId, callId, parentId }) => {
    const a = await connect(url, { kind: 'staff', protocolVersion: PROTOCOL_VERSION, endpoint: `bench-c-${i}-page` }, staffCookie, socketOptions);
    const b = await connect(parentUrl, { kind: 'parent', protocolVersion: PROTOCOL_VERSION, endpoint: `bench-p-${i}-page` }, parentCookie, socketOptions);
    const watch = await ack<{ self: { participantId: string } }>(a, 'case:watch', { caseId });
    const clinicianId = watch.self.participantId;
    await ack(b, 'call:ready', { callId });
    await ack(a, 'call:admit', { callId, participantId: parentId });
    await ack(a, 'call:media', { callId, peers: { [parentId]: 'connected' } });
    return {
      a,
      b,
      caseId,
      callId,
      signal: (fromA, id) => ({
        callId,
        from: fromA ? clinicianId : parentId,
        to: fromA ? parentId : clinicianId,
        generation: 1_000_001,
        data: { kind: 'candidate', candidate: candidate(id), sdpMid: '0', sdpMLineIndex: 0 },
      }),
    };
  });
}

/**
 * One message a second from every socket, spread evenly over the second; latencies of those sent in the window.
 * CPU is the servers' total (several nodes: all of them); `timing` shortens the phases (the soak runs a long window).
 */
export async function drive(
  server: Started | Started[],
  pairs: Pair[],
  timing: { warmupMs?: number; windowMs?: number; onTick?: (now: number) => void } = {},
): Promise<Phase & { errors: number; disconnected: number }> {
  const servers = Array.isArray(server) ? server : [server];
  const serversCpuMs = () => servers.reduce((sum, s) => sum + cpuMs(s.child.pid!), 0);
  const warmupMs = timing.warmupMs ?? WARMUP_MS;
  const windowMs = timing.windowMs ?? WINDOW_MS;
  const senders = pairs.flatMap((pair) => [
    { socket: pair.a, fromA: true, pair },
    { socket: pair.b, fromA: false, pair },
  ]);
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const errors: unknown[] = [];
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let received = 0;
  let sentInWindow = 0;
  const onSignal = (signal: Signal) => {
    if (signal.data.kind !== 'candidate') return;
    const id = candidateId(signal.data.candidate);
    const at = sentAt.get(id);
    if (at === undefined) return;
    sentAt.delete(id);
    if (at >= windowStart && at < windowEnd) {
      latencies.push(performance.now() - at);
      received += 1;
    }
};
  const onError = (error: unknown) => errors.push(error);
  for (const { socket } of senders) {
    socket.on('signal', onSignal);
    socket.on('signal:error', onError);
  }
  let nextId = 1;
  let cursor = 0;
  let cycle = 0;
  let cpuAtStart = 0;
  let cpuUsed = 0;
  // The monotonic clock V8's profiler stamps samples with, so the profile can be cut to the window.
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
  const windowUs: [number, number] = [0, 0];
  const start = performance.now();
  const period = 1_000 / senders.length;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      timing.onTick?.(now);
      if (windowStart === Number.POSITIVE_INFINITY && now - start >= warmupMs) {
        windowStart = now;
        windowEnd = now + windowMs;
        cpuAtStart = serversCpuMs();
        windowUs[0] = monotonicUs();
      }
      if (now >= windowEnd) {
        cpuUsed = serversCpuMs() - cpuAtStart;
        windowUs[1] = monotonicUs();
        clearInterval(timer);
        return resolve();
      }
      // Every sender whose turn has come since the last tick.
      while (start + (cycle * senders.length + cursor) * period <= now) {
        const sender = senders[cursor]!;
        const id = nextId++;
        const at = performance.now();
        sentAt.set(id, at);
        if (at >= windowStart && at < windowEnd) sentInWindow += 1;
        sender.socket.emit('signal', sender.pair.signal(sender.fromA, id));
        cursor += 1;
        if (cursor === senders.length) {
          cursor = 0;
          cycle += 1;
        }
      }
    }, 5);
  });
  await new Promise((r) => setTimeout(r, DRAIN_MS));
  // The same sockets may be driven again (the cluster bench's rounds): this round's listeners go.
  for (const { socket } of senders) {
    socket.off('signal', onSignal);
    socket.off('signal:error', onError);
  }
  if (errors.length) console.warn(`  ${errors.length} signals refused, e.g.`, errors[0]);
  return {
    windowUs,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(percentile(latencies, 100)),
    cpuMsPerMessage: round(cpuUsed / Math.max(1, received), 4),
    sent: sentInWindow,
    received,
    lost: sentInWindow - received,
    messagesPerSecond: round(received / (windowMs / 1_000), 0),
    errors: errors.length,
    // Sockets the servers dropped meanwhile (a ping unanswered for 10 s on a starved machine, say): their signals are lost.
    disconnected: senders.filter(({ socket }) => !socket.connected).length,
  };
}
/** The functions a CPU profile spent most self time in, over the measured window only (setup is left out), as a share of busy time. */
export function topFunctions(dir: string, window: [number, number], limit = 15): { fn: string; percent: number }[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [];
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    startTime: number;
    samples: number[];
    timeDeltas: number[];
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFn = new Map<string, number>();
  let t = profile.startTime;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t < window[0] || t > window[1]) return;
    const frame = nodes.get(id);
    if (!frame || frame.functionName === '(idle)') return;
    const where = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, '');
    const key = `${frame.functionName || '(anonymous)'}${where ? ` ${where}:${frame.lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + 1);
    busy += 1;
  });
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([fn, hits]) => ({ fn, percent: round((100 * hits) / Math.max(1, busy), 1) }));
}

/** One server, one size: start it, set the pairs up, drive them, stop it. With `profileDir`, under the sampling profiler. */
async function phase(kind: 'bare' | 'desk', pairs: number, profileDir: string | null): Promise<Phase> {
  const done = cleanup();
  try {
    const args = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const server =
      kind === 'bare'
        ? await startNode('e2e/bench/bare-relay-server.ts', { port: await freePort(), env: {}, args, done, ready: async (url) => (await fetch(url)).ok })
        : await startDesk(done, { RATE_LIMIT_JOIN_PER_MINUTE: '1000000', RATE_LIMIT_LOGIN_PER_MINUTE: '1000000', RATE_LIMIT_INVITES_PER_MINUTE: '1000000' }, args);
    const setupStart = performance.now();
    const list = kind === 'bare' ? await barePairs(server.url, pairs) : await deskPairs(server.url, pairs);
    console.log(`  ${kind}: ${pairs} pairs ready in ${round((performance.now() - setupStart) / 1000, 1)} s${profileDir ? ' (profiling)' : ''}`);
    const { errors: _errors, disconnected: _disconnected, ...result } = await drive(server, list);
    console.log(`  ${kind}: ${JSON.stringify(result)}`);
    for (const pair of list) {
      pair.a.close();
      pair.b.close();
    }
    return result;
  } finally {
    await done.run();
  }
}

export async function relayBench(): Promise<void> {
  const results: { pairs: number; bare: Phase; desk: Phase; ratio: { p99: number; cpu: number } }[] = [];
  for (const pairs of PAIRS) {
    const { windowUs: _bareWindow, ...bare } = await phase('bare', pairs, null);
    const { windowUs: _deskWindow, ...desk } = await phase('desk', pairs, null);
    results.push({ pairs, bare, desk, ratio: { p99: round(desk.p99 / bare.p99), cpu: round(desk.cpuMsPerMessage / bare.cpuMsPerMessage) } });
  }
  // Profiled apart from the measured runs: the profiler's own cost would blur the ratios.
  const profiles: Record<string, { fn: string; percent: number }[]> = {};
  const outer = cleanup();
  try {
    for (const kind of ['desk', 'bare'] as const) {
      const dir = tempDir(`desk-prof-${kind}-`, outer);
      const profiled = await phase(kind, Math.max(...PAIRS), dir);
      profiles[kind] = topFunctions(dir, profiled.windowUs!);
    }
  } finally {
    await outer.run();
  }
  const json = { measuredAt: new Date().toISOString(), windowMs: WINDOW_MS, messagePerSecondPerSocket: 1, results, profiles };
  const row = (label: string, p: Phase) =>
    `| ${label} | ${p.p50} | ${p.p99} | ${p.max} | ${p.cpuMsPerMessage} | ${p.messagesPerSecond} | ${p.lost} |`;
  writeReport('relay', json, [
    '# Signal relay: the desk against a bare Socket.IO relay',
    '',
    `${json.measuredAt}. Each pair sends one signal a second each way (a trickled ICE candidate); ${WINDOW_MS / 1000} s measured after a ${WARMUP_MS / 1000} s warm-up, on this machine, both servers in the same run.`,
    '',
    '| pairs / server | p50 ms | p99 ms | max ms | server CPU ms per message | messages/s | lost |',
    '|---|---|---|---|---|---|---|',
    ...results.flatMap((r) => [row(`${r.pairs} bare`, r.bare), row(`${r.pairs} desk`, r.desk), `| ${r.pairs} desk ÷ bare | | **${r.ratio.p99}×** | | **${r.ratio.cpu}×** | | |`]),
    '',
    'Targets at 1,000 pairs: p99 ≤ 1.5× bare, CPU per relayed message ≤ 1.5× bare, nothing lost.',
    '',
    '## Where the desk server spends its busy time in the window at the largest size (self time, sampled; set-up excluded)',
    '',
    ...(profiles.desk ?? []).map((f) => `- ${f.percent}% ${f.fn}`),
    '',
    '## The bare relay, for comparison',
    '',
    ...(profiles.bare ?? []).map((f) => `- ${f.percent}% ${f.fn}`),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  relayBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
