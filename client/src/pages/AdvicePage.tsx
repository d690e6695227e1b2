import { isParentLanguage } from '@desk/shared';
import { useParams, useSearchParams } from 'react-router';
import { adviceUrl, fetchAdvice } from '../features/advice/api';
import { AdviceProblem } from '../features/advice/AdviceProblem';
import { AdviceRecap } from '../features/advice/AdviceRecap';
import { AdviceView } from '../features/advice/AdviceView';
import { ADVICE_TOKEN_PARAM, reportAdviceLanguage, useAdviceRecap } from '../features/advice/recap';
import { useLocaleStore, useMessages } from '../features/i18n/locale';
import { DraftTranslationNotice } from '../features/i18n/LocaleGate';
import { ParentHeader } from '../features/i18n/LanguageSwitch';
import { useResource } from '../lib/useResource';
import '../styles/advice.scss';

/**
 * Safety-netting advice, opened from the SMS on the parent's phone (`/advice/<topic>?lang=pl&t=<code>`).
 * No sign-in and nothing about the child in the address: the topic's advice is the same for everyone;
 * the link's code adds what the nurse advised (features/advice/recap.ts).
 * The advice comes in the page's language: `?lang=` first, then the parent's own pick on the switch
 * (which also rewrites `?lang=`, so a reload or a shared link keeps it). While a language's
 * translation is unchecked the service may send English instead; the page then says why.
 * Loads no desk code and no desk CSS.
 */
export default function AdvicePage() {
  const { topic = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const m = useMessages();
  const lang = useLocaleStore((state) => state.lang);
  const token = searchParams.get(ADVICE_TOKEN_PARAM);
  // A link that asks for a language we do not have (`?lang=cy`) says so, rather than silently showing English.
  const asked = searchParams.get('lang');
  const unavailable = asked !== null && !isParentLanguage(asked) && lang === 'en';
  const recap = useAdviceRecap(token, lang);
  const url = adviceUrl(topic, lang);
  const advice = useResource(url, (signal) => fetchAdvice(url, signal));
  const data = advice.data;

  const chosen = (next: typeof lang) => {
    setSearchParams(
      (params) => {
        params.set('lang', next);
        return params;
      },
      { replace: true },
    );
    void reportAdviceLanguage(token, next);
  };

  return (
    <div className="parent-page advice-page">
      <title>{data ? m.page.adviceTitle(data.content.title) : m.page.adviceTitleLoading}</title>
      <ParentHeader title={m.page.adviceHeader} onLanguageChosen={chosen} />
      <DraftTranslationNotice force={data?.translation === 'draft'} />
      <main className="parent-main" id="maincontent">
        {data ? (
          <>
            {unavailable ? (
              <p className="parent-note advice-in-english" data-testid="advice-language-unavailable">
                {m.advice.languageUnavailable}
              </p>
            ) : null}
            {data.translation === 'withheld' ? (
              <p className="parent-note advice-in-english" data-testid="advice-in-english">
                {m.advice.inEnglish}
              </p>
            ) : null}
            <AdviceView advice={data} onPrint={() => window.print()} recap={<AdviceRecap state={recap} />} />
          </>
        ) : advice.error ? (
          <AdviceProblem error={advice.error} onRetry={advice.reload} />
        ) : (
          <p className="parent-status" role="status">
            {m.advice.loading}
          </p>
        )}
      </main>
    </div>
  );
}
