import { adviceLanguageFor, adviceResponse, adviceTopicSchema } from '@desk/shared';
import { type Router } from 'express';
import { apiRouter } from '../http/input.js';
import type { Deps } from '../http/context.js';
import { AppError } from '../http/errors.js';

/** The advice is the same for every child and changes only with a release: shared caches may keep it. */
const ADVICE_MAX_AGE_S = 3600;

/**
 * Parent-facing safety-netting advice, reached from the SMS link on any phone: no sign-in, and
 * nothing about the case in the answer. A language that is not translated yet gets English.
 */
export function adviceRouter(_deps: Deps): Router {
  const router = apiRouter();
  router.get('/:topic', (req, res) => {
    const topic = adviceTopicSchema.safeParse(req.params.topic);
    if (!topic.success) throw new AppError('NOT_FOUND', 'There is no advice on that topic.');
    const lang = adviceLanguageFor(req.query.lang);
    res
      .set('Cache-Control', `public, max-age=${ADVICE_MAX_AGE_S}`)
      .set('Content-Language', lang)
      .json(adviceResponse(topic.data, lang));
  });
  return router;
}
