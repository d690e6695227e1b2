import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AvailabilityControl } from '../desk/AvailabilityControl';
import { HELP_TITLE } from '../shortcuts/shortcuts';
import { useShortcutsStore } from '../shortcuts/shortcutsStore';
import { DESK_ROLES, homeFor, useSessionStore } from './sessionStore';

export const SERVICE_NAME = 'NHS 111 paediatric video desk';

export function StaffHeader() {
  const session = useSessionStore((s) => s.session);
  const signOut = useSessionStore((s) => s.signOut);
  const openShortcutsHelp = useShortcutsStore((s) => s.openHelp);
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const home = session ? homeFor(session.user.role) : '/';

  const onSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // Signed out locally either way; the server session expires on its own.
    } finally {
      setSigningOut(false);
      navigate('/login', { replace: true });
    }
  };

  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to={home} aria-label={`${SERVICE_NAME} homepage`}>
            <svg
              className="nhsuk-header__logo"
              xmlns="http://www.w3.org/2000/svg"
              viewBox="0 0 200 80"
              height="40"
              width="100"
              focusable="false"
              aria-hidden="true"
            >
              <path
                fill="currentcolor"
                d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
              />
            </svg>
            <span className="nhsuk-header__service-name">{SERVICE_NAME}</span>
          </Link>
        </div>
        {session ? (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              {DESK_ROLES.includes(session.user.role) ? (
                <li className="nhsuk-header__account-item">
                  {/* Keyed by person: another sign-in starts from the server's value, not this one's. */}
                  <AvailabilityControl key={session.user.id} />
                </li>
              ) : null}
              {DESK_ROLES.includes(session.user.role) ? (
                <li className="nhsuk-header__account-item">
                  <button type="button" className="nhsuk-header__account-button" onClick={openShortcutsHelp}>
                    {HELP_TITLE}
                  </button>
                </li>
              ) : null}
              <li className="nhsuk-header__account-item">
                <span className="desk-header__user">
                  {session.user.displayName} <span className="nhsuk-u-visually-hidden">is signed in</span>
                </span>
              </li>
              <li className="nhsuk-header__account-item">
                <button
                  type="button"
                  className="nhsuk-header__account-button"
                  onClick={() => void onSignOut()}
                  disabled={signingOut}
                >
                  Sign out
                </button>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>
    </header>
  );
}
