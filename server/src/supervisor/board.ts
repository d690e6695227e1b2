import type { BoardCase, BoardClinician, BoardHeadline, DayFigures } from '@desk/shared';
import { and, count, desc, eq, gte, inArray, lt, or, gt } from 'drizzle-orm';
import { signedInUserIds } from '../auth/sessions.js';
import { callParticipants, calls, cases, decisions, users } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { boardCaseOf, boardCliniciansOf, liveCounts, type ClinicianInputs } from './boardState.js';
import { dayFigures } from './dayFigures.js';
import { londonDate, londonDayRange } from './londonDay.js';

/**
 * The board's rows from the database, in a fixed number of set-based queries whatever the number
 * of cases: the cases (with their clinician), their latest calls, those calls' participants, and
 * their latest decisions (the safeguarding flag and the call-back are the cases' own columns). `caseIds` narrows it to the cases a delta needs; a case it does not
 * return has left the board.
 */
export async function loadBoardCases(deps: Pick<Deps, 'db' | 'clock' | 'config'>, caseIds?: readonly string[]): Promise<BoardCase[]> {
  const now = deps.clock.now();
  const decidedCutoff = new Date(now.getTime() - deps.config.board.decidedVisibleSeconds * 1000);
  // Open cases, and those signed (closed) recently enough to still show as decided.
  const onBoard = or(eq(cases.status, 'open'), gt(cases.updatedAt, decidedCutoff));
  const rows = await deps.db
    .select({ case: cases, clinicianName: users.displayName })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.assignedClinicianId))
    .where(caseIds ? and(inArray(cases.id, [...caseIds]), onBoard) : onBoard)
    .orderBy(cases.createdAt)
    .limit(5_000);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.case.id);
  const [latestCalls, latestDecisions] = await Promise.all([
    deps.db
      .selectDistinctOn([calls.caseId], { id: calls.id, caseId: calls.caseId, state: calls.state, reason: calls.reason, stateSince: calls.stateSince, connectedAt: calls.connectedAt })
      .from(calls)
      .where(inArray(calls.caseId, ids))
      .orderBy(calls.caseId, desc(calls.createdAt)),
    deps.db
      .selectDistinctOn([decisions.caseId], { caseId: decisions.caseId, signedAt: decisions.signedAt, band: decisions.band, overridden: decisions.overridden })
      .from(decisions)
      .where(inArray(decisions.caseId, ids))
      .orderBy(decisions.caseId, desc(decisions.version)),
  ]);
  const participants = latestCalls.length
    ? await deps.db
        .select({ callId: callParticipants.callId, role: callParticipants.role, present: callParticipants.present, state: callParticipants.state, waitingSince: callParticipants.waitingSince })
        .from(callParticipants)
        .where(inArray(callParticipants.callId, latestCalls.map((c) => c.id)))
    : [];
  const callByCase = new Map(latestCalls.map((c) => [c.caseId, c]));
  const decisionByCase = new Map(latestDecisions.map((d) => [d.caseId, d]));
  return rows.map(({ case: c, clinicianName }) => {
    const call = callByCase.get(c.id) ?? null;
    return boardCaseOf({
      case: {
        id: c.id,
        reference: c.reference,
        childFirstName: c.childFirstName,
        childAgeMonths: c.childAgeMonths,
        complaint: c.complaint,
        language: c.preferredLanguage,
        createdAt: c.createdAt,
        clinician: c.assignedClinicianId && clinicianName ? { id: c.assignedClinicianId, name: clinicianName } : null,
        safeguarding: c.safeguardingReason !== null,
        calledBackAt: c.calledBackAt,
      },
      call,
      participants: call ? participants.filter((p) => p.callId === call.id) : [],
      // A closed case without a decision row cannot happen today; treat it as not decided rather than guess.
      decision: decisionByCase.get(c.id) ?? null,
    });
  });
}

/** The signed-in clinicians, with what they set (available or away) and the cases they signed this shift; their status then follows from the rows (boardCliniciansOf). */
export async function loadSignedInClinicians(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<ClinicianInputs[]> {
  const now = deps.clock.now();
  const signedIn = await signedInUserIds(deps.db, now, deps.config.staffSession.idleMs);
  if (!signedIn.size) return [];
  const { start, end } = londonDayRange(londonDate(now));
  const [people, handled] = await Promise.all([
    deps.db
      .select({ id: users.id, name: users.displayName, availability: users.availability })
      .from(users)
      .where(and(inArray(users.id, [...signedIn]), eq(users.role, 'clinician'), eq(users.disabled, false))),
    deps.db
      .select({ userId: decisions.signedBy, n: count() })
      .from(decisions)
      .where(and(eq(decisions.version, 1), gte(decisions.signedAt, start), lt(decisions.signedAt, end), inArray(decisions.signedBy, [...signedIn])))
      .groupBy(decisions.signedBy),
  ]);
  const handledBy = new Map(handled.map((h) => [h.userId, h.n]));
  return people.map((p) => ({ ...p, handledThisShift: handledBy.get(p.id) ?? 0 }));
}

/** The signed-in clinicians with their status, from their availability and the board's rows. */
export async function loadBoardClinicians(deps: Pick<Deps, 'db' | 'clock' | 'config'>, rows: readonly BoardCase[]): Promise<BoardClinician[]> {
  return boardCliniciansOf(await loadSignedInClinicians(deps), rows);
}

export function boardHeadline(rows: readonly BoardCase[], today: DayFigures): BoardHeadline {
  return { ...liveCounts(rows), today };
}

export async function loadToday(deps: Pick<Deps, 'db' | 'clock'>): Promise<DayFigures> {
  return dayFigures(deps, londonDate(deps.clock.now()));
}
