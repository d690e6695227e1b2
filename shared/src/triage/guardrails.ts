import type { BandName } from './banding.js';
import { TIMEFRAME_HOURS, type Disposition } from './disposition.js';

/**
 * The NG143 remote-assessment route for a band (CLINICAL.md), and whether a chosen disposition
 * falls below it. Below the route is allowed only with an override reason, which is flagged.
 */
export type RouteSuggestion = { text: string; dispositions: Disposition[] };

export function suggestedRoute(band: BandName, emergency: boolean): RouteSuggestion {
  if (emergency) return { text: 'Emergency features: 999 ambulance (or emergency department)', dispositions: ['ambulance', 'emergency_department'] };
  switch (band) {
    case 'red':
      return {
        text: 'Red: face-to-face assessment within 2 hours, or 999 if immediately life-threatening',
        dispositions: ['ambulance', 'emergency_department', 'primary_care', 'urgent_treatment_centre'],
      };
    case 'amber':
      return {
        text: 'Amber: face-to-face assessment (timeframe by clinical judgement)',
        dispositions: ['primary_care', 'urgent_treatment_centre', 'emergency_department', 'ambulance'],
      };
    case 'green':
      return { text: 'Green: care at home with safety-netting advice', dispositions: ['self_care', 'pharmacy'] };
    case 'not_assessed':
      return { text: 'Nothing seen yet that sets a band: no route suggested', dispositions: [] };
  }
}

const FACE_TO_FACE: ReadonlySet<Disposition> = new Set(['primary_care', 'urgent_treatment_centre', 'emergency_department', 'ambulance']);

/** True when the disposition meets the band's route; false means an override reason is required. */
export function meetsRoute(input: { band: BandName; emergency: boolean; disposition: Disposition; timeframeHours: number | null }): boolean {
  const { band, emergency, disposition, timeframeHours } = input;
  if (emergency) return disposition === 'ambulance' || disposition === 'emergency_department';
  if (band === 'red') {
    if (disposition === 'ambulance' || disposition === 'emergency_department') return true;
    if (disposition === 'primary_care' || disposition === 'urgent_treatment_centre') return timeframeHours !== null && timeframeHours <= 2;
    return false;
  }
  if (band === 'amber') return FACE_TO_FACE.has(disposition);
  return true;
}

/**
 * Within the route but worth a second look: NG143 says red means face-to-face within 2 hours and
 * an emergency means transfer now, yet the route rule accepts any ED slot. The desk warns; it does
 * not block (the clinician decides).
 */
export function routeCautions(input: { band: BandName; emergency: boolean; disposition: Disposition; timeframeHours: number | null }): string[] {
  const { band, emergency, disposition, timeframeHours } = input;
  if (disposition !== 'emergency_department' || timeframeHours === null || timeframeHours <= 2) return [];
  if (emergency) return ['Emergency features need an emergency transfer now: consider 999, or the emergency department within 1 hour.'];
  if (band === 'red') return ['Red features need face-to-face assessment within 2 hours: the emergency department within 4 hours may be too late.'];
  return [];
}

/**
 * How an option stands against the band's route, to mark it on the form (the clinician still
 * chooses): `meets` at every timeframe it takes, `meets_within` only up to `hours` (the timeframes
 * that meet the route with no caution), or null when it is not on the route.
 */
export type RouteMark = { kind: 'meets' } | { kind: 'meets_within'; hours: number } | null;

export function routeMark(input: { band: BandName; emergency: boolean; disposition: Disposition }): RouteMark {
  const { band, emergency, disposition } = input;
  if (!suggestedRoute(band, emergency).dispositions.includes(disposition)) return null;
  const timeframes = TIMEFRAME_HOURS[disposition];
  const clean = timeframes.filter((timeframeHours) => {
    const choice = { band, emergency, disposition, timeframeHours };
    return meetsRoute(choice) && routeCautions(choice).length === 0;
  });
  if (clean.length === timeframes.length) return { kind: 'meets' };
  const timed = clean.filter((hours): hours is number => hours !== null);
  return timed.length ? { kind: 'meets_within', hours: Math.max(...timed) } : null;
}
