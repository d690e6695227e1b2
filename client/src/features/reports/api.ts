import { auditPageSchema, dayFiguresSchema, type AuditQuery } from '@desk/shared';
import { api } from '../../lib/api';
import { auditApiPath } from './audit';

/** `GET /api/reports/daily`: the figures as JSON, or with `csv` the same figures as a download. */
export function dailyReportPath(date: string, format: 'json' | 'csv' = 'json'): string {
  const search = new URLSearchParams({ date });
  if (format === 'csv') search.set('format', 'csv');
  return `/api/reports/daily?${search.toString()}`;
}

export const loadDayFigures = (date: string) => (signal: AbortSignal) => api('GET', dailyReportPath(date), dayFiguresSchema, { signal });

export const loadAuditPage = (query: AuditQuery) => (signal: AbortSignal) => api('GET', auditApiPath(query), auditPageSchema, { signal });
