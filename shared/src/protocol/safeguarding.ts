import { z } from 'zod';
import type { CallReason, CallState } from '../call/machine.js';

/**
 * Issue 11: a safeguarding concern flagged on a case, and the call-back owed to a parent whose
 * video failed. One list and one rule for the server (the board's `call_back_due`) and the desk
 * (the "Call the parent back" callout), so the two never disagree.
 */

/** `POST /api/cases/:id/safeguarding` (the case's clinician): the reason is required, 1–500 characters once trimmed. */
export const SAFEGUARDING_REASON_MAX = 500;
export const safeguardingInputSchema = z.object({ reason: z.string().trim().min(1).max(SAFEGUARDING_REASON_MAX) }).strict();
export type SafeguardingInput = z.input<typeof safeguardingInputSchema>;

/** The concern as the case carries it: one per case; flagging again replaces the reason (each flag is its own audit row). */
export const safeguardingConcernSchema = z.object({
  reason: z.string(),
  /** The flagging clinician's display name. */
  flaggedBy: z.string(),
  flaggedAt: z.string(),
});
export type SafeguardingConcern = z.infer<typeof safeguardingConcernSchema>;

/** `POST /api/cases/:id/call-back` answers when the clinician recorded phoning the parent back. */
export const callBackResultSchema = z.object({ caseId: z.string().uuid(), calledBackAt: z.string() });
export type CallBackResult = z.infer<typeof callBackResultSchema>;

/** Why video stopped in a way that needs the clinician to phone the parent back (media failed or timed out, the parent left, carried on by phone, left empty). */
export const CALL_BACK_REASONS = ['ice_failed', 'timeout', 'parent_left', 'phone_fallback', 'abandoned'] as const satisfies readonly CallReason[];
const CALL_BACK_REASON_SET: ReadonlySet<CallReason> = new Set(CALL_BACK_REASONS);

/** The call stopped for one of those reasons (failed, or ended): a join problem the parent can still fix is not one. */
export function callStoppedForCallBack(call: { state: CallState; reason: CallReason | null }): boolean {
  return (call.state === 'failed' || call.state === 'ended') && call.reason !== null && CALL_BACK_REASON_SET.has(call.reason);
}

/**
 * Video stopped after the parent was asked to hang up: the call had connected (the desk prompts
 * the hang-up once it is), then stopped for a call-back reason. A call that never connected left
 * the parent on the 111 phone call, so nobody owes them a call-back.
 */
export function videoStoppedAfterHangUp(call: { state: CallState; reason: CallReason | null; connectedAt: Date | string | null }): boolean {
  return call.connectedAt !== null && callStoppedForCallBack(call);
}

const time = (at: Date | string) => (typeof at === 'string' ? Date.parse(at) : at.getTime());

/**
 * The parent is owed a call-back: the latest call stopped after the parent was asked to hang up
 * (`videoStoppedAfterHangUp`), and no call-back was recorded since the call entered that state
 * (one recorded for an earlier call does not count, so a new link that fails again asks again).
 */
export function callBackDue(
  call: { state: CallState; reason: CallReason | null; stateSince: Date | string | null; connectedAt: Date | string | null } | null,
  calledBackAt: Date | string | null,
): boolean {
  if (!call || !videoStoppedAfterHangUp(call)) return false;
  if (!calledBackAt) return true;
  return call.stateSince === null ? false : time(calledBackAt) < time(call.stateSince);
}
