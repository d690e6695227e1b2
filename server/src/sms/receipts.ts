import { isId } from '@desk/shared';
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { smsOutbox } from '../db/schema.js';
import type { Deps } from '../http/context.js';

/**
 * A delivery receipt as GOV.UK Notify posts it to the callback URL: `id` is Notify's, `reference`
 * ours (the outbox row id). Notify sends more fields (`to`, `created_at`, `completed_at`, template
 * ids); they are not needed and not kept.
 */
export const notifyReceiptSchema = z.object({
  id: z.string().min(1).max(100),
  reference: z.string().max(100).nullable().optional(),
  status: z.string().min(1).max(40),
  notification_type: z.string().max(20).optional(),
});
export type NotifyReceipt = z.infer<typeof notifyReceiptSchema>;

/** Notify's final SMS statuses, in words for the clinician. Others (`sending`, `sent` abroad, `pending`) change nothing. */
const OUTCOMES: Record<string, { status: 'delivered' | 'failed'; reason: string | null }> = {
  delivered: { status: 'delivered', reason: null },
  'permanent-failure': { status: 'failed', reason: 'Not delivered: the number may be wrong, or the network refused the message.' },
  'temporary-failure': { status: 'failed', reason: 'Not delivered: the phone was off, out of signal or full for too long.' },
  'technical-failure': { status: 'failed', reason: 'Not delivered: GOV.UK Notify could not pass it to the network.' },
};

/**
 * Records what Notify says became of an SMS. Idempotent (Notify may post a receipt twice), and
 * `delivered` is final: a late failure receipt does not undo it. A receipt may come before the
 * worker has written `sent`; the worker then finds the row no longer queued and leaves it.
 * Resolves with whether a row changed.
 */
export async function recordNotifyReceipt(deps: Pick<Deps, 'db' | 'clock' | 'events'>, receipt: NotifyReceipt): Promise<boolean> {
  if (receipt.notification_type && receipt.notification_type !== 'sms') return false;
  const outcome = Object.hasOwn(OUTCOMES, receipt.status) ? OUTCOMES[receipt.status]! : null;
  if (!outcome) return false;
  const byProviderId = eq(smsOutbox.providerId, receipt.id);
  // Our reference names the row; Notify's id, once we have stored it, must agree.
  const byReference =
    receipt.reference && isId(receipt.reference)
      ? and(eq(smsOutbox.id, receipt.reference), or(isNull(smsOutbox.providerId), byProviderId))
      : undefined;
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(smsOutbox)
    .set({
      status: outcome.status,
      failureReason: outcome.reason,
      providerId: receipt.id,
      sentAt: sql`coalesce(${smsOutbox.sentAt}, ${now.toISOString()}::timestamptz)`,
      secretBody: null,
      claimedUntil: null,
      nextAttemptAt: null,
      updatedAt: now,
    })
    .where(and(byReference ? or(byReference, byProviderId) : byProviderId, eq(smsOutbox.provider, 'govuk-notify'), ne(smsOutbox.status, 'delivered')))
    .returning({ caseId: smsOutbox.caseId });
  if (row?.caseId) deps.events.caseChanged(row.caseId);
  return Boolean(row);
}
