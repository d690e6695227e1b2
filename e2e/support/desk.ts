import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './turn';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type DeskServer = {
  url: string;
  close(): Promise<void>;
  /** SIGTERM, as a deploy stops it; resolves once the process has exited, with its exit code. */
  stop(): Promise<number | null>;
  /** Starts it again on the same port and data directory (the same database); resolves once it is ready. */
  start(): Promise<void>;
};

/**
 * A desk server of the test's own (the built SPA and the API, as `npm start` serves them, on a
 * fresh PGlite), for a spec that needs settings the shared one does not have (TURN, say), or that
 * stops and starts it.
 */
export async function startDeskServer(env: Record<string, string>, timeoutMs = 60_000): Promise<DeskServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'desk-e2e-own-'));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  let child: ChildProcess | null = null;
  let stderr = '';
  let exit: string | null = null;

  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  const stop = async (): Promise<number | null> => {
    const current = child;
    if (!current || !running()) return current?.exitCode ?? null;
    const gone = new Promise<number | null>((resolve) => current.once('exit', (code) => resolve(code)));
    current.kill('SIGTERM');
    const code = await Promise.race([gone, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000))]);
    if (code !== 'late') return code;
    current.kill('SIGKILL');
    return gone;
  };
  const close = async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const start = async () => {
    exit = null;
    const spawned = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_PASSWORD: 'demo', NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = spawned;
    spawned.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    spawned.once('exit', (code, signal) => (exit = `the desk server exited (${code ?? signal}): ${stderr.slice(-2_000)}`));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exit) throw new Error(exit);
      const ready = await fetch(`${url}/api/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`the desk server was not ready within ${timeoutMs} ms: ${stderr.slice(-2_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  try {
    await start();
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close, stop, start };
}
