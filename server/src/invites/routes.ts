import { joinBodySchema } from '@desk/shared';
import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { parentOf, requireParent, requireStaff, staffOf } from '../auth/middleware.js';
import { sessionCookie } from '../auth/sessions.js';
import type { Deps } from '../http/context.js';
import { AppError, parseOrThrow } from '../http/errors.js';
import { createInvite, exchangeInvite, parentSession, previewInvite } from './service.js';

export function requestOrigin(deps: Deps, req: Request): string {
  return deps.config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
}

export function invitesRouter(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  router.post('/', requireStaff(deps, ['clinician']), async (req, res) => {
    const caseId = (req.params as { caseId: string }).caseId;
    res.status(201).json(await createInvite(deps, staffOf(req), caseId, requestOrigin(deps, req)));
  });
  return router;
}

export function joinRouter(deps: Deps): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: deps.config.rateLimits.joinPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 'Too many attempts. Wait a minute and try again.')),
  });
  const secure = deps.config.https || (deps.config.publicUrl?.startsWith('https:') ?? false);

  router.post('/preview', limiter, async (req, res) => {
    const { token } = parseOrThrow(joinBodySchema, req.body);
    res.set('Cache-Control', 'no-store').json(await previewInvite(deps, token));
  });

  router.post('/', limiter, async (req, res) => {
    const { token } = parseOrThrow(joinBodySchema, req.body);
    const result = await exchangeInvite(deps, token, String(req.id ?? ''));
    res
      .set('Cache-Control', 'no-store')
      .append('Set-Cookie', sessionCookie('parent', result.cookieToken, result.maxAgeMs, secure))
      .json(result.session);
  });

  router.get('/session', requireParent(deps), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await parentSession(deps, parentOf(req)));
  });
  return router;
}
