import type { StaffSession } from '@desk/shared';
import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorSummary, type FormError } from '../components/ErrorSummary';
import { TextField } from '../components/Fields';
import { homeFor, safeNext, useSessionStore } from '../features/auth/sessionStore';
import { useLoginForm } from '../features/auth/useLoginForm';

export default function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signedIn = useSessionStore((s) => s.signedIn);
  const status = useSessionStore((s) => s.status);
  const current = useSessionStore((s) => s.session);
  const loadSession = useSessionStore((s) => s.load);
  const endedBecause = useSessionStore((s) => s.endedBecause);
  // Someone already signed in (a bookmark to /login, the back button) goes straight to their page.
  useEffect(() => {
    if (status === 'unknown') void loadSession();
  }, [status, loadSession]);
  const form = useLoginForm((session: StaffSession) => {
    signedIn(session);
    navigate(safeNext(params.get('next')) ?? homeFor(session.user.role), { replace: true });
  });

  const errors: FormError[] = [
    ...(form.formError ? [{ fieldId: 'username', message: form.formError }] : []),
    ...(['username', 'password'] as const)
      .filter((name) => form.fields[name])
      .map((name) => ({ fieldId: name, message: form.fields[name] ?? '' })),
  ];

  if (status === 'signed_in' && current && !form.busy) {
    return <Navigate to={safeNext(params.get('next')) ?? homeFor(current.user.role)} replace />;
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-one-half">
        <title>Sign in – NHS 111 paediatric video desk</title>
        <ErrorSummary errors={errors} focusKey={form.attempt} />
        <h1 className="nhsuk-heading-l">Sign in to the paediatric video desk</h1>
        {endedBecause && (
          <div className="nhsuk-inset-text" role="status">
            <p>
              {endedBecause === 'idle'
                ? 'You were signed out because the desk was not used for a while. Sign in again to carry on.'
                : 'Your session reached its time limit. Sign in again to carry on.'}
            </p>
          </div>
        )}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void form.submit();
          }}
        >
          <TextField
            id="username"
            label="Username"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            value={form.values.username}
            error={form.fields.username}
            onChange={(event) => form.setValue('username', event.target.value)}
          />
          <TextField
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={form.values.password}
            error={form.fields.password}
            onChange={(event) => form.setValue('password', event.target.value)}
          />
          <button type="submit" className="nhsuk-button" disabled={form.busy} aria-disabled={form.busy}>
            {form.busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </div>
  );
}
