import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { connectSocket } from './harness.js';
import { DEMO_PASSWORD, spawnServer, type ServerProcess } from './server-process.js';

/**
 * SIGTERM to the real server process (docs/operations.md, "Graceful shutdown"): it stops accepting,
 * tells its sockets (their pages reconnect by themselves), lets an in-flight request finish, closes
 * the database and exits 0 in under 10 s, with a keep-alive connection and a socket still open.
 */

const EXIT_WITHIN_MS = 10_000;

async function until(what: string, done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('graceful shutdown on SIGTERM', () => {
  let server: ServerProcess | null = null;
  afterAll(() => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('stops accepting, tells its sockets, finishes the request in flight and exits 0 within 10 s', async () => {
    server = await spawnServer();
    const { url, port } = server;
    const cookie = await server.login();

    const socket = await connectSocket({ url }, { kind: 'staff', cookie });
    const told: string[] = [];
    socket.socket.on('disconnect', (reason) => told.push(reason));

    // A keep-alive connection left idle after its answer (a browser holds several).
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const idleClosed = new Promise<void>((resolve) => {
      httpRequest({ host: '127.0.0.1', port, path: '/api/health', agent }, (res) => {
        res.resume();
        res.socket.once('close', () => resolve());
      }).end();
    });

    // A request the server is reading when the signal comes: headers in (the server said
    // "100 Continue"), body not yet sent.
    const body = JSON.stringify({ username: 'clinician', password: DEMO_PASSWORD });
    const inFlight = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
      agent: false,
    });
    const answered = new Promise<{ res: IncomingMessage; text: string }>((resolve, reject) => {
      inFlight.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ res, text }));
      });
      inFlight.on('error', reject);
    });
    await new Promise<void>((resolve) => inFlight.once('continue', () => resolve()));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');

    // The socket hears first: its transport closes (not the "io server disconnect" of a session end).
    await until('the socket to be told', () => told.length > 0);
    expect(told).toEqual(['transport close']);
    // A new connection is no longer accepted.
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();

    // The request in flight still gets its whole answer, and is told to go elsewhere next time.
    inFlight.end(body);
    const { res, text } = await answered;
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ user: { username: 'clinician' } });
    expect(res.headers.connection).toBe('close');

    const exit = await server.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(EXIT_WITHIN_MS);
    // The idle keep-alive connection was closed by the server, not left for its timeout.
    await idleClosed;
    expect(server.output()).toContain('"msg":"shut down"');
    socket.close();
    agent.destroy();
  }, 90_000);
});
