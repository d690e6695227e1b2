import { fieldErrors, loginBodySchema, staffSessionSchema, type StaffSession } from '@desk/shared';
import { useState } from 'react';
import { ApiRequestError, api } from '../../lib/api';
import { errorMessage } from '../../lib/errors';

export type LoginValues = { username: string; password: string };

type LoginState = {
  values: LoginValues;
  /** Per-field messages (`username`, `password`). */
  fields: Record<string, string>;
  /** A message about the whole form (wrong password, too many tries, network). */
  formError: string | null;
  busy: boolean;
  /** Bumped on every failed submit so the error summary takes focus again. */
  attempt: number;
};

export function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.code === 'INVALID_CREDENTIALS') return 'Username or password is incorrect';
    if (error.code === 'RATE_LIMITED') return 'Too many sign-in attempts. Wait a minute, then try again.';
    // The server says until when, in UK time.
    if (error.code === 'ACCOUNT_LOCKED') return error.message;
  }
  return errorMessage(error);
}

export function useLoginForm(onSignedIn: (session: StaffSession) => void) {
  const [state, setState] = useState<LoginState>({
    values: { username: '', password: '' },
    fields: {},
    formError: null,
    busy: false,
    attempt: 0,
  });

  const setValue = (name: keyof LoginValues, value: string) =>
    setState((s) => ({ ...s, values: { ...s.values, [name]: value } }));

  const submit = async () => {
    if (state.busy) return;
    const parsed = loginBodySchema.safeParse(state.values);
    if (!parsed.success) {
      setState((s) => ({ ...s, fields: fieldErrors(parsed.error), formError: null, attempt: s.attempt + 1 }));
      return;
    }
    setState((s) => ({ ...s, busy: true, fields: {}, formError: null }));
    try {
      const session = await api('POST', '/api/auth/login', staffSessionSchema, { body: parsed.data });
      setState((s) => ({ ...s, busy: false }));
      onSignedIn(session);
    } catch (error) {
      const fields = error instanceof ApiRequestError ? error.fields : {};
      setState((s) => ({
        ...s,
        busy: false,
        fields,
        formError: Object.keys(fields).length ? null : loginErrorMessage(error),
        // The password is not kept after a rejected attempt.
        values: { ...s.values, password: '' },
        attempt: s.attempt + 1,
      }));
    }
  };

  return { ...state, setValue, submit };
}
