// Zod-free on purpose: the parent's page imports this.
/**
 * Stable error codes and their HTTP statuses. Codes are part of the public contract:
 * add new ones, never rename or reuse one.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  /** Too many failed sign-ins: the account is locked for a while (or until an admin unlocks it). */
  ACCOUNT_LOCKED: 423,
  FORBIDDEN: 403,
  /** Only someone in the call's media now (let in; not invited, waiting, left or removed) may do that: get TURN credentials, say. */
  NOT_IN_CALL: 403,
  NOT_FOUND: 404,
  /** The advice link's code is not one we sent (mistyped, cut short, or made up): the page shows the topic's general advice. */
  ADVICE_LINK_UNKNOWN: 404,
  DECISION_IMMUTABLE: 405,
  DECISION_EXISTS: 409,
  DECISION_SUPERSEDED: 409,
  CALL_STATE_CONFLICT: 409,
  /** The clinician's call is open in another tab: "Use this tab" moves it. */
  CALL_HELD_ELSEWHERE: 409,
  /** A mesh call holds at most four people. */
  CALL_FULL: 409,
  /** A case cannot be reassigned while its call is live (someone waiting, connecting, in the call or reconnecting). */
  CALL_IN_PROGRESS: 409,
  /** The case is decided and closed: it cannot be reassigned or handed over. */
  CASE_CLOSED: 409,
  /** A supervisor asked a clinician to take a parent, but no parent is waiting on that case now. */
  NO_PARENT_WAITING: 409,
  /** Only the case's own clinician can let its waiting parent in: ask them (or reassign once the call has ended). */
  NOT_CASE_CLINICIAN: 409,
  /** The desk asked the parent for something, but the parent is not in the call's media now. */
  PARENT_NOT_IN_CALL: 409,
  /** That ask was answered, closed or replaced by a newer one (or its kind has no timer). */
  ASK_NOT_OPEN: 409,
  /** A call-back was recorded, but the parent is not owed one now (the latest call did not stop for a call-back reason after video connected, or one is already recorded since). */
  CALL_BACK_NOT_DUE: 409,
  LINK_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  /** A body in an encoding or charset the server does not read (`Content-Encoding: zip`, `charset=ebcdic`). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  MOBILE_REQUIRED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  OVERRIDE_REASON_REQUIRED: 422,
  /** A guest is let in only once the parent has agreed (ticked on the desk, audited). */
  PARENT_AGREEMENT_REQUIRED: 422,
  /** The person a case was to be given to is not an active clinician (a supervisor, an admin, disabled, unknown). */
  NOT_A_CLINICIAN: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SMS_FAILED: 502,
  NOT_READY: 503,
  /** The database did not answer (down, restarting, unreachable, too slow). Try again later; a decision sent again with its Idempotency-Key is still signed once. */
  DATABASE_UNAVAILABLE: 503,
  PROTOCOL_MISMATCH: 426,
  /** A photo was sent with no request from the clinician waiting for it (never asked, declined, already sent, or the call is over). */
  PHOTO_NOT_REQUESTED: 409,
  /** A photo over the size limit (bytes, or pixels: shared/src/protocol/photos.ts). */
  PHOTO_TOO_LARGE: 413,
  /** A photo whose bytes are not JPEG, PNG or WebP (what the body is, not what its header says). */
  PHOTO_TYPE_UNSUPPORTED: 415,
  /** A photo whose bytes claim a supported type but cannot be decoded. */
  PHOTO_UNREADABLE: 422,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Narrows a code from the wire without zod (the parent's page carries no zod). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}
