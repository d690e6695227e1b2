import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A coturn of the test's own: `turnserver` on free loopback ports, in a temp dir, with the REST
 * credentials the desk issues (`use-auth-secret`). Loopback peers are allowed here only because
 * both browsers are on this machine: production must deny private ranges (docs/operations.md).
 */

/** Where coturn's `turnserver` is, or null (Debian: apt-get install -y coturn). */
export function turnserverPath(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v turnserver'], { encoding: 'utf8' });
  const where = found.status === 0 ? found.stdout.trim() : '';
  return where || null;
}

/** A port free for both TCP and UDP on 127.0.0.1 (coturn listens on both). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

/** Resolves once something accepts TCP connections on the port; fails after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = exited();
    if (why) throw new Error(why);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type TurnServer = {
  /** `turn:127.0.0.1:PORT?transport=udp`, for TURN_URLS. */
  url: string;
  secret: string;
  /** What coturn logged (allocations name the REST username). */
  log(): string;
  close(): Promise<void>;
};

/** How many relay ports the test's coturn may use: two browsers need a handful. */
const RELAY_PORTS = 200;

export async function startTurnServer(binary: string): Promise<TurnServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'desk-turn-'));
  const port = await freePort();
  // Relay ports come from a range; coturn skips any that are taken.
  const minPort = 40_000 + Math.floor(Math.random() * 20_000);
  const secret = `e2e-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const logFile = path.join(dir, 'turnserver.log');
  const config = [
    'listening-ip=127.0.0.1',
    'relay-ip=127.0.0.1',
    `listening-port=${port}`,
    `min-port=${minPort}`,
    `max-port=${minPort + RELAY_PORTS}`,
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=desk.test',
    'fingerprint',
    'no-tls',
    'no-dtls',
    'no-cli',
    'no-multicast-peers',
    // Test only: both browsers' relayed addresses are loopback. Production denies private peers instead.
    'allow-loopback-peers',
    `userdb=${path.join(dir, 'turndb')}`,
    `pidfile=${path.join(dir, 'turnserver.pid')}`,
    `log-file=${logFile}`,
    'simple-log',
    'verbose',
  ];
  const configFile = path.join(dir, 'turnserver.conf');
  writeFileSync(configFile, `${config.join('\n')}\n`);
  const child: ChildProcess = spawn(binary, ['-c', configFile], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exit: string | null = null;
  child.once('exit', (code, signal) => (exit = `turnserver exited (${code ?? signal}): ${stderr.slice(-2_000)}`));
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  try {
    await waitForPort(port, 15_000, () => exit);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    log,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
