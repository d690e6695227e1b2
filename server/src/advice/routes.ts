import { adviceLanguageChoiceSchema, adviceLanguageFor, adviceRecapRequestSchema, adviceResponse, adviceTopicSchema } from '@desk/shared';
import { type Router } from 'express';
import { apiRouter } from '../http/input.js';
import type { Deps } from '../http/context.js';
import { AppError, parseOrThrow } from '../http/errors.js';
import { perMinute } from '../http/rate-limit.js';
import { adviceRecap, chooseAdviceLanguage } from './recap.js';

/** The advice is the same for every child and changes only with a release: shared caches may keep it. */
const ADVICE_MAX_AGE_S = 3600;

/**
 * Parent-facing safety-netting advice, reached from the SMS link on any phone: no sign-in, and
 * nothing about the case in the answer. A language that is none of ours gets English; an unreviewed
 * translation is shown or replaced by English as DRAFT_TRANSLATIONS says (`translation` tells which).
 */
export function adviceRouter(deps: Deps): Router {
  const router = apiRouter();
  // A code from the SMS, as guessable as a join link's: the same per-address limit.
  const recapLimiter = perMinute(deps, 'advice-recap', deps.config.rateLimits.joinPerMinute, 'Too many attempts. Wait a minute and try again.');

  // What the nurse advised, for the top of the page the SMS link opens: one family's answer, never cached.
  // A POST, so the code travels in the body and not in another URL (logs, history).
  router.post('/recap', recapLimiter, async (req, res) => {
    const { token, lang } = parseOrThrow(adviceRecapRequestSchema, req.body);
    res.set('Cache-Control', 'no-store').json(await adviceRecap(deps, token, lang === undefined ? undefined : adviceLanguageFor(lang)));
  });

  // The parent's pick on the advice page's language switch: the desk hears it through the link's code.
  // Its own counter (same limit): a parent trying languages, each reloading the recap, must not lose the pick to the recap's count.
  const languageLimiter = perMinute(deps, 'advice-language', deps.config.rateLimits.joinPerMinute, 'Too many attempts. Wait a minute and try again.');
  router.post('/language', languageLimiter, async (req, res) => {
    const { token, language } = parseOrThrow(adviceLanguageChoiceSchema, req.body);
    await chooseAdviceLanguage(deps, token, language);
    res.status(204).end();
  });

  router.get('/:topic', (req, res) => {
    const topic = adviceTopicSchema.safeParse(req.params.topic);
    if (!topic.success) throw new AppError('NOT_FOUND', 'There is no advice on that topic.');
    const advice = adviceResponse(topic.data, adviceLanguageFor(req.query.lang), deps.config.draftTranslations);
    // The language is in the URL (`?lang=`), so each language is its own cache entry.
    res
      .set('Cache-Control', `public, max-age=${ADVICE_MAX_AGE_S}`)
      .set('Content-Language', advice.lang)
      .json(advice);
  });
  return router;
}
