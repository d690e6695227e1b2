import {
  ageBandOf,
  callBackDue,
  TRAFFIC_LIGHTS,
  videoStoppedAfterHangUp,
  type BoardCase,
  type BoardClinician,
  type BoardState,
  type CallReason,
  type CallState,
  type ClinicianAvailability,
  type ClinicianStatus,
  type Complaint,
  type ParentLanguage,
} from '@desk/shared';

/**
 * What the board says about one case, from what the database holds: pure, so the rules are a
 * table (server/test/board-state.test.ts) and the snapshot and the deltas cannot disagree.
 */

export type BoardInputs = {
  case: {
    id: string;
    reference: string;
    childFirstName: string;
    childAgeMonths: number;
    complaint: Complaint;
    /** The parent's language. */
    language: ParentLanguage;
    createdAt: Date;
    clinician: { id: string; name: string } | null;
    /** A safeguarding concern is flagged on it. */
    safeguarding: boolean;
    /** When the clinician last recorded phoning the parent back. */
    calledBackAt: Date | null;
  };
  /** The case's latest call, if a link was ever sent; `connectedAt`: when video first connected on it (null: never). */
  call: { id: string; state: CallState; reason: CallReason | null; stateSince: Date; connectedAt: Date | null } | null;
  /** That call's parent and clinician, as far as the board cares: is a page on the call, and since when the parent waits. */
  participants: { role: string; present: boolean; state: string; waitingSince: Date | null }[];
  /** The latest signed decision. */
  decision: { signedAt: Date; band: string; overridden: boolean } | null;
};

/**
 * The board's state of a case. Video that connected, then failed or carried on by phone
 * (`videoStoppedAfterHangUp`, in @desk/shared: the parent had been asked to hang up) makes the
 * parent owed a call-back until the clinician records one after the call entered that state
 * (`callBackDue`); then it is wrap-up, counted from the call-back. Video that never connected left
 * the parent on the phone: the link is the story (failed) or it is wrap-up (ended).
 */
export function boardStateOf(
  inputs: Pick<BoardInputs, 'call' | 'participants' | 'decision'> & { calledBackAt?: Date | null },
  caseCreatedAt: Date,
): { state: BoardState; since: Date } {
  const { call, participants, decision } = inputs;
  const calledBackAt = inputs.calledBackAt ?? null;
  if (decision) return { state: 'decided', since: decision.signedAt };
  if (!call || call.state === 'created') return { state: 'new', since: caseCreatedAt };
  const since = call.stateSince;
  switch (call.state) {
    case 'invited':
      return { state: 'link_sent', since };
    case 'parent_waiting': {
      const parent = participants.find((p) => p.role === 'parent');
      return { state: 'parent_waiting', since: parent?.waitingSince ?? since };
    }
    case 'admitted':
    case 'connecting':
    case 'connected':
    case 'reconnecting':
      // On paper in progress, but nobody has a page on it: not "in call" (its abandon deadline will end it).
      if (!participants.some((p) => p.present)) return { state: 'abandoned', since };
      return { state: call.state === 'reconnecting' ? 'reconnecting' : 'in_call', since };
    case 'failed':
    case 'ended':
      if (videoStoppedAfterHangUp(call)) {
        return callBackDue(call, calledBackAt) ? { state: 'call_back_due', since } : { state: 'wrap_up', since: calledBackAt ?? since };
      }
      // A join problem the parent can still fix (camera blocked, wrong browser, link expired): the link is the story.
      // Ended by the clinician: wrap-up.
      return call.state === 'failed' ? { state: 'link_sent', since } : { state: 'wrap_up', since };
  }
}

export function boardCaseOf(inputs: BoardInputs): BoardCase {
  const { state, since } = boardStateOf({ ...inputs, calledBackAt: inputs.case.calledBackAt }, inputs.case.createdAt);
  const band = inputs.decision?.band;
  return {
    caseId: inputs.case.id,
    reference: inputs.case.reference,
    childFirstName: inputs.case.childFirstName,
    childAgeMonths: inputs.case.childAgeMonths,
    ageBand: ageBandOf(inputs.case.childAgeMonths),
    complaint: inputs.case.complaint,
    language: inputs.case.language,
    clinician: inputs.case.clinician,
    state,
    stateSince: since.toISOString(),
    createdAt: inputs.case.createdAt.toISOString(),
    call: inputs.call ? { id: inputs.call.id, state: inputs.call.state, reason: inputs.call.reason } : null,
    band: (TRAFFIC_LIGHTS as readonly string[]).includes(band ?? '') ? (band as BoardCase['band']) : null,
    overridden: inputs.decision?.overridden ?? false,
    safeguarding: inputs.case.safeguarding,
    calledBackAt: inputs.case.calledBackAt?.toISOString() ?? null,
  };
}

/**
 * A row after its call changed, from the row and the call as the engine just wrote it: what
 * `boardCaseOf` would say from the database, without reading it (the row carries the case's own
 * fields: the safeguarding flag, the call-back). A signed case stays decided.
 */
export function boardCaseAfterCall(row: BoardCase, call: NonNullable<BoardInputs['call']>, participants: BoardInputs['participants']): BoardCase {
  const detail = { id: call.id, state: call.state, reason: call.reason };
  if (row.state === 'decided') return { ...row, call: detail };
  const calledBackAt = row.calledBackAt ? new Date(row.calledBackAt) : null;
  const { state, since } = boardStateOf({ call, participants, decision: null, calledBackAt }, new Date(row.createdAt));
  return { ...row, state, stateSince: since.toISOString(), call: detail };
}

const IN_CALL_BOARD: ReadonlySet<BoardState> = new Set(['in_call', 'reconnecting', 'parent_waiting']);
const WRAP_UP_BOARD: ReadonlySet<BoardState> = new Set(['wrap_up', 'call_back_due']);

/** A clinician's status: a call or a wrap-up on their cases says it; otherwise what they set on the desk. */
export function clinicianStatusOf(availability: ClinicianAvailability, theirCases: readonly Pick<BoardCase, 'state'>[]): ClinicianStatus {
  if (theirCases.some((c) => IN_CALL_BOARD.has(c.state))) return 'in_call';
  if (theirCases.some((c) => WRAP_UP_BOARD.has(c.state))) return 'wrap_up';
  return availability;
}

export type ClinicianInputs = { id: string; name: string; availability: ClinicianAvailability; handledThisShift: number };

/** The signed-in clinicians as the board lists them: alphabetical, with their status and open cases. */
export function boardCliniciansOf(signedIn: readonly ClinicianInputs[], cases: readonly BoardCase[]): BoardClinician[] {
  return [...signedIn]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((c) => {
      const theirs = cases.filter((row) => row.clinician?.id === c.id && row.state !== 'decided');
      return { id: c.id, name: c.name, status: clinicianStatusOf(c.availability, theirs), openCases: theirs.length, handledThisShift: c.handledThisShift };
    });
}

/** The live counts of the headline, from the rows. */
export function liveCounts(cases: readonly BoardCase[]): { open: number; waiting: number; inCall: number; callBackDue: number } {
  const open = cases.filter((c) => c.state !== 'decided');
  return {
    open: open.length,
    waiting: open.filter((c) => c.state === 'parent_waiting').length,
    inCall: open.filter((c) => c.state === 'in_call' || c.state === 'reconnecting').length,
    callBackDue: open.filter((c) => c.state === 'call_back_due').length,
  };
}
