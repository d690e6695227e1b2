import { assignmentResultSchema, deskNoticeSchema, staffCliniciansSchema } from '@desk/shared';
import { api } from '../../lib/api';

/** The supervisor's actions on a case (issue 10), one line each, parsed with the shared schemas. */

export const fetchStaffClinicians = (signal?: AbortSignal) => api('GET', '/api/staff/clinicians', staffCliniciansSchema, { signal });

/** Gives an open case (and its unsigned draft) to another clinician; refused while its call is live. */
export const reassignCase = (caseId: string, clinicianId: string) =>
  api('POST', `/api/cases/${encodeURIComponent(caseId)}/assignment`, assignmentResultSchema, { body: { clinicianId } });

/** Puts a notice on that clinician's desk: take the parent waiting on this case. Answers the notice sent. */
export const askToTakeParent = (caseId: string, clinicianId: string) =>
  api('POST', `/api/cases/${encodeURIComponent(caseId)}/take-parent`, deskNoticeSchema, { body: { clinicianId } });
