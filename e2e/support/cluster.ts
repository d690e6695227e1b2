import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres, type TestPostgres } from '../../server/test/postgres-server';
import { startRedis, type TestRedis } from '../../server/test/redis-server';
import { startBalancer, type Balancer } from './balancer';
import { freePort } from './turn';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type ClusterNode = {
  /** `node-1`, `node-2`, …: its NODE_ID. */
  id: string;
  /** The node's own origin, bypassing the balancer (`http://localhost:PORT`). */
  url: string;
  port: number;
  /** Whether its process is running. */
  running(): boolean;
  /** SIGKILL: the node dies without a goodbye (no drain, no socket close); resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM, as a deploy stops it; resolves with its exit code once it has exited. */
  stop(): Promise<number | null>;
  /** Starts it again on the same port; resolves once its `/api/ready` answers 200. */
  start(): Promise<void>;
  /** What the node wrote to stderr (its logs at LOG_LEVEL), to read when a test fails. */
  log(): string;
};

export type Cluster = {
  /** The balancer's origin, the one PUBLIC_URL every node was given. */
  url: string;
  nodes: ClusterNode[];
  balancer: Balancer;
  postgres: TestPostgres;
  redis: TestRedis;
  close(): Promise<void>;
};

export type ClusterOptions = {
  nodes?: number;
  /** More environment for every node (INVITE_TTL_SECONDS, say). */
  env?: Record<string, string>;
  /** How long a node may take to be ready. */
  readyTimeoutMs?: number;
  /**
   * Start every node at once, as a deploy does (the migrations' advisory lock lets one migrate and
   * the others wait), or node 1 first and the rest once it is ready.
   */
  together?: boolean;
};

/** Polls `/api/ready` until it answers 200; throws if the process exits first or time runs out. */
async function waitReady(url: string, timeoutMs: number, exited: () => string | null, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = exited();
    if (why) throw new Error(why);
    const ready = await fetch(`${url}/api/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`${url} was not ready within ${timeoutMs} ms: ${log().slice(-2_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function deskNode(id: string, port: number, env: Record<string, string>, readyTimeoutMs: number): ClusterNode & { remove(): Promise<void> } {
  const dataDir = mkdtempSync(path.join(tmpdir(), `desk-e2e-${id}-`));
  const url = `http://localhost:${port}`;
  let child: ChildProcess | null = null;
  let stderr = '';
  let exit: string | null = null;
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;

  const ended = (current: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (current.exitCode !== null || current.signalCode !== null) resolve(current.exitCode);
      else current.once('exit', (code) => resolve(code));
    });
  const kill = async () => {
    const current = child;
    if (!current || !running()) return;
    const gone = ended(current);
    current.kill('SIGKILL');
    await gone;
  };
  const stop = async (): Promise<number | null> => {
    const current = child;
    if (!current || !running()) return current?.exitCode ?? null;
    const gone = ended(current);
    current.kill('SIGTERM');
    const code = await Promise.race([gone, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 12_000))]);
    if (code !== 'late') return code;
    current.kill('SIGKILL');
    return gone;
  };
  const start = async () => {
    if (running()) throw new Error(`${id} is already running`);
    exit = null;
    const spawned = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ID: id,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        DEMO_PASSWORD: 'demo',
        NODE_ENV: 'development',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = spawned;
    spawned.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A kill the test asked for is not a failure to start.
    spawned.once('exit', (code, signal) => (exit = `${id} exited (${code ?? signal}): ${stderr.slice(-2_000)}`));
    await waitReady(url, readyTimeoutMs, () => exit, () => stderr);
  };
  return {
    id,
    url,
    port,
    running,
    kill,
    stop,
    start,
    log: () => stderr,
    async remove() {
      await kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Several desk nodes behind one balancer, as production runs them: one Postgres, one Redis, each
 * node its own process (`node --import tsx server/src/index.ts`, the built SPA and the API) on a
 * port of its own, every one with `PUBLIC_URL` = the balancer's origin (links, cookies and the
 * CSRF origin check are the balancer's). Resolves once every node's `/api/ready` is 200 (its
 * database and Redis answer). Whatever fails on the way, what was started is stopped again.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.nodes ?? 2;
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  let postgres: TestPostgres | null = null;
  let redis: TestRedis | null = null;
  let balancer: Balancer | null = null;
  const nodes: (ClusterNode & { remove(): Promise<void> })[] = [];
  const close = async () => {
    await Promise.all(nodes.map((node) => node.remove()));
    await balancer?.close();
    await redis?.remove();
    postgres?.remove();
  };
  try {
    postgres = await startPostgres();
    redis = await startRedis();
    const ports: number[] = [];
    for (let i = 0; i < count; i++) ports.push(await freePort());
    balancer = await startBalancer(ports);
    const env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url, PUBLIC_URL: balancer.url, ...options.env };
    for (let i = 0; i < count; i++) nodes.push(deskNode(`node-${i + 1}`, ports[i]!, env, readyTimeoutMs));
    if (options.together ?? true) await Promise.all(nodes.map((node) => node.start()));
    else {
      await nodes[0]!.start();
      await Promise.all(nodes.slice(1).map((node) => node.start()));
    }
    return { url: balancer.url, nodes, balancer, postgres, redis, close };
  } catch (error) {
    await close();
    throw error;
  }
}
