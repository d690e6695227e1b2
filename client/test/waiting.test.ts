import { describe, expect, it } from 'vitest';
import { deskTabTitle, formatWait, newWaits, waitInWords, waitingNow, waitKey } from '../src/features/call/waiting';

const parent = { id: 'p1', role: 'parent' as const, state: 'waiting' as const, present: true, waitingSince: '2026-12-07T10:00:00.000Z' };

describe('who is waiting', () => {
  it.each([
    ['a parent waiting with a live page', [parent], ['p1']],
    ['a parent whose page closed is not waiting for anyone', [{ ...parent, present: false }], []],
    ['a parent in the call is not waiting', [{ ...parent, state: 'connected' as const }], []],
    ['the clinician is never waiting', [{ ...parent, id: 'c1', role: 'clinician' as const }], []],
    ['a guest at the door is waiting', [{ ...parent, id: 'g1', role: 'paediatrician' as const }], ['g1']],
  ])('%s', (_name, participants, ids) => {
    expect(waitingNow(participants).map((w) => w.id)).toEqual(ids);
  });

  it('alerts once per wait, and again when the same person waits again later', () => {
    const alerted = new Set<string>();
    expect(newWaits(alerted, [parent])).toHaveLength(1);
    alerted.add(waitKey(parent));
    expect(newWaits(alerted, [parent])).toHaveLength(0);
    expect(newWaits(alerted, [{ ...parent, waitingSince: '2026-12-07T10:05:00.000Z' }])).toHaveLength(1);
  });
});

describe('the wait in figures and words', () => {
  it.each([
    [0, '0:00'],
    [-5_000, '0:00'],
    [42_900, '0:42'],
    [725_000, '12:05'],
    [3_730_000, '1:02:10'],
  ])('%i ms reads %s', (ms, text) => expect(formatWait(ms)).toBe(text));

  it.each([
    [30_000, 'waiting less than a minute'],
    [60_000, 'waiting 1 minute'],
    [150_000, 'waiting 2 minutes'],
  ])('%i ms is said as "%s"', (ms, words) => expect(waitInWords(ms)).toBe(words));
});

describe('the tab title', () => {
  it.each([
    [0, 'Zara (111-1) – NHS 111 paediatric video desk'],
    [1, '(1) Parent waiting – Zara (111-1) – NHS 111 paediatric video desk'],
    [2, '(2) Parents waiting – Zara (111-1) – NHS 111 paediatric video desk'],
  ])('%i waiting', (count, title) => expect(deskTabTitle('Zara (111-1)', count)).toBe(title));
});
