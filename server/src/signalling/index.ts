import type { Server as HttpServer } from 'node:http';
import {
  IN_CALL_STATES,
  PROTOCOL_VERSION,
  SIGNAL_MAX_BYTES,
  clientToServer,
  socketAuthSchema,
  type Ack,
  type CallUpdate,
  type ClientToServerEvents,
  type ClientToServerName,
  type ClientToServerPayload,
  type ClientToServerResult,
  type ServerToClientEvents,
} from '@desk/shared';
import { Server, type Socket } from 'socket.io';
import { parentActor, staffActor } from '../audit/audit.js';
import { resolvePrincipal, type Principal, type StaffPrincipal } from '../auth/sessions.js';
import { snapshotOf, type CallRow } from '../calls/service.js';
import { findCase } from '../cases/service.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden } from '../http/errors.js';
import { originAllowed } from '../http/origin.js';
import { openQueue } from '../supervisor/queue.js';

/** The only module that touches socket.io server objects. */

type SocketData = { principal: Principal };
type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const room = {
  watchers: (caseId: string) => `case:${caseId}`,
  clinician: (caseId: string) => `clinician:${caseId}`,
  /** Per call: a parent page still open on an earlier call of the case must not see this one's state or signals. */
  parent: (caseId: string, callId: string) => `parent:${caseId}:${callId}`,
  queue: 'queue',
};
/** Anything larger than the largest signal is refused before parsing. */
const PAYLOAD_MAX_BYTES = SIGNAL_MAX_BYTES + 1024;
const QUEUE_BROADCAST_DEBOUNCE_MS = 150;

export type Signalling = { io: DeskServer; close(): Promise<void> };

export function attachSignalling(httpServer: HttpServer, deps: Deps): Signalling {
  const io: DeskServer = new Server(httpServer, {
    // Socket.IO drops a connection over this size; keep it above the signal limit so the caller gets a coded error instead.
    maxHttpBufferSize: 4 * SIGNAL_MAX_BYTES,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  io.use(async (socket, next) => {
    // A socket event is a mutation like any POST: a page on another site must not drive it with the desk's cookies.
    const { origin, host } = socket.handshake.headers;
    if (!originAllowed(deps.config.publicUrl, origin, host)) return next(codedError('FORBIDDEN', 'Cross-site connection refused.'));
    const auth = socketAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(codedError('VALIDATION_FAILED', 'Socket handshake needs {kind, protocolVersion}.'));
    if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
      return next(codedError('PROTOCOL_MISMATCH', 'This page is out of date. Reload it to continue.'));
    }
    try {
      const principal = await resolvePrincipal(deps.db, socket.handshake.headers.cookie, auth.data.kind, deps.clock.now());
      if (!principal) return next(codedError('UNAUTHENTICATED', 'Sign in again to continue.'));
      socket.data.principal = principal;
      next();
    } catch (error) {
      deps.logger.error({ err: error }, 'socket auth failed');
      next(codedError('INTERNAL', 'Could not check the session.'));
    }
  });

  const present = async (name: string) => (await io.in(name).fetchSockets()).length > 0;
  const presence = async (caseId: string, callId: string) => ({
    clinician: await present(room.clinician(caseId)),
    parent: await present(room.parent(caseId, callId)),
  });
  const updateOf = async (call: CallRow): Promise<CallUpdate> => ({
    caseId: call.caseId,
    callId: call.id,
    snapshot: snapshotOf(call),
    presence: await presence(call.caseId, call.id),
  });

  let queueTimer: NodeJS.Timeout | null = null;
  const broadcastQueue = () => {
    if (queueTimer) return;
    queueTimer = setTimeout(() => {
      queueTimer = null;
      openQueue(deps)
        .then((items) => io.to(room.queue).emit('queue', { items }))
        .catch((error: unknown) => deps.logger.error({ err: error }, 'queue broadcast failed'));
    }, QUEUE_BROADCAST_DEBOUNCE_MS);
  };

  const offCall = deps.events.onCallChanged(({ caseId, callId, snapshot }) => {
    // An EventEmitter ignores a listener's promise: a failure here must be caught, or it is an unhandled rejection.
    presence(caseId, callId)
      .then((now) => io.to([room.watchers(caseId), room.parent(caseId, callId)]).emit('call:state', { caseId, callId, snapshot, presence: now }))
      .catch((error: unknown) => deps.logger.error({ err: error, caseId, callId }, 'call state broadcast failed'));
    broadcastQueue();
  });
  const offCase = deps.events.onCaseChanged((caseId) => {
    io.to(room.watchers(caseId)).emit('case:changed', { caseId });
    broadcastQueue();
  });

  io.on('connection', (socket) => {
    const principal = socket.data.principal;
    const actor = principal.kind === 'staff' ? staffActor(principal.userId) : parentActor(principal.sessionId);
    const handle = handlerFor(socket, deps);

    /** The call a party may act on: the parent's own, or the latest call of a case the clinician is assigned to. */
    const callFor = async (caseId: string, options: { assignedOnly: boolean }): Promise<CallRow> => {
      if (principal.kind === 'parent') {
        if (caseId !== principal.caseId) throw forbidden('This link is for a different call.');
        const call = await deps.calls.byId(principal.callId);
        if (!call) throw new AppError('NOT_FOUND', 'That call was not found.');
        return call;
      }
      const caseRow = await findCase(deps, caseId);
      if (options.assignedOnly) requireAssigned(principal, caseRow.assignedClinicianId);
      const call = await deps.calls.latestForCase(caseId);
      if (!call) throw new AppError('NOT_FOUND', 'No video call has been started for this case.');
      return call;
    };

    handle('case:watch', async ({ caseId }) => {
      staffOnly(principal);
      const caseRow = await findCase(deps, caseId);
      await socket.join(room.watchers(caseId));
      const call = await deps.calls.latestForCase(caseId);
      if (principal.kind === 'staff' && principal.role === 'clinician' && caseRow.assignedClinicianId === principal.userId) {
        const wasPresent = await present(room.clinician(caseId));
        await socket.join(room.clinician(caseId));
        // The clinician came back (reload, new tab) during a call: both sides build fresh peers.
        if (call && !wasPresent && IN_CALL_STATES.has(snapshotOf(call).state)) {
          return updateOf((await deps.calls.applyIfValid(call.id, { type: 'PARTY_REJOINED' }, actor)) ?? call);
        }
        if (call) deps.events.callChanged({ caseId, callId: call.id, snapshot: snapshotOf(call) });
      }
      return call ? updateOf(call) : null;
    });

    handle('case:unwatch', async ({ caseId }) => {
      staffOnly(principal);
      await socket.leave(room.watchers(caseId));
      if (socket.rooms.has(room.clinician(caseId))) {
        await socket.leave(room.clinician(caseId));
        await partyLeft(caseId, 'clinician');
      }
      return null;
    });

    handle('queue:watch', async () => {
      staffOnly(principal);
      await socket.join(room.queue);
      return { items: await openQueue(deps) };
    });

    handle('call:admit', async ({ caseId }) => {
      clinicianOnly(principal);
      const call = await callFor(caseId, { assignedOnly: true });
      return updateOf(await deps.calls.apply(call.id, { type: 'ADMIT' }, actor));
    });

    handle('call:end', async ({ caseId }) => {
      if (principal.kind === 'staff') clinicianOnly(principal);
      const call = await callFor(caseId, { assignedOnly: true });
      if (call.state === 'ended') return updateOf(call);
      const reason = principal.kind === 'staff' ? 'clinician_ended' : 'parent_left';
      return updateOf(await deps.calls.apply(call.id, { type: 'END', reason }, actor));
    });

    handle('parent:ready', async ({ caseId }) => {
      if (principal.kind !== 'parent') throw forbidden('Only the parent joins the waiting room.');
      const call = await callFor(caseId, { assignedOnly: false });
      await socket.join(room.parent(caseId, call.id));
      // A parent reloading after the call ended sees that it ended; nothing restarts.
      if (call.state === 'ended') return updateOf(call);
      return updateOf(await deps.calls.apply(call.id, { type: 'PARENT_READY' }, actor));
    });

    handle('parent:failed', async ({ caseId, reason }) => {
      if (principal.kind !== 'parent') throw forbidden('Only the parent reports camera problems.');
      const call = await callFor(caseId, { assignedOnly: false });
      return updateOf(await deps.calls.apply(call.id, { type: 'PARENT_FAILED', reason }, actor));
    });

    handle('call:media', async ({ caseId, attempt, status }) => {
      const call = await callFor(caseId, { assignedOnly: true });
      if (call.attempt !== attempt) return updateOf(call);
      const event = status === 'connected' ? ({ type: 'MEDIA_CONNECTED' } as const) : ({ type: 'MEDIA_FAILED' } as const);
      return updateOf((await deps.calls.applyIfValid(call.id, event, actor)) ?? call);
    });

    handle('signal', async ({ caseId, attempt, data }) => {
      const call = await callFor(caseId, { assignedOnly: true });
      if (!IN_CALL_STATES.has(snapshotOf(call).state)) throw new AppError('CALL_STATE_CONFLICT', 'The call is not in progress.');
      if (call.attempt !== attempt) throw new AppError('CALL_STATE_CONFLICT', 'That connection attempt is over.');
      if (principal.kind === 'staff' && call.state === 'admitted') {
        await deps.calls.applyIfValid(call.id, { type: 'SIGNALLING_STARTED' }, actor);
      }
      // Opaque relay, only to the other member of this call.
      const target = principal.kind === 'staff' ? room.parent(caseId, call.id) : room.clinician(caseId);
      socket.to(target).emit('signal', { caseId, attempt, data });
      return null;
    });

    let roomsAtDisconnect: string[] = [];
    socket.on('disconnecting', () => {
      roomsAtDisconnect = [...socket.rooms];
    });
    socket.on('disconnect', () => {
      for (const name of roomsAtDisconnect) {
        const [kind, caseId] = name.split(':') as [string, string | undefined];
        // A clinician room names the case; a parent room also names the call, which is the parent's own.
        if (caseId && (kind === 'clinician' || kind === 'parent')) void partyLeft(caseId, kind);
      }
    });

    async function partyLeft(caseId: string, party: 'clinician' | 'parent'): Promise<void> {
      try {
        const call = principal.kind === 'parent' ? await deps.calls.byId(principal.callId) : await deps.calls.latestForCase(caseId);
        if (!call || (await presence(caseId, call.id))[party]) return;
        const state = snapshotOf(call).state;
        if (party === 'parent' && state === 'parent_waiting') {
          await deps.calls.applyIfValid(call.id, { type: 'PARENT_LEFT_LOBBY' }, actor);
        } else if (IN_CALL_STATES.has(state)) {
          await deps.calls.applyIfValid(call.id, { type: 'PARTY_DROPPED' }, actor);
        } else {
          deps.events.callChanged({ caseId, callId: call.id, snapshot: snapshotOf(call) });
        }
      } catch (error) {
        deps.logger.error({ err: error, caseId }, 'presence update failed');
      }
    }
  });

  return {
    io,
    async close() {
      offCall();
      offCase();
      if (queueTimer) clearTimeout(queueTimer);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

/** Registers a handler that validates first and always answers through the acknowledgement. */
function handlerFor(socket: DeskSocket, deps: Deps) {
  return <K extends ClientToServerName>(
    name: K,
    handler: (payload: ClientToServerPayload<K>) => Promise<ClientToServerResult[K]>,
  ): void => {
    const listener = async (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (result: Ack<ClientToServerResult[K]>) => void;
      if (JSON.stringify(raw ?? null).length > PAYLOAD_MAX_BYTES) {
        return reply({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `Messages must be at most ${SIGNAL_MAX_BYTES} bytes.` } });
      }
      const parsed = clientToServer[name].safeParse(raw);
      if (!parsed.success) {
        return reply({ ok: false, error: { code: 'VALIDATION_FAILED', message: parsed.error.issues[0]?.message ?? 'Invalid message.' } });
      }
      try {
        reply({ ok: true, data: await handler(parsed.data as ClientToServerPayload<K>) });
      } catch (error) {
        if (error instanceof AppError) return reply({ ok: false, error: { code: error.code, message: error.message } });
        deps.logger.error({ err: error, event: name }, 'socket handler failed');
        reply({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again.' } });
      }
    };
    // The typed-event map cannot follow a generic key; `clientToServer[name]` above is the real check.
    (socket as unknown as { on(event: string, listener: (raw: unknown, ack: unknown) => void): void }).on(name, listener);
  };
}

function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}

function staffOnly(principal: Principal): asserts principal is StaffPrincipal {
  if (principal.kind !== 'staff') throw forbidden('Staff only.');
}

function clinicianOnly(principal: Principal): asserts principal is StaffPrincipal {
  if (principal.kind !== 'staff' || principal.role !== 'clinician') throw forbidden('Only a clinician can do that.');
}

function requireAssigned(principal: Principal, assignedClinicianId: string | null): void {
  if (principal.kind === 'staff' && principal.role === 'clinician' && principal.userId !== assignedClinicianId) {
    throw forbidden('Only the clinician assigned to this case can do that.');
  }
  if (principal.kind === 'staff' && principal.role !== 'clinician') throw forbidden('Only a clinician can do that.');
}
