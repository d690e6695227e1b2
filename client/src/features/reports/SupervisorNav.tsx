import { NavLink } from 'react-router';

const PAGES = [
  { to: '/supervisor', label: 'Board' },
  { to: '/supervisor/reports', label: 'Reports' },
  { to: '/supervisor/audit', label: 'Audit' },
] as const;

/** The supervisor's pages, the current one marked `aria-current="page"` (NavLink does it) as well as underlined. */
export function SupervisorNav() {
  return (
    <nav className="desk-subnav" aria-label="Supervisor pages">
      <ul className="desk-subnav__list">
        {PAGES.map((page) => (
          <li className="desk-subnav__item" key={page.to}>
            <NavLink to={page.to} end className="desk-subnav__link">
              {page.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
