import type { BoardFeed } from '../supervisor/feed.js';
import { forbidden } from '../http/errors.js';
import type { Handle } from './handlers.js';
import { rooms, type DeskServer, type DeskSocket } from './types.js';

/** The board's room: supervisors' sockets on this process get its deltas (`io.local`: another node sends its own). */
export function connectBoard(io: DeskServer, feed: BoardFeed): () => void {
  return feed.connect({
    watched: () => (io.of('/').adapter.rooms.get(rooms.board)?.size ?? 0) > 0,
    send: (delta) => io.local.to(rooms.board).emit('board:delta', delta),
  });
}

export function registerBoardHandlers(socket: DeskSocket, handle: Handle, feed: BoardFeed): void {
  handle('board:watch', async () => {
    const { principal } = socket.data;
    if (principal.kind !== 'staff' || (principal.role !== 'supervisor' && principal.role !== 'admin')) throw forbidden('Supervisors only.');
    return feed.watch(() => socket.join(rooms.board));
  });
}
