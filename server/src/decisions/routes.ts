import { IDEMPOTENCY_HEADER } from '@desk/shared';
import { type Router, type Request } from 'express';
import { apiRouter } from '../http/input.js';
import { requireStaff, staffOf } from '../auth/middleware.js';
import { STAFF_ROLES, type Deps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { deleteDecisionDraft, getDecisionDraft, saveDecisionDraft } from './drafts.js';
import { amendDecision, listDecisions, previewSafetyNetting, signDecision } from './service.js';

export function decisionsRouter(deps: Deps): Router {
  const router = apiRouter({ mergeParams: true });
  const clinician = requireStaff(deps, ['clinician']);
  const caseIdOf = (req: Request) => String((req.params as { caseId: string }).caseId);
  const signRequest = (req: Request) => ({
    deps,
    staff: staffOf(req),
    caseId: caseIdOf(req),
    idempotencyKey: req.get(IDEMPOTENCY_HEADER),
    body: req.body as unknown,
  });

  router.get('/', requireStaff(deps, STAFF_ROLES), async (req, res) => {
    res.json(await listDecisions(deps, caseIdOf(req)));
  });

  router.post('/', clinician, async (req, res) => {
    const { decision, replayed } = await signDecision(signRequest(req));
    res.status(replayed ? 200 : 201).json(decision);
  });

  // Exactly what the parent will receive if the decision is signed as it stands; changes nothing.
  router.post('/preview', clinician, async (req, res) => {
    res.json(await previewSafetyNetting(deps, caseIdOf(req), req.body));
  });

  // The clinician's unsigned form (kind sign|amend). Registered before the `/:decisionId` routes so
  // "drafts" is never taken for a decision id.
  const draftRequest = (req: Request) => ({ deps, staff: staffOf(req), caseId: caseIdOf(req), kind: String(req.params.kind) });
  router.get('/drafts/:kind', clinician, async (req, res) => {
    res.json(await getDecisionDraft(draftRequest(req)));
  });
  router.put('/drafts/:kind', clinician, async (req, res) => {
    res.json(await saveDecisionDraft({ ...draftRequest(req), body: req.body as unknown }));
  });
  router.delete('/drafts/:kind', clinician, async (req, res) => {
    await deleteDecisionDraft(draftRequest(req));
    res.status(204).end();
  });

  router.post('/:decisionId/amendments', clinician, async (req, res) => {
    const { decision, replayed } = await amendDecision({ ...signRequest(req), decisionId: String(req.params.decisionId) });
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
