import { PROTOCOL_VERSION, isGuestRole, socketAuthSchema } from '@desk/shared';
import type { ExtendedError } from 'socket.io';
import { resolvePrincipal } from '../auth/sessions.js';
import type { Deps } from '../http/context.js';
import { databaseUnavailable } from '../http/errors.js';
import { originAllowed } from '../http/origin.js';
import { codedError } from './handlers.js';
import type { DeskSocket } from './types.js';

/** The handshake: same-site origin, current protocol, a live session of the kind the page says it has. */
export function authenticate(deps: Deps) {
  return async (socket: DeskSocket, next: (error?: ExtendedError) => void): Promise<void> => {
    // A socket event is a mutation like any POST: a page on another site must not drive it with the desk's cookies.
    const { origin, host } = socket.handshake.headers;
    if (!originAllowed(deps.config.publicUrl, origin, host)) return next(codedError('FORBIDDEN', 'Cross-site connection refused.'));
    const auth = socketAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(codedError('VALIDATION_FAILED', 'Socket handshake needs {kind, protocolVersion, endpoint}.'));
    if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
      return next(codedError('PROTOCOL_MISMATCH', 'This page is out of date. Reload it to continue.'));
    }
    try {
      const { kind } = auth.data;
      const principal = await resolvePrincipal(deps.db, socket.handshake.headers.cookie, kind === 'staff' ? 'staff' : 'join', deps.clock.now(), deps.config);
      // A parent's page must hold a parent's session, a guest's page a guest's.
      const matches =
        principal !== null &&
        (kind === 'staff' || (principal.kind === 'join' && (kind === 'guest') === isGuestRole(principal.role)));
      if (!principal || !matches) return next(codedError('UNAUTHENTICATED', 'Sign in again to continue.'));
      socket.data.principal = principal;
      socket.data.endpoint = auth.data.endpoint;
      socket.data.holds = {};
      next();
    } catch (error) {
      // The page knocks again later (client/src/lib/socket.ts): a database that is back lets it in.
      const unavailable = databaseUnavailable(error);
      if (unavailable) {
        deps.logger.warn({ err: error }, 'database unavailable');
        return next(codedError(unavailable.code, unavailable.message));
      }
      deps.logger.error({ err: error }, 'socket auth failed');
      next(codedError('INTERNAL', 'Could not check the session.'));
    }
  };
}
