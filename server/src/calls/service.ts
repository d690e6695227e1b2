import {
  CALL_TIMING,
  MESH_MAX_PARTICIPANTS,
  decide,
  isGuestRole,
  nextDeadlineAt,
  participantView,
  type CallCommand,
  type CallSummary,
  type CallTiming,
  type CallUpdate,
  type EngineAudit,
  type EngineCall,
  type EngineParticipant,
  type GuestRole,
} from '@desk/shared';
import { EventEmitter } from 'node:events';
import { and, asc, desc, eq, inArray, isNull, lte, min, ne, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { writeAudit } from '../audit/audit.js';
import { revokeParticipantSessions } from '../auth/sessions.js';
import type { Db } from '../db/client.js';
import { callParticipants, calls, invites } from '../db/schema.js';
import type { Clock } from '../http/context.js';
import { AppError } from '../http/errors.js';
import type { DeskEvents } from '../http/events.js';

export type CallRow = typeof calls.$inferSelect;
export type ParticipantRow = typeof callParticipants.$inferSelect;

/** How often one command is tried again when another writer (another node, the sweeper) changed the call first. */
export const CALL_WRITE_ATTEMPTS = 5;

type Stored = { row: CallRow; participants: ParticipantRow[] };

class VersionConflict extends Error {}

/**
 * The authority on calls. Every change goes through the pure engine (`decide` in @desk/shared) and
 * is written as one transaction that succeeds only if the call's version is the one read
 * (optimistic concurrency, retried a bounded number of times). Nothing a second node or a restart
 * needs lives in this process: deadlines are columns that the sweeper on any node enforces.
 */
export class CallService {
  /** Commands for one call are applied one at a time in this process; the version check covers other processes. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Tells this node's sweeper when a deadline it wrote falls due, so it need not poll for it. */
  private readonly deadlines = new EventEmitter();

  constructor(
    private readonly deps: { db: Db; clock: Clock; logger: Logger; events: DeskEvents },
    readonly timing: CallTiming = CALL_TIMING,
  ) {}

  async byId(callId: string): Promise<CallRow | null> {
    const [row] = await this.deps.db.select().from(calls).where(eq(calls.id, callId));
    return row ?? null;
  }

  async latestForCase(caseId: string): Promise<CallRow | null> {
    const [row] = await this.deps.db.select().from(calls).where(eq(calls.caseId, caseId)).orderBy(desc(calls.createdAt)).limit(1);
    return row ?? null;
  }

  async participantsOf(callIds: readonly string[]): Promise<ParticipantRow[]> {
    if (!callIds.length) return [];
    return this.deps.db
      .select()
      .from(callParticipants)
      .where(inArray(callParticipants.callId, [...callIds]))
      .orderBy(asc(callParticipants.createdAt), asc(callParticipants.id));
  }

  /** The call as its snapshot, or null. */
  async update(callId: string): Promise<CallUpdate | null> {
    const stored = await this.load(callId);
    return stored ? toUpdate(stored) : null;
  }

  /** The latest call of a case, as the case page shows it. */
  async summaryForCase(caseId: string): Promise<CallSummary | null> {
    const row = await this.latestForCase(caseId);
    return row ? this.summaryOf(row) : null;
  }

  /** A call as the case page shows it, with when the parent's latest link expires (a reloaded page cannot know it otherwise). */
  async summaryOf(row: CallRow): Promise<CallSummary> {
    const [participants, linkExpiresAt] = await Promise.all([this.participantsOf([row.id]), this.parentLinkExpiresAt(row.id)]);
    return toSummary(row, participants, linkExpiresAt);
  }

  private async parentLinkExpiresAt(callId: string): Promise<Date | null> {
    const [latest] = await this.deps.db
      .select({ expiresAt: invites.expiresAt })
      .from(invites)
      .innerJoin(callParticipants, eq(callParticipants.id, invites.participantId))
      .where(and(eq(invites.callId, callId), eq(callParticipants.role, 'parent')))
      .orderBy(desc(invites.createdAt), desc(invites.expiresAt))
      .limit(1);
    return latest?.expiresAt ?? null;
  }

  /** The case's call that is not over, or a new one in `created` hosted by `host`. */
  async openCallForCase(caseId: string, host: { userId: string; displayName: string }): Promise<CallRow> {
    const [open] = await this.deps.db
      .select()
      .from(calls)
      .where(and(eq(calls.caseId, caseId), ne(calls.state, 'ended')))
      .orderBy(desc(calls.createdAt))
      .limit(1);
    if (open) return open;
    const now = this.deps.clock.now();
    const created = await this.deps.db.transaction(async (tx) => {
      const [row] = await tx.insert(calls).values({ caseId, state: 'created', createdAt: now, updatedAt: now, stateSince: now }).onConflictDoNothing().returning();
      if (!row) return null;
      await tx.insert(callParticipants).values({
        callId: row.id,
        role: 'clinician',
        displayName: host.displayName,
        userId: host.userId,
        state: 'admitted',
        admittedAt: now,
        createdAt: now,
      });
      return row;
    });
    // Lost a race with another request creating the case's call: use theirs.
    return created ?? this.openCallForCase(caseId, host);
  }

  /** The call's parent, created the first time a link is sent. */
  async parentOf(callId: string, name: string): Promise<ParticipantRow> {
    return this.addParticipant(callId, { role: 'parent', name, phone: null }, (rows) => rows.find((p) => p.role === 'parent'));
  }

  /**
   * A guest for `phone` in this role: the same person again if they are still part of the call,
   * else a new participant while the mesh has room (the clinician and the parent always count: a
   * parent who left may rejoin). 409 CALL_FULL otherwise. Checked inside the call's queue, so two
   * invites at once cannot overfill it.
   */
  async guestFor(callId: string, guest: { role: GuestRole; name: string; phone: string }): Promise<ParticipantRow> {
    return this.addParticipant(callId, guest, (rows) => {
      const same = rows.find((p) => p.role === guest.role && p.phone === guest.phone && p.state !== 'removed');
      if (same) return same;
      const activeGuests = rows.filter((p) => isGuestRole(p.role) && p.state !== 'left' && p.state !== 'removed').length;
      if (2 + activeGuests >= MESH_MAX_PARTICIPANTS) {
        throw new AppError('CALL_FULL', `A video call holds at most ${MESH_MAX_PARTICIPANTS} people, the parent included.`);
      }
      return undefined;
    });
  }

  /** Applies a command; a refusal becomes an AppError with the engine's stable code. */
  async apply(callId: string, command: CallCommand, actor: string): Promise<CallUpdate> {
    return (await this.applyAndSay(callId, command, actor)).update;
  }

  /** `apply`, also saying whether anything changed (the sweeper counts what it fired). */
  applyAndSay(callId: string, command: CallCommand, actor: string): Promise<{ update: CallUpdate; changed: boolean }> {
    return this.serialised(callId, () => this.applyNow(callId, command, actor));
  }

  /** Like `apply`, but a command that does not fit the call's state is ignored (best-effort events such as a socket dropping). */
  async applyIfValid(callId: string, command: CallCommand, actor: string): Promise<CallUpdate | null> {
    try {
      return await this.apply(callId, command, actor);
    } catch (error) {
      if (error instanceof AppError && error.code === 'CALL_STATE_CONFLICT') return null;
      throw error;
    }
  }

  onDeadline(listener: (at: Date) => void): () => void {
    this.deadlines.on('deadline', listener);
    return () => this.deadlines.off('deadline', listener);
  }

  /** The soonest deadline of any call or participant, for the sweeper to sleep until. */
  async nextDeadline(): Promise<Date | null> {
    const [own, people] = await Promise.all([
      this.deps.db.select({ at: min(calls.deadlineAt) }).from(calls),
      this.deps.db.select({ at: min(callParticipants.deadlineAt) }).from(callParticipants),
    ]);
    // Aggregates come back as the driver likes (a Date, or a string on some drivers): read either.
    const times = [own[0]?.at, people[0]?.at].filter((t) => t !== null && t !== undefined).map((t) => new Date(t as Date | string).getTime());
    return times.length ? new Date(Math.min(...times)) : null;
  }

  /**
   * Every participant the database says a page holds (present, with an endpoint, in a call not
   * over). The presence sweep (signalling/presence.ts) checks that each still has a socket on some
   * node: one whose node died never said goodbye.
   */
  async presentEndpoints(): Promise<{ callId: string; participantId: string; endpoint: string }[]> {
    const rows = await this.deps.db
      .select({ callId: callParticipants.callId, participantId: callParticipants.id, endpoint: callParticipants.endpoint })
      .from(callParticipants)
      .innerJoin(calls, eq(calls.id, callParticipants.callId))
      .where(and(eq(callParticipants.present, true), ne(calls.state, 'ended')));
    return rows.flatMap((r) => (r.endpoint ? [{ callId: r.callId, participantId: r.participantId, endpoint: r.endpoint }] : []));
  }

  /** Calls with a deadline (their own or a participant's) due by `now`, each with its earliest one (the sweeper's lag is measured from it). */
  async dueCalls(now: Date, limit: number): Promise<{ callId: string; dueAt: Date }[]> {
    const [own, people] = await Promise.all([
      this.deps.db.select({ id: calls.id, at: calls.deadlineAt }).from(calls).where(lte(calls.deadlineAt, now)).limit(limit),
      this.deps.db
        .select({ id: callParticipants.callId, at: min(callParticipants.deadlineAt) })
        .from(callParticipants)
        .where(lte(callParticipants.deadlineAt, now))
        .groupBy(callParticipants.callId)
        .limit(limit),
    ]);
    const due = new Map<string, number>();
    for (const row of [...own, ...people]) {
      // Aggregates come back as the driver likes (a Date, or a string on some drivers): read either.
      const at = row.at ? new Date(row.at as Date | string).getTime() : now.getTime();
      due.set(row.id, Math.min(at, due.get(row.id) ?? Infinity));
    }
    return [...due].slice(0, limit).map(([callId, at]) => ({ callId, dueAt: new Date(at) }));
  }

  private serialised<T>(callId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(callId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    this.queues.set(callId, run);
    // The caller gets the rejection; this bookkeeping chain must not raise a second, unhandled one (it would crash the process).
    void run
      .catch(() => undefined)
      .finally(() => {
        if (this.queues.get(callId) === run) this.queues.delete(callId);
      });
    return run;
  }

  private async load(callId: string): Promise<Stored | null> {
    const row = await this.byId(callId);
    if (!row) return null;
    return { row, participants: await this.participantsOf([callId]) };
  }

  private async applyNow(callId: string, command: CallCommand, actor: string): Promise<{ update: CallUpdate; changed: boolean }> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.load(callId);
      if (!stored) throw new AppError('NOT_FOUND', 'That call was not found.');
      const now = this.deps.clock.now();
      const before = toEngine(stored);
      const decision = decide(before, command, now.getTime(), this.timing);
      if (!decision.ok) throw new AppError(decision.code, decision.message);
      if (!decision.changed) return { update: toUpdate(stored), changed: false };
      try {
        const written = await this.write(stored, before, decision.call, decision.audit, actor, now);
        const update = toUpdate(written);
        this.deps.logger.info(
          { callId, command: command.type, from: stored.row.state, to: written.row.state, reason: written.row.reason, seq: update.seq },
          'call changed',
        );
        this.deps.events.callChanged(update, { stateSince: written.row.stateSince, connectedAt: written.row.connectedAt });
        // After the update, so each page hears the call ended before its connection closes.
        if (written.endedSessions.length) this.deps.events.sessionsEnded(written.endedSessions);
        const due = nextDeadlineAt(decision.call);
        if (due !== null) this.deadlines.emit('deadline', new Date(due));
        return { update, changed: true };
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
        if (attempt >= CALL_WRITE_ATTEMPTS) {
          throw new AppError('CALL_STATE_CONFLICT', 'The call is changing quickly: try again.');
        }
      }
    }
  }

  /** One transaction: the call row only if its version is unchanged, then the participants that changed, then the audit. */
  private async write(
    stored: Stored,
    before: EngineCall,
    after: EngineCall,
    audit: EngineAudit[],
    actor: string,
    now: Date,
  ): Promise<Stored & { endedSessions: string[] }> {
    const { row } = stored;
    const endedSessions: string[] = [];
    const written = await this.deps.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(calls)
        .set({
          state: after.state,
          reason: after.reason,
          version: sql`nextval('call_seq')`,
          deadlineKind: after.deadline?.kind ?? null,
          deadlineAt: after.deadline ? new Date(after.deadline.at) : null,
          updatedAt: now,
          ...(after.state !== before.state ? { stateSince: now } : {}),
          ...(after.state === 'admitted' && !row.admittedAt ? { admittedAt: now } : {}),
          ...(after.state === 'connected' && !row.connectedAt ? { connectedAt: now } : {}),
          ...(after.state === 'ended' && !row.endedAt ? { endedAt: now } : {}),
        })
        .where(and(eq(calls.id, row.id), eq(calls.version, row.version)))
        .returning();
      if (!updated) throw new VersionConflict();
      const participants: ParticipantRow[] = [];
      for (const [index, p] of after.participants.entries()) {
        const previous = stored.participants[index]!;
        if (JSON.stringify(p) === JSON.stringify(before.participants[index])) {
          participants.push(previous);
          continue;
        }
        const [saved] = await tx.update(callParticipants).set(participantColumns(p)).where(eq(callParticipants.id, p.id)).returning();
        participants.push(saved!);
      }
      for (const entry of audit) {
        // At the service's clock, as the call row: the day's figures bucket admissions and failures by this time.
        await writeAudit(tx, { actor, action: entry.action, subject: `case:${row.caseId}`, detail: { callId: row.id, ...entry.detail }, at: now });
      }
      // A link's session lasts no longer than its part in the call: everyone's when the call ends,
      // a guest's when removed. (A parent who left may still rejoin while the call is open.)
      const callEnded = after.state === 'ended' && before.state !== 'ended';
      const done = after.participants.filter((p, i) => p.role !== 'clinician' && (callEnded || (p.state === 'removed' && before.participants[i]?.state !== 'removed')));
      endedSessions.push(...(await revokeParticipantSessions(tx, done.map((p) => p.id), now)));
      // Their unused links too: an old SMS must not open an ended call (or let a removed guest back in).
      if (done.length) await revokeUnusedLinks(tx, { callId: row.id, caseId: row.caseId, participantIds: callEnded ? null : done.map((p) => p.id) }, actor, now);
      return { row: updated, participants };
    });
    return { ...written, endedSessions };
  }

  /** Adds a participant (or returns the one `existing` finds) and announces the call with it. */
  private addParticipant(
    callId: string,
    person: { role: ParticipantRow['role']; name: string; phone: string | null },
    existing: (rows: ParticipantRow[]) => ParticipantRow | undefined,
  ): Promise<ParticipantRow> {
    return this.serialised(callId, async () => {
      const found = existing(await this.participantsOf([callId]));
      if (found) return found;
      const now = this.deps.clock.now();
      const written = await this.deps.db.transaction(async (tx) => {
        const [row] = await tx
          .update(calls)
          .set({ version: sql`nextval('call_seq')`, updatedAt: now })
          .where(eq(calls.id, callId))
          .returning();
        if (!row) throw new AppError('NOT_FOUND', 'That call was not found.');
        // Another node may have added the call's one parent first (a unique index): then theirs is the one.
        const [participant] = await tx
          .insert(callParticipants)
          .values({ callId, role: person.role, displayName: person.name, phone: person.phone, state: 'invited', createdAt: now })
          .onConflictDoNothing()
          .returning();
        return { row, participant };
      });
      const participant = written.participant ?? existing(await this.participantsOf([callId]));
      if (!participant) throw new AppError('CALL_STATE_CONFLICT', 'The call changed at the same moment: try again.');
      const update = await this.update(callId);
      if (update) this.deps.events.callChanged(update);
      return participant;
    });
  }
}

function toEngineParticipant(p: ParticipantRow): EngineParticipant {
  return {
    id: p.id,
    role: p.role,
    name: p.displayName,
    state: p.state,
    reason: p.reason,
    present: p.present,
    endpoint: p.endpoint,
    epoch: p.epoch,
    admittedAt: p.admittedAt?.getTime() ?? null,
    waitingSince: p.waitingSince?.getTime() ?? null,
    closing: p.closing,
    deadline: p.deadlineKind && p.deadlineAt ? { kind: p.deadlineKind, at: p.deadlineAt.getTime() } : null,
    media: p.media,
  };
}

function participantColumns(p: EngineParticipant): Partial<ParticipantRow> {
  return {
    state: p.state,
    reason: p.reason,
    present: p.present,
    endpoint: p.endpoint,
    epoch: p.epoch,
    closing: p.closing,
    media: p.media,
    admittedAt: p.admittedAt === null ? null : new Date(p.admittedAt),
    waitingSince: p.waitingSince === null ? null : new Date(p.waitingSince),
    deadlineKind: p.deadline?.kind ?? null,
    deadlineAt: p.deadline ? new Date(p.deadline.at) : null,
  };
}

function toEngine({ row, participants }: Stored): EngineCall {
  return {
    state: row.state,
    reason: row.reason,
    deadline: row.deadlineKind && row.deadlineAt ? { kind: row.deadlineKind, at: row.deadlineAt.getTime() } : null,
    participants: participants.map(toEngineParticipant),
  };
}

function toUpdate({ row, participants }: Stored): CallUpdate {
  return {
    caseId: row.caseId,
    callId: row.id,
    seq: row.version,
    snapshot: { state: row.state, reason: row.reason },
    participants: participants.map((p) => participantView(toEngineParticipant(p))),
  };
}

/**
 * Revokes the call's unused links (all of them, or only these participants'), audited as
 * `invites_revoked` when there were any. In the caller's transaction: the call's change and its
 * links' end commit together.
 */
async function revokeUnusedLinks(
  tx: Db,
  links: { callId: string; caseId: string; participantIds: string[] | null },
  actor: string,
  now: Date,
): Promise<void> {
  const whose = links.participantIds ? inArray(invites.participantId, links.participantIds) : undefined;
  const revoked = await tx
    .update(invites)
    .set({ revokedAt: now })
    .where(and(eq(invites.callId, links.callId), isNull(invites.usedAt), isNull(invites.revokedAt), whose))
    .returning({ id: invites.id, participantId: invites.participantId });
  if (!revoked.length) return;
  await writeAudit(tx, {
    actor,
    action: 'invites_revoked',
    subject: `case:${links.caseId}`,
    detail: {
      callId: links.callId,
      inviteIds: revoked.map((r) => r.id),
      participantIds: revoked.map((r) => r.participantId),
      why: links.participantIds ? 'guest_removed' : 'call_ended',
    },
    at: now,
  });
}

/** `linkExpiresAt`: when the parent's latest link for this call expires (or expired), null if none was sent. */
export function toSummary(row: CallRow, participants: ParticipantRow[], linkExpiresAt: Date | null): CallSummary {
  return {
    id: row.id,
    state: row.state,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    stateSince: row.stateSince.toISOString(),
    connectedAt: row.connectedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    linkExpiresAt: linkExpiresAt?.toISOString() ?? null,
    participants: participants
      .filter((p) => p.callId === row.id)
      .map((p) => ({ id: p.id, role: p.role, name: p.displayName, state: p.state, reason: p.reason, present: p.present })),
  };
}
