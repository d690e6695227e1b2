import type { ComponentType } from 'react';
import { createBrowserRouter, useRouteError, type RouteObject } from 'react-router';

/**
 * The desk's pages (index.html). Every page is lazy: the entry chunk holds only this table. The
 * parent's /join and /advice are another page altogether (parent.html, parent-main.tsx).
 */

type ModuleWith<K extends string> = Record<K, ComponentType>;

/** `lazy` for a module's default export. */
function page(load: () => Promise<{ default: ComponentType }>): RouteObject['lazy'] {
  return async () => ({ Component: (await load()).default });
}

/** `lazy` for a named export. */
function named<K extends string>(load: () => Promise<ModuleWith<K>>, name: K): RouteObject['lazy'] {
  return async () => ({ Component: (await load())[name] });
}

export const routes: RouteObject[] = [
  {
    // Nothing to hydrate (client-only), and no desk code while the first lazy route loads.
    HydrateFallback: NothingYet,
    ErrorBoundary: RouteError,
    children: [
      {
        lazy: page(() => import('./features/auth/DeskLayout')),
        children: [
          { path: '/login', lazy: page(() => import('./pages/LoginPage')) },
          {
            lazy: named(() => import('./features/auth/RequireStaff'), 'RequireDesk'),
            children: [
              { index: true, lazy: page(() => import('./pages/CaseListPage')) },
              { path: '/cases/new', lazy: page(() => import('./pages/NewCasePage')) },
            ],
          },
          {
            // Supervisors open any case from the board, read-only.
            lazy: named(() => import('./features/auth/RequireStaff'), 'RequireCaseViewer'),
            children: [{ path: '/cases/:id', lazy: page(() => import('./pages/CasePage')) }],
          },
          {
            lazy: named(() => import('./features/auth/RequireStaff'), 'RequireSupervisor'),
            children: [
              { path: '/supervisor', lazy: page(() => import('./pages/SupervisorPage')) },
              { path: '/supervisor/reports', lazy: page(() => import('./pages/ReportsPage')) },
              { path: '/supervisor/audit', lazy: page(() => import('./pages/AuditPage')) },
            ],
          },
          // The fake phone: the demo's parent opens it without a staff sign-in.
          { path: '/dev/outbox', lazy: page(() => import('./pages/OutboxPage')) },
          { path: '*', lazy: page(() => import('./pages/NotFoundPage')) },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);

function NothingYet() {
  return null;
}

/** Last resort, kept tiny and unstyled because it lives in the entry chunk (a chunk can fail to load). */
function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <main style={{ fontFamily: 'system-ui, arial, sans-serif', padding: '1rem', maxWidth: '40rem' }}>
      <h1>Sorry, something went wrong</h1>
      <p>Reload the page to try again. If you are a parent, stay on the phone: the clinician can still help you.</p>
      <button type="button" onClick={() => window.location.reload()}>
        Reload the page
      </button>
    </main>
  );
}
