import { callBackResultSchema, safeguardingConcernSchema } from '@desk/shared';
import { api } from '../../lib/api';

/** The case's clinician's own records on it (issue 11), one line each, parsed with the shared schemas. */

/** Flags (or replaces) the case's safeguarding concern; answers the concern as stored. */
export const flagSafeguarding = (caseId: string, reason: string) =>
  api('POST', `/api/cases/${encodeURIComponent(caseId)}/safeguarding`, safeguardingConcernSchema, { body: { reason } });

/** Records that the parent was phoned back after video failed; refused (CALL_BACK_NOT_DUE) when none is owed now. */
export const recordCallBack = (caseId: string) => api('POST', `/api/cases/${encodeURIComponent(caseId)}/call-back`, callBackResultSchema);
