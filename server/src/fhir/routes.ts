import { type Router } from 'express';
import { apiRouter } from '../http/input.js';
import { requireStaff, staffOf } from '../auth/middleware.js';
import { STAFF_ROLES, type Deps } from '../http/context.js';
import { exportOutcome } from './service.js';

/** Mounted at `/api/cases/:caseId/outcome.fhir.json`. */
export function fhirRouter(deps: Deps): Router {
  const router = apiRouter({ mergeParams: true });
  router.get('/', requireStaff(deps, STAFF_ROLES), async (req, res) => {
    const caseId = String((req.params as { caseId: string }).caseId);
    const bundle = await exportOutcome(deps, staffOf(req), caseId);
    // Patient-identifiable: never kept by a browser or proxy cache.
    res.type('application/fhir+json').set('Cache-Control', 'no-store').send(JSON.stringify(bundle));
  });
  return router;
}
