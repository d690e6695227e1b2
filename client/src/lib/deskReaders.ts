import { serverToClient } from '@desk/shared';
import type { z } from 'zod';
import type { EventReaders } from './socket';

/** One server event read with its shared zod schema: a drifting server shows up as a warning, never a crash. */
function zodReader<T>(name: string, schema: z.ZodType<T>): (payload: unknown) => T | null {
  return (payload) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    console.warn(`"${name}" from the server did not parse`, parsed.error.issues);
    return null;
  };
}

/** The desk reads every server event (Required: a new event fails the build until it is read here). */
export const deskReaders: Required<EventReaders> = {
  'call:state': zodReader('call:state', serverToClient['call:state']),
  signal: zodReader('signal', serverToClient.signal),
  'signal:error': zodReader('signal:error', serverToClient['signal:error']),
  'case:changed': zodReader('case:changed', serverToClient['case:changed']),
  ask: zodReader('ask', serverToClient.ask),
  'photo:status': zodReader('photo:status', serverToClient['photo:status']),
  'board:delta': zodReader('board:delta', serverToClient['board:delta']),
  'cases:delta': zodReader('cases:delta', serverToClient['cases:delta']),
  notice: zodReader('notice', serverToClient.notice),
};
