import type { RecapState } from './recap';

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long' });

/** "14:05 on 3 December", in the phone's own time zone. */
function when(iso: string): string {
  const at = new Date(iso);
  return `${TIME.format(at)} on ${DAY.format(at)}`;
}

/**
 * What the nurse advised, above the topic's advice: the latest version of the decision, and, when an
 * amendment replaced the one this SMS was sent for, "Your advice has changed" first. Without a code,
 * or with one the server does not know, the parent still has the advice below and a short note.
 */
export function AdviceRecap({ state }: { state: RecapState }) {
  switch (state.status) {
    case 'none':
      return null;
    case 'loading':
      return (
        <p className="parent-note advice-recap-note" role="status">
          Loading what the nurse advised…
        </p>
      );
    case 'unknown':
      return (
        <p className="parent-note advice-recap-note" data-testid="advice-recap-note">
          We could not find the nurse’s advice for this link. Here is our general advice.
        </p>
      );
    case 'failed':
      return (
        <p className="parent-note advice-recap-note" data-testid="advice-recap-note">
          We could not load the nurse’s advice. Check your signal and reload this page. Here is our general advice.
        </p>
      );
    case 'shown': {
      const { recap } = state;
      if (recap.changed) {
        return (
          <section className="advice-recap advice-recap--changed" aria-labelledby="advice-recap-heading" data-testid="advice-recap" data-changed="true">
            <h2 className="nhsuk-heading-m" id="advice-recap-heading">
              Your advice has changed
            </h2>
            <p className="advice-recap__step">{recap.nextStep}</p>
            <p>New advice from {when(recap.givenAt)}. It replaces your earlier text message.</p>
          </section>
        );
      }
      return (
        <section className="nhsuk-inset-text advice-recap" aria-labelledby="advice-recap-heading" data-testid="advice-recap" data-changed="false">
          <h2 className="nhsuk-heading-s" id="advice-recap-heading">
            What the nurse advised
          </h2>
          <p className="advice-recap__step">{recap.nextStep}</p>
        </section>
      );
    }
  }
}
