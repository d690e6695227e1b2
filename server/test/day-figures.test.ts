import type { Ack, DayFigures, DecisionInput } from '@desk/shared';
import { dayFiguresSchema } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amendmentChanges, dayFigures, joinFailureOf, nearestRank, type VersionFields } from '../src/supervisor/dayFigures.js';
import { connectSocket, newIdempotencyKey, postDecision, startServer, stoppedClock, tokenOf, type TestServer, type TestSocket } from './harness.js';

/**
 * Issue 10's day figures from real cases, links, calls and decisions, built through the services
 * on a stopped clock: each thing happens at a London time the test chose, so every figure of the
 * day is known exactly. The pure rules (which failure counts as what, what an amendment changed,
 * the nearest-rank percentile) have tables of their own.
 */

function dataOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

const CAPABLE = { rtcPeerConnection: true, getUserMedia: true, secureContext: true, inApp: null, os: 'android', browser: 'chrome', cameraPermission: 'prompt' } as const;
const INSTAGRAM = { ...CAPABLE, os: 'ios', browser: 'safari', inApp: 'Instagram' } as const;
const NO_WEBRTC = { ...CAPABLE, rtcPeerConnection: false } as const;

const GRUNTING = [{ feature: 'grunting' }] as const satisfies DecisionInput['findings'];
const OVERRIDE_REASON = 'Grunting settled on re-check; parent is a paediatric nurse';

const clock = stoppedClock(new Date('2026-03-29T00:00:00Z'));
let server: TestServer;
let clinician: string;
let desk: TestSocket;
const sockets: TestSocket[] = [];

/** London is UTC in winter: the main day's times read the same on both clocks. */
const at = (iso: string) => clock.set(new Date(iso));

async function startDay(iso: string): Promise<void> {
  at(iso);
  clinician = await server.login('clinician');
  desk = await connectSocket(server, { kind: 'staff', cookie: clinician });
  sockets.push(desk);
}

async function newCase(iso: string, reference: string): Promise<string> {
  at(iso);
  return (await server.createCase(clinician, { reference })).id;
}

type Link = { caseId: string; callId: string; token: string };

/** The parent's link, with the desk on the case (holding the call, as the case page does). */
async function sendLink(caseId: string): Promise<Link> {
  const invite = await server.invite(clinician, caseId);
  dataOf(await desk.socket.emitWithAck('case:watch', { caseId }));
  return { caseId, callId: invite.call.id, token: tokenOf(invite.devJoinLink!) };
}

/** The parent taps the link and their page is ready: they are in the waiting room. */
async function parentWaiting(link: Link): Promise<{ socket: TestSocket; participantId: string }> {
  const joined = await server.join(link.token);
  const socket = await connectSocket(server, { kind: 'parent', cookie: joined.cookie });
  sockets.push(socket);
  dataOf(await socket.socket.emitWithAck('call:ready', { callId: link.callId }));
  return { socket, participantId: joined.session.participantId };
}

/** The parent waits `waitSeconds`, is let in, and the video connects (`media`) or fails. */
async function admitAfter(link: Link, waitSeconds: number, media: 'connected' | 'failed') {
  const parent = await parentWaiting(link);
  clock.advance(waitSeconds * 1000);
  dataOf(await desk.socket.emitWithAck('call:admit', { callId: link.callId, participantId: parent.participantId }));
  dataOf(await desk.socket.emitWithAck('call:media', { callId: link.callId, peers: { [parent.participantId]: media } }));
  return parent;
}

async function sign(caseId: string, iso: string, body: DecisionInput, decisionId?: string): Promise<string> {
  at(iso);
  const response = await postDecision(server, { caseId, decisionId, body, key: newIdempotencyKey(), cookie: clinician });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return (response.body as { id: string }).id;
}
const amend = (caseId: string, decisionId: string, iso: string, body: DecisionInput & { reason: string }) => sign(caseId, iso, body, decisionId);

const figures: Record<string, DayFigures> = {};

beforeAll(async () => {
  server = await startServer({ clock, sweep: false, smsWorker: false, env: { STAFF_IDLE_MINUTES: '1440', STAFF_SESSION_HOURS: '72' } });

  // The clocks go forward on 29 March 2026: 01:00 GMT is 02:00 BST, a 23-hour day.
  await startDay('2026-03-29T00:10:00Z');
  await newCase('2026-03-29T00:30:00Z', 'SPRING-0030');
  await newCase('2026-03-29T01:30:00Z', 'SPRING-0230');

  // The clocks go back on 25 October 2026: 01:00–02:00 happens twice, a 25-hour day.
  await startDay('2026-10-24T22:00:00Z');
  await newCase('2026-10-24T22:59:00Z', 'AUTUMN-EVE'); // 23:59 BST on the 24th: not the 25th
  await newCase('2026-10-24T23:30:00Z', 'AUTUMN-0030-BST');
  await newCase('2026-10-25T00:30:00Z', 'AUTUMN-0130-BST');
  await newCase('2026-10-25T01:30:00Z', 'AUTUMN-0130-GMT');
  // A day's idle limit at most: the clinician signs in again that evening.
  await startDay('2026-10-25T23:00:00Z');
  await newCase('2026-10-25T23:30:00Z', 'AUTUMN-2330-GMT');

  // The evening before the main day: none of it is the main day's.
  await startDay('2026-11-17T23:00:00Z');
  const before = await newCase('2026-11-17T23:59:30Z', 'EVE');
  at('2026-11-17T23:59:40Z');
  await admitAfter(await sendLink(before), 5, 'connected');
  await sign(before, '2026-11-17T23:59:50Z', { disposition: 'pharmacy', notes: '' });

  // The main day, 18 November 2026 (London is on UTC).
  await startDay('2026-11-18T08:00:00Z');
  // Hour 8: two arrivals, both seen on video after 30 s and 90 s.
  const a = await newCase('2026-11-18T08:10:00Z', 'A-SEEN');
  at('2026-11-18T08:11:00Z');
  await admitAfter(await sendLink(a), 30, 'connected');
  const aFirst = await sign(a, '2026-11-18T08:30:00Z', { disposition: 'self_care', notes: '' });
  const b = await newCase('2026-11-18T08:40:00Z', 'B-OVERRIDE-REMOVED');
  at('2026-11-18T08:41:00Z');
  await admitAfter(await sendLink(b), 90, 'connected');
  const bFirst = await sign(b, '2026-11-18T08:50:00Z', { disposition: 'self_care', notes: '', findings: GRUNTING, overrideReason: OVERRIDE_REASON });

  // Hour 9: three arrivals; one admitted after 150 s whose video fails, two whose cameras fail.
  const c = await newCase('2026-11-18T09:05:00Z', 'C-HUB');
  await admitAfter(await sendLink(c), 150, 'failed');
  const d = await newCase('2026-11-18T09:20:00Z', 'D-ADVICE-LINE');
  const dLink = await sendLink(d);
  dataOf(await (await parentWaiting(dLink)).socket.socket.emitWithAck('call:camera_failed', { callId: dLink.callId, reason: 'permission_denied' }));
  const e = await newCase('2026-11-18T09:25:00Z', 'E-OVERRIDE');
  const eLink = await sendLink(e);
  dataOf(await (await parentWaiting(eLink)).socket.socket.emitWithAck('call:camera_failed', { callId: eLink.callId, reason: 'no_camera' }));
  await sign(c, '2026-11-18T09:30:00Z', { disposition: 'hub_referral', notes: '', hubReferral: { hub: 'North hub', reason: 'Recurrent wheeze' } });
  await sign(d, '2026-11-18T09:40:00Z', { disposition: 'advice_line', notes: '', adviceLine: { specialist: 'Dr On Call', advice: 'Review in clinic' } });
  await sign(e, '2026-11-18T09:45:00Z', { disposition: 'self_care', notes: '', findings: GRUNTING, overrideReason: OVERRIDE_REASON });

  // Hour 10: four arrivals whose links fail: an app's browser, a browser without video (its link
  // then expires: counted once, under the browser), a link never opened, a parent who leaves.
  const f = await newCase('2026-11-18T10:05:00Z', 'F-IN-APP');
  const fLink = await sendLink(f);
  expect((await server.request('POST', '/api/join/preview', { json: { token: fLink.token, capability: INSTAGRAM } })).status).toBe(200);
  const g = await newCase('2026-11-18T10:10:00Z', 'G-NO-WEBRTC');
  const gLink = await sendLink(g);
  expect((await server.request('POST', '/api/join/preview', { json: { token: gLink.token, capability: NO_WEBRTC } })).status).toBe(200);
  const h = await newCase('2026-11-18T10:15:00Z', 'H-UNOPENED');
  await sendLink(h);
  const i = await newCase('2026-11-18T10:20:00Z', 'I-LEFT');
  const iLink = await sendLink(i);
  const iParent = await parentWaiting(iLink);
  dataOf(await iParent.socket.socket.emitWithAck('call:leave', { callId: iLink.callId }));
  at('2026-11-18T10:40:00Z');
  await server.app.sweeper.runOnce();
  // A's amendment changes the advice only; B's takes the override away and changes the advice.
  await amend(a, aFirst, '2026-11-18T10:45:00Z', { reason: 'Rash on second look', disposition: 'primary_care', timeframeHours: 24, notes: '' });
  await amend(b, bFirst, '2026-11-18T11:00:00Z', {
    reason: 'Worse on call-back',
    disposition: 'emergency_department',
    timeframeHours: 1,
    notes: '',
    findings: GRUNTING,
  });

  // Hour 11: seen after 10 s; the parent leaving once on video is not a failed join. A guest's link is not a parent's.
  const j = await newCase('2026-11-18T11:05:00Z', 'J-LEFT-AFTER-VIDEO');
  const jLink = await sendLink(j);
  const jParent = await admitAfter(jLink, 10, 'connected');
  await server.inviteGuest(clinician, j, { role: 'interpreter', name: 'Ingrid Interpreter', phone: '07700 900777' });
  dataOf(await jParent.socket.socket.emitWithAck('call:leave', { callId: jLink.callId }));

  // Hour 12: an amendment that changes neither the override nor the advice (only the notes).
  const k = await newCase('2026-11-18T12:00:00Z', 'K-NOTES');
  const kFirst = await sign(k, '2026-11-18T12:05:00Z', { disposition: 'pharmacy', notes: '' });
  await amend(k, kFirst, '2026-11-18T12:10:00Z', { reason: 'Spelling', disposition: 'pharmacy', notes: 'Seen by phone' });

  // Midnight: the next day's first case.
  await startDay('2026-11-19T00:00:00Z');
  const next = await newCase('2026-11-19T00:00:00Z', 'NEXT-DAY');
  await sign(next, '2026-11-19T00:00:10Z', { disposition: 'ambulance', notes: '' });

  for (const date of ['2026-03-29', '2026-10-25', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']) {
    figures[date] = dayFiguresSchema.parse(await dayFigures(server.deps, date));
  }
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.close();
});

const perHour = (day: DayFigures, field: 'arrivals' | 'admitted' | 'medianWaitSeconds') =>
  Object.fromEntries(day.hours.filter((h) => h[field]).map((h) => [h.hour, h[field]]));

describe('the figures of 18 November 2026', () => {
  const day = () => figures['2026-11-18']!;
  it.each<[string, (d: DayFigures) => unknown, unknown]>([
    ['arrivals', (d) => d.arrivals, 11],
    ['arrivals per hour', (d) => perHour(d, 'arrivals'), { 8: 2, 9: 3, 10: 4, 11: 1, 12: 1 }],
    ['24 hours, 0–23', (d) => d.hours.map((h) => h.hour), Array.from({ length: 24 }, (_, i) => i)],
    ['first decisions signed', (d) => d.decided, 6],
    ['waits: count, median and p90 by nearest rank (10, 30, 90, 150 s)', (d) => d.waits, { count: 4, medianSeconds: 30, p90Seconds: 150 }],
    ['admitted per hour', (d) => perHour(d, 'admitted'), { 8: 2, 9: 1, 11: 1 }],
    ['median wait per hour', (d) => perHour(d, 'medianWaitSeconds'), { 8: 30, 9: 150, 11: 10 }],
    ['conversion: parents sent a link → video connected', (d) => [d.linksSent, d.connected, d.conversion], [10, 3, 0.3]],
    [
      'failed joins, each reason once',
      (d) => d.failedJoins,
      { link_expired: 1, permission_denied: 1, no_camera: 1, in_app_browser: 1, unsupported_browser: 1, connection_failed: 1, parent_left: 1 },
    ],
    [
      'dispositions of the latest versions (amendments replace their predecessors)',
      (d) => Object.fromEntries(Object.entries(d.dispositions).filter(([, n]) => n)),
      { primary_care: 1, emergency_department: 1, hub_referral: 1, advice_line: 1, self_care: 1, pharmacy: 1 },
    ],
    ['referrals', (d) => d.referrals, { hub: 1, adviceLine: 1 }],
    ['overrides of the latest versions (B’s was amended away)', (d) => d.overrides, 1],
    ['amendments, and those that changed an override or the advice', (d) => d.amendments, { total: 3, changedOverride: 1, changedAdvice: 2 }],
  ])('%s', (_what, read, expected) => {
    expect(read(day())).toEqual(expected);
  });
});

describe('other days', () => {
  it('keeps the evening before and the next midnight out of the day, and in their own', () => {
    expect(figures['2026-11-17']).toMatchObject({ arrivals: 1, decided: 1, linksSent: 1, connected: 1, waits: { count: 1, medianSeconds: 5 }, dispositions: { pharmacy: 1 } });
    expect(figures['2026-11-17']!.hours.find((h) => h.hour === 23)).toEqual({ hour: 23, arrivals: 1, admitted: 1, medianWaitSeconds: 5 });
    expect(figures['2026-11-19']).toMatchObject({ arrivals: 1, decided: 1, linksSent: 0, conversion: null, dispositions: { ambulance: 1 } });
    expect(figures['2026-11-19']!.hours[0]).toEqual({ hour: 0, arrivals: 1, admitted: 0, medianWaitSeconds: null });
  });

  it('answers a day with nothing in it with zeros and no waits', () => {
    expect(figures['2026-11-20']).toMatchObject({ arrivals: 0, decided: 0, conversion: null, waits: { count: 0, medianSeconds: null, p90Seconds: null }, overrides: 0 });
    expect(figures['2026-11-20']!.hours).toHaveLength(24);
  });

  it('has 23 hours on the day the clocks go forward, with no 01:00', () => {
    const spring = figures['2026-03-29']!;
    expect(spring.hours.map((h) => h.hour)).toEqual([0, ...Array.from({ length: 22 }, (_, i) => i + 2)]);
    expect(perHour(spring, 'arrivals')).toEqual({ 0: 1, 2: 1 });
  });

  it('has 25 hours on the day the clocks go back, 01:00 twice, and not the evening before', () => {
    const autumn = figures['2026-10-25']!;
    expect(autumn.hours.map((h) => h.hour)).toEqual([0, 1, 1, ...Array.from({ length: 22 }, (_, i) => i + 2)]);
    expect(autumn.arrivals).toBe(4);
    expect(autumn.hours.filter((h) => h.arrivals).map((h) => [h.hour, h.arrivals])).toEqual([[0, 1], [1, 1], [1, 1], [23, 1]]);
  });
});

describe('the rules the figures apply', () => {
  it.each([
    ['link_expired', 'invited', 'link_expired'],
    ['link_expired', 'failed', null], // the browser had already failed: counted under the browser
    ['permission_denied', 'parent_waiting', 'permission_denied'],
    ['no_camera', 'invited', 'no_camera'],
    ['in_app_browser', 'invited', 'in_app_browser'],
    ['unsupported_browser', 'invited', 'unsupported_browser'],
    ['ice_failed', 'admitted', 'connection_failed'],
    ['timeout', 'connecting', 'connection_failed'],
    ['parent_left', 'parent_waiting', 'parent_left'],
    ['parent_left', 'connected', null], // on video already: not a failed join
    ['ice_failed', 'reconnecting', null],
    ['phone_fallback', 'parent_waiting', null],
  ] as const)('a call failed with %s from %s counts as %s', (reason, from, expected) => {
    expect(joinFailureOf(reason, from)).toBe(expected);
  });

  const HOME: VersionFields = { disposition: 'self_care', timeframeHours: null, safetyNettingTopic: 'fever', overridden: false, overrideReason: null };
  const OVERRIDE: VersionFields = { ...HOME, overridden: true, overrideReason: 'Settled' };
  it.each<[string, VersionFields, VersionFields, { override: boolean; advice: boolean }]>([
    ['nothing the parent hears', HOME, HOME, { override: false, advice: false }],
    ['an override added', HOME, OVERRIDE, { override: true, advice: false }],
    ['an override removed, and the disposition', OVERRIDE, { ...HOME, disposition: 'emergency_department', timeframeHours: 1 }, { override: true, advice: true }],
    ['an override of another disposition', OVERRIDE, { ...OVERRIDE, disposition: 'pharmacy' }, { override: true, advice: true }],
    ['an override with another reason', OVERRIDE, { ...OVERRIDE, overrideReason: 'Parent is a nurse' }, { override: true, advice: false }],
    ['the timeframe', { ...HOME, disposition: 'primary_care', timeframeHours: 24 }, { ...HOME, disposition: 'primary_care', timeframeHours: 6 }, { override: false, advice: true }],
    ['the safety-netting topic', HOME, { ...HOME, safetyNettingTopic: 'breathing' }, { override: false, advice: true }],
  ])('an amendment changing %s', (_what, before, after, expected) => {
    expect(amendmentChanges(before, after)).toEqual(expected);
  });

  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[150, 10, 90, 30], 0.5, 30],
    [[150, 10, 90, 30], 0.9, 150],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
  ])('the nearest-rank percentile of %j at %s is %s', (values, p, expected) => {
    expect(nearestRank(values, p)).toBe(expected);
  });
});
