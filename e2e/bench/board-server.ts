/**
 * The desk server for the board benchmark: the real app (createApp, the real board feed, its real
 * queries) on PGlite or on Postgres (`DATABASE_URL`), with BENCH_CASES open cases seeded, each with
 * a call the parent and the clinician are on. A control port drives state changes through the real
 * call engine (`calls.apply`, as a desk page's media reports do), which writes and raises the event.
 *
 *   CONTROL_PORT  POST /drive?rate=50&ms=20000 → {changes}   (answers when done)
 */
import { createServer } from 'node:http';
import { eq } from 'drizzle-orm';
import { createApp } from '../../server/src/app.js';
import { seedDemoUsers } from '../../server/src/auth/users.js';
import { loadConfig, settlePublicUrl } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/db/client.js';
import { callParticipants, calls, cases, users } from '../../server/src/db/schema.js';
import { createLogger } from '../../server/src/logger.js';

const CASES = Number(process.env.BENCH_CASES ?? 2_000);

async function main(): Promise<void> {
  const loaded = loadConfig();
  const logger = createLogger('warn');
  const database = await openDatabase({ databaseUrl: loaded.databaseUrl, dataDir: loaded.dataDir, logger });
  await seedDemoUsers(database.db, 'demo');
  const db = database.db;
  const [clinician] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'clinician'));
  const clinicianId = clinician!.id;

  // Open cases with a live call each, inserted in bulk (the bench measures the board, not case creation).
  const callIds: { caseId: string; callId: string }[] = [];
  for (let start = 0; start < CASES; start += 500) {
    const batch = Array.from({ length: Math.min(500, CASES - start) }, (_, i) => start + i);
    const made = await db
      .insert(cases)
      .values(
        batch.map((n) => ({
          reference: `BENCH-${n}`,
          childFirstName: 'Bench',
          childAgeMonths: n % 144,
          callerPhone: '07700 900456',
          callerPhoneKind: 'mobile' as const,
          relationship: 'Mother',
          complaint: 'fever' as const,
          assignedClinicianId: clinicianId,
        })),
      )
      .returning({ id: cases.id });
    const madeCalls = await db
      .insert(calls)
      .values(made.map((c) => ({ caseId: c.id, state: 'connected' as const })))
      .returning({ id: calls.id, caseId: calls.caseId });
    await db.insert(callParticipants).values(
      madeCalls.flatMap((c) => [
        { callId: c.id, role: 'clinician' as const, displayName: 'Nurse Demo', userId: clinicianId, state: 'admitted' as const, present: true },
        { callId: c.id, role: 'parent' as const, displayName: 'Parent', state: 'admitted' as const, present: true },
      ]),
    );
    callIds.push(...madeCalls.map((c) => ({ caseId: c.caseId, callId: c.id })));
  }

  const httpServer = createServer();
  await new Promise<void>((resolve) => httpServer.listen(loaded.port, '127.0.0.1', resolve));
  const config = settlePublicUrl(loaded, loaded.port, []);
  const app = createApp({ config, database, logger, httpServer, sweep: false, smsWorker: false, retention: false });

  const people = new Map<string, { clinician: string; parent: string }>();
  for (const p of await db.select({ id: callParticipants.id, callId: callParticipants.callId, role: callParticipants.role }).from(callParticipants)) {
    const entry = people.get(p.callId) ?? { clinician: '', parent: '' };
    entry[p.role === 'clinician' ? 'clinician' : 'parent'] = p.id;
    people.set(p.callId, entry);
  }
  let next = 0;
  const step = new Map<string, number>();
  /**
   * One change through the real call engine (the MEDIA reports a desk page sends): the clinician's
   * page says the parent's video dropped, then that it is back — reconnecting, in call, reconnecting …
   * The engine writes the call and raises the event; the board takes it from there.
   */
  async function change(): Promise<string> {
    const { callId } = callIds[next++ % callIds.length]!;
    const at = step.get(callId) ?? 0;
    step.set(callId, at + 1);
    const { clinician, parent } = people.get(callId)!;
    if (at % 2 === 0) return (await app.deps.calls.apply(callId, { type: 'MEDIA', participantId: clinician, peers: { [parent]: 'reconnecting' } }, clinician)).snapshot.state;
    // Back: both pages say the pair is connected again.
    await app.deps.calls.apply(callId, { type: 'MEDIA', participantId: parent, peers: { [clinician]: 'connected' } }, parent);
    return (await app.deps.calls.apply(callId, { type: 'MEDIA', participantId: clinician, peers: { [parent]: 'connected' } }, clinician)).snapshot.state;
  }

  // When each change reached the rest of the server (the engine's write committed, its event raised), by case and state-since.
  const committedAt = new Map<string, number>();
  app.deps.events.onCallChanged((update, times) => {
    if (times) committedAt.set(`${update.caseId}|${times.stateSince.toISOString()}`, performance.timeOrigin + performance.now());
  });

  const control = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control');
    if (url.pathname === '/ready') return res.end('ok');
    if (url.pathname === '/committed') {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify(Object.fromEntries(committedAt)));
    }
    if (req.method !== 'POST' || url.pathname !== '/drive') return void res.writeHead(404).end();
    const rate = Number(url.searchParams.get('rate') ?? 50);
    const ms = Number(url.searchParams.get('ms') ?? 10_000);
    const startedAt = performance.now();
    let made = 0;
    let failed = 0;
    const states = new Map<string, number>();
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - startedAt) * rate) / 1_000);
      while (made < due) {
        made += 1;
        change().then(
          (state) => states.set(state, (states.get(state) ?? 0) + 1),
          (error: unknown) => {
            failed += 1;
            if (failed === 1) console.error('change failed', error);
          },
        );
      }
      if (performance.now() - startedAt >= ms) {
        clearInterval(timer);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ changes: made, failed, states: Object.fromEntries(states) }));
      }
    }, 2);
  });
  control.listen(Number(process.env.CONTROL_PORT), '127.0.0.1');
  process.once('SIGTERM', () => {
    control.close();
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
