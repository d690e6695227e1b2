import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real Postgres of the test's own: Debian's postgresql package, a fresh cluster in a temp dir on a
 * free port. `.ci/run` installs the package; without it `pgBin` is null and the tests that need it skip.
 */
export const pgBin = (() => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort().at(-1);
  const bin = version ? path.join(root, version, 'bin') : null;
  return bin && existsSync(path.join(bin, 'initdb')) ? bin : null;
})();

/** Postgres will not run as root: run its tools as the postgres user when we are root. */
function asPostgres(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const result = root
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed: ${result.stderr || result.stdout}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export type TestPostgres = {
  /** `postgres://desk@127.0.0.1:PORT/postgres` (trust authentication). */
  url: string;
  port: number;
  /** `pg_ctl stop`: `immediate` is a crash (no shutdown checkpoint), `fast` a clean stop. */
  stop(mode?: 'immediate' | 'fast'): void;
  /** Starts the same cluster again, on the same port; returns once it accepts connections. */
  start(): void;
  /** Stops it (if running) and deletes the cluster. */
  remove(): void;
};

export async function startPostgres(): Promise<TestPostgres> {
  if (!pgBin) throw new Error('no postgresql package (initdb) on this machine');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'desk-pg-'));
  chmodSync(dataDir, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dataDir]);
  const port = await freePort();
  asPostgres(path.join(pgBin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'desk', '--no-sync']);
  let running = false;
  const pgCtl = (args: string[]) => asPostgres(path.join(pgBin!, 'pg_ctl'), ['-D', dataDir, ...args]);
  const start = () => {
    pgCtl(['-w', '-t', '60', '-l', path.join(dataDir, 'log'), '-o', `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    running = true;
  };
  const stop = (mode: 'immediate' | 'fast' = 'fast') => {
    pgCtl(['-w', '-t', '60', '-m', mode, 'stop']);
    running = false;
  };
  start();
  return {
    url: `postgres://desk@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    remove() {
      if (running) stop('immediate');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
