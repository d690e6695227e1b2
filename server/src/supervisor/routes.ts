import { type Router } from 'express';
import { apiRouter } from '../http/input.js';
import { requireStaff } from '../auth/middleware.js';
import type { Deps } from '../http/context.js';
import { recentDecisions } from './decisions.js';
import type { BoardFeed } from './feed.js';
import { openQueue } from './queue.js';

export function supervisorRouter(deps: Deps, board: BoardFeed): Router {
  const router = apiRouter();
  router.get('/board', requireStaff(deps, ['supervisor', 'admin']), async (_req, res) => {
    res.json(await board.snapshot());
  });
  router.get('/queue', requireStaff(deps, ['supervisor', 'admin']), async (_req, res) => {
    res.json(await openQueue(deps));
  });
  router.get('/decisions', requireStaff(deps, ['supervisor', 'admin']), async (_req, res) => {
    res.json(await recentDecisions(deps));
  });
  return router;
}
