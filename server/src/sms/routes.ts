import { type Router } from 'express';
import { sameToken } from '../auth/tokens.js';
import type { Deps } from '../http/context.js';
import { AppError, parseOrThrow } from '../http/errors.js';
import { apiRouter } from '../http/input.js';
import { notifyReceiptSchema, recordNotifyReceipt } from './receipts.js';

/**
 * `POST /api/sms/notify-callback`: GOV.UK Notify's delivery receipts. Notify sends the bearer token
 * set in its callback settings; it must equal `NOTIFY_CALLBACK_TOKEN`. Without that variable there
 * is no callback (404). Answered 204 whether or not the receipt matched a row: Notify only needs to
 * know it arrived.
 */
export function smsRouter(deps: Deps): Router {
  const router = apiRouter();
  router.post('/notify-callback', async (req, res) => {
    const expected = deps.config.notifyCallbackToken;
    if (!expected) throw new AppError('NOT_FOUND', 'No such API route.');
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!given || !sameToken(expected, given)) throw new AppError('UNAUTHENTICATED', 'The callback token is missing or wrong.');
    await recordNotifyReceipt(deps, parseOrThrow(notifyReceiptSchema, req.body));
    res.status(204).end();
  });
  return router;
}
