import { Outlet } from 'react-router';
import '../../styles/desk.scss';
import { StaffHeader } from './StaffHeader';

/** Frame of every staff page (and the desk's login, 404 and dev pages): NHS.UK header and main landmark. */
export default function DeskLayout() {
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <StaffHeader />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </>
  );
}
