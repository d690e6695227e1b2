import { useParams, useSearchParams } from 'react-router';
import { adviceUrl, fetchAdvice } from '../features/advice/api';
import { AdviceProblem } from '../features/advice/AdviceProblem';
import { AdviceRecap } from '../features/advice/AdviceRecap';
import { AdviceView } from '../features/advice/AdviceView';
import { ADVICE_TOKEN_PARAM, useAdviceRecap } from '../features/advice/recap';
import { useResource } from '../lib/useResource';
import '../styles/advice.scss';

/**
 * Safety-netting advice, opened from the SMS on the parent's phone (`/advice/<topic>?lang=en&t=<code>`).
 * No sign-in and nothing about the child in the address: the topic's advice is the same for everyone;
 * the link's code adds what the nurse advised (features/advice/recap.ts).
 * Loads no desk code and no desk CSS.
 */
export default function AdvicePage() {
  const { topic = '' } = useParams();
  const [searchParams] = useSearchParams();
  const lang = searchParams.get('lang') || 'en';
  const recap = useAdviceRecap(searchParams.get(ADVICE_TOKEN_PARAM));
  const advice = useResource(adviceUrl(topic, lang), (signal) => fetchAdvice(adviceUrl(topic, lang), signal));

  return (
    <div className="parent-page advice-page">
      <title>{advice.data ? `${advice.data.content.title} – NHS 111` : 'Advice – NHS 111'}</title>
      <header className="parent-header">NHS 111 advice for parents</header>
      <main className="parent-main" id="maincontent">
        {advice.data ? (
          <AdviceView advice={advice.data} onPrint={() => window.print()} recap={<AdviceRecap state={recap} />} />
        ) : advice.error ? (
          <AdviceProblem error={advice.error} onRetry={advice.reload} />
        ) : (
          <p className="parent-status" role="status">
            Loading advice…
          </p>
        )}
      </main>
    </div>
  );
}
