import { staffSessionSchema, type Role, type StaffSession } from '@desk/shared';
import { z } from 'zod';
import { create } from 'zustand';
import { ApiRequestError, api } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { closeSocket } from '../../lib/socket';

type SessionStatus = 'unknown' | 'loading' | 'signed_in' | 'signed_out' | 'error';

type SessionState = {
  status: SessionStatus;
  session: StaffSession | null;
  error: string | null;
  /** Asks the server who is signed in (once; again after `signOut`). */
  load(): Promise<void>;
  signedIn(session: StaffSession): void;
  signOut(): Promise<void>;
};

export const useSessionStore = create<SessionState>()((set, get) => ({
  status: 'unknown',
  session: null,
  error: null,
  async load() {
    if (get().status === 'loading') return;
    set({ status: 'loading', error: null });
    try {
      const session = await api('GET', '/api/auth/session', staffSessionSchema);
      set({ status: 'signed_in', session });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) set({ status: 'signed_out', session: null });
      else set({ status: 'error', error: errorMessage(error) });
    }
  },
  signedIn(session) {
    // A new identity needs a new socket handshake (the cookie changed).
    closeSocket('staff');
    set({ status: 'signed_in', session, error: null });
  },
  async signOut() {
    try {
      await api('POST', '/api/auth/logout', z.unknown());
    } finally {
      closeSocket('staff');
      set({ status: 'signed_out', session: null, error: null });
    }
  },
}));

export const DESK_ROLES: readonly Role[] = ['clinician'];
export const SUPERVISOR_ROLES: readonly Role[] = ['supervisor', 'admin'];

/** Where a person lands after signing in, when no `next` was asked for. */
export function homeFor(role: Role): string {
  return DESK_ROLES.includes(role) ? '/' : '/supervisor';
}

/** Only same-site paths: `next` comes from the address bar. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}
