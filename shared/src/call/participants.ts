/**
 * The people in a call. The clinician hosts; the parent and up to two guests (an on-call
 * paediatrician, an interpreter) join by one-time links and wait until the clinician lets them in.
 * Media is a mesh: everyone in media holds one peer connection with everyone else in media.
 *
 * Zod-free (the parent's page carries no zod): the schemas for these live in schemas.ts.
 */

export const participantRoles = ['clinician', 'parent', 'paediatrician', 'interpreter'] as const;
export type ParticipantRole = (typeof participantRoles)[number];

export const guestRoles = ['paediatrician', 'interpreter'] as const;
export type GuestRole = (typeof guestRoles)[number];

export function isGuestRole(role: ParticipantRole): role is GuestRole {
  return role === 'paediatrician' || role === 'interpreter';
}

/** A mesh of four is the most a phone on 4G can carry (three uploads); beyond that the media layer needs an SFU. */
export const MESH_MAX_PARTICIPANTS = 4;

/**
 * invited: has a link (or, for the clinician, a call to host) but is not in the waiting room;
 * waiting: camera ready, waiting to be let in; admitted → connected ⇄ reconnecting: in media;
 * left: ended their part (End, closed the page, or the call ended); removed: the clinician took a guest out.
 */
export const participantStates = ['invited', 'waiting', 'admitted', 'connected', 'reconnecting', 'left', 'removed'] as const;
export type ParticipantState = (typeof participantStates)[number];

export const IN_MEDIA_STATES: ReadonlySet<ParticipantState> = new Set(['admitted', 'connected', 'reconnecting']);

/** Why a participant is where they are, when it is not obvious from the state. */
export const participantReasons = ['parent_left', 'guest_left', 'phone_fallback', 'guest_removed', 'clinician_away'] as const;
export type ParticipantReason = (typeof participantReasons)[number];

/** What one side reports of one peer connection. */
export const peerStatuses = ['connecting', 'connected', 'reconnecting', 'failed'] as const;
export type PeerStatus = (typeof peerStatuses)[number];

/** One participant as the server sends it (the zod schema in schemas.ts is checked against this). */
export type Participant = {
  id: string;
  role: ParticipantRole;
  name: string;
  state: ParticipantState;
  reason: ParticipantReason | null;
  /** Has a live page (socket) holding its media right now. */
  present: boolean;
  /** Bumped each time another page takes this participant's media (a reload, "Use this tab"): peers start afresh. */
  epoch: number;
  /** ISO time of the (latest) admission; decides who offers in each pair. */
  admittedAt: string | null;
  /** ISO time they started waiting to be let in (the waiting room counts up from it); null when not waiting. */
  waitingSince: string | null;
};

export const ROLE_LABEL: Record<ParticipantRole, string> = {
  clinician: 'Clinician',
  parent: 'Parent',
  paediatrician: 'On-call paediatrician',
  interpreter: 'Interpreter',
};

/** "Admit parent", "Admit interpreter": each waiting participant's own button. */
export function admitLabel(role: ParticipantRole): string {
  return `Admit ${role === 'paediatrician' ? 'on-call paediatrician' : ROLE_LABEL[role].toLowerCase()}`;
}

export function isInMedia(participant: Pick<Participant, 'state'>): boolean {
  return IN_MEDIA_STATES.has(participant.state);
}

type Ordering = Pick<Participant, 'id' | 'role' | 'admittedAt'>;

/**
 * Who sends the offer in a pair, fixed for the pair so two offers can never cross (no glare): the
 * clinician always; otherwise whoever was admitted earlier; the lower id on a tie.
 */
export function offererOf(a: Ordering, b: Ordering): string {
  if (a.role === 'clinician') return a.id;
  if (b.role === 'clinician') return b.id;
  const at = (p: Ordering) => (p.admittedAt ? Date.parse(p.admittedAt) : Number.POSITIVE_INFINITY);
  if (at(a) !== at(b)) return at(a) < at(b) ? a.id : b.id;
  return a.id < b.id ? a.id : b.id;
}

/** The participants `selfId` should hold a peer connection with: everyone else in media, while self is. */
export function mediaPeersOf<P extends Pick<Participant, 'id' | 'state'>>(selfId: string, participants: readonly P[]): P[] {
  const self = participants.find((p) => p.id === selfId);
  if (!self || !isInMedia(self)) return [];
  return participants.filter((p) => p.id !== selfId && isInMedia(p));
}

/**
 * A pair's generation counts its peer connections. The offerer numbers them from its own epoch, so
 * a reloaded offerer (a higher epoch) always outranks every connection its earlier page made, and
 * a signal from an older connection is recognised and dropped.
 */
export const GENERATIONS_PER_EPOCH = 1_000_000;

export function firstGeneration(offererEpoch: number): number {
  return offererEpoch * GENERATIONS_PER_EPOCH + 1;
}

export function nextGeneration(current: number, offererEpoch: number): number {
  return Math.max(current + 1, firstGeneration(offererEpoch));
}

/** Snapshots carry the server's `seq`; a client applies one only if it is newer than the last it applied. */
export function isNewerSnapshot(current: { seq: number } | null, incoming: { seq: number }): boolean {
  return current === null || incoming.seq > current.seq;
}
