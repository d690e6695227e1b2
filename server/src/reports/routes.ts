import { auditQuerySchema, dailyReportQuerySchema } from '@desk/shared';
import { type Router } from 'express';
import { staffActor, writeAudit } from '../audit/audit.js';
import { requireStaff, staffOf } from '../auth/middleware.js';
import type { Deps } from '../http/context.js';
import { AppError, parseOrThrow } from '../http/errors.js';
import { apiRouter } from '../http/input.js';
import { dayFigures } from '../supervisor/dayFigures.js';
import { isCalendarDate } from '../supervisor/londonDay.js';
import { auditPage } from './auditViewer.js';
import { dailyReportCsv, reportFileName } from './daily.js';

/** Who reads the desk's figures and its audit trail (docs/security.md): never a clinician, a parent or a guest. */
const READERS = ['supervisor', 'admin'] as const;

/** Mounted at `/api/reports`: a Europe/London day's figures, as JSON or as a CSV download. Every read is audited. */
export function reportsRouter(deps: Deps): Router {
  const router = apiRouter();
  router.get('/daily', requireStaff(deps, READERS), async (req, res) => {
    const { date, format } = parseOrThrow(dailyReportQuerySchema, { ...req.query });
    if (!isCalendarDate(date)) throw new AppError('VALIDATION_FAILED', 'That date does not exist.', { date: 'Enter a real date' });
    const figures = await dayFigures(deps, date);
    await writeAudit(deps.db, {
      actor: staffActor(staffOf(req).userId),
      action: format === 'csv' ? 'report_exported' : 'report_viewed',
      detail: { date },
      at: deps.clock.now(),
    });
    res.set('Cache-Control', 'no-store');
    if (format === 'json') {
      res.json(figures);
      return;
    }
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${reportFileName(date)}"`)
      .send(dailyReportCsv(figures));
  });
  return router;
}

/** Mounted at `/api/audit`: the audit viewer's pages. Read-only (no other method is routed); viewing is audited too. */
export function auditRouter(deps: Deps): Router {
  const router = apiRouter();
  router.get('/', requireStaff(deps, READERS), async (req, res) => {
    const query = parseOrThrow(auditQuerySchema, { ...req.query });
    const page = await auditPage(deps, query);
    await writeAudit(deps.db, { actor: staffActor(staffOf(req).userId), action: 'audit_viewed', detail: { ...query }, at: deps.clock.now() });
    res.set('Cache-Control', 'no-store').json(page);
  });
  return router;
}
