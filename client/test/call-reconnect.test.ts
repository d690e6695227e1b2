import { describe, expect, it } from 'vitest';
import {
  ANSWERER_GRACE_MS,
  CONNECT_REBUILD_MS,
  initialSlot,
  nextSlot,
  RESTART_BACKOFF_MS,
  RESTART_GRACE_MS,
  REBUILD_MIN_GAP_MS,
  RESTART_MIN_GAP_MS,
  type SlotInput,
  type SlotMachine,
  type SlotRole,
} from '../src/features/call/reconnect';

const T = 1_000_000;

function machine(role: SlotRole, patch: Partial<SlotMachine> = {}): SlotMachine {
  return { ...initialSlot(role, T), ...patch };
}
const connected = (role: SlotRole = 'offerer') => machine(role, { phase: 'connected', dueAt: null });
const reconnecting = (role: SlotRole = 'offerer', patch: Partial<SlotMachine> = {}) =>
  machine(role, { phase: 'reconnecting', dueAt: T + RESTART_GRACE_MS, ...patch });

/** Runs inputs from a machine, each at its own time; returns the phases, actions and reports. */
function run(start: SlotMachine, steps: [number, SlotInput][]) {
  let m = start;
  return steps.map(([at, input]) => {
    const step = nextSlot(m, input, T + at);
    m = step.machine;
    return { phase: m.phase, action: step.action, report: step.report };
  });
}

describe('the peer slot reconnect machine', () => {
  it.each<[string, SlotMachine, SlotInput, { phase: SlotMachine['phase']; action: 'restart' | 'rebuild' | null; report: string | null }]>([
    ['media flowing connects a new connection, and says so', machine('offerer'), { type: 'FLOWING' }, { phase: 'connected', action: null, report: 'connected' }],
    ['a stall while connected is reconnecting, with a grace before any restart', connected(), { type: 'STALLED' }, { phase: 'reconnecting', action: null, report: 'reconnecting' }],
    ['a stall while still connecting changes nothing', machine('offerer'), { type: 'STALLED' }, { phase: 'connecting', action: null, report: null }],
    ['ICE failing while connected restarts at once', connected(), { type: 'ICE_FAILED' }, { phase: 'reconnecting', action: 'restart', report: 'reconnecting' }],
    ['a network change while media flows restarts ICE quietly', connected(), { type: 'NETWORK_CHANGED' }, { phase: 'connected', action: 'restart', report: null }],
    ['a network change while reconnecting restarts at once', reconnecting(), { type: 'NETWORK_CHANGED' }, { phase: 'reconnecting', action: 'restart', report: null }],
    ['the socket coming back while media flows restarts ICE quietly', connected('answerer'), { type: 'SIGNALLING_RESTORED' }, { phase: 'connected', action: 'restart', report: null }],
    ['the socket coming back while reconnecting rebuilds (signals may be lost)', reconnecting('answerer'), { type: 'SIGNALLING_RESTORED' }, { phase: 'reconnecting', action: 'rebuild', report: null }],
    ['a connection that closed under us is rebuilt', connected(), { type: 'CLOSED' }, { phase: 'reconnecting', action: 'rebuild', report: 'reconnecting' }],
    ['no WebRTC at all fails for good', machine('answerer'), { type: 'UNSUPPORTED' }, { phase: 'failed', action: null, report: 'failed' }],
    ['a first connection that never flowed is rebuilt, not restarted', machine('offerer'), { type: 'ICE_FAILED' }, { phase: 'connecting', action: 'rebuild', report: null }],
    ['media coming back ends reconnecting', reconnecting(), { type: 'FLOWING' }, { phase: 'connected', action: null, report: 'connected' }],
  ])('%s', (_label, start, input, expected) => {
    expect(run(start, [[0, input]])).toEqual([expected]);
  });

  it('restarts after the grace, backs off 2, 4, 8 s, and rebuilds after two restarts', () => {
    const steps = run(connected(), [
      [0, { type: 'STALLED' }],
      [RESTART_GRACE_MS - 1, { type: 'TIMER' }],
      [RESTART_GRACE_MS, { type: 'TIMER' }],
      [RESTART_GRACE_MS + RESTART_BACKOFF_MS[0] - 1, { type: 'TIMER' }],
      [RESTART_GRACE_MS + RESTART_BACKOFF_MS[0], { type: 'TIMER' }],
      [RESTART_GRACE_MS + RESTART_BACKOFF_MS[0] + RESTART_BACKOFF_MS[1], { type: 'TIMER' }],
      [RESTART_GRACE_MS + RESTART_BACKOFF_MS[0] + RESTART_BACKOFF_MS[1] + RESTART_BACKOFF_MS[2], { type: 'TIMER' }],
      [RESTART_GRACE_MS + RESTART_BACKOFF_MS[0] + RESTART_BACKOFF_MS[1] + 2 * RESTART_BACKOFF_MS[2], { type: 'TIMER' }],
    ]);
    expect(steps.map((s) => s.action)).toEqual([null, null, 'restart', null, 'restart', 'rebuild', 'rebuild', 'rebuild']);
    expect(steps.every((s) => s.phase === 'reconnecting')).toBe(true);
  });

  it('gives the answerer a longer grace so the offerer, who can act directly, goes first', () => {
    const offerer = run(connected('offerer'), [[0, { type: 'STALLED' }], [RESTART_GRACE_MS, { type: 'TIMER' }]]);
    const answerer = run(connected('answerer'), [
      [0, { type: 'STALLED' }],
      [RESTART_GRACE_MS, { type: 'TIMER' }],
      [ANSWERER_GRACE_MS, { type: 'TIMER' }],
    ]);
    expect(offerer.map((s) => s.action)).toEqual([null, 'restart']);
    expect(answerer.map((s) => s.action)).toEqual([null, null, 'restart']);
  });

  it('lets an offer that came hold off the answerer’s next request', () => {
    const steps = run(reconnecting('answerer', { tries: 1, dueAt: T + 2_000, lastTryAt: T }), [
      [1_500, { type: 'OFFER_RECEIVED' }],
      [2_000, { type: 'TIMER' }],
      [1_500 + RESTART_BACKOFF_MS[1], { type: 'TIMER' }],
    ]);
    expect(steps.map((s) => s.action)).toEqual([null, null, 'restart']);
  });

  it('treats a restart request just after its own try as about that try, but rebuilds when asked unless it just did', () => {
    const afterOwn = reconnecting('offerer', { tries: 1, lastTryAt: T, dueAt: T + 2_000 });
    expect(run(afterOwn, [[RESTART_MIN_GAP_MS - 1, { type: 'RESTART_REQUESTED', rebuild: false }]])[0]!.action).toBeNull();
    expect(run(afterOwn, [[RESTART_MIN_GAP_MS, { type: 'RESTART_REQUESTED', rebuild: false }]])[0]!.action).toBe('restart');
    // The other side's socket came back: our last try never reached it.
    expect(run(afterOwn, [[REBUILD_MIN_GAP_MS, { type: 'RESTART_REQUESTED', rebuild: true }]])[0]!.action).toBe('rebuild');
    // Two requests in the same moment are one.
    expect(run(afterOwn, [[REBUILD_MIN_GAP_MS - 1, { type: 'RESTART_REQUESTED', rebuild: true }]])[0]!.action).toBeNull();
    // The other side noticed a one-way stall this side cannot see: restart, and say so.
    expect(run(connected('offerer'), [[0, { type: 'RESTART_REQUESTED', rebuild: false }]])[0]).toEqual({ phase: 'reconnecting', action: 'restart', report: 'reconnecting' });
  });

  it('gives a first connection the full 10 s after its offer arrives, however slow the network', () => {
    const steps = run(machine('answerer'), [
      [500, { type: 'OFFER_RECEIVED' }],
      [3_000, { type: 'TIMER' }],
      [500 + CONNECT_REBUILD_MS - 1, { type: 'TIMER' }],
      [500 + CONNECT_REBUILD_MS, { type: 'TIMER' }],
    ]);
    expect(steps.map((s) => s.action)).toEqual([null, null, null, 'rebuild']);
  });

  it('rebuilds a first connection every 10 s until it flows', () => {
    const steps = run(machine('offerer'), [
      [CONNECT_REBUILD_MS - 1, { type: 'TIMER' }],
      [CONNECT_REBUILD_MS, { type: 'TIMER' }],
      [2 * CONNECT_REBUILD_MS, { type: 'TIMER' }],
      [2 * CONNECT_REBUILD_MS + 100, { type: 'FLOWING' }],
    ]);
    expect(steps.map((s) => [s.phase, s.action])).toEqual([
      ['connecting', null],
      ['connecting', 'rebuild'],
      ['connecting', 'rebuild'],
      ['connected', null],
    ]);
  });

  it('keeps the time media stopped across tries, so the 30 s choice counts from the freeze', () => {
    let m = connected();
    m = nextSlot(m, { type: 'STALLED' }, T + 5).machine;
    for (const at of [RESTART_GRACE_MS, 3_000, 7_000, 15_000]) m = nextSlot(m, { type: 'TIMER' }, T + at).machine;
    expect(m.since).toBe(T + 5);
  });

  it('ignores everything once failed', () => {
    const failed = machine('answerer', { phase: 'failed', dueAt: null });
    for (const input of [{ type: 'FLOWING' }, { type: 'NETWORK_CHANGED' }, { type: 'TIMER' }] as const) {
      expect(nextSlot(failed, input, T + 60_000)).toEqual({ machine: failed, action: null, report: null });
    }
  });
});
