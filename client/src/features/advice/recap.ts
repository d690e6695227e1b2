import type { ADVICE_TOKEN_PARAM as SharedTokenParam, AdviceRecap } from '@desk/shared';
import { useResource } from '../../lib/useResource';

/** The advice link's code parameter (`?t=`); typed from `@desk/shared` so the two cannot drift, with no zod on the page. */
export const ADVICE_TOKEN_PARAM: typeof SharedTokenParam = 't';

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
export function isAdviceRecap(value: unknown): value is AdviceRecap {
  if (typeof value !== 'object' || value === null) return false;
  const { changed, nextStep, givenAt } = value as Record<string, unknown>;
  return typeof changed === 'boolean' && typeof nextStep === 'string' && nextStep.length > 0 && typeof givenAt === 'string' && !Number.isNaN(Date.parse(givenAt));
}

/** Never rejects but for an abort: whatever happens, the page still shows the topic's advice. */
export async function fetchAdviceRecap(token: string, signal: AbortSignal): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch('/api/advice/recap', {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    return { status: 'failed' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && isAdviceRecap(body)) return { status: 'shown', recap: { changed: body.changed, nextStep: body.nextStep, givenAt: body.givenAt } };
  // A malformed code is refused before the lookup (400): to the parent it is the same unknown link.
  if (response.status === 404 || response.status === 400) return { status: 'unknown' };
  return { status: 'failed' };
}

export function useAdviceRecap(token: string | null): RecapState {
  const recap = useResource(token ? `recap:${token}` : 'recap:none', (signal) => (token ? fetchAdviceRecap(token, signal) : Promise.resolve<Answer>({ status: 'none' })));
  return recap.data ?? (recap.error ? { status: 'failed' } : { status: 'loading' });
}
