import { EventEmitter } from 'node:events';
import type { CallSnapshot } from '@desk/shared';

export type CallChanged = { caseId: string; callId: string; snapshot: CallSnapshot };

/** Domain events inside one server process; signalling turns them into socket broadcasts. */
export class DeskEvents {
  private readonly emitter = new EventEmitter();

  caseChanged(caseId: string): void {
    this.emitter.emit('case', caseId);
  }
  callChanged(change: CallChanged): void {
    this.emitter.emit('call', change);
  }
  onCaseChanged(listener: (caseId: string) => void): () => void {
    this.emitter.on('case', listener);
    return () => this.emitter.off('case', listener);
  }
  onCallChanged(listener: (change: CallChanged) => void): () => void {
    this.emitter.on('call', listener);
    return () => this.emitter.off('call', listener);
  }
}
