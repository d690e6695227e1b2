import { IDEMPOTENCY_HEADER, decisionSchema, safetyNettingPreviewSchema } from '@desk/shared';
import { api } from '../../lib/api';
import type { DecisionBody } from './decisionDraft';

/** The decision's REST calls. Signing and amending carry the form session's Idempotency-Key. */

const decisionsPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/decisions`;

export const signDecision = (caseId: string, idempotencyKey: string, body: DecisionBody) =>
  api('POST', decisionsPath(caseId), decisionSchema, { body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } });

export const amendDecision = (caseId: string, decisionId: string, idempotencyKey: string, body: DecisionBody) =>
  api('POST', `${decisionsPath(caseId)}/${encodeURIComponent(decisionId)}/amendments`, decisionSchema, {
    body,
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
  });

export const previewSafetyNetting = (caseId: string, body: DecisionBody) =>
  api('POST', `${decisionsPath(caseId)}/preview`, safetyNettingPreviewSchema, { body });
