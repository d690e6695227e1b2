import { act, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireDesk, RequireSupervisor } from '../src/features/auth/RequireStaff';
import { useSessionStore } from '../src/features/auth/sessionStore';
import { apiError, createFakeSocket, stubFetch } from './helpers';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./helpers').createFakeSocket> }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => fake.current?.socket, closeSocket: vi.fn() }));

const session = (role: string) => ({
  status: 200,
  body: { user: { id: 'u1', username: role, displayName: 'Pat Lee', role }, iceServers: [], devMode: false },
});

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { element: <RequireDesk />, children: [{ path: '/cases/:id', element: <h1>Case</h1> }] },
      { element: <RequireSupervisor />, children: [{ path: '/supervisor', element: <h1>Queue</h1> }] },
      { path: '/login', element: <h1>Login</h1> },
    ],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe('RequireStaff', () => {
  beforeEach(() => {
    fake.current = createFakeSocket();
    useSessionStore.setState({ status: 'unknown', session: null, error: null });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends the signed-out to /login with the page to come back to', async () => {
    stubFetch().on('GET', '/api/auth/session', apiError(401, 'UNAUTHENTICATED', 'Sign in'));
    const router = renderAt('/cases/abc?x=1');
    expect(await screen.findByRole('heading', { name: 'Login' })).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/cases/abc?x=1')}`);
  });

  it('sends a supervisor on a desk page to the queue', async () => {
    stubFetch().on('GET', '/api/auth/session', session('supervisor'));
    renderAt('/cases/abc');
    expect(await screen.findByRole('heading', { name: 'Queue' })).toBeInTheDocument();
  });

  it('tells a clinician the queue is for supervisors', async () => {
    stubFetch().on('GET', '/api/auth/session', session('clinician'));
    renderAt('/supervisor');
    expect(await screen.findByRole('heading', { name: 'You cannot open this page' })).toBeInTheDocument();
  });

  it('lets a clinician open a case', async () => {
    stubFetch().on('GET', '/api/auth/session', session('clinician'));
    renderAt('/cases/abc');
    expect(await screen.findByRole('heading', { name: 'Case' })).toBeInTheDocument();
  });

  it('goes to sign-in when the server ends the session under an open page (signed out elsewhere)', async () => {
    const server = stubFetch().on('GET', '/api/auth/session', session('clinician'));
    const router = renderAt('/cases/abc');
    expect(await screen.findByRole('heading', { name: 'Case' })).toBeInTheDocument();

    server.on('GET', '/api/auth/session', apiError(401, 'UNAUTHENTICATED', 'Sign in'));
    act(() => fake.current!.setStatus('unauthenticated'));

    expect(await screen.findByRole('heading', { name: 'Login' })).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/cases/abc')}`);
  });

  it('stays on the page when the socket was refused but the session still counts', async () => {
    const server = stubFetch().on('GET', '/api/auth/session', session('clinician'));
    renderAt('/cases/abc');
    expect(await screen.findByRole('heading', { name: 'Case' })).toBeInTheDocument();
    act(() => fake.current!.setStatus('unauthenticated'));
    await waitFor(() => expect(server.callsTo('GET', '/api/auth/session')).toHaveLength(2));
    expect(screen.getByRole('heading', { name: 'Case' })).toBeInTheDocument();
  });
});
