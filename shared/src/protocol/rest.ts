import { z } from 'zod';
import { callSnapshotSchema, guestRoleSchema, participantRoleSchema, participantSchema } from '../call/schemas.js';
import { isValidNhsNumber, normaliseNhsNumber } from '../identity/nhs-number.js';
import { parseUkPhone } from '../identity/phone.js';
import { DEFAULT_PARENT_LANGUAGE, LANGUAGE_REQUESTED_MAX, PARENT_LANGUAGES } from '../language/parent-language.js';
import { adviceTranslations } from '../triage/advice-topics.js';
import { casePhotoSchema, photoRequestSchema } from './photos.js';
import { safeguardingConcernSchema } from './safeguarding.js';

/** REST bodies and responses. Both the server (to parse) and the client (to type and pre-validate) use these. */

export const roleSchema = z.enum(['clinician', 'supervisor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(64),
  password: z.string().min(1, 'Enter your password').max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const staffUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type StaffUser = z.infer<typeof staffUserSchema>;

export const complaints = ['sore_throat', 'ear_pain', 'rash', 'cough_cold', 'fever', 'diarrhoea_vomiting', 'other'] as const;
export const complaintSchema = z.enum(complaints);
export type Complaint = z.infer<typeof complaintSchema>;
export const COMPLAINT_LABEL: Record<Complaint, string> = {
  sore_throat: 'Sore throat',
  ear_pain: 'Ear pain',
  rash: 'Rash',
  cough_cold: 'Cough or cold',
  fever: 'Fever',
  diarrhoea_vomiting: 'Diarrhoea or vomiting',
  other: 'Other',
};

/** Under 18: the desk sees children of all ages. */
export const CHILD_AGE_MONTHS_MAX = 18 * 12 - 1;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of birth as YYYY-MM-DD')
  // Date.parse rolls 2023-02-30 over to 2 March: a real date reads back the same.
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
  }, 'Enter a real date of birth')
  .refine((d) => Date.parse(`${d}T00:00:00Z`) <= Date.now(), 'Date of birth must be in the past');

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** One of PARENT_LANGUAGES (`resolveLanguage` makes one from whatever was asked). */
export const parentLanguageSchema = z.enum(PARENT_LANGUAGES);

/** Whether a parent's clinical text is in the language asked for (`AdviceTranslation`, advice-topics.ts). */
export const adviceTranslationSchema = z.enum(adviceTranslations);

export const ukPhoneSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const phone = parseUkPhone(text);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'Enter a UK phone number, like 07700 900123 or 0113 496 0000' });
      return z.NEVER;
    }
    return phone.e164;
  });

export const createCaseBodySchema = z
  .object({
    reference: z.string().trim().min(1, 'Enter the 111 reference').max(40, 'Reference must be 40 characters or fewer'),
    childFirstName: z.string().trim().min(1, "Enter the child's first name").max(60),
    childAgeMonths: z
      .number({ message: "Enter the child's age" })
      .int("Enter the child's age in whole months")
      .min(0, 'Age cannot be negative')
      .max(CHILD_AGE_MONTHS_MAX, 'The desk sees children under 18'),
    callerPhone: ukPhoneSchema,
    relationship: z.string().trim().min(1, "Enter the caller's relationship to the child").max(40),
    complaint: complaintSchema,
    // Optional identifiers left blank in a form arrive as "": treat them as not given.
    dateOfBirth: z.preprocess(blankToUndefined, isoDate.optional()),
    nhsNumber: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .refine((v) => /^\d{10}$/.test(v.replace(/\s/g, '')), 'An NHS number has 10 digits')
        .refine(isValidNhsNumber, 'This is not a valid NHS number: check the digits')
        .transform(normaliseNhsNumber)
        .optional(),
    ),
    gpPractice: optionalText(120),
    // Any language is accepted (the contract): the server resolves it to a parent language (resolveLanguage), English when it has none.
    preferredLanguage: optionalText(LANGUAGE_REQUESTED_MAX),
  })
  .strict();
export type CreateCaseBody = z.input<typeof createCaseBodySchema>;

export const caseStatusSchema = z.enum(['open', 'closed']);

export const smsStatusSchema = z.enum(['queued', 'sent', 'delivered', 'failed']);
export type SmsStatus = z.infer<typeof smsStatusSchema>;

export const smsSummarySchema = z.object({
  id: z.string(),
  to: z.string(),
  /** `queued` until the worker hands it to the provider (retrying if it must), then `sent`; `delivered` or `failed` as the provider reports. */
  status: smsStatusSchema,
  /** Why it failed; while still queued, why the last attempt failed (it will be tried again). */
  failureReason: z.string().nullable(),
  createdAt: z.string(),
  /** Attempts so far (docs/operations.md, "SMS"). */
  attempts: z.number().int().nonnegative().default(0),
  /** While queued after a failed attempt: when it is tried again. */
  nextAttemptAt: z.string().nullable().default(null),
});
export type SmsSummary = z.infer<typeof smsSummarySchema>;

/** A participant as the case page lists it. */
export const participantSummarySchema = participantSchema.pick({ id: true, role: true, name: true, state: true, reason: true, present: true });
export type ParticipantSummary = z.infer<typeof participantSummarySchema>;

export const callSummarySchema = callSnapshotSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  /** When the call entered its state (a failed call's call-back timer counts up from it); null only from an older server. */
  stateSince: z.string().nullable().default(null),
  connectedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** When the parent's latest link for this call expires, or expired (ISO); null if none was sent, or from an older server. */
  linkExpiresAt: z.string().nullable().default(null),
  participants: z.array(participantSummarySchema),
});
export type CallSummary = z.infer<typeof callSummarySchema>;

export const caseSchema = z.object({
  id: z.string(),
  reference: z.string(),
  childFirstName: z.string(),
  childAgeMonths: z.number().int(),
  callerPhone: z.string(),
  callerPhoneKind: z.enum(['mobile', 'landline']),
  relationship: z.string(),
  complaint: complaintSchema,
  dateOfBirth: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  gpPractice: z.string().nullable(),
  /** The same code as `language` (kept for readers from before issue 12, when it was free text). */
  preferredLanguage: z.string().nullable(),
  /** The language of the parent's pages and SMS, resolved from what was asked at creation; English when nothing or an unsupported language was asked. */
  language: parentLanguageSchema.default(DEFAULT_PARENT_LANGUAGE),
  /** What was asked, only when it is not a language the parent's pages speak (the desk suggests an interpreter); else null. */
  languageRequested: z.string().nullable().default(null),
  /** True once the parent picked the language themselves on the join or advice page (`language` is then their pick). */
  languageChosenByParent: z.boolean().default(false),
  status: caseStatusSchema,
  assignedClinician: z.string().nullable(),
  /** The assigned clinician's id (the supervisor's actions need it; the name above is what is shown). */
  assignedClinicianId: z.string().uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  call: callSummarySchema.nullable(),
  lastSms: smsSummarySchema.nullable(),
  /** Present in dev mode only: the latest join link, for the QR code on the desk. */
  devJoinLink: z.string().nullable().optional(),
  /** Photos the parent sent (metadata; the image itself is for clinicians only). */
  photos: z.array(casePhotoSchema).default([]),
  /** The latest photo request of the open call, if any. */
  photoRequest: photoRequestSchema.nullable().default(null),
  /** A safeguarding concern flagged by the case's clinician (issue 11); null when none. */
  safeguarding: safeguardingConcernSchema.nullable().default(null),
  /** When the clinician last recorded phoning the parent back; it answers the call-back only if after the latest call entered its state (callBackDue). */
  calledBackAt: z.string().nullable().default(null),
});
export type Case = z.infer<typeof caseSchema>;

/**
 * `POST /api/cases/:id/invites`: no body (or `{}`) invites the parent, as before; a body with a
 * guest role invites a colleague with their own one-time link.
 */
export const guestInviteBodySchema = z
  .object({
    role: guestRoleSchema,
    name: z.string().trim().min(1, "Enter the person's name").max(80, 'Name must be 80 characters or fewer'),
    // Checked by the server: anything that is not a UK mobile is 422 MOBILE_REQUIRED (the link goes by SMS).
    phone: z.string().trim().min(1, 'Enter their mobile number').max(40),
  })
  .strict();
export type GuestInviteBody = z.input<typeof guestInviteBodySchema>;

export const inviteResponseSchema = z.object({
  inviteId: z.string(),
  participant: participantSummarySchema,
  expiresAt: z.string(),
  sms: smsSummarySchema,
  call: callSummarySchema,
  /** Dev mode only. */
  devJoinLink: z.string().optional(),
  devQrSvg: z.string().optional(),
});
export type InviteResponse = z.infer<typeof inviteResponseSchema>;

// Any string is looked up: a garbled or truncated link is answered as expired (410), which is what the parent needs to hear.
export const joinBodySchema = z
  .object({
    token: z.string().max(512),
    /** The version of the words the parent read before tapping "Join video call" (not recorded, can end any time): their consent to video. */
    consentText: z.string().regex(/^[a-z0-9._-]{1,40}$/).optional(),
  })
  .strict();

/**
 * What the phone's browser can do, checked as the link opens (before any tap, so before any
 * session): sent with the link preview and recorded on the invite, so the desk knows why a parent
 * cannot join. Nothing here identifies the parent.
 */
export const browserCapabilitySchema = z
  .object({
    rtcPeerConnection: z.boolean(),
    getUserMedia: z.boolean(),
    secureContext: z.boolean(),
    /** The app whose own browser opened the link (inapp-spy's name: "WhatsApp", "Facebook"…), or null. */
    inApp: z.string().max(40).nullable(),
    os: z.enum(['ios', 'android', 'other']),
    browser: z.enum(['safari', 'chrome', 'samsung', 'firefox', 'other']),
    /** The Permissions API's answer for the camera, where the browser has one. */
    cameraPermission: z.enum(['granted', 'denied', 'prompt', 'unknown']),
  })
  .strict();
export type BrowserCapability = z.infer<typeof browserCapabilitySchema>;

export const joinPreviewBodySchema = z.object({ token: z.string().max(512), capability: browserCapabilitySchema.optional() }).strict();

/**
 * `POST /api/join/language`: the parent picked a language on the switch. Before the tap on "Join
 * video call" the link's token says which case (nothing is used up); after it, the join session
 * cookie does (no token). Answered 204; a guest's page stays English (403 FORBIDDEN).
 */
export const parentLanguageChoiceSchema = z.object({ language: parentLanguageSchema, token: z.string().min(1).max(512).optional() }).strict();
export type ParentLanguageChoice = z.infer<typeof parentLanguageChoiceSchema>;

/**
 * What the person holding a link sees before and after the exchange: nothing more than they need.
 * A guest is told who invited them and for which call: the child's first name and age, no more.
 */
export const joinInfoSchema = z.object({
  role: participantRoleSchema,
  childFirstName: z.string(),
  /** Guests only: a colleague needs the age; the parent knows it. */
  childAgeMonths: z.number().int().nullable(),
  clinicianName: z.string().nullable(),
  /** Guests only: the name the clinician invited them by. */
  guestName: z.string().nullable(),
  service: z.string(),
  /** The language the page and its texts should use: the case's for the parent, always English for a guest. */
  language: parentLanguageSchema.default(DEFAULT_PARENT_LANGUAGE),
});
export type JoinInfo = z.infer<typeof joinInfoSchema>;

export const iceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

/** A join session: bound to one participant of one call. Only the parent's names its case. */
export const joinSessionSchema = joinInfoSchema.extend({
  caseId: z.string().nullable(),
  callId: z.string(),
  participantId: z.string(),
  /** STUN only, kept for pages loaded before TURN moved to the socket: TURN credentials come per call, once admitted (`call:ice`). */
  iceServers: z.array(iceServerSchema),
});
export type JoinSession = z.infer<typeof joinSessionSchema>;

/** When a staff session ends unless there is activity (idle), and when it ends whatever (absolute): the desk warns before either. */
export const sessionTimingSchema = z.object({
  idleTimeoutMs: z.number().int().positive(),
  lastActivityAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type SessionTiming = z.infer<typeof sessionTimingSchema>;

export const staffSessionSchema = z.object({
  user: staffUserSchema,
  /** STUN only (see joinSessionSchema). */
  iceServers: z.array(iceServerSchema),
  devMode: z.boolean(),
  /** Absent only from servers older than idle sign-out. */
  timing: sessionTimingSchema.optional(),
});
export type StaffSession = z.infer<typeof staffSessionSchema>;

export const queueItemSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  childFirstName: z.string(),
  childAgeMonths: z.number().int(),
  complaint: complaintSchema,
  assignedClinician: z.string().nullable(),
  createdAt: z.string(),
  call: callSnapshotSchema.nullable(),
  smsStatus: smsStatusSchema.nullable(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

export const outboxMessageSchema = z.object({
  to: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  status: smsStatusSchema,
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
