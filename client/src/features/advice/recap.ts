import { isAdviceTranslation, isParentLanguage, type AdviceRecap, type ParentLanguage } from '@desk/shared';
import { api, ApiRequestError, noContentReader, type Reader } from '../../lib/api';
import { isApiError } from '../../lib/errors';
import { useResource } from '../../lib/useResource';

/** The advice link's code parameter (`?t=`), from the zod-free advice-topics module. */
export { ADVICE_TOKEN_PARAM } from '@desk/shared';

/** What the page knows about the nurse's advice for this link. */
export type RecapState =
  /** A link without a code (an older SMS, a shared or typed address): the topic's advice alone. */
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'shown'; recap: AdviceRecap }
  /** The server does not know the code (cut short, mistyped): the topic's advice with a short note. */
  | { status: 'unknown' }
  /** No answer (weak signal) or one we cannot read: the topic's advice with a short note. */
  | { status: 'failed' };

type Answer = Exclude<RecapState, { status: 'loading' }>;

/** The server validates; this only checks that what came back is what the page renders. */
export function isAdviceRecap(value: unknown): value is Omit<AdviceRecap, 'lang' | 'translation'> & Partial<Pick<AdviceRecap, 'lang' | 'translation'>> {
  if (typeof value !== 'object' || value === null) return false;
  const { changed, nextStep, givenAt, lang, translation } = value as Record<string, unknown>;
  return (
    typeof changed === 'boolean' &&
    typeof nextStep === 'string' &&
    nextStep.length > 0 &&
    typeof givenAt === 'string' &&
    !Number.isNaN(Date.parse(givenAt)) &&
    (lang === undefined || isParentLanguage(lang)) &&
    (translation === undefined || isAdviceTranslation(translation))
  );
}

/** Reads the recap with the type guard: a shape the page does not know is a failed load. */
const recapReader: Reader<AdviceRecap> = {
  parse(json) {
    if (!isAdviceRecap(json)) throw new ApiRequestError(200, 'INTERNAL', 'The advice recap could not be read.');
    // An answer without the language (an older server) is the English original it then was.
    return { changed: json.changed, nextStep: json.nextStep, givenAt: json.givenAt, lang: json.lang ?? 'en', translation: json.translation ?? 'original' };
  },
};

/** Never rejects but for an abort: whatever happens, the page still shows the topic's advice. */
export async function fetchAdviceRecap(token: string, lang: ParentLanguage, signal: AbortSignal): Promise<Answer> {
  try {
    return { status: 'shown', recap: await api('POST', '/api/advice/recap', recapReader, { body: { token, lang }, signal }) };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    // A malformed code is refused before the lookup (400): to the parent it is the same unknown link.
    if (isApiError(error, 'ADVICE_LINK_UNKNOWN') || isApiError(error, 'VALIDATION_FAILED')) return { status: 'unknown' };
    return { status: 'failed' };
  }
}

export function useAdviceRecap(token: string | null, lang: ParentLanguage): RecapState {
  const recap = useResource(token ? `recap:${token}:${lang}` : 'recap:none', (signal) =>
    token ? fetchAdviceRecap(token, lang, signal) : Promise.resolve<Answer>({ status: 'none' }),
  );
  return recap.data ?? (recap.error ? { status: 'failed' } : { status: 'loading' });
}

/**
 * The parent picked another language on the advice page: the desk hears it through the link's code
 * (the case's language follows, audited). Without a code nobody is told; a failure changes nothing
 * on the page.
 */
export async function reportAdviceLanguage(token: string | null, language: ParentLanguage): Promise<void> {
  if (!token) return;
  try {
    await api('POST', '/api/advice/language', noContentReader, { body: { token, language } });
  } catch {
    // The page is already in the parent's language.
  }
}
