import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort, type Cleanup } from './util';

/**
 * A tiny TCP load balancer for the benches (the e2e suite's own, e2e/support/balancer.ts, was not on
 * main when these were written): new connections go round-robin to the backends; a backend that
 * refuses a connection is skipped for `downMs` and the connection tries the next one, as a balancer
 * with passive health checks does. No stickiness: the desk's sockets are websocket-only.
 */
export type Balancer = { url: string; port: number; connections: number[]; close(): Promise<void> };

export async function startBalancer(backends: number[], done: Cleanup, options: { port?: number; downMs?: number } = {}): Promise<Balancer> {
  const port = options.port ?? (await freePort());
  const downMs = options.downMs ?? 2_000;
  const downUntil = backends.map(() => 0);
  const connections = backends.map(() => 0);
  const open = new Set<Socket>();
  let next = 0;
  const pipeTo = (client: Socket, tried: number) => {
    if (tried >= backends.length) return client.destroy();
    const now = Date.now();
    let index = next++ % backends.length;
    for (let skip = 0; skip < backends.length && downUntil[index]! > now; skip++) index = next++ % backends.length;
    const upstream = connect(backends[index]!, '127.0.0.1');
    let connected = false;
    open.add(upstream);
    upstream.once('connect', () => {
      connected = true;
      connections[index]! += 1;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (connected) return;
      downUntil[index] = Date.now() + downMs;
      pipeTo(client, tried + 1);
    });
    upstream.once('close', () => {
      open.delete(upstream);
      if (connected) client.destroy();
    });
    client.once('close', () => upstream.destroy());
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    pipeTo(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      server.close(() => resolve());
    });
  done.add(close);
  return { url: `http://127.0.0.1:${port}`, port, connections, close };
}
