import { sessionTimingSchema, staffSessionSchema } from '@desk/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema.js';
import { connectSocket, errorOf, joinedCase, startServer, type TestServer } from './harness.js';

/** Staff sessions end after 30 minutes without activity and 12 hours after sign-in; a live call or a watched board is activity. */

const MINUTE = 60_000;

describe('staff session timeouts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { STAFF_IDLE_MINUTES: '30', STAFF_SESSION_HOURS: '12' }, sessionRecheckMs: 100 });
  });
  afterAll(() => server.close());

  const signedIn = async (cookie: string) => (await server.request('GET', '/api/auth/session', { cookie })).status === 200;
  const lastSeen = async (cookie: string) => sessionTimingSchema.parse(staffSessionSchema.parse((await server.request('GET', '/api/auth/session', { cookie })).body).timing).lastActivityAt;

  it('tells the desk its timing, and ends a session 30 minutes after its last activity', async () => {
    const cookie = await server.login('clinician');
    const session = staffSessionSchema.parse((await server.request('GET', '/api/auth/session', { cookie })).body);
    expect(session.timing).toMatchObject({ idleTimeoutMs: 30 * MINUTE });
    expect(Date.parse(session.timing!.expiresAt) - Date.parse(session.timing!.lastActivityAt)).toBeGreaterThan(11.9 * 60 * MINUTE);
    server.clock.advance(29 * MINUTE);
    // Reading is not activity: a page that refreshes itself does not keep an empty desk signed in.
    expect(await signedIn(cookie)).toBe(true);
    server.clock.advance(2 * MINUTE);
    const refused = await server.request('GET', '/api/cases', { cookie });
    expect(errorOf(refused).code).toBe('UNAUTHENTICATED');
  });

  it('"Stay signed in" (activity) starts the 30 minutes again, until the 12-hour limit', async () => {
    const cookie = await server.login('clinician');
    for (let hour = 0; hour < 11; hour += 0.5) {
      // 29 minutes after the last activity each time: just inside the limit.
      server.clock.advance(28 * MINUTE);
      expect((await server.request('POST', '/api/auth/activity', { cookie })).status).toBe(200);
      server.clock.advance(MINUTE);
    }
    expect(await signedIn(cookie)).toBe(true);
    server.clock.advance(61 * MINUTE);
    expect(errorOf(await server.request('POST', '/api/auth/activity', { cookie })).code).toBe('UNAUTHENTICATED');
  });

  it('a live call is activity: the clinician in a call is never signed out for being idle, nor is the call cut', async () => {
    const cookie = await server.login('clinician');
    const { caseId } = await joinedCase(server, cookie);
    const page = await connectSocket(server, { kind: 'staff', cookie });
    try {
      await page.emitRaw('case:watch', { caseId });
      for (let i = 0; i < 3; i += 1) {
        const before = await lastSeen(cookie);
        server.clock.advance(20 * MINUTE);
        // The node's recheck records the call as activity.
        await expect.poll(() => lastSeen(cookie), { timeout: 10_000 }).not.toBe(before);
      }
      expect(await signedIn(cookie)).toBe(true);
      expect(page.socket.connected).toBe(true);
    } finally {
      page.close();
    }
  });

  it('a watched supervisor board is activity too', async () => {
    const cookie = await server.login('supervisor');
    const board = await connectSocket(server, { kind: 'staff', cookie });
    try {
      await board.emitRaw('board:watch', {});
      const before = await lastSeen(cookie);
      server.clock.advance(20 * MINUTE);
      await expect.poll(() => lastSeen(cookie), { timeout: 10_000 }).not.toBe(before);
      server.clock.advance(20 * MINUTE);
      expect(await signedIn(cookie)).toBe(true);
    } finally {
      board.close();
    }
  });

  it('an idle desk with no call loses its socket when the session idles out, even with its case list following the queue', async () => {
    const cookie = await server.login('clinician2');
    const page = await connectSocket(server, { kind: 'staff', cookie });
    await page.emitRaw('cases:watch', {});
    server.clock.advance(31 * MINUTE);
    await expect.poll(() => page.socket.connected, { timeout: 10_000 }).toBe(false);
    const [row] = await server.deps.db.select().from(sessions).where(eq(sessions.userId, server.userIds.clinician2));
    expect(row?.revokedAt).toBeNull();
  });
});
