import { EventEmitter } from 'node:events';
import { callUpdateSchema, deskNoticeSchema, type CallUpdate, type DeskNotice } from '@desk/shared';
import { z } from 'zod';

/** When a call entered its state, and when video first connected on it (null: never). */
export type CallTimes = { stateSince: Date; connectedAt: Date | null };

const uuid = z.string().uuid();

/**
 * The events another node must hear, as they travel between nodes (dates as ISO strings). Parsed on
 * arrival like any other input: a node of another version (a rolling deploy) sending a shape this
 * one does not know is dropped and logged, never half-applied.
 */
const clusterEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('case'), caseId: uuid }),
  z.object({
    type: z.literal('call'),
    update: callUpdateSchema,
    times: z.object({ stateSince: z.string().datetime(), connectedAt: z.string().datetime().nullable() }).optional(),
  }),
  z.object({ type: z.literal('photo-request'), caseId: uuid, callId: uuid }),
  z.object({ type: z.literal('staff'), userId: uuid }),
  z.object({ type: z.literal('notice'), userId: uuid, notice: deskNoticeSchema }),
  z.object({ type: z.literal('host-moved'), participantId: uuid }),
  z.object({ type: z.literal('sessions-ended'), sessionIds: z.array(z.string().min(1)).min(1) }),
]);
export type ClusterEvent = z.infer<typeof clusterEventSchema>;

/**
 * The desk's domain events. Heard on every node: an event emitted here is also handed to the link
 * (signalling/cluster.ts sends it to the other nodes through Redis), and one received from another
 * node is heard here as if it happened here, without being sent on. So each node keeps its own
 * caches current (who is in each call, the board) and serves its own sockets (`io.local`), and no
 * broadcast is made twice. One node alone: no link, the same code.
 *
 * `smsQueued` stays on its node: it only wakes that node's SMS worker sooner (the others poll).
 */
export class DeskEvents {
  private readonly emitter = new EventEmitter();
  private link: ((event: ClusterEvent) => void) | null = null;

  constructor() {
    // Every socket-serving part of a node listens; more than ten is not a leak.
    this.emitter.setMaxListeners(50);
  }

  /** Sends every event emitted on this node to the others as well; returns the unlink. */
  linkNodes(send: (event: ClusterEvent) => void): () => void {
    this.link = send;
    return () => {
      if (this.link === send) this.link = null;
    };
  }

  /** An event from another node. Resolves false (and hears nothing) for a shape this node does not know. */
  receive(raw: unknown): boolean {
    const parsed = clusterEventSchema.safeParse(raw);
    if (!parsed.success) return false;
    this.hear(parsed.data);
    return true;
  }

  private share(event: ClusterEvent): void {
    this.hear(event);
    this.link?.(event);
  }

  private hear(event: ClusterEvent): void {
    switch (event.type) {
      case 'case':
        return void this.emitter.emit('case', event.caseId);
      case 'call': {
        const times = event.times && { stateSince: new Date(event.times.stateSince), connectedAt: event.times.connectedAt ? new Date(event.times.connectedAt) : null };
        return void this.emitter.emit('call', event.update, times);
      }
      case 'photo-request':
        return void this.emitter.emit('photo-request', { caseId: event.caseId, callId: event.callId });
      case 'staff':
        return void this.emitter.emit('staff', event.userId);
      case 'notice':
        return void this.emitter.emit('notice', event.userId, event.notice);
      case 'host-moved':
        return void this.emitter.emit('host-moved', event.participantId);
      case 'sessions-ended':
        return void this.emitter.emit('sessions-ended', event.sessionIds);
    }
  }

  caseChanged(caseId: string): void {
    this.share({ type: 'case', caseId });
  }
  /**
   * A call or one of its participants changed: the snapshot after the change, and where the writer
   * knows them, when the call entered its state and when it first connected (the board then needs
   * no database read).
   */
  callChanged(update: CallUpdate, times?: CallTimes): void {
    this.share({
      type: 'call',
      update,
      ...(times ? { times: { stateSince: times.stateSince.toISOString(), connectedAt: times.connectedAt?.toISOString() ?? null } } : {}),
    });
  }
  /** A photo ask changed outside the socket (a photo arrived, or one sent was refused): both screens are told. */
  photoRequestChanged(change: { caseId: string; callId: string }): void {
    this.share({ type: 'photo-request', ...change });
  }
  onPhotoRequestChanged(listener: (change: { caseId: string; callId: string }) => void): () => void {
    this.emitter.on('photo-request', listener);
    return () => this.emitter.off('photo-request', listener);
  }
  /** A staff member signed in or out, or a clinician set their availability: the board's clinician list changes. */
  staffChanged(userId: string): void {
    this.share({ type: 'staff', userId });
  }
  onStaffChanged(listener: (userId: string) => void): () => void {
    this.emitter.on('staff', listener);
    return () => this.emitter.off('staff', listener);
  }
  /** A notice was committed for one staff member: their sockets hear it at once, on whichever node. */
  noticeCreated(userId: string, notice: DeskNotice): void {
    this.share({ type: 'notice', userId, notice });
  }
  onNoticeCreated(listener: (userId: string, notice: DeskNotice) => void): () => void {
    this.emitter.on('notice', listener);
    return () => this.emitter.off('notice', listener);
  }
  /** A call's host participant was given to another clinician (a reassigned case): pages holding it let go. */
  callHostMoved(participantId: string): void {
    this.share({ type: 'host-moved', participantId });
  }
  onCallHostMoved(listener: (participantId: string) => void): () => void {
    this.emitter.on('host-moved', listener);
    return () => this.emitter.off('host-moved', listener);
  }
  /** Sessions that no longer count (signed out, account disabled): their sockets are closed, on every node. */
  sessionsEnded(sessionIds: readonly string[]): void {
    if (sessionIds.length) this.share({ type: 'sessions-ended', sessionIds: [...sessionIds] });
  }
  onSessionsEnded(listener: (sessionIds: readonly string[]) => void): () => void {
    this.emitter.on('sessions-ended', listener);
    return () => this.emitter.off('sessions-ended', listener);
  }
  /** An SMS was committed to the outbox on this node: its worker sends it now rather than at its next poll. */
  smsQueued(): void {
    this.emitter.emit('sms-queued');
  }
  onSmsQueued(listener: () => void): () => void {
    this.emitter.on('sms-queued', listener);
    return () => this.emitter.off('sms-queued', listener);
  }
  onCaseChanged(listener: (caseId: string) => void): () => void {
    this.emitter.on('case', listener);
    return () => this.emitter.off('case', listener);
  }
  onCallChanged(listener: (update: CallUpdate, times?: CallTimes) => void): () => void {
    this.emitter.on('call', listener);
    return () => this.emitter.off('call', listener);
  }
}
