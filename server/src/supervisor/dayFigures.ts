import { callReasons, callStates, dispositionSchema, dispositions, JOIN_FAILURES, type CallReason, type CallState, type DayFigures, type Disposition, type JoinFailure } from '@desk/shared';
import { and, count, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { adviceChangedForParent } from '../advice/recap.js';
import { audit, callParticipants, calls, cases, decisions, invites } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { londonDayRange, londonHour } from './londonDay.js';

/**
 * The figures of one Europe/London day (`dayFiguresSchema` defines each), from the database in
 * four set queries whatever the day holds: the day's arrivals by hour, its decision versions with
 * their predecessors, its parents' links, and its admissions and failed joins from the audit. The
 * rest is the pure `figuresOf`. The board's headline asks for today at most once a second.
 */
export async function dayFigures(deps: Pick<Deps, 'db'>, date: string): Promise<DayFigures> {
  const range = londonDayRange(date);
  const [arrivals, versions, links, callEvents] = await Promise.all([
    loadArrivals(deps, range),
    loadVersions(deps, range),
    loadLinks(deps, range),
    loadCallEvents(deps, range),
  ]);
  return figuresOf({ date, range, arrivals, versions, links, callEvents });
}

const HOUR_MS = 60 * 60 * 1000;

type Range = { start: Date; end: Date };

/** What a version says that the figures compare: what the parent was told, and whether it was below the route. */
export type VersionFields = {
  disposition: string;
  timeframeHours: number | null;
  safetyNettingTopic: string | null;
  overridden: boolean;
  overrideReason: string | null;
};

export type DayVersion = VersionFields & {
  caseId: string;
  version: number;
  hubReferral: boolean;
  adviceLine: boolean;
  /** The version this one amended (signed that day or before); null for a first decision. */
  previous: VersionFields | null;
};

export type CallEvent =
  | { action: 'call_admitted'; at: Date; waitedMs: number | null }
  | { action: 'call_failed'; at: Date; reason: CallReason | null; from: CallState | null };

export type DayRows = {
  date: string;
  range: Range;
  /** Cases created, by hour slot of the day (0 = the slot starting at local midnight). */
  arrivals: { slot: number; n: number }[];
  /** Every decision version signed that day. */
  versions: DayVersion[];
  links: { linksSent: number; connected: number };
  callEvents: CallEvent[];
};

/** Which hour slot of the day an instant falls in (a 25-hour day has slots 0–24). */
const slotOf = (range: Range, at: Date) => Math.floor((at.getTime() - range.start.getTime()) / HOUR_MS);

/** The day's hours as London's clocks read them: 24, or 23 / 25 when the clocks change. */
export function hourSlots(range: Range): number[] {
  const slots = Math.round((range.end.getTime() - range.start.getTime()) / HOUR_MS);
  return Array.from({ length: slots }, (_, i) => londonHour(new Date(range.start.getTime() + i * HOUR_MS)));
}

/** The nearest-rank percentile (`p` in 0–1) of values in any order; null for none. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

/**
 * The failed join a `call_failed` entry counts as, or null when it is not one. A failure after the
 * video had connected (`from` connected or reconnecting) is a dropped call, not a failed join; a
 * parent choosing the phone is no failure; a link that expired after its browser had already failed
 * is counted once, under the browser.
 */
export function joinFailureOf(reason: CallReason | null, from: CallState | null): JoinFailure | null {
  if (from === 'connected' || from === 'reconnecting') return null;
  switch (reason) {
    case 'link_expired':
      return from === 'failed' ? null : 'link_expired';
    case 'permission_denied':
    case 'no_camera':
    case 'in_app_browser':
    case 'unsupported_browser':
    case 'parent_left':
      return reason;
    case 'ice_failed':
    case 'timeout':
      return 'connection_failed';
    default:
      return null;
  }
}

/**
 * What an amendment changed against the version it replaced. An override changed when one was
 * added or removed, or when both are overrides of a different disposition, timeframe or reason;
 * the advice changed as the parent would hear it (`adviceChangedForParent`: disposition, timeframe
 * or safety-netting topic).
 */
export function amendmentChanges(before: VersionFields, after: VersionFields): { override: boolean; advice: boolean } {
  const advice = adviceChangedForParent(before, after);
  const override =
    before.overridden !== after.overridden ||
    (after.overridden && (before.disposition !== after.disposition || before.timeframeHours !== after.timeframeHours || before.overrideReason !== after.overrideReason));
  return { override, advice };
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The day's figures from its rows (pure). */
export function figuresOf(rows: DayRows): DayFigures {
  const { range } = rows;
  const hours = hourSlots(range).map((hour) => ({ hour, arrivals: 0, admitted: 0, waitsMs: [] as number[] }));
  for (const { slot, n } of rows.arrivals) if (hours[slot]) hours[slot].arrivals += n;

  const waitsMs: number[] = [];
  const failedJoins = zeros(JOIN_FAILURES);
  for (const event of rows.callEvents) {
    if (event.action === 'call_admitted') {
      const hour = hours[slotOf(range, event.at)];
      if (hour) hour.admitted += 1;
      if (event.waitedMs === null) continue;
      waitsMs.push(event.waitedMs);
      hour?.waitsMs.push(event.waitedMs);
    } else {
      const failure = joinFailureOf(event.reason, event.from);
      if (failure) failedJoins[failure] += 1;
    }
  }

  // The latest version of each case signed that day: an amendment replaces its predecessor in every count.
  const latest = new Map<string, DayVersion>();
  for (const v of rows.versions) if ((latest.get(v.caseId)?.version ?? 0) < v.version) latest.set(v.caseId, v);
  const dispositionCounts = zeros(dispositions);
  const referrals = { hub: 0, adviceLine: 0 };
  let overrides = 0;
  for (const v of latest.values()) {
    const disposition = dispositionSchema.safeParse(v.disposition);
    if (disposition.success) dispositionCounts[disposition.data satisfies Disposition] += 1;
    if (v.hubReferral) referrals.hub += 1;
    if (v.adviceLine) referrals.adviceLine += 1;
    if (v.overridden) overrides += 1;
  }
  const amendments = { total: 0, changedOverride: 0, changedAdvice: 0 };
  for (const v of rows.versions) {
    if (!v.previous) continue;
    const changes = amendmentChanges(v.previous, v);
    amendments.total += 1;
    if (changes.override) amendments.changedOverride += 1;
    if (changes.advice) amendments.changedAdvice += 1;
  }

  const { linksSent, connected } = rows.links;
  return {
    date: rows.date,
    arrivals: hours.reduce((sum, h) => sum + h.arrivals, 0),
    decided: rows.versions.filter((v) => v.version === 1).length,
    linksSent,
    connected,
    conversion: linksSent ? connected / linksSent : null,
    waits: { count: waitsMs.length, medianSeconds: seconds(nearestRank(waitsMs, 0.5)), p90Seconds: seconds(nearestRank(waitsMs, 0.9)) },
    failedJoins,
    dispositions: dispositionCounts,
    referrals,
    overrides,
    amendments,
    hours: hours.map(({ waitsMs: waits, ...hour }) => ({ ...hour, medianWaitSeconds: seconds(nearestRank(waits, 0.5)) })),
  };
}

// ---------------------------------------------------------------------------------------------
// The queries

async function loadArrivals(deps: Pick<Deps, 'db'>, range: Range): Promise<DayRows['arrivals']> {
  const slot = sql<number>`floor((extract(epoch from ${cases.createdAt}) - ${range.start.getTime() / 1000}) / 3600)::int`;
  return deps.db
    .select({ slot, n: count() })
    .from(cases)
    .where(and(gte(cases.createdAt, range.start), lt(cases.createdAt, range.end)))
    // By position: the slot's expression carries a parameter, so repeating it would not match.
    .groupBy(sql`1`);
}

async function loadVersions(deps: Pick<Deps, 'db'>, range: Range): Promise<DayVersion[]> {
  const previous = alias(decisions, 'previous');
  const rows = await deps.db
    .select({
      caseId: decisions.caseId,
      version: decisions.version,
      disposition: decisions.disposition,
      timeframeHours: decisions.timeframeHours,
      safetyNettingTopic: decisions.safetyNettingTopic,
      overridden: decisions.overridden,
      overrideReason: decisions.overrideReason,
      hubReferral: sql<boolean>`coalesce(${decisions.referral} -> 'hubReferral' is not null, false)`,
      adviceLine: sql<boolean>`coalesce(${decisions.referral} -> 'adviceLine' is not null, false)`,
      previous: {
        disposition: previous.disposition,
        timeframeHours: previous.timeframeHours,
        safetyNettingTopic: previous.safetyNettingTopic,
        overridden: previous.overridden,
        overrideReason: previous.overrideReason,
      },
    })
    .from(decisions)
    .leftJoin(previous, eq(previous.id, decisions.supersedesId))
    .where(and(gte(decisions.signedAt, range.start), lt(decisions.signedAt, range.end)));
  return rows;
}

/** Cases sent a parent's link that day (not a guest's), and of those the cases whose call reached video. */
async function loadLinks(deps: Pick<Deps, 'db'>, range: Range): Promise<DayRows['links']> {
  const [row] = await deps.db
    .select({
      linksSent: sql<number>`count(distinct ${invites.caseId})::int`,
      connected: sql<number>`(count(distinct ${invites.caseId}) filter (where ${calls.connectedAt} is not null))::int`,
    })
    .from(invites)
    .innerJoin(calls, eq(calls.id, invites.callId))
    .leftJoin(callParticipants, eq(callParticipants.id, invites.participantId))
    .where(
      and(
        gte(invites.createdAt, range.start),
        lt(invites.createdAt, range.end),
        // Links from before guests existed name no participant: they were the parent's.
        or(isNull(invites.participantId), eq(callParticipants.role, 'parent')),
      ),
    );
  return { linksSent: row?.linksSent ?? 0, connected: row?.connected ?? 0 };
}

/** What the call engine wrote in the detail of the entries the figures read. */
const callEventDetailSchema = z.object({
  waitedMs: z.number().nonnegative().nullable().catch(null),
  reason: z.enum(callReasons).nullable().catch(null),
  from: z.enum(callStates).nullable().catch(null),
});

async function loadCallEvents(deps: Pick<Deps, 'db'>, range: Range): Promise<CallEvent[]> {
  const rows = await deps.db
    .select({
      action: audit.action,
      at: audit.at,
      // As text (a number cast in the database): no JSON for the driver to parse, row by row.
      waitedMs: sql<unknown>`(${audit.detail} ->> 'waitedMs')::float8`,
      reason: sql<unknown>`${audit.detail} ->> 'reason'`,
      from: sql<unknown>`${audit.detail} ->> 'from'`,
    })
    .from(audit)
    .where(and(inArray(audit.action, ['call_admitted', 'call_failed']), gte(audit.at, range.start), lt(audit.at, range.end)));
  return rows.map(({ action, at, ...detail }): CallEvent => {
    const parsed = callEventDetailSchema.parse(detail);
    return action === 'call_admitted' ? { action, at, waitedMs: parsed.waitedMs } : { action: 'call_failed', at, reason: parsed.reason, from: parsed.from };
  });
}
