import type { Db } from '../db/client.js';
import { audit } from '../db/schema.js';

export type AuditAction =
  | 'login'
  | 'login_failed'
  /** The sign-in that made the account locked (detail: until), and each attempt refused while it is. */
  | 'account_locked'
  | 'login_locked'
  | 'account_unlocked'
  | 'logout'
  | 'case_created'
  | 'invite_sent'
  /** The call ended (or a guest was removed): its unused links were revoked with it (detail: callId, inviteIds, participantIds, why). */
  | 'invites_revoked'
  | 'join'
  | 'join_refused'
  /** The link opened in a browser that cannot do the call (in-app or no WebRTC): what the page reported. */
  | 'browser_unsupported'
  /** The parent's tap on "Join video call" after reading that the video is not recorded and can be ended at any time. */
  | 'video_consent'
  /** The parent picked another language on the join or advice page (detail: from, to, page): the case's language follows. */
  | 'parent_language_chosen'
  | 'call_admitted'
  | 'call_ended'
  | 'call_failed'
  | 'call_moved'
  | 'guest_admitted'
  | 'guest_removed'
  | 'participant_left'
  /** The desk asked the parent (back camera, a guided exam, a photo), the parent answered, a timer (re)started, an ask closed. */
  | 'ask_sent'
  | 'ask_answered'
  | 'ask_timer_started'
  | 'ask_closed'
  | 'decision_signed'
  | 'decision_amended'
  | 'outcome_exported'
  /** A parent's advice page showed the recap of an advice link (detail: the linked and the shown version, whether it changed). */
  | 'advice_recap_viewed'
  | 'user_created'
  | 'user_disabled'
  /** The retention job ran: counts of what it deleted, never what the rows held (docs/operations.md, "Retention"). */
  | 'retention_run'
  /** Photos (issue 9; asked and declined are asks of kind photo): the parent sent one (their consent), a photo sent was refused, a clinician opened one. */
  | 'photo_received'
  | 'photo_refused'
  | 'photo_viewed'
  /** Issue 11: the case's clinician flagged a safeguarding concern (detail: the reason's text, and whether it replaced an earlier one), and recorded phoning the parent back after video failed (detail: the call and its reason). */
  | 'safeguarding_flagged'
  | 'parent_called_back'
  /** Supervisor actions (issue 10): a supervisor or admin opened a case read-only, gave it to another clinician (detail: from, to), asked a clinician to take its waiting parent (detail: clinicianId). */
  | 'case_viewed'
  | 'case_reassigned'
  | 'take_parent_requested'
  /** A clinician set themselves available or away on the desk (detail: availability). */
  | 'availability_changed'
  /** A supervisor read the audit (detail: the filters and page), a day's report (detail: date), or downloaded it as CSV. */
  | 'audit_viewed'
  | 'report_viewed'
  | 'report_exported';

/** Insert-only trail of who did what to which case. `actor` is `user:<id>`, `parent:<sessionId>`, `guest:<sessionId>`, `advice_link:<linkId>` (whoever holds an SMS's advice link) or `system`. */
export async function writeAudit(
  db: Db,
  entry: { actor: string; action: AuditAction; subject?: string | null; detail?: Record<string, unknown>; at?: Date },
): Promise<void> {
  await db.insert(audit).values({
    ...(entry.at ? { at: entry.at } : {}),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject ?? null,
    detail: entry.detail ?? {},
  });
}

export const staffActor = (userId: string) => `user:${userId}`;
export const parentActor = (sessionId: string) => `parent:${sessionId}`;
export const guestActor = (sessionId: string) => `guest:${sessionId}`;
/** The actor of someone who joined by link: `parent:` or `guest:` and their session. */
export const joinActor = (joiner: { role: string; sessionId: string }) =>
  joiner.role === 'parent' ? parentActor(joiner.sessionId) : guestActor(joiner.sessionId);
