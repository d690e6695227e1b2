import { forbidden } from '../http/errors.js';
import type { Deps } from '../http/context.js';
import { declinePhoto, openPhotoRequestOfCall, requestPhoto } from '../photos/service.js';
import { heldParticipant } from './endpoints.js';
import type { Handle } from './handlers.js';
import { rooms, type DeskServer, type DeskSocket } from './types.js';

/** Photo requests over the socket: the clinician asks, the parent may say no (sending is an upload). */
export function registerPhotoHandlers(socket: DeskSocket, handle: Handle, deps: Deps): void {
  const { principal } = socket.data;

  handle('call:photo-request', async ({ callId, subject }) => {
    if (principal.kind !== 'staff') throw forbidden('Only a clinician can ask for a photo.');
    // Only from the page holding the clinician's media: the one watching the child.
    if (principal.role === 'clinician' && !heldParticipant(socket, callId)) throw forbidden('This page is not part of that call.');
    return requestPhoto(deps, principal, callId, subject);
  });

  handle('call:photo-decline', async ({ callId, requestId }) => {
    if (principal.kind !== 'join') throw forbidden('Only the parent can answer a photo request.');
    if (principal.callId !== callId) throw forbidden('This link is for a different call.');
    return declinePhoto(deps, principal, requestId);
  });

  // A parent's page back in the call (a reload, a reconnect, Rejoin) hears the request still waiting for it, if any.
  if (principal.kind === 'join' && principal.role === 'parent') {
    const { callId } = principal;
    socket.on('call:ready', () => {
      openPhotoRequestOfCall(deps, callId).then(
        (request) => {
          if (request) socket.emit('call:photo-request', request);
        },
        (error: unknown) => deps.logger.warn({ err: error }, 'photo request lookup failed'),
      );
    });
  }
}

/** Each change goes to the call's pages (the parent, guests: they ignore it) and the case's watchers. */
export function broadcastPhotoRequests(io: DeskServer, deps: Deps): () => void {
  return deps.events.onPhotoRequestChanged(({ caseId, request }) => {
    io.to([rooms.watchers(caseId), rooms.call(request.callId)]).emit('call:photo-request', request);
  });
}
