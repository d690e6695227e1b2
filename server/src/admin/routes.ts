import { type Router } from 'express';
import { staffActor } from '../audit/audit.js';
import { requireStaff, staffOf } from '../auth/middleware.js';
import { disableUser, unlockUser } from '../auth/users.js';
import type { Deps } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { apiRouter } from '../http/input.js';

/** Mounted at `/api/admin`: account administration, for the admin role only. */
export function adminRouter(deps: Deps): Router {
  const router = apiRouter();
  router.post('/users/:userId/disable', requireStaff(deps, ['admin']), async (req, res) => {
    const ended = await disableUser(deps.db, String(req.params.userId), staffActor(staffOf(req).userId), deps.clock.now());
    if (!ended) throw notFound('That user');
    deps.events.sessionsEnded(ended);
    deps.events.staffChanged(String(req.params.userId));
    res.status(204).end();
  });
  // After a lockout (docs/security.md): the failed sign-ins before this no longer count.
  router.post('/users/:userId/unlock', requireStaff(deps, ['admin']), async (req, res) => {
    if (!(await unlockUser(deps.db, String(req.params.userId), staffActor(staffOf(req).userId), deps.clock.now()))) throw notFound('That user');
    res.status(204).end();
  });
  return router;
}
