import type { Server as HttpServer } from 'node:http';
import { SIGNAL_MAX_BYTES } from '@desk/shared';
import { Server } from 'socket.io';
import { clusterServerOptions, linkNodes } from './cluster.js';
import { sweepPresence } from './presence.js';
import type { Deps } from '../http/context.js';
import type { SocketCounts } from '../metrics/metrics.js';
import type { BoardFeed } from '../supervisor/feed.js';
import { registerAskHandlers } from './asks.js';
import { connectBoard, registerBoardHandlers } from './board.js';
import { authenticate } from './auth.js';
import { socketCensus } from './census.js';
import { registerCallHandlers } from './calls.js';
import { releaseEndpoint } from './endpoints.js';
import { answerUnknownEvents, handlerFor } from './handlers.js';
import { broadcastPhotoRequests } from './photos.js';
import { CallMembership, relaySignals } from './relay.js';
import { endSocketsWithSessions } from './sessions.js';
import { rooms, type DeskServer } from './types.js';

/**
 * The only module that touches socket.io server objects: the handshake, call intents, the signal
 * relay, the queue, the desk's notices, and (with several nodes) the adapter that joins them.
 *
 * Two kinds of sending, on purpose: what a socket's handler sends (a signal, an ask) goes through
 * the adapter to whichever node holds the addressee (`io.to`, `socket.to`); what follows a domain
 * event is sent by every node to its own sockets (`io.local`), because every node hears every event
 * (http/events.ts) and must keep its own caches current anyway.
 */

export type Signalling = {
  io: DeskServer;
  /** The cross-node presence sweep (signalling/presence.ts); tests run it by hand. */
  presence: ReturnType<typeof sweepPresence>;
  /** This node's own sockets by who holds them (`desk_sockets`). */
  socketCounts(): SocketCounts;
  close(): Promise<void>;
};

export function attachSignalling(
  httpServer: HttpServer,
  deps: Deps,
  options: { sessionRecheckMs?: number; board: BoardFeed; presence?: Parameters<typeof sweepPresence>[2] },
): Signalling {
  const io: DeskServer = new Server(httpServer, {
    // WebSocket only (the client asks for nothing else): one long-lived connection per page, so a
    // load balancer needs no sticky sessions (long-polling's requests would have to reach one node).
    transports: ['websocket'],
    // Several nodes: the Redis adapter and connection-state recovery (signalling/cluster.ts).
    ...clusterServerOptions(deps),
    // Socket.IO drops a connection over this size; keep it above the signal limit so the caller gets a coded error instead.
    maxHttpBufferSize: 4 * SIGNAL_MAX_BYTES,
    serveClient: false,
    // A dead connection is noticed within 10 s; media does not wait for it (peers heal on their own).
    pingInterval: 5_000,
    pingTimeout: 5_000,
  });
  const offNodes = linkNodes(io, deps);
  const presence = sweepPresence(io, deps, options.presence);
  io.use(authenticate(deps));
  // Work started by sockets (handlers, presence writes as they close): a shutdown waits for it before the database closes.
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    pending.add(work);
    const done = () => void pending.delete(work);
    work.then(done, done);
  };

  const offSessions = endSocketsWithSessions(io, deps, options.sessionRecheckMs);
  const membership = new CallMembership(deps.calls);
  const offBoard = connectBoard(io, options.board);

  const offCall = deps.events.onCallChanged((update) => {
    membership.update(update);
    io.local.to([rooms.watchers(update.caseId), rooms.call(update.callId)]).emit('call:state', update);
  });
  const offPhotos = broadcastPhotoRequests(io, deps);
  const offCase = deps.events.onCaseChanged((caseId) => {
    io.local.to(rooms.watchers(caseId)).emit('case:changed', { caseId });
  });

  // A supervisor's notice reaches every page its staff member has open (each node tells its own).
  const offNotices = deps.events.onNoticeCreated((userId, notice) => {
    io.local.to(rooms.user(userId)).emit('notice', notice);
  });

  // A reassigned case's call has a new host: the previous clinician's pages no longer hold it (they act as it no more).
  const offHostMoved = deps.events.onCallHostMoved((participantId) => {
    io.local.in(rooms.endpoint(participantId)).socketsLeave(rooms.endpoint(participantId));
  });

  io.on('connection', (socket) => {
    // A recovered connection comes back in its old rooms, but holds nothing until its page takes its
    // media again (it does on every reconnect): out of any endpoint room, so no signal reaches it unasked.
    if (socket.recovered) for (const room of socket.rooms) if (room.startsWith(rooms.endpoint(''))) void socket.leave(room);
    const handle = handlerFor(socket, deps.logger, track);
    const { principal } = socket.data;
    void socket.join(rooms.session(principal.sessionId));
    if (principal.kind === 'staff') void socket.join(rooms.user(principal.userId));
    // A parent's or guest's page hears its own call's state (and, the parent, the desk's asks) from the start, and nothing else.
    if (principal.kind === 'join') void socket.join([rooms.call(principal.callId), rooms.participant(principal.participantId)]);
    registerCallHandlers(io, socket, handle, deps);
    registerAskHandlers(io, socket, handle, deps);
    registerBoardHandlers(socket, handle, options.board);
    handle('ping', async () => null);
    answerUnknownEvents(socket);
    relaySignals(socket, membership, deps.metrics);
    socket.on('disconnect', () => {
      for (const callId of Object.keys(socket.data.holds)) track(releaseEndpoint(io, socket, callId, deps));
    });
  });

  return {
    io,
    presence,
    socketCounts: () => socketCensus(io),
    async close() {
      presence.stop();
      await offNodes();
      offCall();
      offCase();
      offNotices();
      offHostMoved();
      offPhotos();
      offSessions();
      offBoard();
      // Closing the transports (not the "io server disconnect" a session end sends) tells every page
      // its connection dropped; it reconnects by itself, to another node or to this one restarted.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.allSettled([...pending]);
    },
  };
}
