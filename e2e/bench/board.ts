/**
 * Benchmark (issue 10): the supervisors' board against a bare Socket.IO room broadcast of the same
 * change events, measured in one run. BENCH_BOARD_WATCHERS supervisor sockets (100) watch
 * BENCH_CASES open cases (2,000) while BENCH_BOARD_RATE state changes a second (50) are made the
 * way the call engine makes them. For each change, the time from the change (its `stateSince`) to
 * each screen receiving its row; bytes a second to the screens; server CPU. The desk runs on PGlite
 * (the demo's embedded database) and, where Debian's postgresql is installed, on Postgres (the
 * production database); the floor has no database at all.
 *
 *   npm run bench   (all)      BENCH_BOARD_ROUNDS=3 BENCH_WINDOW_MS=20000 to change the run
 */
import { readdirSync, readFileSync } from 'node:fs';
import { PROTOCOL_VERSION } from '@desk/shared';
import { io, type Socket } from 'socket.io-client';
import { pgBin, startPostgres } from '../../server/test/postgres-server';
import { cleanup, cpuMs, freePort, median, percentile, round, startNode, tempDir, writeReport, type Cleanup, type Started } from './util';

const WATCHERS = Number(process.env.BENCH_BOARD_WATCHERS ?? 100);
const CASES = Number(process.env.BENCH_CASES ?? 2_000);
const RATE = Number(process.env.BENCH_BOARD_RATE ?? 50);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_BOARD_ROUNDS ?? 3);
const WARMUP_MS = 3_000;

type Kind = 'bare' | 'desk-pglite' | 'desk-postgres';
type Round = { p50: number; p99: number; max: number; serverP50: number; serverP99: number; deliveryP50: number; deliveryP99: number; engineP50: number | null; engineP99: number | null; changes: number; received: number; expected: number; bytesPerSecond: number; serverCpuPercent: number; databaseCpuPercent: number | null };

/** The wall clock to the sub-millisecond, comparable with another process's `new Date()` on this machine. */
const wallNow = () => performance.timeOrigin + performance.now();

const connect = (url: string, cookie?: string) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = io(url, {
      auth: { kind: 'staff', protocolVersion: PROTOCOL_VERSION, endpoint: `bench-board-${Math.random().toString(36).slice(2)}` },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: cookie ? { cookie } : {},
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });

/** CPU time of every Postgres process on this machine (the bench's own cluster is the only one running). */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.includes('(postgres)')) total += cpuMs(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function startServer(kind: Kind, done: Cleanup): Promise<{ server: Started; control: string }> {
  const port = await freePort();
  const controlPort = await freePort();
  const control = `http://127.0.0.1:${controlPort}`;
  const env: Record<string, string> = { CONTROL_PORT: String(controlPort), BENCH_CASES: String(CASES) };
  if (kind === 'bare') {
    const server = await startNode('e2e/bench/bare-board-server.ts', { port, env, done, ready: async () => (await fetch(`${control}/ready`)).ok });
    return { server, control };
  }
  if (kind === 'desk-postgres') {
    const postgres = await startPostgres();
    done.add(() => postgres.remove());
    env.DATABASE_URL = postgres.url;
  } else {
    env.DATA_DIR = tempDir('desk-board-bench-', done);
  }
  const server = await startNode('e2e/bench/board-server.ts', {
    port,
    done,
    args: process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [],
    env: { ...env, LOG_LEVEL: 'warn', NODE_ENV: 'development', DEMO_PASSWORD: 'demo', RATE_LIMIT_LOGIN_PER_MINUTE: '100000' },
    ready: async () => (await fetch(`${control}/ready`)).ok,
  });
  return { server, control };
}

async function supervisorCookie(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password: 'demo' }) });
  if (!login.ok) throw new Error(`supervisor sign-in → ${login.status}`);
  return login.headers.getSetCookie()[0]!.split(';')[0]!;
}

type Delta = { seq: number; serverNow: string; upserts: { caseId: string; stateSince: string }[] };

/** One server, one round: watchers connect and take the snapshot, then changes are driven and every row received is timed. */
async function round1(kind: Kind): Promise<Round & { snapshotBytes: number }> {
  const done = cleanup();
  try {
    const { server, control } = await startServer(kind, done);
    const cookie = kind === 'bare' ? undefined : await supervisorCookie(server.url);
    const sockets: Socket[] = [];
    let snapshotBytes = 0;
    for (let i = 0; i < WATCHERS; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, WATCHERS - i) }, () => connect(server.url, cookie)));
      for (const socket of batch) {
        const ack = (await socket.emitWithAck('board:watch', {})) as { ok: boolean; data: unknown; error?: unknown };
        if (!ack.ok) throw new Error(`board:watch refused: ${JSON.stringify(ack.error)}`);
        snapshotBytes = Math.max(snapshotBytes, JSON.stringify(ack.data).length);
      }
      sockets.push(...batch);
    }
    /** Every row received in the window: its case and state-since (the change), when the server sent it, when it arrived. */
    const receipts: { key: string; since: number; sentAt: number; at: number }[] = [];
    let measuring = false;
    let windowStart = 0;
    let received = 0;
    let bytes = 0;
    for (const socket of sockets) {
      socket.on('board:delta', (delta: Delta) => {
        const at = wallNow();
        if (!measuring) return;
        bytes += JSON.stringify(delta).length;
        for (const row of delta.upserts) {
          const since = Date.parse(row.stateSince);
          // Only rows changed inside the window (not the warm-up's, not a reconcile's unchanged ones).
          if (since < windowStart) continue;
          receipts.push({ key: `${row.caseId}|${row.stateSince}`, since, sentAt: Date.parse(delta.serverNow), at });
          received += 1;
        }
      });
    }
    const driven = fetch(`${control}/drive?rate=${RATE}&ms=${WARMUP_MS + WINDOW_MS}`, { method: 'POST' }).then((r) => r.json() as Promise<{ changes: number; failed: number; states?: Record<string, number> }>);
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const cpuStart = cpuMs(server.child.pid!);
    const pgStart = kind === 'desk-postgres' ? postgresCpuMs() : 0;
    windowStart = Date.now();
    const t0 = performance.now();
    measuring = true;
    const { changes, failed, states } = await driven;
    if (states) console.log(`  ${kind}: call states after each change ${JSON.stringify(states)}`);
    const elapsed = performance.now() - t0;
    const cpu = cpuMs(server.child.pid!) - cpuStart;
    const pg = kind === 'desk-postgres' ? postgresCpuMs() - pgStart : null;
    // The last changes' rows still on their way.
    await new Promise((r) => setTimeout(r, 1_000));
    measuring = false;
    if (failed) console.warn(`  ${kind}: ${failed} changes failed`);
    // The board's part starts when the change is committed and its event raised (the floor sends at that moment);
    // the engine's own write before it is reported apart.
    const committed: Record<string, number> = kind === 'bare' ? {} : ((await (await fetch(`${control}/committed`)).json()) as Record<string, number>);
    const startOf = (r: (typeof receipts)[number]) => committed[r.key] ?? r.since;
    const latencies = receipts.map((r) => r.at - startOf(r));
    const serverPart = receipts.map((r) => r.sentAt - startOf(r));
    const deliveryPart = receipts.map((r) => r.at - r.sentAt);
    const enginePart = kind === 'bare' ? [] : receipts.filter((r) => committed[r.key] !== undefined).map((r) => committed[r.key]! - r.since);
    const windowChanges = Math.round((changes * WINDOW_MS) / (WARMUP_MS + WINDOW_MS));
    for (const socket of sockets) socket.close();
    return {
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(percentile(latencies, 100)),
      serverP50: round(percentile(serverPart, 50)),
      serverP99: round(percentile(serverPart, 99)),
      deliveryP50: round(percentile(deliveryPart, 50)),
      deliveryP99: round(percentile(deliveryPart, 99)),
      engineP50: enginePart.length ? round(percentile(enginePart, 50)) : null,
      engineP99: enginePart.length ? round(percentile(enginePart, 99)) : null,
      changes: windowChanges,
      received,
      expected: windowChanges * WATCHERS,
      bytesPerSecond: Math.round(bytes / (elapsed / 1_000)),
      serverCpuPercent: round((100 * cpu) / elapsed, 1),
      databaseCpuPercent: pg === null ? null : round((100 * pg) / elapsed, 1),
      snapshotBytes,
    };
  } finally {
    await done.run();
  }
}

export async function boardBench(): Promise<void> {
  const all: Kind[] = ['bare', 'desk-pglite', ...(pgBin ? (['desk-postgres'] as const) : [])];
  const only = process.env.BENCH_BOARD_KINDS?.split(',');
  const kinds = only ? all.filter((k) => only.includes(k)) : all;
  const rounds: Record<string, (Round & { snapshotBytes: number })[]> = {};
  // Rounds interleave the servers, so a burst of load elsewhere on the machine falls on all of them.
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const kind of kinds) {
      const result = await round1(kind);
      console.log(`  round ${r + 1} ${kind}: ${JSON.stringify(result)}`);
      (rounds[kind] ??= []).push(result);
    }
  }
  const med = (kind: string, key: keyof Round) => {
    const values = (rounds[kind] ?? []).map((x) => x[key]).filter((v): v is number => typeof v === 'number');
    return values.length ? round(median(values)) : null;
  };
  const summary = Object.fromEntries(
    kinds.map((kind) => [
      kind,
      {
        p50: med(kind, 'p50'),
        p99: med(kind, 'p99'),
        max: med(kind, 'max'),
        bytesPerSecond: med(kind, 'bytesPerSecond'),
        serverCpuPercent: med(kind, 'serverCpuPercent'),
        databaseCpuPercent: med(kind, 'databaseCpuPercent'),
        delivered: `${(rounds[kind] ?? []).reduce((n, x) => n + x.received, 0)} of ${(rounds[kind] ?? []).reduce((n, x) => n + x.expected, 0)}`,
        snapshotBytes: rounds[kind]?.[0]?.snapshotBytes ?? null,
      },
    ]),
  );
  const ratio = (kind: Kind) => {
    const desk = summary[kind];
    const bare = summary.bare;
    if (!desk || !bare?.p99 || !desk.p99) return null;
    return { p99: round(desk.p99 / bare.p99), p50: round(desk.p50! / bare.p50!), cpu: round(desk.serverCpuPercent! / bare.serverCpuPercent!), bytes: round(desk.bytesPerSecond! / bare.bytesPerSecond!) };
  };
  const json = {
    measuredAt: new Date().toISOString(),
    watchers: WATCHERS,
    cases: CASES,
    changesPerSecond: RATE,
    windowMs: WINDOW_MS,
    rounds: ROUNDS,
    summary,
    ratios: Object.fromEntries(kinds.filter((k) => k !== 'bare').map((k) => [k, ratio(k)])),
    perRound: rounds,
  };
  const row = (kind: Kind) => {
    const s = summary[kind]!;
    return `| ${kind} | ${s.p50} | ${s.p99} | ${s.max} | ${round((s.bytesPerSecond ?? 0) / 1e6, 2)} | ${s.serverCpuPercent}${s.databaseCpuPercent !== null ? ` (+ Postgres ${s.databaseCpuPercent})` : ''} | ${s.delivered} |`;
  };
  writeReport('board', json, [
    '# The supervisors’ board against a bare Socket.IO room broadcast',
    '',
    `${json.measuredAt}. ${WATCHERS} supervisor sockets watch ${CASES} open cases while ${RATE} state changes a second are made; latency is from the change to each screen receiving the row; ${WINDOW_MS / 1000} s measured after a ${WARMUP_MS / 1000} s warm-up; medians of ${ROUNDS} rounds, the servers interleaved in the same run on this machine.`,
    '',
    '| server | p50 ms | p99 ms | max ms | MB/s to the screens | server CPU % | rows delivered |',
    '|---|---|---|---|---|---|---|',
    ...kinds.map(row),
    ...kinds
      .filter((k) => k !== 'bare')
      .map((k) => {
        const r = json.ratios[k];
        return r ? `| ${k} ÷ bare | ${r.p50}× | **${r.p99}×** | | ${r.bytes}× | ${r.cpu}× | |` : '';
      }),
    '',
    `Target: p99 ≤ 2× bare. The board's snapshot (what every (re)connect receives) is ${round((summary['desk-pglite']?.snapshotBytes ?? 0) / 1e3, 0)} kB for ${CASES} cases.`,
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  boardBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
