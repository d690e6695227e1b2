import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import LoginPage from '../src/pages/LoginPage';
import { safeNext, useSessionStore } from '../src/features/auth/sessionStore';
import { apiError, renderRoute, stubFetch } from './helpers';

vi.mock('../src/lib/socket', () => ({ getSocket: vi.fn(), closeSocket: vi.fn() }));

const SESSION = {
  user: { id: 'u1', username: 'clinician', displayName: 'Sam Patel', role: 'clinician' },
  iceServers: [],
  devMode: true,
};

describe('LoginPage', () => {
  beforeEach(() => useSessionStore.setState({ status: 'unknown', session: null, error: null }));
  afterEach(() => vi.unstubAllGlobals());

  it('lists empty fields in an error summary that links to each field, without calling the server', async () => {
    const server = stubFetch();
    const user = userEvent.setup();
    renderRoute('/login', <LoginPage />, '/login');

    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Enter your username' })).toHaveAttribute('href', '#username');
    expect(within(summary).getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password');
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription('Error: Enter your username');
    expect(server.callsTo('POST', '/api/auth/login')).toHaveLength(0);

    await user.click(within(summary).getByRole('link', { name: 'Enter your password' }));
    expect(screen.getByLabelText('Password')).toHaveFocus();
  });

  it('says the username or password is incorrect on 401 INVALID_CREDENTIALS and keeps the username', async () => {
    const server = stubFetch().on('POST', '/api/auth/login', apiError(401, 'INVALID_CREDENTIALS', 'Invalid credentials'));
    const user = userEvent.setup();
    renderRoute('/login', <LoginPage />, '/login');

    await user.type(screen.getByLabelText('Username'), 'clinician');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('link', { name: 'Username or password is incorrect' })).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveValue('clinician');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(server.callsTo('POST', '/api/auth/login')[0]?.body).toEqual({ username: 'clinician', password: 'wrong' });
  });

  it('asks the person to wait on 429 RATE_LIMITED', async () => {
    stubFetch().on('POST', '/api/auth/login', apiError(429, 'RATE_LIMITED', 'Too many attempts'));
    const user = userEvent.setup();
    renderRoute('/login', <LoginPage />, '/login');

    await user.type(screen.getByLabelText('Username'), 'clinician');
    await user.type(screen.getByLabelText('Password'), 'demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText(/Too many sign-in attempts\. Wait a minute/)).toBeInTheDocument();
  });

  it('signs in and goes to the page it was sent from', async () => {
    stubFetch().on('POST', '/api/auth/login', { status: 200, body: SESSION });
    const user = userEvent.setup();
    const { router } = renderRoute('/login', <LoginPage />, '/login?next=%2Fcases%2Fnew');

    await user.type(screen.getByLabelText('Username'), 'clinician');
    await user.type(screen.getByLabelText('Password'), 'demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByTestId('navigated')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/cases/new');
    expect(useSessionStore.getState().session?.user.displayName).toBe('Sam Patel');
  });

  it('sends someone already signed in straight to their page instead of showing the form', async () => {
    stubFetch().on('GET', '/api/auth/session', { status: 200, body: SESSION });
    const { router } = renderRoute('/login', <LoginPage />, '/login?next=%2Fcases%2Fnew');

    expect(await screen.findByTestId('navigated')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/cases/new');
  });

  it.each(['/\\evil.example', '//evil.example', '/%5Cevil.example/..', '/login?next=%2F', 'https://evil.example', '/\tevil'])(
    'sends someone already signed in home, not to next=%s',
    async (next) => {
      stubFetch().on('GET', '/api/auth/session', { status: 200, body: SESSION });
      const { router } = renderRoute('/login', <LoginPage />, `/login?next=${encodeURIComponent(next)}`);

      expect(await screen.findByTestId('navigated')).toBeInTheDocument();
      expect(router.state.location.pathname).toBe('/');
    },
  );
});

describe('safeNext', () => {
  it('keeps a path on this site with its query and hash', () => {
    expect(safeNext('/cases/abc?tab=call#video')).toBe('/cases/abc?tab=call#video');
  });
  it.each([null, '', 'cases', '/\\evil.example', '//evil.example', '/login', '/login/', '/\u0000x'])('refuses %j', (next) => {
    expect(safeNext(next)).toBeNull();
  });
});
