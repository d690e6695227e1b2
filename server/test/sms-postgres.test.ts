import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, settlePublicUrl } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { smsOutbox } from '../src/db/schema.js';
import { systemClock } from '../src/http/context.js';
import { DeskEvents } from '../src/http/events.js';
import { createLogger } from '../src/logger.js';
import { DeskMetrics } from '../src/metrics/metrics.js';
import { enqueueSms } from '../src/sms/outbox.js';
import type { SmsMessage, SmsSender } from '../src/sms/sender.js';
import { SmsWorker } from '../src/sms/worker.js';
import { pgBin, startPostgres, type TestPostgres } from './postgres-server.js';

/**
 * Several nodes' SMS workers on one real Postgres, each with its own connection pool: the claim
 * (`UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)` plus a lease) hands each row to one of
 * them. PGlite has one connection, so only here do the claims truly run at the same time.
 */
// Skipped only where Debian's postgresql package is missing (no initdb to start a server of our own); .ci/run installs it.
describe.skipIf(!pgBin)('SMS workers on several nodes (Postgres) — skipped without the postgresql package', () => {
  let postgres: TestPostgres;
  const nodes: Database[] = [];

  beforeAll(async () => {
    postgres = await startPostgres();
    // One after the other: the first migrates, the others find it done.
    for (let i = 0; i < 3; i++) nodes.push(await openDatabase({ databaseUrl: postgres.url, dataDir: 'memory://' }));
  }, 60_000);

  afterAll(async () => {
    for (const node of nodes) await node.close();
    postgres?.remove();
  });

  it('sends each of 150 queued SMS exactly once when three nodes’ workers drain the outbox at the same time', async () => {
    const sent: (SmsMessage & { node: number })[] = [];
    const senderFor = (node: number): SmsSender => ({
      provider: 'test-provider',
      async send(message) {
        // A provider that takes a moment, so the nodes' passes overlap.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        sent.push({ ...message, node });
        return { providerId: null };
      },
    });
    const config = settlePublicUrl(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), 0);
    const logger = createLogger('silent');
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      const row = await enqueueSms(nodes[0]!.db, { config, sms: senderFor(0), clock: systemClock }, {
        caseId: null,
        to: `+4477009${String(i).padStart(5, '0')}`,
        body: `message ${i}`,
        link: null,
        template: 'safety_netting',
      });
      ids.push(row.id);
    }
    const workers = nodes.map(
      (node, i) =>
        new SmsWorker({ db: node.db, sms: senderFor(i), clock: systemClock, logger, events: new DeskEvents(), metrics: new DeskMetrics(`node-${i}`) }, { maxAttempts: 3, retryBaseMs: 60_000, sendTimeoutMs: 10_000 }),
    );
    const results = await Promise.all(workers.flatMap((worker) => [worker.runOnce(), worker.runOnce()]));

    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(150);
    const references = sent.map((m) => m.reference);
    expect(references).toHaveLength(150);
    expect(new Set(references)).toEqual(new Set(ids));
    const rows = await nodes[1]!.db.select({ status: smsOutbox.status, attempts: smsOutbox.attempts }).from(smsOutbox).where(inArray(smsOutbox.id, ids));
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    const perNode = [0, 1, 2].map((node) => sent.filter((m) => m.node === node).length);
    console.info(`[sms] 150 SMS over three nodes: ${perNode.join(' / ')}`);
  });
});
