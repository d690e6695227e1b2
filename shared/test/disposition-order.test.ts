import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  DISPOSITIONS_MOST_URGENT_FIRST,
  dispositions,
  routeMark,
  type BandName,
  type Disposition,
  type RouteMark,
  type UnorderedDisposition,
} from '../src/index.js';

describe('DISPOSITIONS_MOST_URGENT_FIRST', () => {
  it('offers 999 first and self-care last, the referrals between face-to-face care and the pharmacy', () => {
    expect(DISPOSITIONS_MOST_URGENT_FIRST).toEqual([
      'ambulance',
      'emergency_department',
      'urgent_treatment_centre',
      'primary_care',
      'advice_line',
      'hub_referral',
      'pharmacy',
      'self_care',
    ]);
  });

  it('holds every disposition once (a new one must be placed in the order)', () => {
    expect([...DISPOSITIONS_MOST_URGENT_FIRST].sort()).toEqual([...dispositions].sort());
    expectTypeOf<UnorderedDisposition>().toEqualTypeOf<never>();
  });
});

/** Marks for every option, most urgent first, written short: ✓ meets, ≤N meets within N hours, · not on the route. */
function marks(band: BandName, emergency = false): string[] {
  const short = (mark: RouteMark) => (mark === null ? '·' : mark.kind === 'meets' ? '✓' : `≤${mark.hours}`);
  return DISPOSITIONS_MOST_URGENT_FIRST.map((disposition: Disposition) => `${disposition} ${short(routeMark({ band, emergency, disposition }))}`);
}

describe('routeMark: which options meet the NG143 route for the band', () => {
  it('emergency features: 999, or the emergency department within 1 hour', () => {
    expect(marks('red', true)).toEqual([
      'ambulance ✓',
      'emergency_department ≤1',
      'urgent_treatment_centre ·',
      'primary_care ·',
      'advice_line ·',
      'hub_referral ·',
      'pharmacy ·',
      'self_care ·',
    ]);
  });

  it('red: 999, and the emergency department, UTC or GP within the 2 hours NG143 gives (ED within 1 hour, the slot it has)', () => {
    expect(marks('red')).toEqual([
      'ambulance ✓',
      'emergency_department ≤1',
      'urgent_treatment_centre ≤2',
      'primary_care ≤2',
      'advice_line ·',
      'hub_referral ·',
      'pharmacy ·',
      'self_care ·',
    ]);
  });

  it('amber: any face-to-face option at any timeframe', () => {
    expect(marks('amber')).toEqual([
      'ambulance ✓',
      'emergency_department ✓',
      'urgent_treatment_centre ✓',
      'primary_care ✓',
      'advice_line ·',
      'hub_referral ·',
      'pharmacy ·',
      'self_care ·',
    ]);
  });

  it('green: care at home (self-care, pharmacy); nothing recorded marks nothing', () => {
    expect(marks('green')).toEqual([
      'ambulance ·',
      'emergency_department ·',
      'urgent_treatment_centre ·',
      'primary_care ·',
      'advice_line ·',
      'hub_referral ·',
      'pharmacy ✓',
      'self_care ✓',
    ]);
    expect(marks('not_assessed').every((mark) => mark.endsWith('·'))).toBe(true);
  });
});
