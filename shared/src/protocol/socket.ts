import { z } from 'zod';
import { callSnapshotSchema, failReasons } from '../call/machine.js';
import { errorCodeSchema } from './errors.js';
import { queueItemSchema } from './rest.js';

/** Bumped on any incompatible change; an older client is told to reload. */
export const PROTOCOL_VERSION = 1;

/** simple-peer signal data is relayed opaque. An offer is about 6 KB. */
export const SIGNAL_MAX_BYTES = 64 * 1024;

export const socketAuthSchema = z.object({
  kind: z.enum(['staff', 'parent']),
  protocolVersion: z.number().int(),
});
export type SocketAuth = z.infer<typeof socketAuthSchema>;

const caseRef = { caseId: z.string().uuid() };

/** Opaque WebRTC signal (SDP or ICE candidate), bounded in size. */
const signalDataSchema = z
  .record(z.string(), z.unknown())
  .refine((data) => JSON.stringify(data).length <= SIGNAL_MAX_BYTES, {
    message: `Signal data must be at most ${SIGNAL_MAX_BYTES} bytes`,
  });

/** Client → server: every event's payload. */
export const clientToServer = {
  'case:watch': z.object(caseRef).strict(),
  'case:unwatch': z.object(caseRef).strict(),
  'queue:watch': z.object({}).strict(),
  'call:admit': z.object(caseRef).strict(),
  'call:end': z.object(caseRef).strict(),
  'call:media': z
    .object({ ...caseRef, attempt: z.number().int().positive(), status: z.enum(['connected', 'failed']) })
    .strict(),
  'parent:ready': z.object(caseRef).strict(),
  'parent:failed': z.object({ ...caseRef, reason: z.enum(['permission_denied', 'no_camera']) }).strict(),
  signal: z.object({ ...caseRef, attempt: z.number().int().positive(), data: signalDataSchema }).strict(),
} as const;
export type ClientToServerName = keyof typeof clientToServer;
export type ClientToServerPayload<K extends ClientToServerName> = z.infer<(typeof clientToServer)[K]>;

export const callUpdateSchema = z.object({
  caseId: z.string(),
  callId: z.string(),
  snapshot: callSnapshotSchema,
  /** Whether each party currently has a live socket on this call. */
  presence: z.object({ clinician: z.boolean(), parent: z.boolean() }),
});
export type CallUpdate = z.infer<typeof callUpdateSchema>;

/** Server → client: every event's payload. */
export const serverToClient = {
  'call:state': callUpdateSchema,
  signal: z.object({ caseId: z.string(), attempt: z.number().int(), data: z.record(z.string(), z.unknown()) }),
  queue: z.object({ items: z.array(queueItemSchema) }),
  'case:changed': z.object({ caseId: z.string() }),
} as const;
export type ServerToClientName = keyof typeof serverToClient;
export type ServerToClientPayload<K extends ServerToClientName> = z.infer<(typeof serverToClient)[K]>;

export const ackErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; error: z.infer<typeof ackErrorSchema> };

/** Data returned in the acknowledgement of each client event. */
export type ClientToServerResult = {
  'case:watch': CallUpdate | null;
  'case:unwatch': null;
  'queue:watch': z.infer<(typeof serverToClient)['queue']>;
  'call:admit': CallUpdate;
  'call:end': CallUpdate;
  'call:media': CallUpdate;
  'parent:ready': CallUpdate;
  'parent:failed': CallUpdate;
  signal: null;
};

/** Socket.IO's typed-event maps, built from the schemas above so names and payloads cannot drift. */
export type ClientToServerEvents = {
  [K in ClientToServerName]: (payload: ClientToServerPayload<K>, ack: (result: Ack<ClientToServerResult[K]>) => void) => void;
};
export type ServerToClientEvents = {
  [K in ServerToClientName]: (payload: ServerToClientPayload<K>) => void;
};

export const parentFailReasons = failReasons.filter((r) => r === 'permission_denied' || r === 'no_camera');
