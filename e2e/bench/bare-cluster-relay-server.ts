import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

/**
 * The floor the desk's cross-node relay is measured against: bare-relay-server.ts (rooms of two,
 * `socket.to(room).emit`, no checks) on one of several nodes, through the same
 * `@socket.io/redis-streams-adapter` and node-redis client as the desk with `REDIS_URL`, websocket
 * only, the desk's adapter options, and connection-state recovery on as the desk has it (`BARE_RECOVERY=0` turns it off).
 */
const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', (error: unknown) => console.error('bare cluster relay: redis', error));
await redis.connect();
const http = createServer((_req, res) => {
  res.end('ok');
});
const io = new Server(http, {
  serveClient: false,
  transports: ['websocket'],
  pingInterval: 5_000,
  pingTimeout: 5_000,
  maxHttpBufferSize: 256 * 1024,
  // The desk's adapter options (server/src/signalling/cluster.ts): JSON only, the stream kept as deep.
  adapter: createAdapter(redis, { onlyPlaintext: true, maxLen: 100_000 }),
  ...(process.env.BARE_RECOVERY === '0' ? {} : { connectionStateRecovery: { maxDisconnectionDuration: 30_000 } }),
});
io.on('connection', (socket) => {
  const room = String((socket.handshake.auth as { room?: unknown }).room);
  void socket.join(room);
  socket.on('signal', (payload: unknown) => {
    socket.to(room).emit('signal', payload);
  });
});
http.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  io.close();
  http.close(() => {
    void redis.quit().finally(() => process.exit(0));
  });
});
