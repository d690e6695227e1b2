import { isApiError } from '../../lib/errors';
import { useMessages } from '../i18n/locale';
import { PhoneText } from './PhoneText';

/** Whatever went wrong, the parent is told where to get help, in the page's language. */
export function AdviceProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const m = useMessages().advice;
  if (isApiError(error, 'NOT_FOUND')) {
    return (
      <>
        <h1 className="nhsuk-heading-l">{m.notFoundHeading}</h1>
        <p>
          <PhoneText text={m.notFoundBody} />
        </p>
        <p>
          <PhoneText text={m.call999} />
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="nhsuk-heading-l">{m.failedHeading}</h1>
      <p>
        <PhoneText text={m.failedBody} />
      </p>
      <p>
        <PhoneText text={m.call999} />
      </p>
      <button type="button" className="nhsuk-button parent-button" onClick={onRetry}>
        {m.tryAgain}
      </button>
    </>
  );
}
