import { guestInviteBodySchema, joinBodySchema, joinPreviewBodySchema, parentLanguageChoiceSchema } from '@desk/shared';
import { type RequestHandler, type Router } from 'express';
import { apiRouter } from '../http/input.js';
import { perMinute } from '../http/rate-limit.js';
import { countJoins } from '../metrics/http.js';
import { z } from 'zod';
import { joinActor } from '../audit/audit.js';
import { joinerFromCookie, joinerOf, requireJoiner, requireStaff, staffOf } from '../auth/middleware.js';
import { sessionCookie } from '../auth/sessions.js';
import type { Deps } from '../http/context.js';
import { parseOrThrow } from '../http/errors.js';
import { chooseParentLanguage, createInvite, exchangeInvite, joinSession, previewInvite } from './service.js';

const isEmptyBody = (body: unknown) => body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0);

/** No body (or `{}`) invites the parent; `{role, name, phone}` invites a colleague. */
function guestOf(body: unknown) {
  return isEmptyBody(body) ? null : parseOrThrow(guestInviteBodySchema, body);
}

/** The page's goodbye (pagehide): if it does not come back soon, the person has left. */
const leavingBodySchema = z.object({ endpoint: z.string().min(8).max(64) }).strict();

export function invitesRouter(deps: Deps): Router {
  const router = apiRouter({ mergeParams: true });
  // Each is an SMS to someone's phone: per clinician, so a stuck button or a stolen session cannot text a family all day.
  const { invitesPerMinute, guestInvitesPerMinute } = deps.config.rateLimits;
  const links = perMinute(deps, 'invites', invitesPerMinute, 'Too many video links sent in the last minute. Wait a minute and try again.', 'staff');
  const guests = perMinute(deps, 'guest-invites', guestInvitesPerMinute, 'Too many colleagues invited in the last minute. Wait a minute and try again.', 'staff');
  const limit: RequestHandler = (req, res, next) => (isEmptyBody(req.body) ? links : guests)(req, res, next);
  router.post('/', requireStaff(deps, ['clinician']), limit, async (req, res) => {
    const caseId = String(req.params.caseId);
    res.status(201).json(await createInvite(deps, staffOf(req), caseId, guestOf(req.body)));
  });
  return router;
}

export function joinRouter(deps: Deps): Router {
  const router = apiRouter();
  const limiter = perMinute(deps, 'join', deps.config.rateLimits.joinPerMinute, 'Too many attempts. Wait a minute and try again.');
  const secure = deps.config.secureCookies;

  router.post('/preview', limiter, async (req, res) => {
    const { token, capability } = parseOrThrow(joinPreviewBodySchema, req.body);
    res.set('Cache-Control', 'no-store').json(await previewInvite(deps, token, capability));
  });

  router.post('/', countJoins(deps.metrics), limiter, async (req, res) => {
    const { token, consentText } = parseOrThrow(joinBodySchema, req.body);
    const result = await exchangeInvite(deps, token, String(req.id ?? ''), consentText);
    res
      .set('Cache-Control', 'no-store')
      .append('Set-Cookie', sessionCookie('join', result.cookieToken, result.maxAgeMs, secure))
      .json(result.session);
  });

  // The parent's pick on the language switch: by the link before the tap, by the session after it.
  // Its own counter (same limit), so trying languages never uses up the tries of the link itself.
  const languageLimiter = perMinute(deps, 'join-language', deps.config.rateLimits.joinPerMinute, 'Too many attempts. Wait a minute and try again.');
  router.post('/language', languageLimiter, async (req, res) => {
    const { language, token } = parseOrThrow(parentLanguageChoiceSchema, req.body);
    await chooseParentLanguage(deps, token ? { token } : { joiner: await joinerFromCookie(deps, req) }, language);
    res.status(204).end();
  });

  router.get('/session', requireJoiner(deps), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await joinSession(deps, joinerOf(req)));
  });

  router.post('/leaving', requireJoiner(deps), async (req, res) => {
    const { endpoint } = parseOrThrow(leavingBodySchema, req.body);
    const joiner = joinerOf(req);
    await deps.calls.applyIfValid(joiner.callId, { type: 'CLOSING', participantId: joiner.participantId, endpoint }, joinActor(joiner));
    res.status(204).end();
  });
  return router;
}
