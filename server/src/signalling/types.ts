import type { ClientToServerEvents, ServerToClientEvents } from '@desk/shared';
import type { Server, Socket } from 'socket.io';
import type { Principal } from '../auth/sessions.js';
import type { ClusterEvent } from '../http/events.js';

/** The participant whose media a socket holds, per call. */
export type Held = { participantId: string; caseId: string };

/** Resolved once, at the handshake: the per-signal path reads nothing from the database. */
export type SocketData = {
  principal: Principal;
  /** The page's id (one per page load): the same page reconnecting keeps its peers. */
  endpoint: string;
  holds: Record<string, Held>;
};

/** Between nodes (through the adapter's Redis stream): the desk's domain events (http/events.ts). Arrives unparsed. */
export type InterServerEvents = { 'desk:event': (event: ClusterEvent) => void };

export type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const rooms = {
  /** Staff with the case page open. */
  watchers: (caseId: string) => `watch:${caseId}`,
  /** Every page of a parent or guest on the call: they hear its state, nothing else of the case. */
  call: (callId: string) => `call:${callId}`,
  /** The one socket that holds a participant's media: signals to that participant go here. */
  endpoint: (participantId: string) => `endpoint:${participantId}`,
  /** Every page of one participant who joined by link (a parent's asks go here, whichever page holds the media). */
  participant: (participantId: string) => `participant:${participantId}`,
  /** Every socket of one session: sign-out and disabling close them all. */
  session: (sessionId: string) => `session:${sessionId}`,
  /** Every socket of one staff member (all their sessions and tabs): their desk's notices go here. */
  user: (userId: string) => `user:${userId}`,
  /** Supervisors watching the board (deltas; clinicians and join pages never join it). */
  board: 'board',
  /** Staff with the case list open: the rows only. */
  cases: 'cases',
};
