import { availabilitySchema, deskNoticesSchema, type ClinicianAvailability } from '@desk/shared';
import { z } from 'zod';
import { api } from '../../lib/api';

/** The clinician's own desk (`/api/me/…`), one line each, parsed with the shared schemas. */

export const fetchNotices = (signal?: AbortSignal) => api('GET', '/api/me/notices', deskNoticesSchema, { signal });

/** 204: nothing to read. */
export const dismissNotice = (noticeId: string) => api('POST', `/api/me/notices/${encodeURIComponent(noticeId)}/dismiss`, z.unknown());

export const fetchAvailability = (signal?: AbortSignal) => api('GET', '/api/me/availability', availabilitySchema, { signal });

export const saveAvailability = (availability: ClinicianAvailability) => api('PUT', '/api/me/availability', availabilitySchema, { body: { availability } });
