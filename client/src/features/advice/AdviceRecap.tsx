import { clockTime, dayAndMonth } from '../i18n/format';
import { useLocaleStore, useMessages } from '../i18n/locale';
import type { RecapState } from './recap';

/**
 * What the nurse advised, above the topic's advice: the latest version of the decision, and, when an
 * amendment replaced the one this SMS was sent for, "Your advice has changed" first. Without a code,
 * or with one the server does not know, the parent still has the advice below and a short note.
 * The sentence itself comes from the server in the page's language (or English while its
 * translation is unchecked); the words around it are the page's.
 */
export function AdviceRecap({ state }: { state: RecapState }) {
  const m = useMessages().advice;
  const lang = useLocaleStore((s) => s.lang);
  switch (state.status) {
    case 'none':
      return null;
    case 'loading':
      return (
        <p className="parent-note advice-recap-note" role="status">
          {m.recapLoading}
        </p>
      );
    case 'unknown':
      return (
        <p className="parent-note advice-recap-note" data-testid="advice-recap-note">
          {m.recapUnknown}
        </p>
      );
    case 'failed':
      return (
        <p className="parent-note advice-recap-note" data-testid="advice-recap-note">
          {m.recapFailed}
        </p>
      );
    case 'shown': {
      const { recap } = state;
      const step = (
        <p className="advice-recap__step" lang={recap.lang}>
          {recap.nextStep}
        </p>
      );
      if (recap.changed) {
        const at = new Date(recap.givenAt);
        return (
          <section className="advice-recap advice-recap--changed" aria-labelledby="advice-recap-heading" data-testid="advice-recap" data-changed="true">
            <h2 className="nhsuk-heading-m" id="advice-recap-heading">
              {m.recapChangedHeading}
            </h2>
            {step}
            <p>{m.recapChangedWhen(clockTime(lang, at), dayAndMonth(lang, at))}</p>
          </section>
        );
      }
      return (
        <section className="nhsuk-inset-text advice-recap" aria-labelledby="advice-recap-heading" data-testid="advice-recap" data-changed="false">
          <h2 className="nhsuk-heading-s" id="advice-recap-heading">
            {m.recapHeading}
          </h2>
          {step}
        </section>
      );
    }
  }
}
