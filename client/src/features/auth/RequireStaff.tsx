import type { Role } from '@desk/shared';
import { useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { getSocket } from '../../lib/socket';
import { deskReaders } from '../../lib/deskReaders';
import { SessionTimeout } from './SessionTimeout';
import { CASE_VIEWER_ROLES, DESK_ROLES, SUPERVISOR_ROLES, homeFor, useSessionStore } from './sessionStore';

type Props = { allow: readonly Role[] };

/**
 * Staff-only routes. Asks the server for the session (the cookie is httpOnly), sends the signed-out
 * to /login?next=…, and a signed-in person without the role to their own home page.
 */
export function RequireStaff({ allow }: Props) {
  const status = useSessionStore((s) => s.status);
  const session = useSessionStore((s) => s.session);
  const error = useSessionStore((s) => s.error);
  const load = useSessionStore((s) => s.load);
  const location = useLocation();

  useEffect(() => {
    if (status === 'unknown') void load();
  }, [status, load]);

  // Signed out elsewhere (another tab, an administrator, the idle limit): the server closes this
  // page's socket and refuses it again; the page then asks once and goes to sign-in.
  const recheck = useSessionStore((s) => s.recheck);
  useEffect(() => {
    if (status !== 'signed_in') return;
    return getSocket('staff', deskReaders).onStatus((socketStatus) => {
      if (socketStatus === 'unauthenticated') void recheck();
    });
  }, [status, recheck]);

  if (status === 'signed_out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (status === 'error') {
    return (
      <div className="nhsuk-error-summary" role="alert">
        <h1 className="nhsuk-error-summary__heading">Cannot check your sign-in</h1>
        <div className="nhsuk-error-summary__body">
          <p>{error}</p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void load()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (status !== 'signed_in' || !session) {
    return (
      <p className="nhsuk-body" role="status">
        Checking your sign-in…
      </p>
    );
  }
  const role = session.user.role;
  if (!allow.includes(role)) {
    const home = homeFor(role);
    // A supervisor opening a desk page goes to the queue; a clinician opening the queue is told why not.
    if (allow === DESK_ROLES) return <Navigate to={home} replace />;
    return (
      <>
        <h1 className="nhsuk-heading-l">You cannot open this page</h1>
        <p className="nhsuk-body">
          {allow === SUPERVISOR_ROLES ? 'The live queue is for supervisors.' : 'Your role cannot open this page.'}
        </p>
        <p className="nhsuk-body">
          <Link to={home}>Go to your home page</Link>
        </p>
      </>
    );
  }
  return (
    <>
      {session.timing && <SessionTimeout timing={session.timing} />}
      <Outlet />
    </>
  );
}

export function RequireDesk() {
  return <RequireStaff allow={DESK_ROLES} />;
}

export function RequireSupervisor() {
  return <RequireStaff allow={SUPERVISOR_ROLES} />;
}

/** The case page: the clinician's desk, or the read-only view of a supervisor or an admin. */
export function RequireCaseViewer() {
  return <RequireStaff allow={CASE_VIEWER_ROLES} />;
}
