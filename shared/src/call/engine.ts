import {
  IN_CALL_STATES,
  SETTLING_STATES,
  nextCall,
  type CallEvent,
  type CallReason,
  type CallState,
  type BrowserFailReason,
  type CameraFailReason,
  isBrowserFailure,
} from './machine.js';
import {
  MESH_MAX_PARTICIPANTS,
  isGuestRole,
  isInMedia,
  type Participant,
  type ParticipantReason,
  type ParticipantRole,
  type ParticipantState,
  type PeerStatus,
} from './participants.js';

/**
 * The call engine: one pure function from (stored call, command, now) to the next stored call,
 * with the audit entries it owes. The server loads the call and its participants, calls `decide`,
 * and writes the result under optimistic concurrency; nothing here touches a socket or a clock.
 *
 * Deadlines are data, not timers: each call and each participant carries at most one, and a
 * sweeper on any node sends TICK when one is due. Because the TICK's write is a compare-and-set
 * on the call's version, a deadline fires once however many sweepers see it.
 */

export type CallDeadlineKind =
  /** The parent's link is unused at its expiry: the call fails with link_expired. */
  | 'link_expiry'
  /** Admitted, connecting or reconnecting without media for too long: the call fails with timeout. */
  | 'media'
  /** Nobody has a page on the call: it ends as abandoned. */
  | 'abandon';
export type ParticipantDeadlineKind =
  /** A parent's or guest's page has gone and not come back: they have left. */
  | 'gone'
  /** The clinician's page has gone: guests stop their media and wait for the clinician to return. */
  | 'away';
export type Deadline<K extends string> = { kind: K; at: number };

export type EngineParticipant = {
  id: string;
  role: ParticipantRole;
  name: string;
  state: ParticipantState;
  reason: ParticipantReason | null;
  present: boolean;
  /** The page (a random id per page load) that holds this participant's media. */
  endpoint: string | null;
  epoch: number;
  admittedAt: number | null;
  /** Since when they have been waiting to be let in (kept through a dropped signal; cleared once in, or gone). */
  waitingSince: number | null;
  /** The page said it was closing (pagehide): if it does not come back, it left. */
  closing: boolean;
  deadline: Deadline<ParticipantDeadlineKind> | null;
  /** This participant's own report of each peer connection. */
  media: Record<string, PeerStatus>;
};

export type EngineCall = {
  state: CallState;
  reason: CallReason | null;
  deadline: Deadline<CallDeadlineKind> | null;
  participants: EngineParticipant[];
};

export type CallTiming = {
  /** Settling (admitted, connecting, reconnecting) without media before the call fails; "Keep trying" restarts it. */
  mediaMs: number;
  /** A page that vanished without saying so (lost signal, killed browser). */
  goneMs: number;
  /** A page that said it was closing: long enough for a reload to come back. */
  closingMs: number;
  /** The clinician's page gone before guests are moved back to waiting. */
  awayMs: number;
  /** Nobody on the call before it is ended. */
  abandonMs: number;
};

/** The documented deadlines (docs/architecture.md, "Deadlines"). */
export const CALL_TIMING: CallTiming = {
  mediaMs: 120_000,
  goneMs: 60_000,
  closingMs: 8_000,
  awayMs: 10_000,
  abandonMs: 10 * 60_000,
};

export type CallCommand =
  | { type: 'INVITE_SENT'; linkExpiresAt: number }
  | { type: 'LINK_EXPIRED' }
  /** The parent tapped the link: it cannot expire unused any more. */
  | { type: 'LINK_USED' }
  /** A parent's or guest's page has its camera and is ready (also sent again after a reconnect). */
  | { type: 'READY'; participantId: string; endpoint: string }
  | { type: 'CAMERA_FAILED'; participantId: string; reason: CameraFailReason }
  /** A link was opened (before the tap, so no session yet) in a browser that can hold the call, or cannot and why. */
  | { type: 'LINK_OPENED'; participantId: string; verdict: 'ok' | BrowserFailReason }
  /**
   * The clinician's page takes the call's media; `takeover` moves it from another live tab ("Use this
   * tab"). `holderAlive` says whether the page recorded as holding it still has a socket.
   */
  | { type: 'CLAIM'; participantId: string; endpoint: string; takeover: boolean; holderAlive: boolean }
  /** A guest was sent a (new) link: one who had left is invited again. */
  | { type: 'GUEST_INVITED'; participantId: string }
  | { type: 'ENDPOINT_LOST'; participantId: string; endpoint: string }
  | { type: 'CLOSING'; participantId: string; endpoint: string }
  | { type: 'ADMIT'; by: string; participantId: string; parentAgreed: boolean }
  | { type: 'MEDIA'; participantId: string; peers: Record<string, PeerStatus> }
  | { type: 'KEEP_TRYING'; by: string }
  | { type: 'LEAVE'; participantId: string; reason: 'left' | 'phone_fallback' }
  | { type: 'REMOVE'; by: string; participantId: string }
  | { type: 'END'; by: string; reason: 'clinician_ended' | 'phone_fallback' }
  | { type: 'TICK' };

export type EngineRefusalCode = 'CALL_STATE_CONFLICT' | 'FORBIDDEN' | 'NOT_FOUND' | 'PARENT_AGREEMENT_REQUIRED' | 'CALL_HELD_ELSEWHERE' | 'CALL_FULL';
export type EngineAuditAction =
  | 'call_admitted'
  | 'call_ended'
  | 'call_failed'
  | 'guest_admitted'
  | 'participant_left'
  | 'guest_removed'
  | 'call_moved'
  | 'browser_unsupported';
export type EngineAudit = { action: EngineAuditAction; detail: Record<string, unknown> };

export type CallDecision =
  | { ok: true; call: EngineCall; changed: boolean; audit: EngineAudit[] }
  | { ok: false; code: EngineRefusalCode; message: string };

class Refusal extends Error {
  constructor(
    readonly code: EngineRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** Applies one command. A command that does not fit is refused with a stable code, never guessed at. */
export function decide(call: EngineCall, command: CallCommand, now: number, timing: CallTiming = CALL_TIMING): CallDecision {
  const draft: EngineCall = {
    ...call,
    deadline: call.deadline ? { ...call.deadline } : null,
    participants: call.participants.map((p) => ({ ...p, media: { ...p.media }, deadline: p.deadline ? { ...p.deadline } : null })),
  };
  const audit: EngineAudit[] = [];
  try {
    apply(new Draft(draft, audit, now, timing), command);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
  finalize(draft, now, timing);
  return { ok: true, call: draft, changed: JSON.stringify(draft) !== JSON.stringify(call), audit };
}

/** The public view of a participant (what snapshots and the REST case carry). */
export function participantView(p: EngineParticipant): Participant {
  return {
    id: p.id,
    role: p.role,
    name: p.name,
    state: p.state,
    reason: p.reason,
    present: p.present,
    epoch: p.epoch,
    admittedAt: p.admittedAt === null ? null : new Date(p.admittedAt).toISOString(),
    waitingSince: p.waitingSince === null ? null : new Date(p.waitingSince).toISOString(),
  };
}

/** The deadline that is due soonest, across the call and its participants (what a sweeper looks for). */
export function nextDeadlineAt(call: EngineCall): number | null {
  const times = [call.deadline?.at, ...call.participants.map((p) => p.deadline?.at)].filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : null;
}

/** The working copy a command mutates, with the helpers that keep call and participants consistent. */
class Draft {
  constructor(
    readonly call: EngineCall,
    readonly audit: EngineAudit[],
    readonly now: number,
    readonly timing: CallTiming,
  ) {}

  participant(id: string): EngineParticipant {
    const found = this.call.participants.find((p) => p.id === id);
    if (!found) throw new Refusal('NOT_FOUND', 'That person is not part of this call.');
    return found;
  }

  get clinician(): EngineParticipant | undefined {
    return this.call.participants.find((p) => p.role === 'clinician');
  }

  get parent(): EngineParticipant | undefined {
    return this.call.participants.find((p) => p.role === 'parent');
  }

  get ended(): boolean {
    return this.call.state === 'ended';
  }

  /** Moves the call-level state; `required` refuses the command when the event does not fit. */
  callEvent(event: CallEvent, required = false, detail: Record<string, unknown> = {}): boolean {
    const from = this.call.state;
    const result = nextCall({ state: this.call.state, reason: this.call.reason }, event);
    if (!result.ok) {
      if (required) throw new Refusal('CALL_STATE_CONFLICT', `The call is ${describeState(from)}: cannot ${event.type.toLowerCase().replace(/_/g, ' ')} now.`);
      return false;
    }
    const { state, reason } = result.snapshot;
    const changed = state !== from || reason !== this.call.reason;
    this.call.state = state;
    this.call.reason = reason;
    if (changed) {
      const action = state === 'admitted' ? 'call_admitted' : state === 'ended' ? 'call_ended' : state === 'failed' ? 'call_failed' : null;
      if (action) this.audit.push({ action, detail: { from, to: state, reason, ...detail } });
      // The parent is out of media once the call is not in progress: their page waits for "Try video again".
      if (!IN_CALL_STATES.has(state) && state !== 'ended') this.parentOutOfMedia();
    }
    return true;
  }

  requireClinician(by: string): EngineParticipant {
    const actor = this.participant(by);
    if (actor.role !== 'clinician') throw new Refusal('FORBIDDEN', 'Only the clinician can do that.');
    return actor;
  }

  set(p: EngineParticipant, state: ParticipantState, reason: ParticipantReason | null = null): void {
    const wasInMedia = isInMedia(p);
    if (state === 'waiting') p.waitingSince ??= this.now;
    else if (state !== 'invited') p.waitingSince = null;
    p.state = state;
    p.reason = reason;
    if (wasInMedia && !isInMedia(p)) this.outOfMedia(p);
  }

  /** Forgets every report of `p`'s peer connections (both ways): they start afresh. */
  outOfMedia(p: EngineParticipant): void {
    p.media = {};
    for (const other of this.call.participants) delete other.media[p.id];
  }

  parentOutOfMedia(): void {
    const parent = this.parent;
    if (parent && isInMedia(parent)) this.set(parent, 'invited');
  }

  /** The page `endpoint` now holds `p`'s media. A different page than before starts a new epoch. */
  attach(p: EngineParticipant, endpoint: string): boolean {
    const replaced = p.endpoint !== endpoint;
    if (replaced) {
      p.endpoint = endpoint;
      p.epoch += 1;
      if (isInMedia(p)) {
        this.outOfMedia(p);
        if (p.role === 'clinician' || p.role === 'parent') this.callEvent({ type: 'PEER_REPLACED' });
      }
    }
    p.present = true;
    p.closing = false;
    p.deadline = null;
    return replaced;
  }

  leave(p: EngineParticipant, reason: ParticipantReason): void {
    this.set(p, 'left', reason);
    p.present = false;
    p.deadline = null;
    this.audit.push({ action: 'participant_left', detail: { participantId: p.id, role: p.role, reason } });
    if (p.role === 'parent') {
      this.callEvent({ type: 'PARENT_LEFT', reason: reason === 'phone_fallback' ? 'phone_fallback' : 'parent_left' });
    }
  }

  endCall(reason: 'clinician_ended' | 'phone_fallback' | 'abandoned', required: boolean): void {
    if (!this.callEvent({ type: 'END', reason }, required)) return;
    for (const p of this.call.participants) {
      if (p.state !== 'left' && p.state !== 'removed') this.set(p, 'left');
      p.deadline = null;
      p.media = {};
    }
  }
}

function describeState(state: CallState): string {
  return state.replace(/_/g, ' ');
}

function apply(d: Draft, command: CallCommand): void {
  switch (command.type) {
    case 'INVITE_SENT': {
      if (!d.callEvent({ type: 'INVITE_SENT' })) return;
      d.call.deadline = { kind: 'link_expiry', at: command.linkExpiresAt };
      // A parent who left gets a new link: they are invited again.
      const parent = d.parent;
      if (parent?.state === 'left') d.set(parent, 'invited');
      return;
    }
    case 'LINK_EXPIRED':
      d.callEvent({ type: 'LINK_EXPIRED' });
      return;
    case 'LINK_USED':
      if (d.call.deadline?.kind === 'link_expiry') d.call.deadline = null;
      return;
    case 'GUEST_INVITED': {
      const p = d.participant(command.participantId);
      if (!isGuestRole(p.role)) throw new Refusal('FORBIDDEN', 'Only a guest is invited this way.');
      if (p.state === 'left') d.set(p, 'invited');
      return;
    }
    case 'READY': {
      const p = d.participant(command.participantId);
      if (d.ended) return;
      if (p.role === 'clinician') throw new Refusal('FORBIDDEN', 'The clinician does not wait to be let in.');
      if (p.state === 'removed') throw new Refusal('FORBIDDEN', 'The clinician has taken you out of this call.');
      if (p.role === 'parent' && !isInMedia(p)) d.callEvent({ type: 'PARENT_READY' }, true);
      d.attach(p, command.endpoint);
      if (!isInMedia(p)) d.set(p, 'waiting', p.reason === 'clinician_away' ? 'clinician_away' : null);
      return;
    }
    case 'CAMERA_FAILED': {
      const p = d.participant(command.participantId);
      if (d.ended) return;
      if (p.role === 'clinician' || p.state === 'removed') throw new Refusal('FORBIDDEN', 'Only someone joining by link reports their camera.');
      if (p.role === 'parent') d.callEvent({ type: 'PARENT_FAILED', reason: command.reason }, true);
      d.set(p, 'invited');
      return;
    }
    case 'LINK_OPENED': {
      const p = d.participant(command.participantId);
      if (d.ended || p.role !== 'parent' || p.state !== 'invited') {
        // A guest's browser, or a parent already past the link: on the record, the call unchanged.
        if (command.verdict !== 'ok' && p.role !== 'clinician') d.audit.push({ action: 'browser_unsupported', detail: { participantId: p.id, role: p.role, reason: command.verdict } });
        return;
      }
      // The parent's browser: the desk learns at once why they cannot join, and that it is fine again once they open the link elsewhere.
      if (command.verdict === 'ok') d.callEvent({ type: 'LINK_REOPENED' });
      else {
        d.callEvent({ type: 'PARENT_FAILED', reason: command.verdict });
        d.audit.push({ action: 'browser_unsupported', detail: { participantId: p.id, role: p.role, reason: command.verdict } });
      }
      return;
    }
    case 'CLAIM': {
      const p = d.participant(command.participantId);
      if (p.role !== 'clinician') throw new Refusal('FORBIDDEN', 'Only the clinician hosts the call.');
      if (d.ended) return;
      const heldElsewhere = p.present && p.endpoint !== command.endpoint && command.holderAlive;
      if (heldElsewhere && !command.takeover) throw new Refusal('CALL_HELD_ELSEWHERE', 'This call is open in another tab.');
      const moved = heldElsewhere;
      d.attach(p, command.endpoint);
      if (moved) d.audit.push({ action: 'call_moved', detail: { participantId: p.id, epoch: p.epoch } });
      if (p.state === 'reconnecting' || p.state === 'invited' || p.state === 'waiting') d.set(p, 'admitted');
      // Guests who were waiting for the clinician to come back are let in again: their admission stands.
      for (const guest of d.call.participants) {
        if (guest.state === 'waiting' && guest.reason === 'clinician_away') d.set(guest, 'admitted');
      }
      return;
    }
    case 'ENDPOINT_LOST': {
      const p = d.participant(command.participantId);
      if (!p.present || p.endpoint !== command.endpoint || d.ended) return;
      p.present = false;
      if (p.state === 'waiting') {
        d.set(p, 'invited', p.reason);
        if (p.role === 'parent') d.callEvent({ type: 'PARENT_LEFT_LOBBY' });
      } else if (isInMedia(p)) {
        // Media may well carry on without the page's socket; the peers say. The page is marked away.
        p.state = 'reconnecting';
        p.deadline =
          p.role === 'clinician'
            ? { kind: 'away', at: d.now + d.timing.awayMs }
            : { kind: 'gone', at: d.now + (p.closing ? d.timing.closingMs : d.timing.goneMs) };
      }
      return;
    }
    case 'CLOSING': {
      const p = d.participant(command.participantId);
      if (p.endpoint !== command.endpoint || p.role === 'clinician' || d.ended) return;
      p.closing = true;
      if (p.deadline?.kind === 'gone') p.deadline.at = Math.min(p.deadline.at, d.now + d.timing.closingMs);
      return;
    }
    case 'ADMIT': {
      const clinician = d.requireClinician(command.by);
      if (!clinician.present) throw new Refusal('FORBIDDEN', 'Open the case to let people in.');
      const p = d.participant(command.participantId);
      if (p.role === 'clinician') throw new Refusal('FORBIDDEN', 'The clinician does not wait to be let in.');
      if (p.state !== 'waiting' || !p.present) {
        throw new Refusal('CALL_STATE_CONFLICT', `${p.role === 'parent' ? 'The parent' : p.name} is not waiting to be let in.`);
      }
      if (isGuestRole(p.role)) {
        if (!command.parentAgreed) throw new Refusal('PARENT_AGREEMENT_REQUIRED', 'Ask the parent first, and tick "Parent agreed".');
        if (d.call.participants.filter(isInMedia).length >= MESH_MAX_PARTICIPANTS) {
          throw new Refusal('CALL_FULL', `A call holds at most ${MESH_MAX_PARTICIPANTS} people.`);
        }
        d.audit.push({ action: 'guest_admitted', detail: { participantId: p.id, role: p.role, parentAgreed: true } });
      } else {
        // How long the parent waited to be let in: the supervisor's wait-to-admit figures read it from the audit.
        d.callEvent({ type: 'ADMIT' }, true, { waitedMs: p.waitingSince === null ? null : d.now - p.waitingSince });
      }
      d.set(p, 'admitted');
      // The first admission only: who offers in each pair must not change when someone is let in again.
      p.admittedAt ??= d.now;
      return;
    }
    case 'MEDIA': {
      const p = d.participant(command.participantId);
      if (!isInMedia(p) || d.ended) return;
      const inMedia = new Set(d.call.participants.filter((q) => q.id !== p.id && isInMedia(q)).map((q) => q.id));
      p.media = Object.fromEntries(Object.entries(command.peers).filter(([id]) => inMedia.has(id)));
      pairToCall(d);
      return;
    }
    case 'KEEP_TRYING': {
      const p = d.participant(command.by);
      if (!isInMedia(p)) throw new Refusal('CALL_STATE_CONFLICT', 'You are not in the call.');
      if (SETTLING_STATES.has(d.call.state)) d.call.deadline = { kind: 'media', at: d.now + d.timing.mediaMs };
      return;
    }
    case 'LEAVE': {
      const p = d.participant(command.participantId);
      if (p.role === 'clinician') throw new Refusal('FORBIDDEN', 'The clinician ends the call instead.');
      if (p.state === 'removed') throw new Refusal('FORBIDDEN', 'The clinician has taken you out of this call.');
      if (p.state === 'left' || d.ended) return;
      d.leave(p, command.reason === 'phone_fallback' ? 'phone_fallback' : p.role === 'parent' ? 'parent_left' : 'guest_left');
      return;
    }
    case 'REMOVE': {
      d.requireClinician(command.by);
      const p = d.participant(command.participantId);
      if (!isGuestRole(p.role)) throw new Refusal('FORBIDDEN', 'Only a guest can be removed; end the call instead.');
      if (p.state === 'removed' || d.ended) return;
      d.set(p, 'removed', 'guest_removed');
      p.present = false;
      p.deadline = null;
      d.audit.push({ action: 'guest_removed', detail: { participantId: p.id, role: p.role } });
      return;
    }
    case 'END':
      d.requireClinician(command.by);
      // A second End (a double click, a retry) changes nothing.
      if (!d.ended) d.endCall(command.reason, true);
      return;
    case 'TICK':
      tick(d);
      return;
  }
}

const PAIR_PRECEDENCE: readonly PeerStatus[] = ['failed', 'reconnecting', 'connected', 'connecting'];

/** A pair's status from both sides' reports: the worse one wins, so a one-way stall still shows. */
function pairStatus(a: EngineParticipant, b: EngineParticipant): PeerStatus | null {
  const views = [a.media[b.id], b.media[a.id]];
  return PAIR_PRECEDENCE.find((status) => views.includes(status)) ?? null;
}

/** The call-level state follows the clinician ↔ parent connection, as either side reports it. */
function pairToCall(d: Draft): void {
  const { clinician, parent } = d;
  if (!clinician || !parent || !isInMedia(clinician) || !isInMedia(parent)) return;
  const status = pairStatus(clinician, parent);
  if (status === 'failed') d.callEvent({ type: 'MEDIA_FAILED' });
  else if (status === 'reconnecting') d.callEvent({ type: 'MEDIA_INTERRUPTED' });
  else if (status === 'connected') d.callEvent({ type: 'MEDIA_CONNECTED' });
  else if (status === 'connecting') d.callEvent({ type: 'MEDIA_CONNECTING' });
}

function tick(d: Draft): void {
  const due = (deadline: Deadline<string> | null) => deadline !== null && deadline.at <= d.now;
  const callDeadline = d.call.deadline;
  if (callDeadline && due(callDeadline)) {
    d.call.deadline = null;
    if (callDeadline.kind === 'link_expiry') d.callEvent({ type: 'LINK_EXPIRED' });
    else if (callDeadline.kind === 'media') d.callEvent({ type: 'TIMED_OUT' });
    else d.endCall('abandoned', false);
  }
  for (const p of d.call.participants) {
    const deadline = p.deadline;
    if (!deadline || !due(deadline) || d.ended) continue;
    p.deadline = null;
    if (deadline.kind === 'gone' && !p.present && p.state !== 'left' && p.state !== 'removed') {
      d.leave(p, p.role === 'parent' ? 'parent_left' : 'guest_left');
    } else if (deadline.kind === 'away' && !p.present) {
      for (const guest of d.call.participants) {
        if (isGuestRole(guest.role) && isInMedia(guest)) d.set(guest, 'waiting', 'clinician_away');
      }
    }
  }
}

/** Arms or clears the call's own deadline from where the call now is, keeping one already running. */
function finalize(call: EngineCall, now: number, timing: CallTiming): void {
  const keep = (kind: CallDeadlineKind, ms: number) => (call.deadline?.kind === kind ? call.deadline : { kind, at: now + ms });
  const anyonePresent = call.participants.some((p) => p.present);
  if (call.state === 'ended') call.deadline = null;
  else if ((call.state === 'invited' || (call.state === 'failed' && isBrowserFailure(call.reason))) && call.deadline?.kind === 'link_expiry') {
    call.deadline = { ...call.deadline };
  }
  else if (SETTLING_STATES.has(call.state)) call.deadline = keep('media', timing.mediaMs);
  else if (anyonePresent) call.deadline = null;
  else call.deadline = keep('abandon', timing.abandonMs);

  // Each participant in media is as connected as its best peer connection, by either side's report.
  for (const p of call.participants) {
    if (!isInMedia(p)) continue;
    // A page that was there and has gone is reconnecting; one that never came (epoch 0) is simply not there yet.
    if (!p.present) {
      if (p.epoch > 0) p.state = 'reconnecting';
      continue;
    }
    const pairs = call.participants.filter((q) => q.id !== p.id && isInMedia(q)).map((q) => pairStatus(p, q));
    p.state = pairs.includes('connected') ? 'connected' : pairs.includes('reconnecting') ? 'reconnecting' : 'admitted';
  }

  const clinicianPresent = call.participants.some((p) => p.role === 'clinician' && p.present);
  for (const p of call.participants) {
    if (!p.deadline) continue;
    const stale = p.present || p.state === 'left' || p.state === 'removed' || p.state === 'invited' || (p.deadline.kind === 'away' && clinicianPresent);
    if (stale) p.deadline = null;
  }
}
