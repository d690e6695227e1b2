import {
  caseSchema,
  decisionSchema,
  inviteResponseSchema,
  outboxMessageSchema,
  type CreateCaseBody,
  type GuestInviteBody,
} from '@desk/shared';
import { z } from 'zod';
import { api } from '../../lib/api';

/** The desk's REST calls, one line each, parsed with the shared schemas. */

export const fetchOpenCases = (signal?: AbortSignal) => api('GET', '/api/cases', z.array(caseSchema), { signal });

export const fetchCase = (caseId: string, signal?: AbortSignal) =>
  api('GET', `/api/cases/${encodeURIComponent(caseId)}`, caseSchema, { signal });

export const createCase = (body: CreateCaseBody) => api('POST', '/api/cases', caseSchema, { body });

export const sendInvite = (caseId: string) =>
  api('POST', `/api/cases/${encodeURIComponent(caseId)}/invites`, inviteResponseSchema);

export const sendGuestInvite = (caseId: string, guest: GuestInviteBody) =>
  api('POST', `/api/cases/${encodeURIComponent(caseId)}/invites`, inviteResponseSchema, { body: guest });

export const fetchDecisions = (caseId: string, signal?: AbortSignal) =>
  api('GET', `/api/cases/${encodeURIComponent(caseId)}/decisions`, z.array(decisionSchema), { signal });

export const fetchOutbox = (signal?: AbortSignal) => api('GET', '/api/dev/outbox', z.array(outboxMessageSchema), { signal });
