import { ApiRequestError } from './api';

/** A message a person can act on, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return 'Something went wrong. Try again.';
}

export function isApiError(error: unknown, code: ApiRequestError['code']): error is ApiRequestError {
  return error instanceof ApiRequestError && error.code === code;
}
