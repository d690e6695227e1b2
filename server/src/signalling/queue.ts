import type { Deps } from '../http/context.js';
import { forbidden } from '../http/errors.js';
import { openQueue } from '../supervisor/queue.js';
import type { Handle } from './handlers.js';
import { rooms, type DeskServer, type DeskSocket } from './types.js';

const QUEUE_BROADCAST_DEBOUNCE_MS = 150;

/** The live queue: staff watch it; any case or call change pushes a fresh copy (debounced). */
export function queueFeed(io: DeskServer, deps: Deps) {
  let timer: NodeJS.Timeout | null = null;
  return {
    changed(): void {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        openQueue(deps)
          .then((items) => io.to(rooms.queue).emit('queue', { items }))
          .catch((error: unknown) => deps.logger.error({ err: error }, 'queue broadcast failed'));
      }, QUEUE_BROADCAST_DEBOUNCE_MS);
    },
    register(socket: DeskSocket, handle: Handle): void {
      handle('queue:watch', async () => {
        if (socket.data.principal.kind !== 'staff') throw forbidden('Staff only.');
        await socket.join(rooms.queue);
        return { items: await openQueue(deps) };
      });
    },
    close(): void {
      if (timer) clearTimeout(timer);
    },
  };
}
