import {
  assignmentInputSchema,
  assignmentResultSchema,
  callBackResultSchema,
  createCaseBodySchema,
  deskNoticeSchema,
  safeguardingConcernSchema,
  safeguardingInputSchema,
  takeParentInputSchema,
} from '@desk/shared';
import { type Router } from 'express';
import { apiRouter } from '../http/input.js';
import QRCode from 'qrcode';
import { requireStaff, staffOf } from '../auth/middleware.js';
import { STAFF_ROLES, type Deps } from '../http/context.js';
import { notFound, parseOrThrow } from '../http/errors.js';
import { latestSmsForCase } from '../sms/outbox.js';
import { askToTakeParent, reassignCase } from '../supervisor/actions.js';
import { flagSafeguarding, recordCallBack } from './safeguarding.js';
import { createCase, findCase, listOpenCases, viewCase } from './service.js';

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
    res.json(await viewCase(deps, staffOf(req), String(req.params.caseId)));
  });

  // The case's own clinician (issue 11): a safeguarding concern, and the parent phoned back after video failed.
  router.post('/:caseId/safeguarding', clinician, async (req, res) => {
    const { reason } = parseOrThrow(safeguardingInputSchema, req.body);
    res.json(safeguardingConcernSchema.parse(await flagSafeguarding(deps, staffOf(req), String(req.params.caseId), reason)));
  });
  router.post('/:caseId/call-back', clinician, async (req, res) => {
    res.json(callBackResultSchema.parse(await recordCallBack(deps, staffOf(req), String(req.params.caseId))));
  });

  // Supervisor actions (issue 10): give the case to another clinician; ask one to take its waiting parent.
  const supervisors = requireStaff(deps, ['supervisor', 'admin']);
  router.post('/:caseId/assignment', supervisors, async (req, res) => {
    const { clinicianId } = parseOrThrow(assignmentInputSchema, req.body);
    res.json(assignmentResultSchema.parse(await reassignCase(deps, staffOf(req), String(req.params.caseId), clinicianId)));
  });
  router.post('/:caseId/take-parent', supervisors, async (req, res) => {
    const { clinicianId } = parseOrThrow(takeParentInputSchema, req.body);
    res.status(202).json(deskNoticeSchema.parse(await askToTakeParent(deps, staffOf(req), String(req.params.caseId), clinicianId)));
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
