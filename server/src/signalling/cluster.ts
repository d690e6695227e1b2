import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import type { Deps } from '../http/context.js';
import type { DeskServer } from './types.js';

/** The adapter's Redis stream and channels: one namespace per deployment's Redis. */
export const ADAPTER_OPTIONS = {
  streamName: 'desk:sio',
  channelPrefix: 'desk:sio',
  sessionKeyPrefix: 'desk:sio:session:',
  // Every payload is JSON (photos go by HTTP): no walk looking for binary in each packet.
  onlyPlaintext: true,
  // Broadcasts a node has not read yet are kept this deep; a node that falls further behind resyncs like a reconnecting page.
  maxLen: 100_000,
} as const;

/**
 * With several nodes (REDIS_URL): Socket.IO's Redis streams adapter, so rooms, broadcasts and
 * `fetchSockets` span the nodes; and connection-state recovery, which that adapter serves from its
 * stream (a page that drops for a moment gets the packets it missed; best effort, as every page
 * also resyncs from the server's snapshot and its seq on reconnect; the handshake's checks run
 * again). A node alone has neither: Socket.IO's in-memory recovery would keep every broadcast in
 * memory for the whole window, and a restart loses it anyway.
 */
export function clusterServerOptions(deps: Pick<Deps, 'cluster'>): Partial<ServerOptions> {
  const { adapterRedis } = deps.cluster;
  if (!adapterRedis) return {};
  return {
    adapter: createAdapter(adapterRedis, ADAPTER_OPTIONS),
    connectionStateRecovery: { maxDisconnectionDuration: 30_000, skipMiddlewares: false },
  };
}

/**
 * The desk's domain events ride the adapter's ordered stream (`serverSideEmit`): a call's new state
 * reaches another node's caches no later than a signal sent after it. Returns the unlink (a node
 * alone: nothing to do).
 */
export function linkNodes(io: DeskServer, deps: Pick<Deps, 'cluster' | 'events' | 'logger'>): () => Promise<void> {
  const { redis, adapterRedis } = deps.cluster;
  if (!redis || !adapterRedis) return async () => undefined;
  // The adapter subscribes in the background; closing before it has would leave that subscription's
  // promise to reject unheard (an unhandled rejection at shutdown). Closing waits for it: Redis counts
  // one subscriber on this node's own channel once it is done.
  const ownChannel = `${ADAPTER_OPTIONS.channelPrefix}#/#${(io.of('/').adapter as unknown as { uid: string }).uid}#`;
  const subscribed = (async () => {
    for (let tries = 0; tries < 250; tries++) {
      const reply = await redis.sendCommand(['PUBSUB', 'NUMSUB', ownChannel]).catch(() => null);
      if (Array.isArray(reply) && Number(reply[1]) >= 1) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const unlink = deps.events.linkNodes((event) => io.serverSideEmit('desk:event', event));
  io.on('desk:event', (raw: unknown) => {
    if (!deps.events.receive(raw)) deps.logger.warn({ event: typeof raw === 'object' && raw && 'type' in raw ? String(raw.type) : typeof raw }, 'event from another node not understood; dropped');
  });
  return async () => {
    await subscribed;
    unlink();
  };
}
