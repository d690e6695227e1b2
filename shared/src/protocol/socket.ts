import { z } from 'zod';
import { callSnapshotSchema, participantSchema, peerStatusSchema } from '../call/schemas.js';
import { ASK_ANSWERS, ASK_STATES, EXAMS } from './asks.js';
import { boardDeltaSchema, deskCasesDeltaSchema, deskNoticeSchema, type BoardSnapshot, type DeskCasesSnapshot } from './board.js';
import { errorCodeSchema } from './errors.js';
import { PHOTO_SUBJECT_MAX_CHARS } from './photo-limits.js';
import { photoRequestSchema } from './photos.js';
import { iceServerSchema } from './rest.js';
import { signalSchema } from './signal.js';
import { socketKinds } from './version.js';


export const socketAuthSchema = z.object({
  kind: z.enum(socketKinds),
  protocolVersion: z.number().int(),
  /** A random id per page load: the same page reconnecting keeps its peers; a new page (reload, tab) starts afresh. */
  endpoint: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
});
export type SocketAuth = z.infer<typeof socketAuthSchema>;

const caseRef = { caseId: z.string().uuid() };
const callRef = { callId: z.string().uuid() };
const participantRef = { participantId: z.string().uuid() };
const askRef = { askId: z.string().uuid() };

/**
 * What the clinician asks of the parent: one union on `kind`, so a new kind (the photo request)
 * joins without a new mechanism. Sent by `ask:send`, carried in every `ask` update.
 */
export const askRequestSchema = z.discriminatedUnion('kind', [
  /** "Show me with the back camera": one tap on the parent's phone switches to it. */
  z.object({ kind: z.literal('back_camera') }).strict(),
  /** A guided examination: a drawing, one sentence, and a shared timer for the timed ones (EXAM_TIMER_MS). */
  z.object({ kind: z.literal('exam'), exam: z.enum(EXAMS) }).strict(),
  /** A still photo with consent: the photo feature gives it its behaviour. `subject`: what it should show, in the clinician's words. */
  z.object({ kind: z.literal('photo'), subject: z.string().trim().min(1).max(PHOTO_SUBJECT_MAX_CHARS).optional() }).strict(),
]);
export type AskRequest = z.infer<typeof askRequestSchema>;

/** A timer both sides count down from the same server timestamp. */
export const askTimerSchema = z.object({ startedAt: z.string().datetime(), durationMs: z.number().int().positive() });
export type AskTimer = z.infer<typeof askTimerSchema>;

export const parentAskSchema = z.object({
  id: z.string().uuid(),
  callId: z.string().uuid(),
  request: askRequestSchema,
  state: z.enum(ASK_STATES),
  /** Server times (ISO). */
  askedAt: z.string().datetime(),
  answeredAt: z.string().datetime().nullable(),
  timer: askTimerSchema.nullable(),
});
export type ParentAsk = z.infer<typeof parentAskSchema>;

/**
 * The call's current ask (null: none), pushed as `ask` and answered to `ask:watch`. `serverNow` is
 * the server's clock when it was sent, so each side counts a timer down from the server's time, not its own.
 */
export const askUpdateSchema = z.object({ callId: z.string().uuid(), ask: parentAskSchema.nullable(), serverNow: z.string().datetime() });
export type AskUpdate = z.infer<typeof askUpdateSchema>;

/** Client → server: every event's payload. */
export const clientToServer = {
  /** Staff: follow a case's call. The assigned clinician also takes the call's media unless another live tab holds it. */
  'case:watch': z.object(caseRef).strict(),
  'case:unwatch': z.object(caseRef).strict(),
  /** Supervisors: the board's snapshot now (the ack), then `board:delta` events; asked again on every reconnect. */
  'board:watch': z.object({}).strict(),
  /** Staff: the open cases as the desk lists them (the ack), then `cases:delta` events; asked again on every reconnect. */
  'cases:watch': z.object({}).strict(),
  /** Clinician: "Use this tab" — move the call's media here from another tab. */
  'call:claim': z.object(callRef).strict(),
  'call:admit': z.object({ ...callRef, ...participantRef, parentAgreed: z.boolean().default(false) }).strict(),
  'call:remove': z.object({ ...callRef, ...participantRef }).strict(),
  /** Clinician: ends the call for everyone. */
  'call:end': z.object({ ...callRef, reason: z.enum(['clinician_ended', 'phone_fallback']).default('clinician_ended') }).strict(),
  /** Parent or guest: leaves (End, or "Continue by phone"); may rejoin with call:ready while the call is open. */
  'call:leave': z.object({ ...callRef, reason: z.enum(['left', 'phone_fallback']).default('left') }).strict(),
  /** Parent or guest: the camera is on; put me in the waiting room (or back into the call after a reload). */
  'call:ready': z.object(callRef).strict(),
  'call:camera_failed': z.object({ ...callRef, reason: z.enum(['permission_denied', 'no_camera']) }).strict(),
  /** This page's view of each of its peer connections. */
  'call:media': z.object({ ...callRef, peers: z.record(z.string().uuid(), peerStatusSchema) }).strict(),
  /** "Keep trying" after 30 s without media: the call's media deadline starts again. */
  'call:keep_trying': z.object(callRef).strict(),
  /**
   * The ICE configuration (TURN credentials of this participant in this call) for the page that
   * holds an admitted participant's media: asked for before each connection, ICE restart and
   * rebuild, so a relay allocation never meets an expired credential. Refused NOT_IN_CALL otherwise.
   */
  'call:ice': z.object(callRef).strict(),
  /** Clinician of the call (holding its media): ask the parent; a new ask closes the open one. */
  'ask:send': z.object({ ...callRef, request: askRequestSchema }).strict(),
  /** The call's parent: answer the open ask. Accepting a timed exam starts its timer. */
  'ask:answer': z.object({ ...callRef, ...askRef, answer: z.enum(ASK_ANSWERS) }).strict(),
  /** Clinician or parent: (re)start the current ask's shared timer (a timed exam, once accepted). */
  'ask:timer': z.object({ ...callRef, ...askRef }).strict(),
  /** Clinician: take the current ask off both screens. */
  'ask:close': z.object({ ...callRef, ...askRef }).strict(),
  /** Staff watching the case, or the call's parent: the current ask now and after every reconnect (then pushed as `ask`). */
  'ask:watch': z.object(callRef).strict(),
  /** Is this connection still alive? A page whose media stalled asks, and reconnects if no answer comes. */
  ping: z.object({}).strict(),
} as const;
export type ClientToServerName = keyof typeof clientToServer;
export type ClientToServerPayload<K extends ClientToServerName> = z.input<(typeof clientToServer)[K]>;
export type ClientToServerParsed<K extends ClientToServerName> = z.output<(typeof clientToServer)[K]>;

export const callUpdateSchema = z.object({
  caseId: z.string(),
  callId: z.string(),
  /** The server's write counter for calls: a snapshot with a lower seq than one already applied is stale. */
  seq: z.number().int().nonnegative(),
  snapshot: callSnapshotSchema,
  participants: z.array(participantSchema),
});
export type CallUpdate = z.infer<typeof callUpdateSchema>;

/** Who this page is in the call it watches (the ack of case:watch / call:claim). */
export const callSelfSchema = z.object({
  participantId: z.string(),
  /** Whether this page holds the participant's media (false: another tab does; offer "Use this tab"). */
  holding: z.boolean(),
});
export type CallSelf = z.infer<typeof callSelfSchema>;

export const callWatchSchema = z.object({ update: callUpdateSchema.nullable(), self: callSelfSchema.nullable() });
export type CallWatch = z.infer<typeof callWatchSchema>;

/** `relay`: media only through TURN (no host or reflexive candidates): an operator's privacy choice (docs/operations.md). */
export const iceTransportPolicies = ['all', 'relay'] as const;

export const iceConfigSchema = z.object({
  iceServers: z.array(iceServerSchema),
  iceTransportPolicy: z.enum(iceTransportPolicies),
  /** When the TURN credentials expire (ISO); null without TURN. */
  expiresAt: z.string().nullable(),
});
export type IceConfig = z.infer<typeof iceConfigSchema>;

export const signalErrorSchema = z.object({
  callId: z.string(),
  to: z.string(),
  generation: z.number().int(),
  code: errorCodeSchema,
  message: z.string(),
});
export type SignalError = z.infer<typeof signalErrorSchema>;

/** Server → client: every event's payload. */
export const serverToClient = {
  'call:state': callUpdateSchema,
  signal: signalSchema,
  /** A signal this page sent was not relayed (fire-and-forget signals are refused this way). */
  'signal:error': signalErrorSchema,
  'case:changed': z.object({ caseId: z.string() }),
  /** To supervisors watching the board: the rows, clinicians and headline that changed since seq − 1. */
  'board:delta': boardDeltaSchema,
  /** To staff watching the case list: the rows that changed, with the board's seq. */
  'cases:delta': deskCasesDeltaSchema,
  /** To one clinician's desk: a supervisor gave them a case, took one away, or asks them to take a waiting parent. */
  notice: deskNoticeSchema,
  /** The call's current ask changed: to staff watching the case and the call's parent (never a guest). */
  ask: askUpdateSchema,
  /** A photo ask's own news (the photo arrived, or one sent was refused): to the staff watching the case and the call's parent. */
  'photo:status': photoRequestSchema,
} as const;
export type ServerToClientName = keyof typeof serverToClient;
export type ServerToClientPayload<K extends ServerToClientName> = z.infer<(typeof serverToClient)[K]>;

export const ackErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; error: z.infer<typeof ackErrorSchema> };

/** Data returned in the acknowledgement of each client event. */
export type ClientToServerResult = {
  'case:watch': CallWatch;
  'case:unwatch': null;
  'board:watch': BoardSnapshot;
  'cases:watch': DeskCasesSnapshot;
  'call:claim': CallWatch;
  'call:admit': CallUpdate;
  'call:remove': CallUpdate;
  'call:end': CallUpdate;
  'call:leave': CallUpdate;
  'call:ready': CallUpdate;
  'call:camera_failed': CallUpdate;
  'call:media': CallUpdate;
  'call:keep_trying': CallUpdate;
  'call:ice': IceConfig;
  'ask:send': AskUpdate;
  'ask:answer': AskUpdate;
  'ask:timer': AskUpdate;
  'ask:close': AskUpdate;
  'ask:watch': AskUpdate;
  ping: null;
};

/** Socket.IO's typed-event maps, built from the schemas above so names and payloads cannot drift. */
export type ClientToServerEvents = {
  [K in ClientToServerName]: (payload: ClientToServerPayload<K>, ack: (result: Ack<ClientToServerResult[K]>) => void) => void;
} & {
  /** Fire-and-forget: a refusal comes back as `signal:error`. */
  signal: (payload: z.input<typeof signalSchema>) => void;
};
export type ServerToClientEvents = {
  [K in ServerToClientName]: (payload: ServerToClientPayload<K>) => void;
};
