import { z } from 'zod';
import { callReasons, callStates } from '../call/machine.js';
import { dispositions } from '../triage/disposition.js';
import { DEFAULT_PARENT_LANGUAGE } from '../language/parent-language.js';
import { complaintSchema, parentLanguageSchema } from './rest.js';

/**
 * The supervisor's board (issue 10): every open case as a row, the clinicians on shift, and the
 * day's headline figures. The server derives it from the database and the live call state; a
 * watcher gets a snapshot (REST or `board:watch`), then `board:delta` events carrying `seq`. A
 * delta whose seq is not the next one (or whose `epoch` differs: another server process) means
 * something was missed: the page asks for a snapshot again, so no stale row survives a gap.
 */

/** What the board says a case is doing. The contract's `data-state` values. */
export const BOARD_STATES = [
  'new',
  'link_sent',
  'parent_waiting',
  'in_call',
  'reconnecting',
  /** The call is in progress on paper but nobody has a page on it any more. */
  'abandoned',
  /** Video failed, or the people carried on by phone: the clinician must call the parent back. */
  'call_back_due',
  /** The call ended; the decision is not signed yet. */
  'wrap_up',
  /** Signed (and so closed): kept on the board for a while so the watcher sees it happen. */
  'decided',
] as const;
export type BoardState = (typeof BOARD_STATES)[number];
export const boardStateSchema = z.enum(BOARD_STATES);

/** Age bands as NG143 and the desk read them (the board shows the band, not the child's age). */
export const AGE_BANDS = ['under_3_months', '3_to_6_months', '6_to_12_months', '1_to_4_years', '5_to_11_years', '12_years_and_over'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBandOf(ageMonths: number): AgeBand {
  if (ageMonths < 3) return 'under_3_months';
  if (ageMonths < 6) return '3_to_6_months';
  if (ageMonths < 12) return '6_to_12_months';
  if (ageMonths < 60) return '1_to_4_years';
  if (ageMonths < 144) return '5_to_11_years';
  return '12_years_and_over';
}

export const AGE_BAND_LABEL: Record<AgeBand, string> = {
  under_3_months: 'Under 3 months',
  '3_to_6_months': '3 to 6 months',
  '6_to_12_months': '6 to 12 months',
  '1_to_4_years': '1 to 4 years',
  '5_to_11_years': '5 to 11 years',
  '12_years_and_over': '12 years and over',
};

/** The reasons a parent's join did not become video, as the supervisor counts them. */
export const JOIN_FAILURES = [
  'link_expired',
  'permission_denied',
  'no_camera',
  'in_app_browser',
  'unsupported_browser',
  'connection_failed',
  'parent_left',
] as const;
export type JoinFailure = (typeof JOIN_FAILURES)[number];

export const JOIN_FAILURE_LABEL: Record<JoinFailure, string> = {
  link_expired: 'Link expired unused',
  permission_denied: 'Camera permission denied',
  no_camera: 'No camera',
  in_app_browser: "Opened in an app's own browser",
  unsupported_browser: 'Browser cannot do video',
  connection_failed: 'Connection failed',
  parent_left: 'Parent left',
};

export const TRAFFIC_LIGHTS = ['green', 'amber', 'red'] as const;

export const boardCaseSchema = z.object({
  caseId: z.string().uuid(),
  reference: z.string(),
  childFirstName: z.string(),
  /** The case list shows the age; the board shows the band. */
  childAgeMonths: z.number().int().nonnegative(),
  ageBand: z.enum(AGE_BANDS),
  complaint: complaintSchema,
  /** The parent's language (the case list shows it when not English). */
  language: parentLanguageSchema.default(DEFAULT_PARENT_LANGUAGE),
  clinician: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  state: boardStateSchema,
  /** When the case entered `state` (ISO, server clock): the row counts up from it. */
  stateSince: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  /** The latest call's state and reason, for the row's detail ("camera blocked"); null before any link. */
  call: z.object({ id: z.string().uuid(), state: z.enum(callStates), reason: z.enum(callReasons).nullable() }).nullable(),
  /** The NG143 band of the latest signed decision; null until assessed. */
  band: z.enum(TRAFFIC_LIGHTS).nullable(),
  /** The latest signed decision was below the NG143 route (an override). */
  overridden: z.boolean(),
  /** The case's clinician flagged a safeguarding concern (the reason is on the case page). */
  safeguarding: z.boolean(),
  /** When the clinician last recorded phoning the parent back (ISO); a `call_back_due` row stays so until one after its call failed. */
  calledBackAt: z.iso.datetime().nullable(),
});
export type BoardCase = z.infer<typeof boardCaseSchema>;

export const CLINICIAN_STATUSES = ['available', 'in_call', 'wrap_up', 'away'] as const;
export type ClinicianStatus = (typeof CLINICIAN_STATUSES)[number];
/** What a clinician sets on the desk; the rest follows from their calls. */
export const CLINICIAN_AVAILABILITY = ['available', 'away'] as const;
export type ClinicianAvailability = (typeof CLINICIAN_AVAILABILITY)[number];
export const availabilityInputSchema = z.object({ availability: z.enum(CLINICIAN_AVAILABILITY) }).strict();

export const boardClinicianSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  status: z.enum(CLINICIAN_STATUSES),
  /** Open cases assigned to them now. */
  openCases: z.number().int().nonnegative(),
  /** Cases they signed a first decision on this shift (the Europe/London day). */
  handledThisShift: z.number().int().nonnegative(),
});
export type BoardClinician = z.infer<typeof boardClinicianSchema>;

const count = z.number().int().nonnegative();
const secondsOrNull = z.number().nonnegative().nullable();

/**
 * The figures of one Europe/London day, from the database (the daily report's figures; the board's
 * headline carries today's). Decisions count by their latest version: an amendment replaces its
 * predecessor in every count, and amendments are counted apart.
 */
export const dayFiguresSchema = z.object({
  /** YYYY-MM-DD, Europe/London. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Cases created that day. */
  arrivals: count,
  /** Cases whose first decision was signed that day. */
  decided: count,
  /** Cases sent a parent's video link that day. */
  linksSent: count,
  /** Of those, cases whose call connected (video reached the desk). */
  connected: count,
  /** connected / linksSent; null when no link was sent. */
  conversion: z.number().min(0).max(1).nullable(),
  /** From the parent reaching the waiting room to the clinician's Admit, over the day's admissions. */
  waits: z.object({ count, medianSeconds: secondsOrNull, p90Seconds: secondsOrNull }),
  failedJoins: z.record(z.enum(JOIN_FAILURES), count),
  /** The latest version of each decision signed (first or amended) that day. */
  dispositions: z.record(z.enum(dispositions), count),
  referrals: z.object({ hub: count, adviceLine: count }),
  /** Latest versions below the NG143 route. */
  overrides: count,
  amendments: z.object({
    total: count,
    /** Amendments that added, removed or changed an override. */
    changedOverride: count,
    /** Amendments that changed the advice the parent was sent (disposition, timeframe or safety-netting topic). */
    changedAdvice: count,
  }),
  /** 24 entries, hour 0–23 of the London day (23 or 25 on clock-change days). */
  hours: z.array(z.object({ hour: z.number().int().min(0).max(23), arrivals: count, admitted: count, medianWaitSeconds: secondsOrNull })),
});
export type DayFigures = z.infer<typeof dayFiguresSchema>;

/** The board's headline: the live counts from the rows, and today's figures. */
export const boardHeadlineSchema = z.object({
  open: count,
  waiting: count,
  inCall: count,
  callBackDue: count,
  today: dayFiguresSchema,
});
export type BoardHeadline = z.infer<typeof boardHeadlineSchema>;

/** When a row turns amber (and red at twice as long). Configurable per deployment (docs/operations.md). */
export const boardThresholdsSchema = z.object({
  parentWaitingSeconds: z.number().int().positive(),
  linkUnopenedSeconds: z.number().int().positive(),
  reconnectingSeconds: z.number().int().positive(),
  undecidedSeconds: z.number().int().positive(),
});
export type BoardThresholds = z.infer<typeof boardThresholdsSchema>;
export const DEFAULT_BOARD_THRESHOLDS: BoardThresholds = {
  parentWaitingSeconds: 120,
  linkUnopenedSeconds: 600,
  reconnectingSeconds: 60,
  undecidedSeconds: 1_800,
};

const boardVersion = {
  /** The server process that counts this board's deltas: a new one (restart, another node) means a fresh snapshot. */
  epoch: z.string().min(1),
  seq: z.number().int().nonnegative(),
  /** The server's clock as it sent this: rows count up from the server's time, not the screen's. */
  serverNow: z.iso.datetime(),
};

export const boardSnapshotSchema = z.object({
  ...boardVersion,
  thresholds: boardThresholdsSchema,
  /** How long a decided case stays on the board. */
  decidedVisibleSeconds: z.number().int().nonnegative(),
  cases: z.array(boardCaseSchema),
  clinicians: z.array(boardClinicianSchema),
  headline: boardHeadlineSchema,
});
export type BoardSnapshot = z.infer<typeof boardSnapshotSchema>;

export const boardDeltaSchema = z.object({
  ...boardVersion,
  /** Rows new or changed since seq − 1. */
  upserts: z.array(boardCaseSchema),
  /** Case ids that left the board. */
  removed: z.array(z.string().uuid()),
  /** The whole clinician list, when it changed. */
  clinicians: z.array(boardClinicianSchema).optional(),
  /** The whole headline, when it changed. */
  headline: boardHeadlineSchema.optional(),
});
export type BoardDelta = z.infer<typeof boardDeltaSchema>;

/**
 * A clinician's case list: the same rows and seq as the board, without the clinicians and the
 * headline (a clinician's socket gets only what their own desk shows). `cases:watch` answers the
 * snapshot; `cases:delta` follows with every seq (its rows may be empty when only the board's
 * figures changed), so a gap means the same as on the board.
 */
export const deskCasesSnapshotSchema = z.object({ ...boardVersion, cases: z.array(boardCaseSchema) });
export type DeskCasesSnapshot = z.infer<typeof deskCasesSnapshotSchema>;
export const deskCasesDeltaSchema = boardDeltaSchema.omit({ clinicians: true, headline: true });
export type DeskCasesDelta = z.infer<typeof deskCasesDeltaSchema>;

/** A note on a clinician's desk from a supervisor: a case now theirs, or a waiting parent to take. */
export const NOTICE_KINDS = ['case_assigned', 'case_unassigned', 'take_waiting_parent'] as const;
export const deskNoticeSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(NOTICE_KINDS),
  caseId: z.string().uuid(),
  reference: z.string(),
  childFirstName: z.string(),
  /** The supervisor's display name. */
  from: z.string(),
  at: z.iso.datetime(),
});
export type DeskNotice = z.infer<typeof deskNoticeSchema>;

/** The clinician's desk: notices not yet dismissed (newest first); `GET /api/me/notices`. */
export const deskNoticesSchema = z.object({ notices: z.array(deskNoticeSchema) });

/** `PUT /api/me/availability` answers, and `GET /api/me/availability` reads, what the clinician set. */
export const availabilitySchema = z.object({ availability: z.enum(CLINICIAN_AVAILABILITY) });

/** `POST /api/cases/:id/assignment` (supervisors, admins): give an open case to another clinician. */
export const assignmentInputSchema = z.object({ clinicianId: z.string().uuid() }).strict();
export const assignmentResultSchema = z.object({ caseId: z.string().uuid(), clinicianId: z.string().uuid(), previousClinicianId: z.string().uuid().nullable() });
/** `POST /api/cases/:id/take-parent` (supervisors, admins): a notice on that clinician's desk. Answers 202 with the notice. */
export const takeParentInputSchema = z.object({ clinicianId: z.string().uuid() }).strict();

/** `GET /api/staff/clinicians` (supervisors, admins): every active clinician, for the reassign list. */
export const staffCliniciansSchema = z.object({
  clinicians: z.array(z.object({ id: z.string().uuid(), name: z.string(), signedIn: z.boolean(), status: z.enum(CLINICIAN_STATUSES).nullable() })),
});
export type StaffClinicians = z.infer<typeof staffCliniciansSchema>;

/** The audit viewer's page of entries (newest first). */
export const AUDIT_PAGE_SIZE = 50;
export const auditQuerySchema = z
  .object({
    caseId: z.string().uuid().optional(),
    userId: z.string().uuid().optional(),
    action: z.string().trim().min(1).max(64).regex(/^[a-z_]+$/).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  /** The actor's id and, for staff, their name and role; null names for parents, guests and the system. */
  actor: z.object({ id: z.string(), name: z.string().nullable(), role: z.string().nullable() }),
  action: z.string(),
  subject: z.string(),
  caseId: z.string().nullable(),
  /** The case's 111 reference, when the subject is a case. */
  reference: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  page: z.number().int().min(1),
  pageSize: z.number().int().positive(),
  total: count,
  /** Every action name the audit holds, for the filter's list. */
  actions: z.array(z.string()),
  /** Every staff member (any role, enabled or not), for the user filter's list. */
  staff: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const dailyReportQuerySchema = z
  .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), format: z.enum(['json', 'csv']).default('json') })
  .strict();
