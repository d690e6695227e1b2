/**
 * What the desk can ask of the parent during a call, as plain constants (no zod): the parent's
 * page imports these, the zod schemas over them live in socket.ts.
 */

/** The guided examinations the clinician can push to the parent's screen. */
export const EXAMS = ['glass_test', 'breathing', 'capillary_refill', 'fontanelle', 'throat_torch'] as const;
export type Exam = (typeof EXAMS)[number];

/** Exams with a shared timer, and its length: breathing is counted over 30 s, capillary refill pressed for 5 s. */
export const EXAM_TIMER_MS: Readonly<Partial<Record<Exam, number>>> = {
  breathing: 30_000,
  capillary_refill: 5_000,
};

/** The kinds of ask; `photo` is carried by the same mechanism (its behaviour lives with the photo feature). */
export const ASK_KINDS = ['back_camera', 'exam', 'photo'] as const;
export type AskKind = (typeof ASK_KINDS)[number];

/**
 * An ask's life: `open` until the parent answers (`accepted` / `declined`); the clinician closes an
 * open or accepted ask (`closed`), and a new ask closes the one before it. One current ask per call.
 */
export const ASK_STATES = ['open', 'accepted', 'declined', 'closed'] as const;
export type AskState = (typeof ASK_STATES)[number];

export const ASK_ANSWERS = ['accepted', 'declined'] as const;
export type AskAnswer = (typeof ASK_ANSWERS)[number];

/** The timer's length for a request, or null when it has none. */
export function askTimerMs(request: { kind: AskKind; exam?: Exam }): number | null {
  return request.kind === 'exam' && request.exam ? (EXAM_TIMER_MS[request.exam] ?? null) : null;
}
