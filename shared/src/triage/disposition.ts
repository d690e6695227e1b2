import { z } from 'zod';

/** What the desk decides. Labels are what the clinician and the parent read. */
export const dispositions = [
  'self_care',
  'pharmacy',
  'primary_care',
  'urgent_treatment_centre',
  'emergency_department',
  'ambulance',
  'hub_referral',
  'advice_line',
] as const;
export const dispositionSchema = z.enum(dispositions);
export type Disposition = z.infer<typeof dispositionSchema>;

/**
 * The order the desk offers dispositions in: most urgent first, so what a red or amber child needs
 * is read first and care at home last. The clinician-to-clinician routes (specialist advice line,
 * then the Children's Hub) sit between face-to-face care and the pharmacy. `dispositions` keeps its
 * order: it is the API's enum and the reports' order.
 */
export const DISPOSITIONS_MOST_URGENT_FIRST = [
  'ambulance',
  'emergency_department',
  'urgent_treatment_centre',
  'primary_care',
  'advice_line',
  'hub_referral',
  'pharmacy',
  'self_care',
] as const satisfies readonly Disposition[];
/** A disposition added to the enum but not placed in the urgency order; `never` while none is. */
export type UnorderedDisposition = Exclude<Disposition, (typeof DISPOSITIONS_MOST_URGENT_FIRST)[number]>;

export const DISPOSITION_LABEL: Record<Disposition, string> = {
  self_care: 'Self-care at home with safety-netting',
  pharmacy: 'Community pharmacy',
  primary_care: 'GP / primary care',
  urgent_treatment_centre: 'Urgent treatment centre',
  emergency_department: 'Emergency department',
  ambulance: '999 ambulance',
  hub_referral: "Referral: Connecting Care Children's Hub",
  advice_line: 'Referral: specialist paediatric advice line',
};

/**
 * Allowed `timeframeHours` per disposition; `null` means "no timeframe" (routine, or not timed).
 * Source: ../CLINICAL.md dispositions (GP within 1/2/6/12/24 h or routine; ED within 1 h or 4 h).
 */
export const TIMEFRAME_HOURS: Record<Disposition, readonly (number | null)[]> = {
  self_care: [null],
  pharmacy: [null],
  primary_care: [1, 2, 6, 12, 24, null],
  urgent_treatment_centre: [null, 1, 2, 4],
  emergency_department: [1, 4],
  ambulance: [null],
  hub_referral: [null],
  advice_line: [null],
};

export function isTimeframeAllowed(disposition: Disposition, timeframeHours: number | null): boolean {
  return TIMEFRAME_HOURS[disposition].includes(timeframeHours);
}

export function describeDisposition(disposition: Disposition, timeframeHours: number | null): string {
  const label = DISPOSITION_LABEL[disposition];
  if (timeframeHours === null) return disposition === 'primary_care' ? `${label} (routine)` : label;
  return `${label} within ${timeframeHours} hour${timeframeHours === 1 ? '' : 's'}`;
}
