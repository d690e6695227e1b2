import type { SmsSummary } from '@desk/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Deps } from '../http/context.js';
import { smsOutbox } from '../db/schema.js';
import type { SmsTemplate } from './sender.js';

type OutboxRow = typeof smsOutbox.$inferSelect;

export function toSmsSummary(row: OutboxRow): SmsSummary {
  return { id: row.id, to: row.to, status: row.status, failureReason: row.failureReason, createdAt: row.createdAt.toISOString() };
}

/**
 * Records the SMS, hands it to the sender, and records the outcome. A failure is stored and shown
 * on the case (never thrown away); the caller decides what to tell the clinician.
 */
export async function sendSms(
  deps: Pick<Deps, 'db' | 'sms' | 'config' | 'logger' | 'clock'>,
  message: { caseId: string | null; decisionId?: string; to: string; body: string; link: string | null; template: SmsTemplate },
): Promise<SmsSummary> {
  // In production a join token lives only in the SMS itself; the stored copy is masked. Advice links are not secret.
  const secretLink = deps.config.production && message.template === 'video_invite' && message.link ? message.link : null;
  const storedBody = secretLink ? message.body.replace(secretLink, maskLink(secretLink)) : message.body;
  const [queued] = await deps.db
    .insert(smsOutbox)
    .values({
      caseId: message.caseId,
      decisionId: message.decisionId ?? null,
      to: message.to,
      body: storedBody,
      link: secretLink ? null : message.link,
      template: message.template,
      provider: deps.sms.provider,
      status: 'queued',
      createdAt: deps.clock.now(),
    })
    .returning();
  const row = queued!;
  try {
    const result = await deps.sms.send({ to: message.to, body: message.body, template: message.template, reference: row.id });
    const [sent] = await deps.db
      .update(smsOutbox)
      .set({ status: 'sent', providerId: result.providerId })
      .where(eq(smsOutbox.id, row.id))
      .returning();
    return toSmsSummary(sent!);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'SMS provider error';
    deps.logger.warn({ smsId: row.id, provider: deps.sms.provider, reason }, 'sms failed');
    const [failed] = await deps.db
      .update(smsOutbox)
      .set({ status: 'failed', failureReason: reason })
      .where(eq(smsOutbox.id, row.id))
      .returning();
    return toSmsSummary(failed!);
  }
}

export function maskLink(link: string): string {
  return link.replace(/\/join\/([^/?#]{4})[^/?#]*/, '/join/$1…');
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
