import {
  ASK_STATES,
  EXAMS,
  callReasons,
  callStates,
  isErrorCode,
  participantReasons,
  participantRoles,
  participantStates,
  type AskRequest,
  type AskUpdate,
  type CallUpdate,
  type ParentAsk,
  type Participant,
  type Signal,
  type SignalData,
  type SignalError,
} from '@desk/shared';
import { isCount, isRecord, isString, isStringOrNull, oneOf } from '../../lib/guards';
import type { EventReaders } from '../../lib/socket';

/**
 * The server events a join page listens to, read with small type guards instead of zod (the
 * parent's page carries none; the server validated what it sends). Each guard checks every field
 * the call layer uses and answers null for anything else.
 */

const isState = oneOf(callStates);
const isReason = oneOf(callReasons);
const isRole = oneOf(participantRoles);
const isParticipantState = oneOf(participantStates);
const isParticipantReason = oneOf(participantReasons);

function readParticipant(value: unknown): Participant | null {
  if (!isRecord(value)) return null;
  const { id, role, name, state, reason, present, epoch, admittedAt, waitingSince } = value;
  if (!isString(id) || !isRole(role) || !isString(name) || !isParticipantState(state)) return null;
  if (!(reason === null || isParticipantReason(reason)) || typeof present !== 'boolean' || !isCount(epoch)) return null;
  if (!(admittedAt === null || isString(admittedAt))) return null;
  // An older server sends no waiting time: the page then counts from its own clock.
  const since = waitingSince === undefined || waitingSince === null ? null : isString(waitingSince) ? waitingSince : undefined;
  if (since === undefined) return null;
  // Exactly the Participant type's fields: a field added there fails the build here until it is read.
  return { id, role, name, state, reason, present, epoch, admittedAt, waitingSince: since };
}

export function readCallUpdate(value: unknown): CallUpdate | null {
  if (!isRecord(value) || !isRecord(value.snapshot) || !Array.isArray(value.participants)) return null;
  const { caseId, callId, seq } = value;
  const { state, reason } = value.snapshot;
  if (!isString(caseId) || !isString(callId) || !isCount(seq) || !isState(state) || !(reason === null || isReason(reason))) return null;
  const participants: Participant[] = [];
  for (const raw of value.participants) {
    const participant = readParticipant(raw);
    if (!participant) return null;
    participants.push(participant);
  }
  return { caseId, callId, seq, snapshot: { state, reason }, participants };
}

function readSignalData(value: unknown): SignalData | null {
  if (!isRecord(value)) return null;
  switch (value.kind) {
    case 'description':
      return (value.type === 'offer' || value.type === 'answer') && isString(value.sdp) ? { kind: 'description', type: value.type, sdp: value.sdp } : null;
    case 'candidate': {
      const { candidate, sdpMid, sdpMLineIndex } = value;
      if (!isString(candidate) || !(sdpMid === null || isString(sdpMid)) || !(sdpMLineIndex === null || isCount(sdpMLineIndex))) return null;
      return { kind: 'candidate', candidate, sdpMid, sdpMLineIndex };
    }
    case 'renegotiate':
      return { kind: 'renegotiate' };
    case 'restart':
      return typeof value.rebuild === 'boolean' ? { kind: 'restart', rebuild: value.rebuild } : null;
    default:
      return null;
  }
}

export function readSignal(value: unknown): Signal | null {
  if (!isRecord(value)) return null;
  const { callId, from, to, generation } = value;
  const data = readSignalData(value.data);
  if (!isString(callId) || !isString(from) || !isString(to) || !isCount(generation) || generation < 1 || !data) return null;
  return { callId, from, to, generation, data };
}

export function readSignalError(value: unknown): SignalError | null {
  if (!isRecord(value)) return null;
  const { callId, to, generation, code, message } = value;
  if (!isString(callId) || !isString(to) || !isCount(generation) || !isErrorCode(code) || !isString(message)) return null;
  return { callId, to, generation, code, message };
}

const isAskState = oneOf(ASK_STATES);
const isExam = oneOf(EXAMS);

function readAskRequest(value: unknown): AskRequest | null {
  if (!isRecord(value)) return null;
  if (value.kind === 'back_camera') return { kind: 'back_camera' };
  if (value.kind === 'exam') return isExam(value.exam) ? { kind: 'exam', exam: value.exam } : null;
  if (value.kind === 'photo') {
    if (value.subject === undefined) return { kind: 'photo' };
    return isString(value.subject) ? { kind: 'photo', subject: value.subject } : null;
  }
  return null;
}

function readAsk(value: unknown): ParentAsk | null {
  if (!isRecord(value)) return null;
  const { id, callId, state, askedAt, answeredAt, timer } = value;
  const request = readAskRequest(value.request);
  if (!isString(id) || !isString(callId) || !request || !isAskState(state) || !isString(askedAt) || !isStringOrNull(answeredAt)) return null;
  if (timer === null) return { id, callId, request, state, askedAt, answeredAt, timer: null };
  if (!isRecord(timer) || !isString(timer.startedAt) || !isCount(timer.durationMs)) return null;
  return { id, callId, request, state, askedAt, answeredAt, timer: { startedAt: timer.startedAt, durationMs: timer.durationMs } };
}

export function readAskUpdate(value: unknown): AskUpdate | null {
  if (!isRecord(value) || !isString(value.callId) || !isString(value.serverNow)) return null;
  if (value.ask === null) return { callId: value.callId, ask: null, serverNow: value.serverNow };
  const ask = readAsk(value.ask);
  return ask ? { callId: value.callId, ask, serverNow: value.serverNow } : null;
}

/** What a join page reads; the desk's own events (the queue, case changes) never reach it. */
export const joinReaders: EventReaders = {
  'call:state': readCallUpdate,
  signal: readSignal,
  'signal:error': readSignalError,
  ask: readAskUpdate,
};
