import { and, eq, exists, gte, isNotNull, lt, ne, notExists, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { writeAudit } from '../audit/audit.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { casePhotos, decisionDrafts, decisions, invites, sessions, smsOutbox } from '../db/schema.js';
import type { Clock } from '../http/context.js';

export type RetentionPolicy = Config['retention'];

/** What one run deleted (rows, or SMS texts wiped). Counts only: this is what the audit row holds. */
export type RetentionCounts = {
  sessions: number;
  invites: number;
  drafts: number;
  smsBodies: number;
  photos: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes what the service need not keep (docs/operations.md, "Retention"), in one transaction with
 * its audit row. Never touches `cases`, `decisions`, `call_participants`, `audit` or the photos of
 * a case with a signed decision: those are the child's record, kept under the NHS Records
 * Management Code of Practice (and `audit` refuses deletes anyway, migration 0005). Idempotent: a second run, on this node or another, finds nothing.
 */
export async function runRetention(deps: { db: Db; clock: Clock }, policy: RetentionPolicy): Promise<RetentionCounts> {
  const now = deps.clock.now().getTime();
  const before = (ms: number) => new Date(now - ms);
  return deps.db.transaction(async (tx) => {
    // Sessions past their end (expiry or sign-out) by the grace period: no cookie can use them.
    const sessionCutoff = before(policy.sessionMs);
    const deletedSessions = await tx
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, sessionCutoff), lt(sessions.revokedAt, sessionCutoff)))
      .returning({ id: sessions.id });

    // One-time links past their expiry by the same grace, once no session still names them. A link's
    // token is only a hash; the row also holds the number it went to.
    const deletedInvites = await tx
      .delete(invites)
      .where(
        and(
          lt(invites.expiresAt, sessionCutoff),
          notExists(tx.select({ one: sql`1` }).from(sessions).where(eq(sessions.inviteId, invites.id))),
        ),
      )
      .returning({ id: invites.id });

    // Unsigned drafts of a case that has a signed decision: saved before a signature (they draft a
    // version already signed or superseded), or not touched for the draft period (an abandoned amendment).
    const draftCutoff = before(policy.draftMs);
    const deletedDrafts = await tx
      .delete(decisionDrafts)
      .where(
        exists(
          tx
            .select({ one: sql`1` })
            .from(decisions)
            .where(
              and(
                eq(decisions.caseId, decisionDrafts.caseId),
                or(gte(decisions.signedAt, decisionDrafts.updatedAt), lt(decisionDrafts.updatedAt, draftCutoff)),
              ),
            ),
        ),
      )
      .returning({ id: decisionDrafts.id });

    // SMS texts once settled (sent, delivered or failed) for the SMS body period; the row (to whom,
    // when, which template, what became of it) stays with the case. The words as sent of a join link
    // are wiped by the worker when the provider takes them; any left on a settled row go now.
    const smsCutoff = before(policy.smsBodyMs);
    const wipedBodies = await tx
      .update(smsOutbox)
      .set({ body: null, link: null, secretBody: null })
      .where(
        and(
          ne(smsOutbox.status, 'queued'),
          or(
            and(lt(smsOutbox.updatedAt, smsCutoff), or(isNotNull(smsOutbox.body), isNotNull(smsOutbox.link))),
            isNotNull(smsOutbox.secretBody),
          ),
        ),
      )
      .returning({ id: smsOutbox.id });

    // Photos of a case that never had a decision signed, once `policy.photoMs` old: nothing they
    // informed is on the record. A photo of a case with a signed decision is part of the child's
    // record (the FHIR outcome refers to it) and is kept with it.
    const photoCutoff = before(policy.photoMs);
    const deletedPhotos = await tx
      .delete(casePhotos)
      .where(
        and(
          lt(casePhotos.createdAt, photoCutoff),
          notExists(tx.select({ one: sql`1` }).from(decisions).where(eq(decisions.caseId, casePhotos.caseId))),
        ),
      )
      .returning({ id: casePhotos.id });
    const counts: RetentionCounts = {
      sessions: deletedSessions.length,
      invites: deletedInvites.length,
      drafts: deletedDrafts.length,
      smsBodies: wipedBodies.length,
      photos: deletedPhotos.length,
    };
    await writeAudit(tx, {
      actor: 'system',
      action: 'retention_run',
      subject: null,
      detail: {
        ...counts,
        policy: {
          sessionDays: policy.sessionMs / DAY_MS,
          draftDays: policy.draftMs / DAY_MS,
          smsBodyHours: policy.smsBodyMs / HOUR_MS,
          photoDays: policy.photoMs / DAY_MS,
        },
      },
    });
    return counts;
  });
}

/**
 * Runs `runRetention` at start and then every `policy.intervalMs`, on every node (runs are
 * idempotent, so two nodes at once only means two audit rows). Tests run it by hand.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private running: Promise<RetentionCounts | null> | null = null;

  constructor(
    private readonly deps: { db: Db; clock: Clock; logger: Logger },
    private readonly policy: RetentionPolicy,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.cycle();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One run; resolves with its counts, or null if it failed (logged, tried again at the next interval). */
  runOnce(): Promise<RetentionCounts | null> {
    this.running ??= runRetention(this.deps, this.policy)
      .then(
        (counts) => {
          this.deps.logger.info({ retention: counts }, 'retention run');
          return counts;
        },
        (error: unknown) => {
          this.deps.logger.error({ err: error }, 'retention run failed');
          return null;
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async cycle(): Promise<void> {
    if (!this.started) return;
    await this.runOnce();
    if (!this.started) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.cycle();
    }, this.policy.intervalMs);
    this.timer.unref();
  }
}
