import type { SmsSummary } from '@desk/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { smsOutbox } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import type { SmsTemplate } from './sender.js';

export type OutboxRow = typeof smsOutbox.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export function toSmsSummary(row: OutboxRow): SmsSummary {
  return {
    id: row.id,
    to: row.to,
    status: row.status,
    failureReason: row.failureReason,
    createdAt: row.createdAt.toISOString(),
    attempts: row.attempts,
    nextAttemptAt: row.status === 'queued' && row.attempts > 0 && row.nextAttemptAt ? row.nextAttemptAt.toISOString() : null,
  };
}

export type SmsToSend = {
  caseId: string | null;
  decisionId?: string;
  to: string;
  body: string;
  link: string | null;
  template: SmsTemplate;
  /** After this the message is pointless (a join link that has expired): failed rather than sent. */
  sendBy?: Date | null;
};

/**
 * Writes the SMS to the outbox inside the caller's transaction: it exists exactly when the invite or
 * decision it belongs to does. Nothing is sent here; once the transaction commits the caller calls
 * `deps.events.smsQueued()` and the worker (`worker.ts`) sends it, retrying as it must. A slow or
 * failing provider therefore never holds up or fails the clinician's request.
 */
export async function enqueueSms(tx: Db | Tx, deps: Pick<Deps, 'config' | 'sms' | 'clock'>, message: SmsToSend): Promise<OutboxRow> {
  // In production a link's token (a join link's, an advice link's `?t=`) is never stored in clear for
  // good: `body` (what the case and the outbox show) has it masked, and the words as sent wait in
  // `secret_body` only until the provider has them (then the worker wipes them).
  const secretLink = deps.config.production && message.link ? message.link : null;
  const now = deps.clock.now();
  const [row] = await tx
    .insert(smsOutbox)
    .values({
      caseId: message.caseId,
      decisionId: message.decisionId ?? null,
      to: message.to,
      body: secretLink ? message.body.replace(secretLink, maskLink(secretLink)) : message.body,
      secretBody: secretLink ? message.body : null,
      link: secretLink ? null : message.link,
      template: message.template,
      provider: deps.sms.provider,
      status: 'queued',
      nextAttemptAt: now,
      sendBy: message.sendBy ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export function maskLink(link: string): string {
  return link.replace(/\/join\/([^/?#]{4})[^/?#]*/, '/join/$1…').replace(/([?&]t=)([^&#]{4})[^&#]*/, '$1$2…');
}

/** The newest SMS of one kind about a case (the video link's status is not the advice SMS's). */
export async function latestSmsForCase(deps: Pick<Deps, 'db'>, caseId: string, template: SmsTemplate): Promise<OutboxRow | null> {
  const [row] = await deps.db
    .select()
    .from(smsOutbox)
    .where(and(eq(smsOutbox.caseId, caseId), eq(smsOutbox.template, template)))
    .orderBy(desc(smsOutbox.createdAt))
    .limit(1);
  return row ?? null;
}
