import { z } from 'zod';
import { callReasons, callStates, type CallSnapshot } from './machine.js';
import {
  guestRoles,
  participantReasons,
  participantRoles,
  participantStates,
  peerStatuses,
  type Participant,
} from './participants.js';

/**
 * The zod schemas of the call's words, kept apart from machine.ts and participants.ts so a page
 * that only needs the constants and the pure functions (the parent's) loads no zod. Each object
 * schema is checked against the TypeScript type the rest of the code uses.
 */

export const callStateSchema = z.enum(callStates);
export const callReasonSchema = z.enum(callReasons);
export const callSnapshotSchema = z.object({
  state: callStateSchema,
  reason: callReasonSchema.nullable(),
}) satisfies z.ZodType<CallSnapshot>;

export const participantRoleSchema = z.enum(participantRoles);
export const guestRoleSchema = z.enum(guestRoles);
export const participantStateSchema = z.enum(participantStates);
export const participantReasonSchema = z.enum(participantReasons);
export const peerStatusSchema = z.enum(peerStatuses);

export const participantSchema = z.object({
  id: z.string(),
  role: participantRoleSchema,
  name: z.string(),
  state: participantStateSchema,
  reason: participantReasonSchema.nullable(),
  /** Has a live page (socket) holding its media right now. */
  present: z.boolean(),
  /** Bumped each time another page takes this participant's media (a reload, "Use this tab"): peers start afresh. */
  epoch: z.number().int().nonnegative(),
  /** ISO time of the (latest) admission; decides who offers in each pair. */
  admittedAt: z.string().nullable(),
  /** ISO time they started waiting to be let in; null when not waiting. */
  waitingSince: z.string().nullable(),
}) satisfies z.ZodType<Participant>;
