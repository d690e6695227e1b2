/**
 * Small type guards for what the server sends, where a page reads it without zod (the parent's
 * page). One set, shared by the REST readers and the socket event readers.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isStringOrNull = (value: unknown): value is string | null => value === null || isString(value);
export const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
/** A whole number ≥ 0 (a seq, an epoch, a duration). */
export const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** A guard for one of a constant list's values (a state, a role, a reason). */
export const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    (values as readonly unknown[]).includes(value);
