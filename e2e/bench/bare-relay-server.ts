import { createServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * The floor the desk's relay is measured against: a bare Socket.IO 4.8 relay, rooms of two,
 * `socket.to(room).emit`, the same transport and ping settings as the desk, no checks at all.
 */
const http = createServer((_req, res) => {
  res.end('ok');
});
const io = new Server(http, { serveClient: false, pingInterval: 5_000, pingTimeout: 5_000, maxHttpBufferSize: 256 * 1024 });
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
  http.close(() => process.exit(0));
});
