import type { Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';
import { answersWithin } from '../http/answers.js';

/**
 * What several nodes share besides the database: one Redis, for Socket.IO's adapter (broadcasts,
 * the cross-node events, connection-state recovery), the rate-limit counters and the presence
 * sweep's turn. The only module that opens a Redis connection. One node alone (`REDIS_URL` unset):
 * no Redis, and every part falls back to its in-process form.
 */

export type RedisClient = ReturnType<typeof createClient>;

export type Cluster = {
  nodeId: string;
  /** Null on a node alone. Fails a command at once while Redis is away (rate limits, readiness, the presence sweep's turn). */
  redis: RedisClient | null;
  /**
   * Socket.IO's adapter's own connection (it duplicates it for reading the stream and subscribing).
   * This one queues commands while Redis is away instead of failing them: the adapter reads the
   * stream in a loop that would otherwise spin on instant failures, and broadcasts sent during a
   * blip go out when it ends.
   */
  adapterRedis: RedisClient | null;
  /** A shared store for one rate limiter (`name` keeps limiters' counters apart); undefined: the in-process store. */
  rateLimitStore(name: string): Store | undefined;
  /** True when Redis answers (or there is none to ask): `/api/ready` says a node without it is not ready. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
};

/** `/api/ready` answers within this, whatever Redis does. */
const READY_TIMEOUT_MS = 2_000;
/** Opening the connection at start-up: a Redis that is not there fails the start rather than hanging it. */
const CONNECT_TIMEOUT_MS = 5_000;
/** Rate-limit keys: one namespace per deployment's Redis, one per limiter. */
const RATE_LIMIT_PREFIX = 'desk:rl:';

export function singleNode(nodeId: string): Cluster {
  return { nodeId, redis: null, adapterRedis: null, rateLimitStore: () => undefined, ready: async () => true, close: async () => undefined };
}

export async function openCluster(options: { redisUrl: string | null; nodeId: string; logger: Logger }): Promise<Cluster> {
  if (!options.redisUrl) return singleNode(options.nodeId);
  const connect = (failFast: boolean) =>
    createClient({
      url: options.redisUrl!,
      // Fail fast: a command while Redis is away fails at once instead of queueing (a rate limit
      // lets the request through: the lockout is in the database; readiness says no).
      disableOfflineQueue: failFast,
      pingInterval: 5_000,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        // Back again within a couple of seconds of Redis returning, however long it was gone.
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
      },
    });
  const redis = connect(true);
  const adapterRedis = connect(false);
  let down = false;
  redis.on('error', (error: unknown) => {
    if (!down) options.logger.error({ err: error }, 'redis connection lost');
    down = true;
  });
  redis.on('ready', () => {
    if (down) options.logger.warn('redis connection back');
    down = false;
  });
  adapterRedis.on('error', () => undefined);
  await Promise.all([redis.connect(), adapterRedis.connect()]);
  const stores = new Map<string, Store>();
  return {
    nodeId: options.nodeId,
    redis,
    adapterRedis,
    rateLimitStore(name) {
      let store = stores.get(name);
      if (!store) {
        store = new RedisStore({ prefix: `${RATE_LIMIT_PREFIX}${name}:`, sendCommand: (...args: string[]) => redis.sendCommand(args) });
        stores.set(name, store);
      }
      return store;
    },
    ready: () => answersWithin(() => redis.ping().then((reply) => reply === 'PONG'), READY_TIMEOUT_MS),
    async close() {
      for (const client of [redis, adapterRedis]) if (client.isOpen) await client.close().catch(() => client.destroy());
    },
  };
}
