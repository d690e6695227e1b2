import type { Logger } from 'pino';
import { joinActor, staffActor } from '../audit/audit.js';
import type { CallService } from '../calls/service.js';
import { rooms, type DeskServer, type DeskSocket } from './types.js';

/**
 * Which socket holds each participant's media. One room per participant (`endpoint:<id>`) holds
 * exactly one socket: signals to the participant go there. Rooms work across nodes with an
 * adapter, so none of this is one process's memory.
 */

export function actorOf(socket: DeskSocket): string {
  const { principal } = socket.data;
  return principal.kind === 'staff' ? staffActor(principal.userId) : joinActor(principal);
}

/**
 * Takes a participant's media for `socket`, around the call-service write that records it: the
 * socket joins the endpoint room first, so a disconnect of this page's older socket landing during
 * the write sees this one there and does not mark the page gone. Once the write succeeds, every other
 * socket leaves the room (another tab, an older page); if it fails, this one does.
 */
export async function takeEndpoint<T>(
  io: DeskServer,
  socket: DeskSocket,
  hold: { callId: string; caseId: string; participantId: string },
  write: () => Promise<T>,
  keep: (result: T) => boolean = () => true,
): Promise<T> {
  const room = rooms.endpoint(hold.participantId);
  await socket.join(room);
  let result: T;
  try {
    result = await write();
  } catch (error) {
    await socket.leave(room);
    throw error;
  }
  if (!keep(result)) {
    await socket.leave(room);
    return result;
  }
  io.in(room).except(socket.id).socketsLeave(room);
  socket.data.holds[hold.callId] = { participantId: hold.participantId, caseId: hold.caseId };
  return result;
}

/** The participant this socket holds in the call, if it still does (another tab may have taken it). */
export function heldParticipant(socket: DeskSocket, callId: string): string | null {
  const held = socket.data.holds[callId];
  return held && socket.rooms.has(rooms.endpoint(held.participantId)) ? held.participantId : null;
}

/** Whether a page other than `endpoint` has a live socket holding the participant's media. */
export async function heldByAnotherPage(io: DeskServer, participantId: string, endpoint: string): Promise<boolean> {
  const sockets = await io.in(rooms.endpoint(participantId)).fetchSockets();
  return sockets.some((s) => s.data.endpoint !== endpoint);
}

/**
 * The socket no longer holds the call (it closed, or the page stopped watching). If no other socket
 * of the same page holds it (a reconnect may already have), the participant's page is gone.
 */
export async function releaseEndpoint(
  io: DeskServer,
  socket: DeskSocket,
  callId: string,
  deps: { calls: CallService; logger: Logger },
): Promise<void> {
  const held = socket.data.holds[callId];
  if (!held) return;
  delete socket.data.holds[callId];
  const room = rooms.endpoint(held.participantId);
  try {
    if (socket.connected) await socket.leave(room);
    const others = await io.in(room).fetchSockets();
    if (others.some((s) => s.data.endpoint === socket.data.endpoint)) return;
    await deps.calls.applyIfValid(callId, { type: 'ENDPOINT_LOST', participantId: held.participantId, endpoint: socket.data.endpoint }, actorOf(socket));
  } catch (error) {
    deps.logger.error({ err: error, callId }, 'presence update failed');
  }
}
