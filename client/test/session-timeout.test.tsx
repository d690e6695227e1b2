import type { SessionTiming } from '@desk/shared';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idleView, WARN_BEFORE_MS } from '../src/features/auth/idle';
import { SessionKeeper, fetchTiming, REPORT_EVERY_MS } from '../src/features/auth/sessionKeeper';
import { SessionTimeout } from '../src/features/auth/SessionTimeout';
import { useSessionStore } from '../src/features/auth/sessionStore';

const MIN = 60_000;
const T0 = Date.parse('2026-12-02T09:00:00Z');
const timing = (lastActivityAgoMs: number, signedInAgoMs = lastActivityAgoMs, now = T0): SessionTiming => ({
  idleTimeoutMs: 30 * MIN,
  lastActivityAt: new Date(now - lastActivityAgoMs).toISOString(),
  expiresAt: new Date(now - signedInAgoMs + 12 * 60 * MIN).toISOString(),
});

describe('idleView', () => {
  it.each([
    ['just active', timing(0), { kind: 'fine', checkAt: T0 + 28 * MIN }],
    ['27 min idle', timing(27 * MIN), { kind: 'fine', checkAt: T0 + MIN }],
    ['28 min idle: the warning', timing(28 * MIN), { kind: 'warning', endsAt: T0 + 2 * MIN, why: 'idle' }],
    ['29.9 min idle', timing(29.9 * MIN), { kind: 'warning', endsAt: T0 + 0.1 * MIN, why: 'idle' }],
    ['30 min idle: ended', timing(30 * MIN), { kind: 'ended', why: 'idle' }],
    ['active, but 11 h 59 signed in: the limit', timing(0, 11 * 60 * MIN + 59 * MIN), { kind: 'warning', endsAt: T0 + MIN, why: 'limit' }],
    ['12 h signed in', timing(0, 12 * 60 * MIN), { kind: 'ended', why: 'limit' }],
  ] as const)('%s', (_name, given, expected) => {
    expect(idleView(given, T0)).toEqual(expected);
  });

  it('warns two minutes before', () => {
    expect(WARN_BEFORE_MS).toBe(2 * MIN);
  });
});

describe('SessionKeeper', () => {
  afterEach(() => vi.useRealTimers());

  const keeperWith = (now: () => number) => {
    const report = vi.fn(async () => timing(0, 0, now()));
    const read = vi.fn(async () => timing(0, 0, now()));
    const onEnded = vi.fn();
    return { keeper: new SessionKeeper({ now, report, read, onEnded }), report, read, onEnded };
  };

  it('reports key presses and clicks at most once a minute', async () => {
    let now = T0;
    const { keeper, report } = keeperWith(() => now);
    keeper.start(timing(0));
    const first = keeper.activity();
    expect(keeper.activity()).toBeNull();
    now += REPORT_EVERY_MS - 1;
    expect(keeper.activity()).toBeNull();
    await first;
    expect(report).toHaveBeenCalledTimes(1);
    now += 1;
    await keeper.activity();
    expect(report).toHaveBeenCalledTimes(2);
    keeper.stop();
  });

  it('reports every minute while a call, a board or a draft holds the desk, and stops when none does', async () => {
    vi.useFakeTimers({ now: T0 });
    const { keeper, report } = keeperWith(() => Date.now());
    keeper.start(timing(0));
    keeper.setBusy('call', true);
    keeper.setBusy('draft:1', true);
    expect(report).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3 * REPORT_EVERY_MS);
    expect(report).toHaveBeenCalledTimes(4);
    keeper.setBusy('call', false);
    await vi.advanceTimersByTimeAsync(REPORT_EVERY_MS);
    expect(report).toHaveBeenCalledTimes(5);
    keeper.setBusy('draft:1', false);
    await vi.advanceTimersByTimeAsync(3 * REPORT_EVERY_MS);
    expect(report).toHaveBeenCalledTimes(5);
    keeper.stop();
  });

  it('asks the server before warning: another tab may have kept the session alive', async () => {
    vi.useFakeTimers({ now: T0 });
    const { keeper, read } = keeperWith(() => Date.now());
    keeper.start(timing(0));
    await vi.advanceTimersByTimeAsync(28 * MIN);
    expect(read).toHaveBeenCalledTimes(1);
    keeper.stop();
  });
});

describe('SessionTimeout', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    useSessionStore.setState({ status: 'unknown', session: null, error: null, endedBecause: null });
  });

  it('warns two minutes before an idle sign-out, and "Stay signed in" keeps the session', { timeout: 20_000 }, async () => {
    const report = vi.spyOn(fetchTiming, 'report').mockImplementation(async () => timing(0, 0, Date.now()));
    vi.spyOn(fetchTiming, 'read').mockImplementation(async () => timing(28.5 * MIN, 28.5 * MIN, Date.now()));
    render(<SessionTimeout timing={timing(28.5 * MIN, 28.5 * MIN, Date.now())} />);
    const dialog = await screen.findByRole('alertdialog', { name: 'You will be signed out soon' });
    expect(dialog).toHaveTextContent(/signed out at \d\d:\d\d\. A call in progress is not ended/);
    const stay = screen.getByRole('button', { name: 'Stay signed in' });
    expect(stay).toHaveFocus();
    await userEvent.click(stay);
    expect(report).toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('at the limit there is nothing to extend: only "Sign out"', { timeout: 20_000 }, async () => {
    vi.spyOn(fetchTiming, 'report').mockImplementation(async () => timing(0, 11.99 * 60 * MIN, Date.now()));
    render(<SessionTimeout timing={timing(0, 11 * 60 * MIN + 59 * MIN, Date.now())} />);
    await screen.findByRole('alertdialog', { name: 'Your session is about to end' });
    expect(screen.queryByRole('button', { name: 'Stay signed in' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toHaveFocus();
  });

  it('signs the desk out when the session has ended, saying why', { timeout: 20_000 }, async () => {
    useSessionStore.setState({ status: 'signed_in' });
    vi.spyOn(fetchTiming, 'read').mockImplementation(async () => null);
    await act(async () => {
      render(<SessionTimeout timing={timing(31 * MIN, 31 * MIN, Date.now())} />);
    });
    expect(useSessionStore.getState()).toMatchObject({ status: 'signed_out', endedBecause: 'idle' });
  });
});
