import { IDEMPOTENCY_HEADER, decisionSchema, safetyNettingPreviewSchema, savedDraftSchema, type DraftKind, type SavedDraft } from '@desk/shared';
import { z } from 'zod';
import { ApiRequestError, api } from '../../lib/api';
import type { DecisionBody, DecisionDraft } from './decisionDraft';

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

const draftPath = (caseId: string, kind: DraftKind) => `${decisionsPath(caseId)}/drafts/${kind}`;

/** The clinician's draft kept on the server, or null when there is none. */
export async function fetchServerDraft(caseId: string, kind: DraftKind, signal?: AbortSignal): Promise<SavedDraft | null> {
  try {
    return await api('GET', draftPath(caseId, kind), savedDraftSchema, { signal });
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** `keepalive` for the last save as the page is hidden or closed. */
export const saveServerDraft = (caseId: string, kind: DraftKind, draft: DecisionDraft, options: { keepalive?: boolean } = {}) =>
  api('PUT', draftPath(caseId, kind), savedDraftSchema, { body: draft, keepalive: options.keepalive });

export const deleteServerDraft = (caseId: string, kind: DraftKind) => api('DELETE', draftPath(caseId, kind), z.unknown());
