import type { SocketCounts } from '../metrics/metrics.js';
import type { DeskServer } from './types.js';

/** This node's own sockets by who holds them (`desk_sockets`): counted from memory, on a scrape. */
export function socketCensus(io: DeskServer): SocketCounts {
  const counts: SocketCounts = { staff: 0, parent: 0, guest: 0 };
  for (const socket of io.of('/').sockets.values()) {
    const { principal } = socket.data;
    counts[principal.kind === 'staff' ? 'staff' : principal.role === 'parent' ? 'parent' : 'guest'] += 1;
  }
  return counts;
}
