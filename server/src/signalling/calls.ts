import { isInMedia, type CallWatch, type IceConfig } from '@desk/shared';
import type { StaffPrincipal } from '../auth/sessions.js';
import { findCase } from '../cases/service.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden } from '../http/errors.js';
import { actorOf, heldByAnotherPage, heldParticipant, releaseEndpoint, takeEndpoint } from './endpoints.js';
import type { Handle } from './handlers.js';
import { iceConfigFor } from './ice.js';
import { callClinician } from './principals.js';
import { rooms, type DeskServer, type DeskSocket } from './types.js';

/**
 * Call intents. The socket layer says who is asking (resolved at the handshake and when a page
 * takes a participant's media); the call service decides. Presence-driven changes (a page going)
 * are commands to the call service too.
 */
export function registerCallHandlers(io: DeskServer, socket: DeskSocket, handle: Handle, deps: Deps): void {
  const { principal } = socket.data;
  const actor = actorOf(socket);

  const clinicianOf = (callId: string) => callClinician(deps, principal, callId);

  /** Takes the clinician's media for this page; another live tab keeps it unless `takeover`. */
  const claim = async (callId: string, takeover: boolean): Promise<CallWatch> => {
    const { participantId, caseId } = await clinicianOf(callId);
    const holderAlive = await heldByAnotherPage(io, participantId, socket.data.endpoint);
    try {
      const update = await takeEndpoint(
        io,
        socket,
        { callId, caseId, participantId },
        () => deps.calls.apply(callId, { type: 'CLAIM', participantId, endpoint: socket.data.endpoint, takeover, holderAlive }, actor),
        (result) => result.snapshot.state !== 'ended',
      );
      if (update.snapshot.state === 'ended') return { update, self: null };
      return { update, self: { participantId, holding: true } };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'CALL_HELD_ELSEWHERE') throw error;
      // Remembered without the endpoint room: this page is the clinician, but another tab holds the media.
      socket.data.holds[callId] = { participantId, caseId };
      return { update: await deps.calls.update(callId), self: { participantId, holding: false } };
    }
  };

  /** The participant this page acts as in the call: the one whose media it holds. */
  const acting = (callId: string): string => {
    const participantId = heldParticipant(socket, callId);
    if (participantId) return participantId;
    if (principal.kind === 'staff' && socket.data.holds[callId]) throw new AppError('CALL_HELD_ELSEWHERE', 'This call is open in another tab.');
    throw forbidden('This page is not part of that call.');
  };

  /** A parent's or guest's own call. */
  const joinerIn = (callId: string) => {
    if (principal.kind !== 'join') throw forbidden('Only someone who joined by link can do that.');
    if (principal.callId !== callId) throw forbidden('This link is for a different call.');
    return principal;
  };

  handle('case:watch', async ({ caseId }) => {
    staffOnly(principal);
    const caseRow = await findCase(deps, caseId);
    await socket.join(rooms.watchers(caseId));
    const call = await deps.calls.latestForCase(caseId);
    if (!call) return { update: null, self: null };
    const assigned = principal.role === 'clinician' && caseRow.assignedClinicianId === principal.userId;
    if (assigned && call.state !== 'ended') return claim(call.id, false);
    return { update: await deps.calls.update(call.id), self: null };
  });

  handle('case:unwatch', async ({ caseId }) => {
    staffOnly(principal);
    await socket.leave(rooms.watchers(caseId));
    for (const [callId, held] of Object.entries(socket.data.holds)) {
      if (held.caseId === caseId) await releaseEndpoint(io, socket, callId, deps);
    }
    return null;
  });

  handle('call:claim', ({ callId }) => claim(callId, true));

  handle('call:admit', ({ callId, participantId, parentAgreed }) =>
    deps.calls.apply(callId, { type: 'ADMIT', by: acting(callId), participantId, parentAgreed }, actor),
  );

  handle('call:remove', ({ callId, participantId }) => deps.calls.apply(callId, { type: 'REMOVE', by: acting(callId), participantId }, actor));

  handle('call:end', ({ callId, reason }) => deps.calls.apply(callId, { type: 'END', by: acting(callId), reason }, actor));

  handle('call:keep_trying', ({ callId }) => deps.calls.apply(callId, { type: 'KEEP_TRYING', by: acting(callId) }, actor));

  handle('call:media', ({ callId, peers }) => deps.calls.apply(callId, { type: 'MEDIA', participantId: acting(callId), peers }, actor));

  handle('call:ready', async ({ callId }) => {
    const joiner = joinerIn(callId);
    return takeEndpoint(
      io,
      socket,
      { callId, caseId: joiner.caseId, participantId: joiner.participantId },
      () => deps.calls.apply(callId, { type: 'READY', participantId: joiner.participantId, endpoint: socket.data.endpoint }, actor),
      (update) => update.snapshot.state !== 'ended',
    );
  });

  handle('call:camera_failed', ({ callId, reason }) => {
    const joiner = joinerIn(callId);
    return deps.calls.apply(callId, { type: 'CAMERA_FAILED', participantId: joiner.participantId, reason }, actor);
  });

  /**
   * TURN credentials of this page's participant, only while it is in the call's media: never in
   * the waiting room, never after leaving or being removed, never for a page that does not hold it.
   */
  handle('call:ice', async ({ callId }): Promise<IceConfig> => {
    const participantId = principal.kind === 'join' ? joinerIn(callId).participantId : (await clinicianOf(callId)).participantId;
    const [call, participants] = await Promise.all([deps.calls.byId(callId), deps.calls.participantsOf([callId])]);
    const self = participants.find((p) => p.id === participantId);
    if (!call || call.state === 'ended' || !self || !isInMedia(self)) {
      throw new AppError('NOT_IN_CALL', 'Relay credentials are only for someone let into the call.');
    }
    if (acting(callId) !== participantId) throw forbidden('This page is not part of that call.');
    return iceConfigFor(deps.config, deps.clock.now(), { callId, participantId });
  });

  handle('call:leave', async ({ callId, reason }) => {
    const joiner = joinerIn(callId);
    const update = await deps.calls.apply(callId, { type: 'LEAVE', participantId: joiner.participantId, reason }, actor);
    // Out of media: nothing more is relayed to or from this page until it rejoins.
    delete socket.data.holds[callId];
    await socket.leave(rooms.endpoint(joiner.participantId));
    return update;
  });
}

function staffOnly(principal: DeskSocket['data']['principal']): asserts principal is StaffPrincipal {
  if (principal.kind !== 'staff') throw forbidden('Staff only.');
}
