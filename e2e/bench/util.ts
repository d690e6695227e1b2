import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/browser';

/** What every benchmark shares: free ports, servers it starts and always stops, temp dirs it always removes, figures. */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS = path.join(ROOT, 'bench-results');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '0.0.0.0', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export type Cleanup = { add(step: () => void | Promise<void>): void; run(): Promise<void> };

/** Steps run in reverse on the way out, whether the bench passed or threw. */
export function cleanup(): Cleanup {
  const steps: (() => void | Promise<void>)[] = [];
  return {
    add: (step) => void steps.push(step),
    async run() {
      for (const step of steps.reverse()) {
        try {
          await step();
        } catch (error) {
          console.warn('cleanup step failed', error);
        }
      }
    },
  };
}

export function tempDir(prefix: string, done: Cleanup): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  done.add(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export type Started = { child: ChildProcess; port: number; url: string };

/** Starts a Node child (the desk server, or a bench server) and waits until `ready` says so. */
export async function startNode(
  script: string,
  options: { env: Record<string, string>; port: number; ready: (url: string) => Promise<boolean>; args?: string[]; done: Cleanup },
): Promise<Started> {
  const child = spawn(process.execPath, [...(options.args ?? []), '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  options.done.add(
    () =>
      new Promise<void>((resolve) => {
        // A child killed by a signal (a bench's SIGKILL) has no exit code, only a signal code.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
      }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      if (await options.ready(url)) return { child, port: options.port, url };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${script} did not become ready`);
}

/** The desk server as `npm start` runs it (built client, PGlite in a temp dir), on a free port. */
export async function startDesk(done: Cleanup, env: Record<string, string> = {}, args: string[] = []): Promise<Started> {
  const dataDir = tempDir('desk-bench-', done);
  const port = await freePort();
  return startNode('server/src/index.ts', {
    port,
    done,
    args,
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', DEMO_PASSWORD: 'demo', ...env },
    ready: async (url) => (await fetch(`${url}/api/ready`)).ok,
  });
}

/** The desk server, with join and sign-in limits no bench run reaches, and a Chromium with fake media; `done` stops both. */
export async function deskInChromium(done: Cleanup): Promise<{ server: Started; base: string; browser: Browser }> {
  const server = await startDesk(done, { RATE_LIMIT_JOIN_PER_MINUTE: '1000', RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  done.add(() => browser.close());
  return { server, base: `http://localhost:${server.port}`, browser };
}

/** CPU time (user + system) a process has used, in ms, from /proc. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the stat line; after the ") " split they are 11 and 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: number[]) => percentile(values, 50);

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export function writeReport(name: string, json: unknown, markdown: string[]): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, `${name}.json`), JSON.stringify(json, null, 2));
  writeFileSync(path.join(RESULTS, `${name}.md`), markdown.join('\n') + '\n');
  console.log(`wrote bench-results/${name}.json and .md`);
}
