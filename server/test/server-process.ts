import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cookieName } from '../src/auth/sessions.js';
import { templateDump } from './harness.js';

/**
 * The real server process, `node --import tsx server/src/index.ts` as `npm start` runs it (without
 * the build), for tests of what only a process can show: signals, exit codes, a restart.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_PASSWORD = 'demo-password';

export type Exit = { code: number | null; signal: NodeJS.Signals | null; at: number };

export type ServerProcess = {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  child: ChildProcess;
  exited: Promise<Exit>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** The staff session cookie (`name=value`) of a demo account. */
  login(username?: string): Promise<string>;
};

export type SpawnOptions = {
  /** 0: any free port. A restart passes the port it had. */
  port?: number;
  /** A PGlite data directory; one of the test's own by default. */
  dataDir?: string;
  env?: Record<string, string>;
};

const START_TIMEOUT_MS = 60_000;

/**
 * A PGlite data directory already migrated: the test harness's template unpacked. Migrating a new
 * one in the server process costs seconds (tens on a busy machine); unpacking costs one.
 */
export async function migratedDataDir(): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'desk-proc-'));
  const dump = await templateDump();
  const tarFile = `${dataDir}.tar`;
  writeFileSync(tarFile, new Uint8Array(await dump.arrayBuffer()));
  execFileSync('tar', ['-xf', tarFile, '-C', dataDir]);
  rmSync(tarFile);
  return dataDir;
}

export async function spawnServer(options: SpawnOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? (await migratedDataDir());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: repoRoot,
    // Only what it needs: nothing of the test's own environment (a DATABASE_URL, say) leaks in.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(options.port ?? 0),
      DATA_DIR: dataDir,
      DEMO_PASSWORD,
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  if (!options.dataDir) void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));

  // The banner names the port it bound (PORT=0 picks one).
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const look = () => {
      const match = /running on https?:\/\/[^:\s]+:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve(Number(match[1]));
    };
    child.stdout!.on('data', look);
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${exit.code ?? exit.signal}) before it started:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    child,
    exited,
    output: () => output,
    async login(username = 'clinician') {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
      const name = cookieName('staff', false);
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
      if (!cookie) throw new Error('no session cookie');
      return cookie.split(';')[0]!;
    },
  };
}
