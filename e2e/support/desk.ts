import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './turn';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type DeskServer = { url: string; close(): Promise<void> };

/**
 * A desk server of the test's own (the built SPA and the API, as `npm start` serves them, on a
 * fresh PGlite), for a spec that needs settings the shared one does not have (TURN, say).
 */
export async function startDeskServer(env: Record<string, string>, timeoutMs = 60_000): Promise<DeskServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'desk-e2e-own-'));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_PASSWORD: 'demo', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exit: string | null = null;
  child.once('exit', (code, signal) => (exit = `the desk server exited (${code ?? signal}): ${stderr.slice(-2_000)}`));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) {
      await close();
      throw new Error(exit);
    }
    const ready = await fetch(`${url}/api/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, close };
    if (Date.now() > deadline) {
      await close();
      throw new Error(`the desk server was not ready within ${timeoutMs} ms: ${stderr.slice(-2_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
