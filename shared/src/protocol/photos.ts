import { z } from 'zod';
import { photoRequestStates } from './photo-limits.js';

/** Still photos with consent (issue 9): the schemas. Limits, states and routes: photo-limits.ts (no zod, for the parent's page). */

export const photoRequestSchema = z.object({
  id: z.string(),
  callId: z.string(),
  state: z.enum(photoRequestStates),
  /** What the clinician wants to see, in their words; null: no words given. */
  subject: z.string().nullable(),
  requestedAt: z.string(),
  /** The photo stored for this request, once received. */
  photoId: z.string().nullable(),
  /** Why the last photo sent was refused (`failed`). */
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type PhotoRequest = z.infer<typeof photoRequestSchema>;

/** A stored photo as the case lists it: supervisors see these facts, only clinicians fetch the image (`url`). */
export const casePhotoSchema = z.object({
  id: z.string(),
  requestId: z.string().nullable(),
  mime: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  sha256: z.string(),
  createdAt: z.string(),
  /** The authenticated route of the image (staff session, clinician role). */
  url: z.string(),
});
export type CasePhoto = z.infer<typeof casePhotoSchema>;
