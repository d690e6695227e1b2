import WebSocket from 'ws';
import { readdirSync, readFileSync } from 'node:fs';
import { pgBin, startPostgres } from '../../server/test/postgres-server';
import { redisBin, startRedis } from '../../server/test/redis-server';
import { cpuMs, freePort, startNode, type Cleanup, type Started } from './util';

/**
 * What the scale-out benches share: a Postgres and a Redis of their own (the test harness's, free
 * ports, temp dirs, removed by `done`), desk nodes on them as a region runs them, and bare relay
 * nodes through the same Redis adapter; plus the memory figures the benches read from /proc.
 */

export const clusterMissing = (): string | null =>
  !pgBin ? 'no postgresql package (initdb) on this machine' : !redisBin ? 'no redis-server on this machine' : null;

export type Backing = { databaseUrl: string; redisUrl: string; postgresPort: number; redisPort: number };

export async function startBacking(done: Cleanup): Promise<Backing> {
  const postgres = await startPostgres();
  done.add(() => postgres.remove());
  const redis = await startRedis();
  done.add(() => redis.remove());
  return { databaseUrl: postgres.url, redisUrl: redis.url, postgresPort: postgres.port, redisPort: redis.port };
}

/** Limits no bench reaches (every simulated client comes from 127.0.0.1). */
const BENCH_LIMITS = { RATE_LIMIT_JOIN_PER_MINUTE: '1000000', RATE_LIMIT_LOGIN_PER_MINUTE: '1000000', RATE_LIMIT_INVITES_PER_MINUTE: '1000000' };

/**
 * Desk nodes on one Postgres (and Redis unless `redis: false`), started one after the other, all with
 * the same PUBLIC_URL (the balancer's origin when there is one). `env` is added to every node's.
 */
export async function startDeskNodes(
  done: Cleanup,
  backing: Backing,
  options: { nodes: number; publicUrl?: string; redis?: boolean; env?: Record<string, string>; args?: string[] },
): Promise<Started[]> {
  const ports = await Promise.all(Array.from({ length: options.nodes }, () => freePort()));
  const publicUrl = options.publicUrl ?? `http://localhost:${ports[0]}`;
  const nodes: Started[] = [];
  for (const [i, port] of ports.entries()) {
    nodes.push(
      await startNode('server/src/index.ts', {
        port,
        done,
        args: options.args,
        env: {
          DATABASE_URL: backing.databaseUrl,
          ...(options.redis === false ? {} : { REDIS_URL: backing.redisUrl }),
          PUBLIC_URL: publicUrl,
          NODE_ID: `bench-node-${i + 1}`,
          DEMO_PASSWORD: 'demo',
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
          ...BENCH_LIMITS,
          ...options.env,
        },
        ready: async (url) => (await fetch(`${url}/api/ready`)).ok,
      }),
    );
  }
  return nodes;
}

/** Bare relay nodes (bare-cluster-relay-server.ts) through the adapter on `redisUrl`. */
export async function startBareNodes(done: Cleanup, redisUrl: string, count: number, args: string[] = []): Promise<Started[]> {
  const nodes: Started[] = [];
  for (let i = 0; i < count; i++) {
    nodes.push(
      await startNode('e2e/bench/bare-cluster-relay-server.ts', { port: await freePort(), env: { REDIS_URL: redisUrl }, args, done, ready: async (url) => (await fetch(url)).ok }),
    );
  }
  return nodes;
}

/** A process's resident memory, MB (VmRSS). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? Number.NaN) / 1024;
}

/** A process's proportional share of memory, MB (Pss in smaps_rollup: shared pages split between their users). */
function pssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').split('\n').find((l) => l.startsWith('Pss:'));
  return Number(line?.split(/\s+/)[1] ?? Number.NaN) / 1024;
}

/**
 * The bench's own Postgres (the postmaster listening on `port`, and its children: other builds on
 * this machine may run clusters of their own): their RSS summed (shared buffers counted once per
 * process, an over-count) and their PSS summed (shared pages split between them).
 */
export function postgresMemoryMb(port: number): { processes: number; rssMb: number; pssMb: number } {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const read = (pid: string, file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  const postmaster = pids.find((pid) => {
    const argv = read(pid, 'cmdline').split('\0');
    return argv[0]?.endsWith('/postgres') && argv.some((arg, i) => arg === '-p' && argv[i + 1] === String(port));
  });
  let processes = 0;
  let rss = 0;
  let pss = 0;
  if (!postmaster) return { processes, rssMb: Number.NaN, pssMb: Number.NaN };
  for (const pid of pids) {
    const stat = read(pid, 'stat');
    const ppid = stat.split(') ')[1]?.split(' ')[1];
    if (pid !== postmaster && ppid !== postmaster) continue;
    try {
      rss += rssMb(Number(pid));
      pss += pssMb(Number(pid));
      processes += 1;
    } catch {
      // gone meanwhile
    }
  }
  return { processes, rssMb: rss, pssMb: pss };
}

/** Least-squares slope of y against x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

/** The process id of the bench's Redis (the redis-server on `port`: it names itself `redis-server 127.0.0.1:PORT`). */
export function redisPid(port: number): number | null {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.includes('redis-server') && (argv[0].endsWith(`:${port}`) || argv.some((arg, i) => arg === '--port' && argv[i + 1] === String(port)))) return Number(pid);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** The CPU time (ms) of the bench's Redis. */
export function redisCpuMs(port: number): number {
  const pid = redisPid(port);
  return pid === null ? Number.NaN : cpuMs(pid);
}

/**
 * Through a node's inspector (started with `--inspect=127.0.0.1:PORT`): a full garbage collection,
 * then V8's heap in use, MB. Memory figures read after it hold what is live, not what a GC has yet to free.
 */
export async function collectGarbage(inspectPort: number): Promise<{ heapUsedMb: number }> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const inspector = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => inspector.once('open', resolve).once('error', reject));
  const answers = new Map<number, (result: unknown) => void>();
  inspector.on('message', (data: Buffer) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) answers.get(message.id)?.(message.result);
  });
  let nextId = 0;
  const call = <T>(method: string) =>
    new Promise<T>((resolve) => {
      const id = ++nextId;
      answers.set(id, resolve as (result: unknown) => void);
      inspector.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const usage = await call<{ usedSize: number }>('Runtime.getHeapUsage');
    return { heapUsedMb: usage.usedSize / 1024 / 1024 };
  } finally {
    inspector.close();
  }
}
