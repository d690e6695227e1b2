import type { AskUpdate } from '@desk/shared';
import { currentAsk } from '../asks/service.js';
import type { Deps } from '../http/context.js';
import { photoRequestOf } from '../photos/service.js';
import { rooms, type DeskServer } from './types.js';

/**
 * A photo ask is asked, declined and closed over the asks events (signalling/asks.ts); the photo
 * itself arrives by HTTP. When it does (or one sent is refused), the staff watching the case and
 * the call's parent hear the call's current ask and the photo's own status, as they would an answer.
 */
export function broadcastPhotoRequests(io: DeskServer, deps: Deps): () => void {
  const here = (room: string) => (io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0;
  // Every node hears the change (http/events.ts) and tells its own sockets; one with none of them reads nothing.
  return deps.events.onPhotoRequestChanged(({ caseId, callId }) => {
    if (!here(rooms.watchers(caseId)) && !here(rooms.call(callId))) return;
    void (async () => {
      const [ask, participants] = await Promise.all([currentAsk(deps.db, callId), deps.calls.participantsOf([callId])]);
      const parent = participants.find((p) => p.role === 'parent');
      const to = [rooms.watchers(caseId), ...(parent ? [rooms.participant(parent.id)] : [])];
      const update: AskUpdate = { callId, ask, serverNow: deps.clock.now().toISOString() };
      io.local.to(to).emit('ask', update);
      if (ask?.request.kind === 'photo') io.local.to(to).emit('photo:status', await photoRequestOf(deps, ask));
    })().catch((error: unknown) => deps.logger.warn({ err: error }, 'photo status broadcast failed'));
  });
}
