import { describe, expect, it } from 'vitest';
import { dispositions, meetsRoute, routeCautions, suggestedRoute, TIMEFRAME_HOURS, type BandName, type Disposition } from '../src/index.js';

/**
 * CLINICAL.md guardrail, written out: a disposition less urgent than the NG143 route for the band
 * needs an override reason. Red → 999, ED, or primary care / UTC within 2 h; emergency features →
 * 999 or ED; amber → any face-to-face disposition; green or nothing recorded → anything.
 * `ok` = allowed as it stands; `OVERRIDE` = needs an override reason.
 */
const ok = true;
const OVERRIDE = false;
type Column = 'not_assessed' | 'green' | 'amber' | 'red' | 'red+emergency';
const COLUMNS: Column[] = ['not_assessed', 'green', 'amber', 'red', 'red+emergency'];

const GUARDRAIL: [Disposition, number | null, ...boolean[]][] = [
  //                                  not_assessed green amber     red       red+emergency
  ['self_care',               null,   ok,          ok,   OVERRIDE, OVERRIDE, OVERRIDE],
  ['pharmacy',                null,   ok,          ok,   OVERRIDE, OVERRIDE, OVERRIDE],
  ['hub_referral',            null,   ok,          ok,   OVERRIDE, OVERRIDE, OVERRIDE],
  ['advice_line',             null,   ok,          ok,   OVERRIDE, OVERRIDE, OVERRIDE],
  ['primary_care',            1,      ok,          ok,   ok,       ok,       OVERRIDE],
  ['primary_care',            2,      ok,          ok,   ok,       ok,       OVERRIDE],
  ['primary_care',            6,      ok,          ok,   ok,       OVERRIDE, OVERRIDE],
  ['primary_care',            12,     ok,          ok,   ok,       OVERRIDE, OVERRIDE],
  ['primary_care',            24,     ok,          ok,   ok,       OVERRIDE, OVERRIDE],
  ['primary_care',            null,   ok,          ok,   ok,       OVERRIDE, OVERRIDE], // routine
  ['urgent_treatment_centre', 1,      ok,          ok,   ok,       ok,       OVERRIDE],
  ['urgent_treatment_centre', 2,      ok,          ok,   ok,       ok,       OVERRIDE],
  ['urgent_treatment_centre', 4,      ok,          ok,   ok,       OVERRIDE, OVERRIDE],
  ['urgent_treatment_centre', null,   ok,          ok,   ok,       OVERRIDE, OVERRIDE], // not timed
  ['emergency_department',    1,      ok,          ok,   ok,       ok,       ok],
  ['emergency_department',    4,      ok,          ok,   ok,       ok,       ok],
  ['ambulance',               null,   ok,          ok,   ok,       ok,       ok],
];

const cases = GUARDRAIL.flatMap(([disposition, timeframeHours, ...allowed]) =>
  COLUMNS.map((column, index) => ({ column, disposition, timeframeHours, allowed: allowed[index]! })),
);
const routeInput = (column: Column) => ({
  band: (column === 'red+emergency' ? 'red' : column) as BandName,
  emergency: column === 'red+emergency',
});
const hours = (timeframeHours: number | null) => (timeframeHours === null ? 'no timeframe' : `${timeframeHours} h`);

describe('meetsRoute: the NG143 guardrail table', () => {
  it('covers every disposition with every timeframe it allows, and five columns per row', () => {
    const expected = dispositions.flatMap((disposition) => TIMEFRAME_HOURS[disposition].map((h) => `${disposition} ${hours(h)}`));
    expect(GUARDRAIL.map(([disposition, h]) => `${disposition} ${hours(h)}`).sort()).toEqual(expected.sort());
    for (const row of GUARDRAIL) expect(row).toHaveLength(2 + COLUMNS.length);
  });

  it.each(cases.map((c) => [c.column, c.disposition, hours(c.timeframeHours), c.allowed ? 'allowed' : 'needs an override reason', c] as const))(
    '%s: %s, %s → %s',
    (_column, _disposition, _hours, _verdict, { column, disposition, timeframeHours, allowed }) => {
      expect(meetsRoute({ ...routeInput(column), disposition, timeframeHours })).toBe(allowed);
    },
  );
});

describe('suggestedRoute: what the panel suggests (the clinician decides)', () => {
  it.each([
    ['not_assessed', false, []],
    ['green', false, ['self_care', 'pharmacy']],
    ['amber', false, ['primary_care', 'urgent_treatment_centre', 'emergency_department', 'ambulance']],
    ['red', false, ['ambulance', 'emergency_department', 'primary_care', 'urgent_treatment_centre']],
    ['red', true, ['ambulance', 'emergency_department']],
  ] as [BandName, boolean, Disposition[]][])('%s (emergency: %s) suggests %j', (band, emergency, suggested) => {
    const route = suggestedRoute(band, emergency);
    expect(route.dispositions).toEqual(suggested);
    // A suggestion, never an order: the screen adds "clinician decides" beside it.
    expect(route.text).not.toMatch(/\b(must|always|never)\b/i);
  });

  it('every suggested disposition passes the guardrail for its own band', () => {
    for (const column of COLUMNS) {
      const { band, emergency } = routeInput(column);
      for (const disposition of suggestedRoute(band, emergency).dispositions) {
        const timeframes = TIMEFRAME_HOURS[disposition];
        // At least the most urgent allowed timeframe meets the route.
        const met = timeframes.some((timeframeHours) => meetsRoute({ band, emergency, disposition, timeframeHours }));
        expect(met, `${column} ${disposition}`).toBe(true);
      }
    }
  });
});

describe('routeCautions: within the route, but NG143 asks for sooner', () => {
  it.each([
    ['red', false, 'emergency_department', 4, /within 2 hours/],
    ['red', true, 'emergency_department', 4, /emergency transfer now/],
    ['amber', true, 'emergency_department', 4, /emergency transfer now/],
  ] as const)('%s (emergency %s) + %s within %s h warns', (band, emergency, disposition, timeframeHours, words) => {
    const cautions = routeCautions({ band, emergency, disposition, timeframeHours });
    expect(cautions).toHaveLength(1);
    expect(cautions[0]).toMatch(words);
  });

  it.each([
    ['red', false, 'emergency_department', 1],
    ['red', true, 'ambulance', null],
    ['amber', false, 'emergency_department', 4],
    ['red', false, 'primary_care', 2],
  ] as const)('%s (emergency %s) + %s within %s h says nothing', (band, emergency, disposition, timeframeHours) => {
    expect(routeCautions({ band, emergency, disposition, timeframeHours })).toEqual([]);
  });
});
