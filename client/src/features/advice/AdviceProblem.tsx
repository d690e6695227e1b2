import { isApiError } from '../../lib/errors';
import { PhoneText } from './PhoneText';

/** Whatever went wrong, the parent is told where to get help. */
export function AdviceProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (isApiError(error, 'NOT_FOUND')) {
    return (
      <>
        <h1 className="nhsuk-heading-l">Page not found</h1>
        <p>
          <PhoneText text="We could not find this advice. Call 111 if you are worried." />
        </p>
        <p>
          <PhoneText text="Call 999 if your child is very unwell or you think their life is at risk." />
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="nhsuk-heading-l">Sorry, the advice did not load</h1>
      <p>
          <PhoneText text="Check your signal and try again. Call 111 if you are worried." />
        </p>
      <p>
          <PhoneText text="Call 999 if your child is very unwell or you think their life is at risk." />
        </p>
      <button type="button" className="nhsuk-button parent-button" onClick={onRetry}>
        Try again
      </button>
    </>
  );
}
