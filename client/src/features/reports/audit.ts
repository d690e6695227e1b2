import { LONDON_TIME_ZONE, auditQuerySchema, isoToLondonWall, londonWallToIso, type AuditEntry, type AuditQuery } from '@desk/shared';
import type { FormError } from '../../components/ErrorSummary';

/**
 * The audit viewer's rules, pure: the filters live in the page's address (so a reload or a
 * bookmark keeps them) and go to `GET /api/audit` as `auditQuerySchema` reads them.
 */

const FILTER_KEYS = ['caseId', 'userId', 'action', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The address's filters as the API takes them, or null when someone edited it into what the API refuses. */
export function queryFromSearch(search: URLSearchParams): AuditQuery | null {
  const picked: Record<string, string> = {};
  for (const key of [...FILTER_KEYS, 'page'] as const) {
    const value = search.get(key);
    if (value) picked[key] = value;
  }
  const parsed = auditQuerySchema.safeParse(picked);
  return parsed.success ? parsed.data : null;
}

/** The query string of a set of filters and a page (the page's address and the API's use the same). */
export function searchOf(query: AuditQuery): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value) search.set(key, value);
  }
  search.set('page', String(query.page));
  return search;
}

export const auditApiPath = (query: AuditQuery) => `/api/audit?${searchOf(query).toString()}`;

/** What the filter form holds: text as typed, times as `datetime-local` values (London time). */
export type AuditForm = Record<FilterKey, string>;

export function formFromQuery(query: AuditQuery | null): AuditForm {
  return {
    caseId: query?.caseId ?? '',
    userId: query?.userId ?? '',
    action: query?.action ?? '',
    from: query?.from ? (isoToLondonWall(query.from) ?? '') : '',
    to: query?.to ? (isoToLondonWall(query.to) ?? '') : '',
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A case id typed, or found in a pasted case page address (`…/cases/<id>`). */
export function caseIdIn(text: string): string | null {
  return UUID.exec(text)?.[0]?.toLowerCase() ?? null;
}

export const AUDIT_FIELD_IDS: Record<FilterKey, string> = {
  caseId: 'audit-case',
  userId: 'audit-user',
  action: 'audit-action',
  from: 'audit-from',
  to: 'audit-to',
};

/** The form's filters as a query for page 1, or what to correct (each error names its field). */
export function queryFromForm(form: AuditForm): { query: AuditQuery } | { errors: FormError[] } {
  const errors: FormError[] = [];
  const query: AuditQuery = { page: 1 };
  const caseText = form.caseId.trim();
  if (caseText) {
    const caseId = caseIdIn(caseText);
    if (caseId) query.caseId = caseId;
    else errors.push({ fieldId: AUDIT_FIELD_IDS.caseId, message: "Enter the case's id: the last part of its page's address, after /cases/" });
  }
  if (form.userId) query.userId = form.userId;
  if (form.action) query.action = form.action;
  for (const key of ['from', 'to'] as const) {
    if (!form[key]) continue;
    const iso = londonWallToIso(form[key]);
    if (iso) query[key] = iso;
    else errors.push({ fieldId: AUDIT_FIELD_IDS[key], message: `Enter a real date and time ${key === 'from' ? 'to start from' : 'to end at'}` });
  }
  if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) {
    errors.push({ fieldId: AUDIT_FIELD_IDS.to, message: 'The end of the time range must be after its start' });
  }
  return errors.length ? { errors } : { query };
}

/** "decision_signed" → "Decision signed". */
export function actionLabel(action: string): string {
  const words = action.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ACTOR_KINDS: Record<string, string> = {
  parent: 'Parent',
  guest: 'Guest in the call',
  advice_link: "Holder of the SMS's advice link",
  system: 'The desk (automatic)',
};

/** Who did it, in words: a member of staff by name and role, anyone else by what they are. */
export function actorLabel(actor: AuditEntry['actor']): { name: string; role: string | null } {
  if (actor.name) return { name: actor.name, role: actor.role };
  const kind = actor.id.split(':')[0] ?? actor.id;
  return { name: ACTOR_KINDS[kind] ?? actor.id, role: actor.role };
}

const MAX_DETAIL_PARTS = 6;
const MAX_TEXT = 80;

function valueText(value: unknown, depth: number): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return depth > 0 || value.some((v) => typeof v === 'object' && v !== null) ? `${value.length} items` : value.map((v) => valueText(v, depth + 1)).join(', ');
  }
  if (typeof value === 'object') {
    if (depth > 0) return '…';
    const inner = Object.entries(value).map(([k, v]) => `${keyLabel(k)}: ${valueText(v, depth + 1)}`);
    return `(${inner.join('; ')})`;
  }
  return String(value);
}

/** "previousClinicianId" or "previous_clinician_id" → "previous clinician id". */
function keyLabel(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
}

/** An entry's detail in a line a person reads: "disposition: self_care; version: 2", the first few fields. */
export function summariseDetail(detail: Record<string, unknown>): string {
  const entries = Object.entries(detail);
  if (entries.length === 0) return '–';
  const parts = entries.slice(0, MAX_DETAIL_PARTS).map(([key, value]) => `${keyLabel(key)}: ${valueText(value, 0)}`);
  const more = entries.length - MAX_DETAIL_PARTS;
  return more > 0 ? `${parts.join('; ')}; and ${more} more` : parts.join('; ');
}

const AUDIT_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: LONDON_TIME_ZONE,
});

/** "3 Dec 2026, 10:00:05", London time to the second (an audit is read to the second). */
export const auditTime = (iso: string) => AUDIT_TIME.format(new Date(iso));

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
