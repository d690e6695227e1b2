import { Router } from 'express';
import { requireStaff } from '../auth/middleware.js';
import type { Deps } from '../http/context.js';
import { openQueue } from './queue.js';

export function supervisorRouter(deps: Deps): Router {
  const router = Router();
  router.get('/queue', requireStaff(deps, ['supervisor', 'admin']), async (_req, res) => {
    res.json(await openQueue(deps));
  });
  return router;
}
