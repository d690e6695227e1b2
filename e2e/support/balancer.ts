import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A small TCP load balancer in the test process (node:net, no dependency), standing in for the one
 * in front of several desk nodes. Each new client connection goes to the next live backend, round
 * robin, and bytes are piped both ways, so plain HTTP and WebSocket both pass and nothing sticky is
 * assumed. A backend that refuses the connection is skipped (the next one is tried); when a backend
 * goes away, its clients' connections go with it (as a real balancer's would).
 *
 * For the test: `steer(i)` sends new connections to one backend (null: round robin again), and
 * every connection is recorded with the backend it went to, its request line, and (for Socket.IO)
 * the Engine.IO session id the backend handed out, which the page's own websocket frames also show:
 * that is how a spec says which node a page's socket is on.
 */

export type BalancedConnection = {
  /** Index of the backend (0-based) the connection was piped to. */
  backend: number;
  /** When the balancer accepted it (this process's clock). */
  acceptedAt: number;
  /** The first line the client sent, e.g. `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1`. */
  firstLine: string;
  /** The Engine.IO session id in the backend's open packet (`0{"sid":"…"}`), once seen. */
  eioSid: string | null;
  /** Set once either side has gone. */
  closedAt: number | null;
};

export type Balancer = {
  /** `http://localhost:PORT` */
  url: string;
  port: number;
  /** New connections to this backend only (null: round robin). Existing connections stay where they are. */
  steer(backend: number | null): void;
  /** Every connection so far, oldest first. */
  connections: BalancedConnection[];
  /** The backend whose Engine.IO session this is (undefined: not seen through the balancer). */
  backendOfSession(eioSid: string): number | undefined;
  close(): Promise<void>;
};

/** Bytes of a backend's answer searched for the Engine.IO open packet (it is in the first frame or response body). */
const OPEN_PACKET_SEARCH_BYTES = 8_192;
const OPEN_PACKET = /0\{"sid":"([^"]+)"/;

export async function startBalancer(backendPorts: readonly number[], host = '127.0.0.1'): Promise<Balancer> {
  const connections: BalancedConnection[] = [];
  const live = new Set<Socket>();
  let steered: number | null = null;
  let next = 0;

  /** Backends to try for a new connection, in order: the steered one only, or all from the round-robin position. */
  const order = (): number[] => {
    if (steered !== null) return [steered];
    const start = next;
    next = (next + 1) % backendPorts.length;
    return backendPorts.map((_, i) => (start + i) % backendPorts.length);
  };

  const connectTo = (backend: number) =>
    new Promise<Socket | null>((resolve) => {
      const upstream = createConnection({ port: backendPorts[backend]!, host });
      const refused = () => {
        upstream.destroy();
        resolve(null);
      };
      upstream.once('error', refused);
      upstream.once('connect', () => {
        upstream.off('error', refused);
        resolve(upstream);
      });
    });

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    live.add(client);
    client.on('error', () => client.destroy());
    client.once('close', () => live.delete(client));
    void (async () => {
      for (const backend of order()) {
        if (client.destroyed) return;
        const upstream = await connectTo(backend);
        if (!upstream) continue;
        if (client.destroyed) {
          upstream.destroy();
          return;
        }
        live.add(upstream);
        const record: BalancedConnection = { backend, acceptedAt: Date.now(), firstLine: '', eioSid: null, closedAt: null };
        connections.push(record);
        let head = '';
        const peekRequest = (chunk: Buffer) => {
          head += chunk.toString('latin1');
          const end = head.indexOf('\r\n');
          if (end >= 0 || head.length > 4_096) {
            record.firstLine = end >= 0 ? head.slice(0, end) : head.slice(0, 200);
            client.off('data', peekRequest);
          }
        };
        let answer = '';
        const peekAnswer = (chunk: Buffer) => {
          answer += chunk.toString('latin1');
          const found = OPEN_PACKET.exec(answer);
          if (found) record.eioSid = found[1]!;
          if (found || answer.length > OPEN_PACKET_SEARCH_BYTES) upstream.off('data', peekAnswer);
        };
        client.on('data', peekRequest);
        upstream.on('data', peekAnswer);
        // Whichever side goes, the other goes too: a dead node's clients see their connections drop.
        const bothGone = () => {
          record.closedAt ??= Date.now();
          client.destroy();
          upstream.destroy();
        };
        upstream.on('error', bothGone);
        upstream.once('close', () => {
          live.delete(upstream);
          bothGone();
        });
        client.once('close', bothGone);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
        return;
      }
      // Every backend refused: the client sees its connection reset, as with no balancer at all.
      client.destroy();
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://localhost:${port}`,
    port,
    connections,
    steer(backend) {
      if (backend !== null && (backend < 0 || backend >= backendPorts.length)) throw new Error(`no backend ${backend}`);
      steered = backend;
    },
    backendOfSession(eioSid) {
      return connections.find((c) => c.eioSid === eioSid)?.backend;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of live) socket.destroy();
      await closed;
    },
  };
}
