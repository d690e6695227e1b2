import { featureKeys, type Decision } from '@desk/shared';
import { describe, expect, it, vi } from 'vitest';
import {
  controlForPath,
  draftFromDecision,
  emptyDraft,
  isBelowRoute,
  validateDecision,
  withDisposition,
} from '../src/features/decision/decisionDraft';
import { mergeVersions } from '../src/features/decision/versions';
import {
  breathsPerMinute,
  countAnnouncement,
  createBreathCounter,
  secondsLeft,
  startCount,
  tapBreath,
  tickCount,
  type CountClock,
} from '../src/features/triage/breathCounter';
import {
  assessFindings,
  digestFindings,
  fromDecisionFindings,
  measurementErrors,
  parseMeasurement,
  toFindingsPayload,
  toRecordedFindings,
  withFinding,
  type FindingsState,
} from '../src/features/triage/findings';
import { aDecision } from './helpers';

const TODDLER = { ageMonths: 26, complaint: 'fever' as const };

/** A clock the test moves by hand; `every` callbacks run on each `advance` step. */
function manualClock(startMs = 1_000_000) {
  let nowMs = startMs;
  const timers = new Set<{ ms: number; fn: () => void; next: number }>();
  const clock: CountClock = {
    now: () => nowMs,
    every: (ms, fn) => {
      const timer = { ms, fn, next: nowMs + ms };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  const advance = (ms: number) => {
    const end = nowMs + ms;
    for (;;) {
      const due = [...timers].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      nowMs = due.next;
      due.next += due.ms;
      due.fn();
    }
    nowMs = end;
  };
  return { clock, advance, activeTimers: () => timers.size };
}

describe('breath count (pure)', () => {
  it.each([
    [23, 30, 46],
    [23, 60, 23],
    [0, 30, 0],
  ] as const)('%s breaths in %s s is %s/min', (breaths, durationS, rate) => {
    expect(breathsPerMinute(breaths, durationS)).toBe(rate);
  });

  it('counts taps until time is up, then finishes; a late tap does not count', () => {
    let count = startCount(30, 0);
    count = tapBreath(count, 1_000);
    count = tapBreath(count, 29_999);
    expect(count).toMatchObject({ phase: 'counting', breaths: 2 });
    expect(secondsLeft(count, 29_001)).toBe(1);
    expect(tickCount(count, 29_999)).toBe(count);
    expect(tapBreath(count, 30_000)).toEqual({ phase: 'done', durationS: 30, breaths: 2, ratePerMin: 4 });
    expect(tickCount(count, 31_000)).toEqual({ phase: 'done', durationS: 30, breaths: 2, ratePerMin: 4 });
  });

  it('speaks at the start, at 10 seconds left and at the end only', () => {
    const count = startCount(30, 0);
    expect(countAnnouncement(count, 30)).toBe('Counting for 30 seconds. Tap for each breath.');
    expect(countAnnouncement(count, 11)).toBe('Counting for 30 seconds. Tap for each breath.');
    expect(countAnnouncement(count, 10)).toBe('10 seconds left');
    expect(countAnnouncement(count, 1)).toBe('10 seconds left');
    expect(countAnnouncement({ phase: 'idle' }, 0)).toBeNull();
  });
});

describe('breath counter with an injected clock', () => {
  it('reports the rate once when time is up, stops its timer, and tells listeners only when the display changes', () => {
    const { clock, advance, activeTimers } = manualClock();
    const onDone = vi.fn();
    const counter = createBreathCounter(clock);
    counter.onDone(onDone);
    const listener = vi.fn();
    counter.subscribe(listener);

    counter.start(30);
    expect(counter.getSnapshot().secondsLeft).toBe(30);
    for (let i = 0; i < 20; i += 1) {
      counter.tap();
      advance(1_000);
    }
    const changesSoFar = listener.mock.calls.length;
    advance(100); // a tick inside the same second: nothing shown changes
    expect(listener.mock.calls.length).toBe(changesSoFar);
    advance(10_000);

    expect(onDone).toHaveBeenCalledTimes(1);
    expect(onDone).toHaveBeenCalledWith(40, { phase: 'done', durationS: 30, breaths: 20, ratePerMin: 40 });
    expect(counter.getSnapshot().count.phase).toBe('done');
    expect(activeTimers()).toBe(0);
    counter.tap();
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('cancel stops the timer and reports nothing', () => {
    const { clock, advance, activeTimers } = manualClock();
    const onDone = vi.fn();
    const counter = createBreathCounter(clock);
    counter.onDone(onDone);
    counter.start(60);
    counter.tap();
    counter.cancel();
    advance(120_000);
    expect(onDone).not.toHaveBeenCalled();
    expect(counter.getSnapshot().count).toEqual({ phase: 'idle' });
    expect(activeTimers()).toBe(0);
  });
});

describe('findings state ⇄ API findings', () => {
  const state: FindingsState = {
    breathing_rate: '45',
    nasal_flaring: 'present',
    grunting: 'absent',
    temperature_c: ' 38.5 ',
  };

  it('sends only what was set, in catalogue order: descriptive with status, measured with value', () => {
    expect(toFindingsPayload(state)).toEqual([
      { feature: 'nasal_flaring', status: 'present' },
      { feature: 'grunting', status: 'absent' },
      { feature: 'breathing_rate', value: 45 },
      { feature: 'temperature_c', value: 38.5 },
    ]);
  });

  it('round-trips a signed version back into the form', () => {
    const signed = toFindingsPayload(state).map((f) => ('value' in f ? { ...f, status: 'present' as const } : f));
    expect(fromDecisionFindings(signed)).toEqual({ ...state, temperature_c: '38.5' });
  });

  it('"Not assessed" and an emptied number remove the feature', () => {
    expect(withFinding(state, 'nasal_flaring', 'not_assessed')).not.toHaveProperty('nasal_flaring');
    expect(withFinding(state, 'breathing_rate', '  ')).not.toHaveProperty('breathing_rate');
  });

  it.each([
    ['38.5', 38.5],
    ['40', 40],
    ['38,5', null],
    ['4o', null],
    ['', null],
  ])('parses "%s" as %s', (text, value) => {
    expect(parseMeasurement(text)).toBe(value);
  });

  it('reports a measurement that is not a number, and leaves a value out of range to the banding (not banded)', () => {
    expect(measurementErrors({ heart_rate: 'fast' })).toEqual({ heart_rate: 'Enter the heart rate as a number, like 40' });
    expect(toRecordedFindings({ temperature_c: '375' })).toEqual([]);
  });

  it('assesses with the shared banding: the highest band and what is not assessed', () => {
    const assessment = assessFindings(state, TODDLER);
    expect(assessment.band).toBe('amber');
    expect(assessment.reasons.slice(0, 2).map((r) => r.text)).toEqual(['Nasal flaring', 'Breathing rate 45/min: over 40 over 12 months']);
    expect(assessment.notAssessed).toHaveLength(featureKeys.length - 4);
  });

  it('digests a signed version by band, red first, with what was absent', () => {
    const digest = digestFindings(
      [
        { feature: 'grunting', status: 'present' },
        { feature: 'nasal_flaring', status: 'present' },
        { feature: 'crackles', status: 'absent' },
        { feature: 'breathing_rate', status: 'present', value: 45 },
      ],
      26,
    );
    expect(digest.byBand).toEqual({ red: ['Grunting'], amber: ['Nasal flaring', 'Breathing rate 45/min: over 40 over 12 months'], green: [] });
    expect(digest.absent).toEqual(['Crackles in the chest']);
    expect(digest.notAssessed).toBe(featureKeys.length - 4);
  });
});

describe('decision payload and guardrail', () => {
  const amberDraft = { ...emptyDraft(), findings: { nasal_flaring: 'present' } as FindingsState, notes: 'Notes' };

  it('finds self-care below the amber route and primary care on it', () => {
    const assessment = assessFindings(amberDraft.findings, TODDLER);
    expect(isBelowRoute(withDisposition(amberDraft, 'self_care'), assessment)).toBe(true);
    expect(isBelowRoute({ ...withDisposition(amberDraft, 'primary_care'), timeframe: '24' }, assessment)).toBe(false);
    expect(isBelowRoute(amberDraft, assessment)).toBeNull();
  });

  it('requires the override reason below the route, sends it trimmed, and never sends it on the route', () => {
    const selfCare = withDisposition(amberDraft, 'self_care');
    expect(validateDecision(selfCare, { patient: TODDLER })).toEqual({
      ok: false,
      errors: { overrideReason: 'Enter why this disposition is right despite the NG143 route' },
    });
    expect(validateDecision({ ...selfCare, overrideReason: ' Settled. ' }, { patient: TODDLER })).toMatchObject({
      ok: true,
      body: { disposition: 'self_care', overrideReason: 'Settled.' },
    });
    const gp = { ...withDisposition(amberDraft, 'primary_care'), timeframe: '6', overrideReason: 'left over' };
    const result = validateDecision(gp, { patient: TODDLER });
    expect(result.ok && result.body).not.toHaveProperty('overrideReason');
  });

  it('asks for the override reason when the server said so, even if the banding here says the route is met', () => {
    const draft = withDisposition({ ...emptyDraft(), notes: 'Notes' }, 'pharmacy');
    expect(validateDecision(draft, { patient: TODDLER, overrideRequired: true })).toMatchObject({ ok: false, errors: { overrideReason: expect.any(String) } });
  });

  it('a preview needs no notes or reasons', () => {
    const draft = { ...withDisposition(amberDraft, 'self_care'), notes: '' };
    expect(validateDecision(draft, { patient: TODDLER, purpose: 'preview' })).toMatchObject({ ok: true, body: { notes: '' } });
  });

  it('an amendment needs its reason and sends it with the full body', () => {
    const draft = { ...draftFromDecision(aDecision() as Decision), notes: 'Updated.' };
    expect(validateDecision(draft)).toEqual({ ok: false, errors: { amendmentReason: 'Enter the reason for the amendment' } });
    expect(validateDecision({ ...draft, amendmentReason: 'Rash found.' })).toEqual({
      ok: true,
      body: { disposition: 'primary_care', timeframeHours: 6, notes: 'Updated.', findings: [], reason: 'Rash found.' },
    });
  });

  it.each([
    ['findings.1.value', 'finding-breathing_rate'],
    ['findings.0', 'finding-nasal_flaring'],
    ['findings.9.value', null],
    ['hubReferral.hub', 'hubName'],
    ['hubReferral.reason', 'hubReason'],
    ['hubReferral', 'hubName'],
    ['adviceLine.advice', 'adviceGiven'],
    ['adviceLine.specialist', 'adviceSpecialist'],
    ['timeframeHours', 'timeframe'],
    ['reason', 'amendmentReason'],
    ['overrideReason', 'overrideReason'],
    ['_', null],
  ])('maps the API path %s to the control %s', (path, control) => {
    const sent = [
      { feature: 'nasal_flaring' as const, status: 'present' as const },
      { feature: 'breathing_rate' as const, value: 450 },
    ];
    expect(controlForPath(path, sent)).toBe(control);
  });
});

describe('mergeVersions', () => {
  it('adds a just-signed amendment, marks its predecessor superseded, newest first', () => {
    const v1 = aDecision() as Decision;
    const v2 = aDecision({ id: 'd2', version: 2, supersedesId: 'd1', amendmentReason: 'Rash' }) as Decision;
    const merged = mergeVersions([v1], v2);
    expect(merged.map((v) => [v.id, v.supersededById])).toEqual([
      ['d2', null],
      ['d1', 'd2'],
    ]);
    expect(mergeVersions([v2, { ...v1, supersededById: 'd2' }], v2)).toHaveLength(2);
  });
});
