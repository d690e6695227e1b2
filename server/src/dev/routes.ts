import type { OutboxMessage } from '@desk/shared';
import { desc } from 'drizzle-orm';
import { type Router } from 'express';
import { apiRouter } from '../http/input.js';
import { smsOutbox } from '../db/schema.js';
import type { Deps } from '../http/context.js';

/** The demo's fake phone. Never mounted in production (the router is not even created there). */
export function devRouter(deps: Deps): Router {
  const router = apiRouter();
  router.get('/outbox', async (_req, res) => {
    const rows = await deps.db.select().from(smsOutbox).orderBy(desc(smsOutbox.createdAt)).limit(100);
    const messages: OutboxMessage[] = rows.map((row) => ({
      to: row.to,
      // The retention job deletes the words once an SMS has settled; the row stays.
      body: row.body ?? '(text deleted after delivery)',
      link: row.link,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
    }));
    res.set('Cache-Control', 'no-store').json(messages);
  });
  return router;
}
