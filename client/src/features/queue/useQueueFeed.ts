import { IN_CALL_STATES, type QueueItem } from '@desk/shared';
import { useEffect, useEffectEvent, useState } from 'react';
import { getSocket, type ConnectionStatus } from '../../lib/socket';
import { deskReaders } from '../../lib/deskReaders';

export type QueueFeed = {
  items: QueueItem[] | null;
  status: ConnectionStatus;
  /** When the server last sent the queue (ISO), or null before the first. */
  updatedAt: string | null;
  error: string | null;
};

/**
 * The live queue from the staff socket. The handler is registered before asking to watch, and the
 * watch is asked again on every (re)connection: a new connection has joined no rooms yet.
 */
export function useQueueFeed(onUpdate?: (items: QueueItem[]) => void): QueueFeed {
  const [feed, setFeed] = useState<QueueFeed>({ items: null, status: 'connecting', updatedAt: null, error: null });
  const notify = useEffectEvent((items: QueueItem[]) => onUpdate?.(items));

  useEffect(() => {
    const socket = getSocket('staff', deskReaders);
    let active = true;
    let reconnect = false;
    const receive = (items: QueueItem[], changed: boolean) => {
      if (!active) return;
      setFeed((f) => ({ ...f, items, updatedAt: new Date().toISOString(), error: null }));
      if (changed) notify(items);
    };
    const offQueue = socket.on('queue', ({ items }) => receive(items, true));
    const offStatus = socket.onStatus((status) => {
      if (!active) return;
      setFeed((f) => ({ ...f, status }));
      if (status !== 'connected') return;
      // The first answer is the starting point; after a reconnection it may hold missed changes.
      const changed = reconnect;
      reconnect = true;
      socket.request('queue:watch', {}).then(
        ({ items }) => receive(items, changed),
        (error: unknown) => {
          if (active) setFeed((f) => ({ ...f, error: error instanceof Error ? error.message : 'Could not watch the queue' }));
        },
      );
    });
    return () => {
      active = false;
      offQueue();
      offStatus();
    };
  }, []);

  return feed;
}

export type QueueCounts = { open: number; waiting: number; inCall: number };

export function queueCounts(items: readonly QueueItem[]): QueueCounts {
  return {
    open: items.length,
    waiting: items.filter((item) => item.call?.state === 'parent_waiting').length,
    inCall: items.filter((item) => item.call && IN_CALL_STATES.has(item.call.state)).length,
  };
}
