import {
  ASK_KINDS,
  CLINICIAN_AVAILABILITY,
  ASK_STATES,
  NOTICE_KINDS,
  PARENT_LANGUAGES,
  callReasons,
  complaints,
  callStates,
  participantReasons,
  participantRoles,
  participantStates,
  type BrowserCapability,
  type CallDeadlineKind,
  type AskRequest,
  type ParticipantDeadlineKind,
  type PeerStatus,
} from '@desk/shared';
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['clinician', 'supervisor', 'admin'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  /** What a clinician set on the desk (available / away); in a call and wrap-up follow from their calls. */
  availability: text('availability', { enum: CLINICIAN_AVAILABILITY }).notNull().default('available'),
  availabilityAt: timestamp('availability_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull(),
    childFirstName: text('child_first_name').notNull(),
    childAgeMonths: integer('child_age_months').notNull(),
    dateOfBirth: text('date_of_birth'),
    nhsNumber: text('nhs_number'),
    gpPractice: text('gp_practice'),
    callerPhone: text('caller_phone').notNull(),
    callerPhoneKind: text('caller_phone_kind', { enum: ['mobile', 'landline'] }).notNull(),
    relationship: text('relationship').notNull(),
    complaint: text('complaint', { enum: complaints }).notNull(),
    /** The parent's language: a code of PARENT_LANGUAGES, resolved from what was asked (English when nothing or an unsupported one was). */
    preferredLanguage: text('preferred_language', { enum: PARENT_LANGUAGES }).notNull().default('en'),
    /** What was asked at creation, trimmed and bounded (null: nothing was). Kept whether or not it resolved. */
    languageRequested: text('language_requested'),
    /** False when what was asked is none of PARENT_LANGUAGES: the parent gets English and the desk suggests an interpreter. */
    languageSupported: boolean('language_supported').notNull().default(true),
    /** When the parent last picked the language on the join or advice page (null: the language is still what was asked at creation). */
    languageChosenAt: timestamp('language_chosen_at', { withTimezone: true }),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    assignedClinicianId: uuid('assigned_clinician_id').references(() => users.id),
    /** A safeguarding concern (issue 11): one per case, the latest flag's reason, who and when (every flag is also an audit row, with its text). */
    safeguardingReason: text('safeguarding_reason'),
    safeguardingFlaggedBy: uuid('safeguarding_flagged_by').references(() => users.id),
    safeguardingFlaggedAt: timestamp('safeguarding_flagged_at', { withTimezone: true }),
    /** When the clinician last recorded phoning the parent back after video failed (issue 11; audited `parent_called_back`). */
    calledBackAt: timestamp('called_back_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_status_idx').on(t.status, t.createdAt),
    // The day's arrivals (supervisor/dayFigures.ts).
    index('cases_created_idx').on(t.createdAt),
  ],
);

export const invites = pgTable(
  'invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    callId: uuid('call_id').notNull(),
    /** Who the link lets in: the parent, or a guest. */
    participantId: uuid('participant_id').references((): AnyPgColumn => callParticipants.id),
    tokenHash: text('token_hash').notNull().unique(),
    sentTo: text('sent_to').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    /** What the browser that last opened the link could do (reported by the page before any tap), and when. */
    browserCapability: jsonb('browser_capability').$type<BrowserCapability>(),
    browserCheckedAt: timestamp('browser_checked_at', { withTimezone: true }),
  },
  (t) => [
    index('invites_case_idx').on(t.caseId),
    // The day's links sent (supervisor/dayFigures.ts).
    index('invites_created_idx').on(t.createdAt),
  ],
);

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  /** Which cookie: the desk's, or a join link's (the parent's or a guest's). */
  kind: text('kind', { enum: ['staff', 'join'] }).notNull(),
  userId: uuid('user_id').references(() => users.id),
  inviteId: uuid('invite_id').references(() => invites.id),
  /** A join session is bound to one participant of one call. */
  participantId: uuid('participant_id').references((): AnyPgColumn => callParticipants.id),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** One counter for every write to a call or its participants: a call's `version`, and the `seq` its snapshots carry. */
export const callSeq = pgSequence('call_seq');

export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    state: text('state', { enum: callStates }).notNull(),
    reason: text('reason', { enum: callReasons }),
    /** When the call entered its state (the supervisor's board counts up from it). */
    stateSince: timestamp('state_since', { withTimezone: true }).notNull().defaultNow(),
    /** Optimistic concurrency: every write sets a new value from `call_seq` where the version is still the one read. */
    version: bigint('version', { mode: 'number' }).notNull().default(sql`nextval('call_seq')`),
    deadlineKind: text('deadline_kind').$type<CallDeadlineKind>(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    createdAt: createdAt(),
    admittedAt: timestamp('admitted_at', { withTimezone: true }),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('calls_case_idx').on(t.caseId, t.createdAt),
    // One call that is not over per case: two "Send video link" presses at once cannot split invites across calls.
    uniqueIndex('calls_one_open_per_case_uq').on(t.caseId).where(sql`${t.state} <> 'ended'`),
    index('calls_deadline_idx').on(t.deadlineAt).where(sql`${t.deadlineAt} is not null`),
  ],
);

/** The people in a call: the clinician who hosts it, the parent, and guests invited by the clinician. */
export const callParticipants = pgTable(
  'call_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id').notNull().references(() => calls.id),
    role: text('role', { enum: participantRoles }).notNull(),
    displayName: text('display_name').notNull(),
    /** The clinician's account. */
    userId: uuid('user_id').references(() => users.id),
    /** Guests: the number their link went to, so a new link reaches the same person. */
    phone: text('phone'),
    state: text('state', { enum: participantStates }).notNull(),
    reason: text('reason', { enum: participantReasons }),
    present: boolean('present').notNull().default(false),
    endpoint: text('endpoint'),
    epoch: integer('epoch').notNull().default(0),
    closing: boolean('closing').notNull().default(false),
    media: jsonb('media').$type<Record<string, PeerStatus>>().notNull().default(sql`'{}'::jsonb`),
    admittedAt: timestamp('admitted_at', { withTimezone: true }),
    /** The waiting room counts up from this. */
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    deadlineKind: text('deadline_kind').$type<ParticipantDeadlineKind>(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('call_participants_call_idx').on(t.callId),
    // One host and one parent per call; guests may be several.
    uniqueIndex('call_participants_host_uq').on(t.callId, t.role).where(sql`${t.role} in ('clinician', 'parent')`),
    index('call_participants_deadline_idx').on(t.deadlineAt).where(sql`${t.deadlineAt} is not null`),
  ],
);

/**
 * What the desk asked the parent during a call ("Show me with the back camera", a guided exam, a
 * photo). A row, not memory: a reload, a reconnect or another node finds the open ask here.
 */
export const callAsks = pgTable(
  'call_asks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id').notNull().references(() => calls.id),
    kind: text('kind', { enum: ASK_KINDS }).notNull(),
    /** The whole request as sent (parsed by the protocol's schema before it was stored). */
    request: jsonb('request').$type<AskRequest>().notNull(),
    state: text('state', { enum: ASK_STATES }).notNull(),
    /** The clinician participant who asked. */
    askedBy: uuid('asked_by').notNull().references(() => callParticipants.id),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    timerStartedAt: timestamp('timer_started_at', { withTimezone: true }),
    timerDurationMs: integer('timer_duration_ms'),
  },
  (t) => [
    index('call_asks_call_idx').on(t.callId, t.askedAt),
    // One current (not closed) ask per call: a new ask closes the last in the same transaction.
    uniqueIndex('call_asks_one_current_uq').on(t.callId).where(sql`${t.state} <> 'closed'`),
  ],
);

export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    version: integer('version').notNull(),
    supersedesId: uuid('supersedes_id'),
    disposition: text('disposition').notNull(),
    timeframeHours: integer('timeframe_hours'),
    findings: jsonb('findings').notNull().default(sql`'[]'::jsonb`),
    band: text('band').notNull(),
    overridden: boolean('overridden').notNull().default(false),
    overrideReason: text('override_reason'),
    referral: jsonb('referral'),
    safetyNettingTopic: text('safety_netting_topic'),
    notes: text('notes').notNull(),
    amendmentReason: text('amendment_reason'),
    signedBy: uuid('signed_by').notNull().references(() => users.id),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
  },
  (t) => [
    uniqueIndex('decisions_case_key_uq').on(t.caseId, t.idempotencyKey),
    uniqueIndex('decisions_case_version_uq').on(t.caseId, t.version),
    // A version is superseded at most once: two racing amendments cannot both win.
    uniqueIndex('decisions_supersedes_uq').on(t.supersedesId),
    // The day's decisions and amendments (supervisor/dayFigures.ts, the clinicians' cases this shift).
    index('decisions_signed_idx').on(t.signedAt),
  ],
);

/**
 * The code in one safety-netting SMS's advice link (`?t=`), one per decision version that sent it.
 * Only the hash is kept; the link shows the case's latest decision (`server/src/advice/recap.ts`).
 */
export const adviceLinks = pgTable('advice_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  decisionId: uuid('decision_id')
    .notNull()
    .unique()
    .references(() => decisions.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
});

/** Unsigned work in progress, one per (case, clinician, form). Not a clinical record: replaced and deleted freely. */
export const decisionDrafts = pgTable(
  'decision_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: ['sign', 'amend'] }).notNull(),
    body: jsonb('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('decision_drafts_case_user_kind_uq').on(t.caseId, t.userId, t.kind)],
);

/**
 * A note on one staff member's desk from a supervisor (a case now theirs, or no longer; a waiting
 * parent to take), until they dismiss it. Delivered live as the socket event `notice`.
 */
export const deskNotices = pgTable(
  'desk_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    fromUserId: uuid('from_user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
  },
  (t) => [index('desk_notices_user_idx').on(t.userId, t.createdAt).where(sql`${t.dismissedAt} is null`)],
);

export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id),
    decisionId: uuid('decision_id').references(() => decisions.id),
    to: text('to').notNull(),
    /** What the case shows of the words (a join token masked in production); null once the retention job has deleted it. */
    body: text('body'),
    link: text('link'),
    /** The words as sent, only when `body` is masked: kept until the provider takes the SMS (or it fails), then wiped. */
    secretBody: text('secret_body'),
    template: text('template', { enum: ['video_invite', 'safety_netting'] }).notNull(),
    status: text('status', { enum: ['queued', 'sent', 'delivered', 'failed'] }).notNull().default('queued'),
    provider: text('provider').notNull(),
    providerId: text('provider_id'),
    /** Why it failed; while still queued, why the last attempt failed. */
    failureReason: text('failure_reason'),
    /** Attempts the worker has claimed the row for (the send may or may not have reached the provider). */
    attempts: integer('attempts').notNull().default(0),
    /** While queued: the worker may try from then on. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** A worker holds the row until then; past it (the node died mid-send) another may take it. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** Pointless after this (a join link that has expired): failed rather than sent. */
    sendBy: timestamp('send_by', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** When the status last changed. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    index('sms_case_idx').on(t.caseId, t.createdAt),
    index('sms_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    index('sms_outbox_provider_id_idx').on(t.providerId).where(sql`${t.providerId} is not null`),
  ],
);

export const audit = pgTable(
  'audit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    index('audit_subject_idx').on(t.subject, t.at),
    // The day's admissions and failed joins by action; the audit viewer's action filter and its list of actions.
    index('audit_action_idx').on(t.action, t.at),
    // The audit viewer: newest first, and by who did it.
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actor, t.at),
  ],
);

/** Raw bytes (Postgres `bytea`): a photo lives in the database, so no node's disk holds the only copy. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * The photo feature's own state of a photo ask (`call_asks` kind `photo`): why the last photo the
 * parent sent was refused, so both screens can say so while the ask stays open for another try.
 */
export const photoRequests = pgTable('photo_requests', {
  askId: uuid('ask_id').primaryKey().references(() => callAsks.id),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  failureCode: text('failure_code'),
  failureMessage: text('failure_message'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A photo the parent sent, re-encoded with no metadata. Only clinicians may read `bytes`. */
export const casePhotos = pgTable(
  'case_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    /** The photo ask (`call_asks`) it answered. */
    requestId: uuid('request_id').references(() => callAsks.id),
    /** The participant (the parent) whose phone took it. */
    takenBy: uuid('taken_by').notNull().references(() => callParticipants.id),
    mime: text('mime', { enum: ['image/jpeg'] }).notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('case_photos_case_idx').on(t.caseId, t.createdAt), uniqueIndex('case_photos_request_uq').on(t.requestId)],
);
