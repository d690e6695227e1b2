import { isInMedia, type AskUpdate, type ParentAsk } from '@desk/shared';
import { answerAsk, closeAsk, currentAsk, restartAskTimer, sendAsk } from '../asks/service.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden } from '../http/errors.js';
import { actorOf } from './endpoints.js';
import type { Handle } from './handlers.js';
import { callClinician } from './principals.js';
import { rooms, type DeskServer, type DeskSocket } from './types.js';

/**
 * The desk asks the parent (back camera, a guided exam, a photo): the call's clinician asks, the
 * call's parent answers, and every change goes to both — the staff watching the case and the
 * parent's pages, never a guest's. The asks service holds the truth; this layer says who is asking.
 */
export function registerAskHandlers(io: DeskServer, socket: DeskSocket, handle: Handle, deps: Deps): void {
  const { principal } = socket.data;
  const actor = actorOf(socket);

  /** The call's parent participant, with the case, or a refusal for anyone else who joined by link. */
  const parentIn = (callId: string) => {
    if (principal.kind !== 'join' || principal.role !== 'parent') throw forbidden('Only the parent can answer that.');
    if (principal.callId !== callId) throw forbidden('This link is for a different call.');
    return { participantId: principal.participantId, caseId: principal.caseId };
  };

  const who = (caseId: string) => ({ actor, caseId, now: deps.clock.now() });

  /** Sends the call's current ask to both sides, and answers the caller with the same. */
  const publish = async (caseId: string, ask: ParentAsk): Promise<AskUpdate> => {
    const update: AskUpdate = { callId: ask.callId, ask, serverNow: deps.clock.now().toISOString() };
    const parent = (await deps.calls.participantsOf([ask.callId])).find((p) => p.role === 'parent');
    io.to([rooms.watchers(caseId), ...(parent ? [rooms.participant(parent.id)] : [])]).emit('ask', update);
    return update;
  };

  handle('ask:send', async ({ callId, request }) => {
    const { participantId, caseId } = await callClinician(deps, principal, callId);
    const parent = (await deps.calls.participantsOf([callId])).find((p) => p.role === 'parent');
    if (!parent || !isInMedia(parent)) throw new AppError('PARENT_NOT_IN_CALL', 'The parent is not in the video call now.');
    return publish(caseId, await sendAsk(deps.db, callId, participantId, request, who(caseId)));
  });

  handle('ask:answer', async ({ callId, askId, answer }) => {
    const { caseId } = parentIn(callId);
    return publish(caseId, await answerAsk(deps.db, callId, askId, answer, who(caseId)));
  });

  handle('ask:timer', async ({ callId, askId }) => {
    const { caseId } = principal.kind === 'join' ? parentIn(callId) : await callClinician(deps, principal, callId);
    return publish(caseId, await restartAskTimer(deps.db, callId, askId, who(caseId)));
  });

  handle('ask:close', async ({ callId, askId }) => {
    const { caseId } = await callClinician(deps, principal, callId);
    return publish(caseId, await closeAsk(deps.db, callId, askId, who(caseId)));
  });

  handle('ask:watch', async ({ callId }) => {
    if (principal.kind === 'join') parentIn(callId);
    else {
      const call = await deps.calls.byId(callId);
      // Staff who may watch the case see its asks (they hear them in the case's watchers room).
      if (!call) throw new AppError('NOT_FOUND', 'That call was not found.');
    }
    return { callId, ask: await currentAsk(deps.db, callId), serverNow: deps.clock.now().toISOString() };
  });
}
