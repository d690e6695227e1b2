import type { BoardFeed } from '../supervisor/feed.js';
import { forbidden } from '../http/errors.js';
import type { Handle } from './handlers.js';
import { rooms, type DeskServer, type DeskSocket } from './types.js';

/**
 * The board's rooms on this process (`io.local`: another node sends its own deltas): supervisors
 * get whole deltas; the staff case list gets the same seq with the rows only.
 */
export function connectBoard(io: DeskServer, feed: BoardFeed): () => void {
  const size = (room: string) => io.of('/').adapter.rooms.get(room)?.size ?? 0;
  return feed.connect({
    watched: () => size(rooms.board) + size(rooms.cases) > 0,
    send: (delta) => {
      if (size(rooms.board)) io.local.to(rooms.board).emit('board:delta', delta);
      if (size(rooms.cases)) {
        const { epoch, seq, serverNow, upserts, removed } = delta;
        io.local.to(rooms.cases).emit('cases:delta', { epoch, seq, serverNow, upserts, removed });
      }
    },
  });
}

export function registerBoardHandlers(socket: DeskSocket, handle: Handle, feed: BoardFeed): void {
  handle('board:watch', async () => {
    const { principal } = socket.data;
    if (principal.kind !== 'staff' || (principal.role !== 'supervisor' && principal.role !== 'admin')) throw forbidden('Supervisors only.');
    return feed.watch(() => socket.join(rooms.board));
  });
  handle('cases:watch', async () => {
    if (socket.data.principal.kind !== 'staff') throw forbidden('Staff only.');
    const { epoch, seq, serverNow, cases } = await feed.watch(() => socket.join(rooms.cases));
    // The desk lists open cases; a signed one leaves its list at once (the board keeps it a while).
    return { epoch, seq, serverNow, cases: cases.filter((c) => c.state !== 'decided') };
  });
}
