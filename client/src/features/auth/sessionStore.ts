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
  /** Why the last session ended on its own (the sign-in page says so), or null. */
  endedBecause: 'idle' | 'limit' | null;
  /** Asks the server who is signed in (once; again after `signOut`). */
  load(): Promise<void>;
  /** Asks again without a loading state (a socket was refused): only a 401 changes anything. */
  recheck(): Promise<void>;
  signedIn(session: StaffSession): void;
  signOut(): Promise<void>;
};

export const useSessionStore = create<SessionState>()((set, get) => ({
  status: 'unknown',
  session: null,
  error: null,
  endedBecause: null,
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
  async recheck() {
    if (get().status !== 'signed_in') return;
    try {
      await api('GET', '/api/auth/session', staffSessionSchema);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) {
        closeSocket('staff');
        set({ status: 'signed_out', session: null, error: null });
      }
    }
  },
  signedIn(session) {
    // A new identity needs a new socket handshake (the cookie changed).
    closeSocket('staff');
    set({ status: 'signed_in', session, error: null, endedBecause: null });
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
/** Who may open a case page: its clinicians to work on it, supervisors and admins to read it (issue 10). */
export const CASE_VIEWER_ROLES: readonly Role[] = [...DESK_ROLES, ...SUPERVISOR_ROLES];

/** Where a person lands after signing in, when no `next` was asked for. */
export function homeFor(role: Role): string {
  return DESK_ROLES.includes(role) ? '/' : '/supervisor';
}

/**
 * Only a path on this site: `next` comes from the address bar. Parsed the way the browser will
 * navigate it (`/\\evil.example` and `//evil.example` are other sites), and never the login page
 * itself, so a signed-in person is never sent back to it.
 */
export function safeNext(next: string | null): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!next || !next.startsWith('/') || /[\\\u0000-\u001f]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, 'https://desk.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'https://desk.invalid' || url.pathname === '/login' || url.pathname.startsWith('/login/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
