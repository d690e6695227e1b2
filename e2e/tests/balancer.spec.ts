import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import { startBalancer, type Balancer } from '../support/balancer';

/**
 * The test balancer the two-node spec stands on (e2e/support/balancer.ts), checked on its own with
 * plain TCP backends that answer with their name: round robin, steering, skipping a backend that
 * refuses, and dropping the clients of one that dies. No browser.
 */

type Backend = { port: number; server: Server; clients: Set<Socket>; close(): Promise<void> };

async function backend(name: string): Promise<Backend> {
  const clients = new Set<Socket>();
  const server = createServer((socket) => {
    clients.add(socket);
    socket.once('close', () => clients.delete(socket));
    // An Engine.IO-like open packet, as a desk node's first answer carries.
    socket.once('data', () => socket.write(`${name} 0{"sid":"sid-${name}-${clients.size}"}\n`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    server,
    clients,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Opens a connection through the balancer, sends a request line, and returns the backend's answer and the socket. */
function ask(balancer: Balancer, line = 'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1'): Promise<{ answer: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port: balancer.port, host: '127.0.0.1' }, () => socket.write(`${line}\r\n\r\n`));
    socket.once('data', (chunk) => resolve({ answer: chunk.toString(), socket }));
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed before an answer')));
  });
}

test('the balancer goes round robin, can be steered, skips a refusing backend and drops a dead one’s clients', async () => {
  const a = await backend('a');
  const b = await backend('b');
  const balancer = await startBalancer([a.port, b.port]);
  const open: Socket[] = [];
  try {
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { answer, socket } = await ask(balancer);
      open.push(socket);
      names.push(answer.split(' ')[0]!);
    }
    expect(names, 'round robin').toEqual(['a', 'b', 'a', 'b']);
    expect(balancer.connections.map((c) => c.backend)).toEqual([0, 1, 0, 1]);
    expect(balancer.connections[0]!.firstLine).toBe('GET /socket.io/?EIO=4&transport=websocket HTTP/1.1');
    await expect.poll(() => balancer.backendOfSession('sid-b-1'), { message: 'the session the backend handed out is recorded' }).toBe(1);

    balancer.steer(1);
    for (let i = 0; i < 2; i++) {
      const { answer, socket } = await ask(balancer);
      open.push(socket);
      expect(answer.split(' ')[0], 'steered to b').toBe('b');
    }

    // b dies: its clients' connections close; round robin again skips it (it refuses).
    balancer.steer(null);
    const bClients = open.filter((_, i) => balancer.connections[i]!.backend === 1);
    const closed = bClients.map((socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve()))));
    await b.close();
    await Promise.all(closed);
    for (let i = 0; i < 3; i++) {
      const { answer, socket } = await ask(balancer);
      open.push(socket);
      expect(answer.split(' ')[0], 'a takes what b refuses').toBe('a');
    }
    const aClients = open.filter((_, i) => balancer.connections[i]!.backend === 0);
    expect(aClients.every((socket) => !socket.destroyed), 'a’s clients are untouched').toBe(true);
  } finally {
    for (const socket of open) socket.destroy();
    await balancer.close();
    await a.close();
    await b.close().catch(() => undefined);
  }
});
