import { z } from 'zod';
import { dispositionSchema, isTimeframeAllowed, TIMEFRAME_HOURS } from './disposition.js';

export const findingSchema = z.object({
  feature: z.string().min(1).max(64),
  status: z.enum(['present', 'absent']).default('present'),
  value: z.number().finite().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const bandSchema = z.enum(['not_assessed', 'green', 'amber', 'red']);
export type Band = z.infer<typeof bandSchema>;

export const NOTES_MAX = 5000;

/** The body of `POST /api/cases/:id/decisions`: what the clinician signs. */
export const decisionInputSchema = z
  .object({
    disposition: dispositionSchema,
    timeframeHours: z.number().int().positive().nullable().optional(),
    notes: z.string().max(NOTES_MAX, `Notes must be ${NOTES_MAX} characters or fewer`),
    findings: z.array(findingSchema).max(100).default([]),
  })
  .strict()
  .superRefine((decision, ctx) => {
    const timeframe = decision.timeframeHours ?? null;
    if (!isTimeframeAllowed(decision.disposition, timeframe)) {
      const allowed = TIMEFRAME_HOURS[decision.disposition].map((h) => (h === null ? 'none' : `${h} h`));
      ctx.addIssue({
        code: 'custom',
        path: ['timeframeHours'],
        message: `Choose a timeframe for this disposition: ${allowed.join(', ')}`,
      });
    }
  });
export type DecisionInput = z.input<typeof decisionInputSchema>;
export type ParsedDecision = z.output<typeof decisionInputSchema>;

export const decisionSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  version: z.number().int().positive(),
  supersedesId: z.string().nullable(),
  disposition: dispositionSchema,
  timeframeHours: z.number().int().nullable(),
  notes: z.string(),
  findings: z.array(findingSchema),
  band: bandSchema,
  overridden: z.boolean(),
  signedBy: z.string(),
  signedAt: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;
