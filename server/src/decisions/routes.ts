import { IDEMPOTENCY_HEADER } from '@desk/shared';
import { Router } from 'express';
import { requireStaff, staffOf } from '../auth/middleware.js';
import { STAFF_ROLES, type Deps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { listDecisions, signDecision } from './service.js';

export function decisionsRouter(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  const caseIdOf = (params: unknown) => (params as { caseId: string }).caseId;

  router.get('/', requireStaff(deps, STAFF_ROLES), async (req, res) => {
    res.json(await listDecisions(deps, caseIdOf(req.params)));
  });

  router.post('/', requireStaff(deps, ['clinician']), async (req, res) => {
    const { decision, replayed } = await signDecision(deps, staffOf(req), caseIdOf(req.params), req.get(IDEMPOTENCY_HEADER), req.body);
    res.status(replayed ? 200 : 201).json(decision);
  });

  // A signed decision is a clinical record: it is never edited or deleted, only amended by a new version.
  router.all('/:decisionId', requireStaff(deps, STAFF_ROLES), (req) => {
    if (req.method === 'PUT' || req.method === 'PATCH' || req.method === 'DELETE') {
      throw new AppError('DECISION_IMMUTABLE', 'A signed decision cannot be changed or deleted. Amend it to record a new version.');
    }
    throw new AppError('NOT_FOUND', 'No such API route.');
  });
  return router;
}
