import { EventEmitter } from 'node:events';
import type { CallUpdate, DeskNotice } from '@desk/shared';

/** When a call entered its state, and when video first connected on it (null: never). */
export type CallTimes = { stateSince: Date; connectedAt: Date | null };

/** Domain events inside one server process; signalling turns them into socket broadcasts. */
export class DeskEvents {
  private readonly emitter = new EventEmitter();

  caseChanged(caseId: string): void {
    this.emitter.emit('case', caseId);
  }
  /**
   * A call or one of its participants changed: the snapshot after the change, and where the writer
   * knows them, when the call entered its state and when it first connected (the board then needs
   * no database read).
   */
  callChanged(update: CallUpdate, times?: CallTimes): void {
    this.emitter.emit('call', update, times);
  }
  /** A photo ask changed outside the socket (a photo arrived, or one sent was refused): both screens are told. */
  photoRequestChanged(change: { caseId: string; callId: string }): void {
    this.emitter.emit('photo-request', change);
  }
  onPhotoRequestChanged(listener: (change: { caseId: string; callId: string }) => void): () => void {
    this.emitter.on('photo-request', listener);
    return () => this.emitter.off('photo-request', listener);
  }
  /** A staff member signed in or out, or a clinician set their availability: the board's clinician list changes. */
  staffChanged(userId: string): void {
    this.emitter.emit('staff', userId);
  }
  onStaffChanged(listener: (userId: string) => void): () => void {
    this.emitter.on('staff', listener);
    return () => this.emitter.off('staff', listener);
  }
  /** A notice was committed for one staff member: their sockets hear it at once. */
  noticeCreated(userId: string, notice: DeskNotice): void {
    this.emitter.emit('notice', userId, notice);
  }
  onNoticeCreated(listener: (userId: string, notice: DeskNotice) => void): () => void {
    this.emitter.on('notice', listener);
    return () => this.emitter.off('notice', listener);
  }
  /** A call's host participant was given to another clinician (a reassigned case): pages holding it let go. */
  callHostMoved(participantId: string): void {
    this.emitter.emit('host-moved', participantId);
  }
  onCallHostMoved(listener: (participantId: string) => void): () => void {
    this.emitter.on('host-moved', listener);
    return () => this.emitter.off('host-moved', listener);
  }
  /** Sessions that no longer count (signed out, account disabled): their sockets are closed. */
  sessionsEnded(sessionIds: readonly string[]): void {
    if (sessionIds.length) this.emitter.emit('sessions-ended', sessionIds);
  }
  /** An SMS was committed to the outbox on this node: its worker sends it now rather than at its next poll. */
  smsQueued(): void {
    this.emitter.emit('sms-queued');
  }
  onSmsQueued(listener: () => void): () => void {
    this.emitter.on('sms-queued', listener);
    return () => this.emitter.off('sms-queued', listener);
  }
  onSessionsEnded(listener: (sessionIds: readonly string[]) => void): () => void {
    this.emitter.on('sessions-ended', listener);
    return () => this.emitter.off('sessions-ended', listener);
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
