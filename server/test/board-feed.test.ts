import type { BoardCase, BoardDelta, BoardState, CallUpdate, DayFigures } from '@desk/shared';
import { DEFAULT_BOARD_THRESHOLDS } from '@desk/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Deps } from '../src/http/context.js';
import { DeskEvents } from '../src/http/events.js';

/**
 * Issue 10: when the board's deltas go out, with the database replaced by rows in memory and the
 * clock by fake timers (the integration test, server/test/board.test.ts, runs the real queries).
 */

const rows = new Map<string, BoardCase>();
const calls = { today: 0, cases: 0, staff: 0 };

vi.mock('../src/supervisor/board.js', () => ({
  loadBoardCases: async (_deps: unknown, ids?: readonly string[]) => {
    calls.cases += 1;
    return [...rows.values()].filter((r) => !ids || ids.includes(r.caseId)).map((r) => ({ ...r }));
  },
  loadSignedInClinicians: async () => {
    calls.staff += 1;
    return [];
  },
  loadToday: async (): Promise<DayFigures> => {
    calls.today += 1;
    return { date: '2026-12-03', arrivals: rows.size } as DayFigures;
  },
  boardHeadline: (all: readonly BoardCase[], today: DayFigures) => ({ open: all.length, waiting: 0, inCall: 0, callBackDue: 0, today }),
}));

const { createBoardFeed } = await import('../src/supervisor/feed.js');

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
function row(n: number, state: BoardState): BoardCase {
  return {
    caseId: uuid(n),
    reference: `111-${n}`,
    childFirstName: 'Amira',
    childAgeMonths: 30,
    ageBand: '1_to_4_years',
    complaint: 'fever',
    language: 'en',
    clinician: null,
    state,
    stateSince: new Date().toISOString(),
    createdAt: new Date().toISOString(),
    call: null,
    band: null,
    overridden: false,
    safeguarding: false,
    calledBackAt: null,
  };
}

function feedWithScreen() {
  const events = new DeskEvents();
  const deps = {
    events,
    clock: { now: () => new Date() },
    logger: { error: vi.fn(), warn: vi.fn(), info: vi.fn() },
    config: { board: { thresholds: DEFAULT_BOARD_THRESHOLDS, decidedVisibleSeconds: 900 } },
  } as unknown as Deps;
  const feed = createBoardFeed(deps, { reconcileMs: 3_600_000 });
  const sent: { at: number; delta: BoardDelta }[] = [];
  feed.connect({ watched: () => true, send: (delta) => sent.push({ at: Date.now(), delta }) });
  return { feed, events, sent };
}

describe('the board feed', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z') });
    rows.clear();
    calls.today = calls.cases = calls.staff = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('sends a change on the next turn of the event loop, and changes made together in one delta', async () => {
    rows.set(uuid(1), row(1, 'new'));
    rows.set(uuid(2), row(2, 'new'));
    const { feed, events, sent } = feedWithScreen();
    await feed.watch(() => undefined);
    rows.set(uuid(1), row(1, 'link_sent'));
    rows.set(uuid(2), row(2, 'link_sent'));
    events.caseChanged(uuid(1));
    events.caseChanged(uuid(2));
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.delta.upserts.map((r) => [r.caseId, r.state])).toEqual([
      [uuid(1), 'link_sent'],
      [uuid(2), 'link_sent'],
    ]);
    expect(sent[0]!.delta.seq).toBe(1);
    feed.close();
  });

  it('never holds a row back for today’s figures: they follow on their own timer, at most once a second', async () => {
    rows.set(uuid(1), row(1, 'new'));
    const { feed, events, sent } = feedWithScreen();
    await feed.watch(() => undefined);
    expect(calls.today).toBe(1);

    // A new case 100 ms after the figures were computed: its row goes out now, the figures are not due yet.
    await vi.advanceTimersByTimeAsync(100);
    rows.set(uuid(2), row(2, 'new'));
    events.caseChanged(uuid(2));
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => s.delta.upserts.map((r) => r.caseId))).toEqual([[uuid(2)]]);
    expect(calls.today).toBe(1);

    // Another 200 ms on, another change: out at once too, although the figures' timer is still pending.
    await vi.advanceTimersByTimeAsync(200);
    rows.set(uuid(1), row(1, 'parent_waiting'));
    events.caseChanged(uuid(1));
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.at - sent[0]!.at).toBeLessThan(250);
    expect(sent[1]!.delta.upserts.map((r) => r.state)).toEqual(['parent_waiting']);

    // A second after the last computation, the figures (now counting both cases) follow in a delta of their own.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.today).toBe(2);
    expect(sent).toHaveLength(3);
    expect(sent[2]!.delta.upserts).toEqual([]);
    expect(sent[2]!.delta.headline?.today.arrivals).toBe(2);
    expect(sent.map((s) => s.delta.seq)).toEqual([1, 2, 3]);
    feed.close();
  });

  it('takes a call step from the engine’s write without a read, and recomputes today’s figures only for steps they count', async () => {
    rows.set(uuid(1), row(1, 'in_call'));
    const { feed, events, sent } = feedWithScreen();
    await feed.watch(() => undefined);
    const reads = { cases: calls.cases, today: calls.today };
    const call = (seq: number, state: CallUpdate['snapshot']['state']): CallUpdate => ({
      caseId: uuid(1),
      callId: uuid(50),
      seq,
      snapshot: { state, reason: null },
      participants: [{ id: uuid(60), role: 'parent', name: 'Mother', state: 'admitted', reason: null, present: true, epoch: 0, admittedAt: null, waitingSince: null }],
    });
    await vi.advanceTimersByTimeAsync(2_000);
    events.callChanged(call(10, 'reconnecting'), { stateSince: new Date(), connectedAt: new Date() });
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.at(-1)!.delta.upserts.map((r) => r.state)).toEqual(['reconnecting']);
    // A later write's event arriving before an earlier one's: the earlier never wins.
    events.callChanged(call(12, 'connected'), { stateSince: new Date(), connectedAt: new Date() });
    events.callChanged(call(11, 'reconnecting'), { stateSince: new Date(), connectedAt: new Date() });
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.at(-1)!.delta.upserts.map((r) => r.state)).toEqual(['in_call']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls.cases, 'no database read for either').toBe(reads.cases);
    // Reconnecting counts in none of today's figures; connected (video reached) may: recomputed once, on its timer.
    expect(calls.today).toBe(reads.today + 1);
    feed.close();
  });

  it('re-reads the signed-in clinicians on a sign-in or a signature, not on every call step', async () => {
    rows.set(uuid(1), row(1, 'in_call'));
    const { feed, events } = feedWithScreen();
    await feed.watch(() => undefined);
    const afterWatch = calls.staff;
    rows.set(uuid(1), row(1, 'reconnecting'));
    events.caseChanged(uuid(1));
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.staff).toBe(afterWatch);
    rows.set(uuid(1), row(1, 'decided'));
    events.caseChanged(uuid(1));
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.staff).toBe(afterWatch + 1);
    events.staffChanged(uuid(9));
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.staff).toBe(afterWatch + 2);
    feed.close();
  });
});
