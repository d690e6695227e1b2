import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import '../../styles/desk.scss';
import { DeskNotices } from '../desk/DeskNotices';
import { DeskShortcuts } from '../shortcuts/DeskShortcuts';
import { StaffHeader } from './StaffHeader';
import { DESK_ROLES, useSessionStore } from './sessionStore';

/** Frame of every staff page (and the desk's login, 404 and dev pages): NHS.UK header and main landmark. */
export default function DeskLayout() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const session = useSessionStore((s) => s.session);
  const clinician = session !== null && DESK_ROLES.includes(session.user.role);
  // After moving to another page inside the app, put focus at the top of the new page so a
  // screen reader announces it (a full page load does this by itself).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <StaffHeader />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1} ref={mainRef}>
          {/* A supervisor's notices reach the clinician on every desk page, until dismissed. */}
          {clinician ? <DeskNotices key={session.user.id} /> : null}
          <Outlet />
        </main>
      </div>
      {/* Keyboard shortcuts are the clinician's (never a supervisor's, never on the parent's pages). */}
      {clinician ? <DeskShortcuts /> : null}
    </>
  );
}
