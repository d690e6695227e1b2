import { availabilityInputSchema, availabilitySchema, deskNoticesSchema, staffCliniciansSchema } from '@desk/shared';
import { type Router } from 'express';
import { requireStaff, staffOf } from '../auth/middleware.js';
import { STAFF_ROLES, type Deps } from '../http/context.js';
import { parseOrThrow } from '../http/errors.js';
import { apiRouter } from '../http/input.js';
import { dismissNotice, listNotices } from '../notices/service.js';
import { availabilityOf, listClinicians, setAvailability } from './service.js';

/** `/api/me`: the signed-in staff member's own desk (their notices; a clinician's availability). */
export function meRouter(deps: Deps): Router {
  const router = apiRouter();
  const anyStaff = requireStaff(deps, STAFF_ROLES);
  const clinician = requireStaff(deps, ['clinician']);

  router.get('/notices', anyStaff, async (req, res) => {
    res.json(deskNoticesSchema.parse({ notices: await listNotices(deps, staffOf(req).userId) }));
  });
  router.post('/notices/:noticeId/dismiss', anyStaff, async (req, res) => {
    await dismissNotice(deps, staffOf(req).userId, String(req.params.noticeId));
    res.status(204).end();
  });
  router.get('/availability', clinician, async (req, res) => {
    res.json(availabilitySchema.parse(await availabilityOf(deps, staffOf(req).userId)));
  });
  router.put('/availability', clinician, async (req, res) => {
    const { availability } = parseOrThrow(availabilityInputSchema, req.body);
    res.json(availabilitySchema.parse(await setAvailability(deps, staffOf(req).userId, availability)));
  });
  return router;
}

/** `/api/staff`: who is on the desk, for supervisors. */
export function staffRouter(deps: Deps): Router {
  const router = apiRouter();
  router.get('/clinicians', requireStaff(deps, ['supervisor', 'admin']), async (_req, res) => {
    res.json(staffCliniciansSchema.parse(await listClinicians(deps)));
  });
  return router;
}
