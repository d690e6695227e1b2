import type { ErrorCode } from '@desk/shared';
import type { Messages } from '../i18n/types';

/** What a failed request carries to the page: the server's code, or NETWORK when no answer came. Never its English message. */
export type FailureCode = ErrorCode | 'NETWORK';

type ErrorWords = Messages['errors'];
type ParentErrorCode = Exclude<keyof ErrorWords, 'generic'>;

/** Codes that read like another one to a parent (the server is down or busy: try again later). */
const SAME_AS: Partial<Record<string, ParentErrorCode>> = {
  DATABASE_UNAVAILABLE: 'INTERNAL',
  NOT_READY: 'INTERNAL',
  PAYLOAD_TOO_LARGE: 'PHOTO_TOO_LARGE',
  PARENT_NOT_IN_CALL: 'NOT_IN_CALL',
  ASK_NOT_OPEN: 'PHOTO_NOT_REQUESTED',
};

const isParentErrorCode = (errors: ErrorWords, code: string): code is ParentErrorCode => code !== 'generic' && Object.hasOwn(errors, code);

/** The parent's words for a refusal, from its code alone; a code the page does not know reads as the generic "That did not work". */
export function errorText(errors: ErrorWords, code: string): string {
  const known = isParentErrorCode(errors, code) ? code : SAME_AS[code];
  return known ? errors[known] : errors.generic;
}

/** A photo that did not send: a lost signal and an unexpected refusal say "the photo did not send"; the photo's own refusals say why. */
export function photoFailureText(m: Pick<Messages, 'errors' | 'photo'>, code: string): string {
  if (code === 'NETWORK') return m.photo.failedNetwork;
  const known = isParentErrorCode(m.errors, code) ? code : SAME_AS[code];
  return known?.startsWith('PHOTO_') ? m.errors[known] : m.photo.failed;
}
