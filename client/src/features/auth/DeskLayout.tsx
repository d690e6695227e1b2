import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import '../../styles/desk.scss';
import { StaffHeader } from './StaffHeader';

/** Frame of every staff page (and the desk's login, 404 and dev pages): NHS.UK header and main landmark. */
export default function DeskLayout() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
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
          <Outlet />
        </main>
      </div>
    </>
  );
}
