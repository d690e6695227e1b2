import { createCaseBodySchema } from '@desk/shared';
import { type Router } from 'express';
import { apiRouter } from '../http/input.js';
import QRCode from 'qrcode';
import { requireStaff, staffOf } from '../auth/middleware.js';
import { STAFF_ROLES, type Deps } from '../http/context.js';
import { notFound, parseOrThrow } from '../http/errors.js';
import { latestSmsForCase } from '../sms/outbox.js';
import { caseView, createCase, findCase, listOpenCases } from './service.js';

export function casesRouter(deps: Deps): Router {
  const router = apiRouter();
  const anyStaff = requireStaff(deps, STAFF_ROLES);
  const clinician = requireStaff(deps, ['clinician']);

  router.get('/', anyStaff, async (_req, res) => {
    res.json(await listOpenCases(deps));
  });

  router.post('/', clinician, async (req, res) => {
    const body = parseOrThrow(createCaseBodySchema, req.body);
    res.status(201).json(await createCase(deps, staffOf(req), body));
  });

  router.get('/:caseId', anyStaff, async (req, res) => {
    res.json(await caseView(deps, await findCase(deps, String(req.params.caseId))));
  });

  if (!deps.config.production) {
    // Demo only: a QR code of the latest join link, so a real phone on the same network can join.
    router.get('/:caseId/dev-qr.svg', clinician, async (req, res) => {
      const row = await findCase(deps, String(req.params.caseId));
      const sms = await latestSmsForCase(deps, row.id, 'video_invite');
      if (!sms?.link) throw notFound('A join link');
      res.type('image/svg+xml').set('Cache-Control', 'no-store').send(await QRCode.toString(sms.link, { type: 'svg', margin: 2 }));
    });
  }
  return router;
}
