import { z } from 'zod';

/**
 * Rules every input passes before any handler sees it, on REST and socket alike: ids are UUIDs, text
 * holds no control characters, and no object key can reach a prototype. One module, so a new route
 * or event cannot forget them.
 */

/** Every id the desk hands out (cases, calls, participants, decisions, invites) is a database UUID. */
export const idSchema = z.string().uuid();

export function isId(value: unknown): value is string {
  return idSchema.safeParse(value).success;
}

/** C0 controls and DEL, except tab, line feed and carriage return (notes and SDP carry line breaks). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A UTF-16 half without its other half: text that came from a badly encoded body. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type UnsafeInput = { path: string; problem: 'control_character' | 'bad_encoding' | 'forbidden_key' | 'too_deep' };

export const UNSAFE_INPUT_MESSAGE: Record<UnsafeInput['problem'], string> = {
  control_character: 'Remove the hidden control characters from this field.',
  bad_encoding: 'This field holds characters that could not be read. Type it again.',
  forbidden_key: 'This field name is not allowed.',
  too_deep: 'This message is nested too deeply.',
};

/** Deeper than any message the desk sends is an attack or a bug, not a form. */
const MAX_DEPTH = 16;

/** The first unsafe string or key in a parsed JSON value (its dotted path), or null when it is all safe. */
export function findUnsafeInput(value: unknown, path = '', depth = 0): UnsafeInput | null {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) return { path, problem: 'control_character' };
    if (LONE_SURROGATE.test(value)) return { path, problem: 'bad_encoding' };
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return { path, problem: 'too_deep' };
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return { path: at, problem: 'forbidden_key' };
    const keyProblem = findUnsafeInput(key, at, depth + 1);
    if (keyProblem) return keyProblem;
    const found = findUnsafeInput(child, at, depth + 1);
    if (found) return found;
  }
  return null;
}
