import { count, notInArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { calls } from '../db/schema.js';
import type { OpenCallCounts } from './metrics.js';

/** Calls not over, per state, in one grouped query (each scrape runs it, under `SCRAPE_QUERY_TIMEOUT_MS`). */
export async function openCallCounts(db: Db): Promise<OpenCallCounts> {
  const rows = await db
    .select({ state: calls.state, calls: count() })
    .from(calls)
    .where(notInArray(calls.state, ['ended', 'failed']))
    .groupBy(calls.state);
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.calls)]));
}
