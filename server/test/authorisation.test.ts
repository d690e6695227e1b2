import { randomUUID } from 'node:crypto';
import { blankDraft, clientToServer, ERROR_STATUS, type DecisionDraftBody, type DecisionInput, type ErrorCode, type SocketAuth } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../src/auth/users.js';
import { casePhotos } from '../src/db/schema.js';
import { connectError, connectSocket, newIdempotencyKey, PASSWORD, startServer, tokenOf, type JsonResponse, type TestServer, type TestSocket } from './harness.js';

/**
 * The authorisation matrix (issue 8): every REST route and every socket event × every kind of
 * caller → allowed, or refused with a stable code. The rows are checked against the registries the
 * server itself keeps — Express's router (`app.routes()`) and the protocol's event map
 * (`clientToServer` + `signal`) — so a route or event added without a row here fails this file.
 *
 * Each row gets a world of its own (a fresh case A with its parent and interpreter joined, and a
 * signed decision where the row needs one), refused callers go first so an allowed one cannot
 * change what they see, and no answer to a caller outside case A carries case A's child or phone.
 */

const PRINCIPALS = [
  'anonymous',
  'parentA',
  'parentB',
  'guestA',
  'clinician',
  'otherClinician',
  'supervisor',
  'admin',
  'disabled',
  'signedOut',
] as const;
type Principal = (typeof PRINCIPALS)[number];
/** `allow`: a 2xx answer (an ok acknowledgement); otherwise the exact code the caller gets. */
type Outcome = 'allow' | ErrorCode;
type Expectation = Record<Principal, Outcome>;

const STAFF_PRINCIPALS = ['clinician', 'otherClinician', 'supervisor', 'admin'] as const satisfies readonly Principal[];
const JOINERS = ['parentA', 'parentB', 'guestA'] as const satisfies readonly Principal[];

const everyone = (outcome: Outcome = 'allow'): Expectation =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, outcome])) as Expectation;
/** Signed-in staff get `staff` (by default allowed), with exceptions; nobody else is signed in. */
const staff = (exceptions: Partial<Record<(typeof STAFF_PRINCIPALS)[number], Outcome>> = {}, outcome: Outcome = 'allow'): Expectation => ({
  ...everyone('UNAUTHENTICATED'),
  ...Object.fromEntries(STAFF_PRINCIPALS.map((p) => [p, outcome])),
  ...exceptions,
});
const clinicianRole = (exceptions: Partial<Record<(typeof STAFF_PRINCIPALS)[number], Outcome>> = {}) =>
  staff({ supervisor: 'FORBIDDEN', admin: 'FORBIDDEN', ...exceptions });
/** Only the clinician the case is assigned to. */
const assignedClinician = () => clinicianRole({ otherClinician: 'FORBIDDEN' });
const supervisors = (exceptions: Partial<Record<(typeof STAFF_PRINCIPALS)[number], Outcome>> = {}) =>
  staff({ clinician: 'FORBIDDEN', otherClinician: 'FORBIDDEN', ...exceptions });
const joiners = (exceptions: Partial<Record<(typeof JOINERS)[number], Outcome>> = {}): Expectation => ({
  ...everyone('UNAUTHENTICATED'),
  parentA: 'allow',
  parentB: 'allow',
  guestA: 'allow',
  ...exceptions,
});

// ---------------------------------------------------------------------------------------------
// The world each row runs in

const CASE_A = { childFirstName: 'Amelia-Aurora', callerPhone: '07700 900123', reference: '111-AAA-001' };
const CASE_B = { childFirstName: 'Bartholomew', callerPhone: '07700 900999', reference: '111-BBB-002' };

const A_DECISION: DecisionInput = { disposition: 'self_care', notes: 'Well child on video. Safety-netting given.' };
const A_DRAFT: DecisionDraftBody = blankDraft('key-draft-matrix', { disposition: 'self_care', notes: 'Half written on video' });

type World = {
  caseId: string;
  callId: string;
  parentParticipantId: string;
  guestParticipantId: string;
  clinicianParticipantId: string;
  decisionId: string | null;
  /** A photo of case A's child, when the row needs one. */
  photoId: string | null;
  cookies: Record<Principal, string | undefined>;
};

let server: TestServer;
let staffCookies: Record<(typeof STAFF_PRINCIPALS)[number] | 'disabled' | 'signedOut', string>;
let caseB: { caseId: string; callId: string; parentParticipantId: string; parentCookie: string };
let disabledUserId: string;

async function signed(response: JsonResponse, status: number, what: string): Promise<JsonResponse> {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

async function newWorld(needs: { decision?: boolean; photo?: boolean } = {}): Promise<World> {
  const clinician = staffCookies.clinician;
  const created = await server.createCase(clinician, CASE_A);
  const invite = await server.invite(clinician, created.id);
  const parent = await server.join(tokenOf(invite.devJoinLink!));
  const guestInvite = await server.inviteGuest(clinician, created.id, { role: 'interpreter', name: 'Ingrid Interpreter', phone: '07700 900777' });
  const guest = await server.join(tokenOf(guestInvite.devJoinLink!));
  const current = await server.getCase(clinician, created.id);
  const host = current.call?.participants.find((p) => p.role === 'clinician');
  if (!host) throw new Error('no clinician participant in the call');
  let decisionId: string | null = null;
  if (needs.decision) {
    const response = await server.request('POST', `/api/cases/${created.id}/decisions`, {
      cookie: clinician,
      json: A_DECISION,
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    decisionId = ((await signed(response, 201, 'sign')).body as { id: string }).id;
  }
  let photoId: string | null = null;
  if (needs.photo) {
    // Stored as the upload would store it (the upload itself: server/test/photos.test.ts).
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    const [row] = await server.deps.db
      .insert(casePhotos)
      .values({ caseId: created.id, takenBy: parent.session.participantId, mime: 'image/jpeg', width: 1, height: 1, sizeBytes: bytes.length, sha256: 'matrix', bytes })
      .returning({ id: casePhotos.id });
    photoId = row!.id;
  }
  return {
    caseId: created.id,
    callId: parent.session.callId,
    parentParticipantId: parent.session.participantId,
    guestParticipantId: guest.session.participantId,
    clinicianParticipantId: host.id,
    decisionId,
    photoId,
    cookies: {
      anonymous: undefined,
      parentA: parent.cookie,
      parentB: caseB.parentCookie,
      guestA: guest.cookie,
      clinician,
      otherClinician: staffCookies.otherClinician,
      supervisor: staffCookies.supervisor,
      admin: staffCookies.admin,
      disabled: staffCookies.disabled,
      signedOut: staffCookies.signedOut,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// REST rows: `METHOD /path` exactly as the router lists it

type Probe = { method?: string; path: string; json?: unknown; headers?: Record<string, string> };
type RestRow = {
  expect: Expectation;
  probe: (world: World, principal: Principal) => Probe;
  needs?: { decision?: boolean; photo?: boolean };
  /** Runs after every other row (signing out ends the sessions the other rows use). */
  last?: boolean;
  /** Answers that may carry case A to anyone (the demo's SMS outbox: absent in production). */
  public?: boolean;
};

const casePath = (world: World, rest = '') => `/api/cases/${world.caseId}${rest}`;
const DEAD_TOKEN = 'dead-link-0123456789abcdefghijklmnopqrstuvwxyz';

const REST: Record<string, RestRow> = {
  'GET /api/health': { expect: everyone(), probe: () => ({ path: '/api/health' }) },
  'GET /api/ready': { expect: everyone(), probe: () => ({ path: '/api/ready' }) },
  'POST /api/auth/login': {
    expect: everyone('INVALID_CREDENTIALS'),
    // An unknown name: ten wrong passwords for a real one would lock it (lockout-limits.test.ts).
    probe: () => ({ path: '/api/auth/login', json: { username: 'nobody-of-that-name', password: `${PASSWORD}!` } }),
  },
  'POST /api/auth/logout': { expect: staff(), probe: () => ({ path: '/api/auth/logout' }), last: true },
  'GET /api/auth/session': { expect: staff(), probe: () => ({ path: '/api/auth/session' }) },
  'POST /api/auth/activity': { expect: staff(), probe: () => ({ path: '/api/auth/activity' }) },
  'GET /api/cases': { expect: staff(), probe: () => ({ path: '/api/cases' }) },
  'POST /api/cases': {
    expect: clinicianRole(),
    probe: () => ({ path: '/api/cases', json: { ...CASE_A, childAgeMonths: 30, relationship: 'Mother', complaint: 'fever' } }),
  },
  'GET /api/cases/:caseId': { expect: staff(), probe: (w) => ({ path: casePath(w) }) },
  'GET /api/cases/:caseId/dev-qr.svg': { expect: clinicianRole(), probe: (w) => ({ path: casePath(w, '/dev-qr.svg') }) },
  'POST /api/cases/:caseId/invites': { expect: assignedClinician(), probe: (w) => ({ path: casePath(w, '/invites') }) },
  'GET /api/cases/:caseId/decisions': { expect: staff(), probe: (w) => ({ path: casePath(w, '/decisions') }) },
  'POST /api/cases/:caseId/decisions': {
    expect: assignedClinician(),
    probe: (w) => ({ path: casePath(w, '/decisions'), json: A_DECISION, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
  },
  'POST /api/cases/:caseId/decisions/preview': { expect: clinicianRole(), probe: (w) => ({ path: casePath(w, '/decisions/preview'), json: A_DECISION }) },
  // No draft kept yet: the assigned clinician is told there is none; everyone else is refused before that.
  'GET /api/cases/:caseId/decisions/drafts/:kind': { expect: clinicianRole({ clinician: 'NOT_FOUND', otherClinician: 'FORBIDDEN' }), probe: (w) => ({ path: casePath(w, '/decisions/drafts/sign') }) },
  'PUT /api/cases/:caseId/decisions/drafts/:kind': {
    expect: assignedClinician(),
    probe: (w) => ({
      method: 'PUT',
      path: casePath(w, '/decisions/drafts/sign'),
      json: A_DRAFT,
    }),
  },
  'DELETE /api/cases/:caseId/decisions/drafts/:kind': { expect: assignedClinician(), probe: (w) => ({ method: 'DELETE', path: casePath(w, '/decisions/drafts/sign') }) },
  'POST /api/cases/:caseId/decisions/:decisionId/amendments': {
    expect: assignedClinician(),
    needs: { decision: true },
    probe: (w) => ({
      path: casePath(w, `/decisions/${w.decisionId}/amendments`),
      json: { ...A_DECISION, notes: 'Amended after a call-back.', reason: 'Worse on call-back' },
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    }),
  },
  // Signed decisions are immutable: every method on one is refused, and only staff are told why.
  'ALL /api/cases/:caseId/decisions/:decisionId': {
    expect: staff({}, 'DECISION_IMMUTABLE'),
    needs: { decision: true },
    probe: (w) => ({ method: 'DELETE', path: casePath(w, `/decisions/${w.decisionId}`) }),
  },
  'GET /api/cases/:caseId/outcome.fhir.json': { expect: staff(), needs: { decision: true }, probe: (w) => ({ path: casePath(w, '/outcome.fhir.json') }) },
  // The image is for clinicians (any clinician who may read the case); supervisors see in the case that it exists.
  'GET /api/cases/:caseId/photos/:photoId': { expect: clinicianRole(), needs: { photo: true }, probe: (w) => ({ path: casePath(w, `/photos/${w.photoId}`) }) },
  // Only the parent, and only to a request of their own call (none here: theirs is not found); sending one: photos.test.ts.
  'POST /api/join/photo-requests/:photoRequestId/photo': {
    expect: joiners({ parentA: 'NOT_FOUND', parentB: 'NOT_FOUND', guestA: 'FORBIDDEN' }),
    probe: () => ({ path: `/api/join/photo-requests/${randomUUID()}/photo`, headers: { 'content-type': 'image/jpeg' } }),
  },
  'POST /api/join/preview': { expect: everyone('LINK_EXPIRED'), probe: () => ({ path: '/api/join/preview', json: { token: DEAD_TOKEN } }) },
  'POST /api/join': { expect: everyone('LINK_EXPIRED'), probe: () => ({ path: '/api/join', json: { token: DEAD_TOKEN } }) },
  'GET /api/join/session': { expect: joiners(), probe: () => ({ path: '/api/join/session' }) },
  // By the session cookie (no token): a parent's session may; a guest's page stays English.
  'POST /api/join/language': { expect: joiners({ guestA: 'FORBIDDEN' }), probe: () => ({ path: '/api/join/language', json: { language: 'en' } }) },
  'POST /api/join/leaving': { expect: joiners(), probe: () => ({ path: '/api/join/leaving', json: { endpoint: `page-${randomUUID()}` } }) },
  'GET /api/supervisor/queue': { expect: supervisors(), probe: () => ({ path: '/api/supervisor/queue' }) },
  'GET /api/supervisor/board': { expect: supervisors(), probe: () => ({ path: '/api/supervisor/board' }) },
  'GET /api/supervisor/decisions': { expect: supervisors(), probe: () => ({ path: '/api/supervisor/decisions' }) },
  // Issue 11: only the case's own clinician flags a safeguarding concern (supervisors read it on the case) or records a call-back.
  'POST /api/cases/:caseId/safeguarding': { expect: assignedClinician(), probe: (w) => ({ path: casePath(w, '/safeguarding'), json: { reason: 'Unexplained bruising.' } }) },
  // Past authorisation, but case A's parent is not owed a call-back (safeguarding.test.ts has one who is).
  'POST /api/cases/:caseId/call-back': {
    expect: clinicianRole({ clinician: 'CALL_BACK_NOT_DUE', otherClinician: 'FORBIDDEN' }),
    probe: (w) => ({ path: casePath(w, '/call-back') }),
  },
  // Supervisor actions (issue 10). Given to the clinician it already has: past authorisation, a no-op (supervisor-actions.test.ts moves cases).
  'POST /api/cases/:caseId/assignment': { expect: supervisors(), probe: (w) => ({ path: casePath(w, '/assignment'), json: { clinicianId: server.userIds.clinician } }) },
  // Past authorisation, but case A's parent has not reached the waiting room (supervisor-actions.test.ts has one who has).
  'POST /api/cases/:caseId/take-parent': {
    expect: supervisors({ supervisor: 'NO_PARENT_WAITING', admin: 'NO_PARENT_WAITING' }),
    probe: (w) => ({ path: casePath(w, '/take-parent'), json: { clinicianId: server.userIds.clinician2 } }),
  },
  'GET /api/me/notices': { expect: staff(), probe: () => ({ path: '/api/me/notices' }) },
  // Only one's own notice; none of that id exists, so every signed-in caller is told it is not found.
  'POST /api/me/notices/:noticeId/dismiss': { expect: staff({}, 'NOT_FOUND'), probe: () => ({ path: `/api/me/notices/${randomUUID()}/dismiss` }) },
  'GET /api/me/availability': { expect: clinicianRole(), probe: () => ({ path: '/api/me/availability' }) },
  'PUT /api/me/availability': { expect: clinicianRole(), probe: () => ({ method: 'PUT', path: '/api/me/availability', json: { availability: 'available' } }) },
  'GET /api/staff/clinicians': { expect: supervisors(), probe: () => ({ path: '/api/staff/clinicians' }) },
  // The day's figures and the audit trail: supervisors and admins only (reports.test.ts has what they answer).
  'GET /api/reports/daily': { expect: supervisors(), probe: () => ({ path: '/api/reports/daily?date=2026-11-18&format=csv' }) },
  'GET /api/audit': { expect: supervisors(), probe: (w) => ({ path: `/api/audit?caseId=${w.caseId}` }) },
  'GET /api/advice/:topic': { expect: everyone(), probe: () => ({ path: '/api/advice/fever' }) },
  // The code in an SMS's advice link is the only key: no session lets anyone in without it (advice-recap.test.ts has real codes).
  'POST /api/advice/language': { expect: everyone('ADVICE_LINK_UNKNOWN'), probe: () => ({ path: '/api/advice/language', json: { token: DEAD_TOKEN, language: 'pl' } }) },
  'POST /api/advice/recap': { expect: everyone('ADVICE_LINK_UNKNOWN'), needs: { decision: true }, probe: () => ({ path: '/api/advice/recap', json: { token: DEAD_TOKEN } }) },
  'POST /api/admin/users/:userId/disable': {
    expect: staff({ clinician: 'FORBIDDEN', otherClinician: 'FORBIDDEN', supervisor: 'FORBIDDEN' }),
    probe: () => ({ path: `/api/admin/users/${disabledUserId}/disable` }),
  },
  'POST /api/admin/users/:userId/unlock': {
    expect: staff({ clinician: 'FORBIDDEN', otherClinician: 'FORBIDDEN', supervisor: 'FORBIDDEN' }),
    probe: () => ({ path: `/api/admin/users/${disabledUserId}/unlock` }),
  },
  // The demo's "phone": every SMS, to anyone. Not mounted in production (production-notify.test.ts).
  'GET /api/dev/outbox': { expect: everyone(), probe: () => ({ path: '/api/dev/outbox' }), public: true },
  // GOV.UK Notify's delivery receipts: no session of any kind lets a caller in, only Notify's bearer token (sms-outbox.test.ts).
  'POST /api/sms/notify-callback': {
    expect: everyone('UNAUTHENTICATED'),
    probe: () => ({ path: '/api/sms/notify-callback', json: { id: 'notify-matrix', reference: null, status: 'delivered' } }),
  },
};

// ---------------------------------------------------------------------------------------------
// Socket rows: every event of the protocol

type SocketPrincipal = Exclude<Principal, 'anonymous' | 'disabled' | 'signedOut'>;
const SOCKET_KIND: Record<Principal, SocketAuth['kind']> = {
  anonymous: 'staff',
  parentA: 'parent',
  parentB: 'parent',
  guestA: 'guest',
  clinician: 'staff',
  otherClinician: 'staff',
  supervisor: 'staff',
  admin: 'staff',
  disabled: 'staff',
  signedOut: 'staff',
};
const NO_SESSION = ['anonymous', 'disabled', 'signedOut'] as const;

type SocketRow = {
  expect: Expectation;
  payload: (world: World) => unknown;
  /** Whether each page first does what it would before this event: staff watch case A (its clinician takes the call), a parent or guest says it is ready. */
  setup?: boolean;
  /** Case A's parent waits in the waiting room (a page of their own) while the row runs. */
  parentWaiting?: boolean;
};

/** Past authorisation, but the call is not in a state where that does anything (no 30 s choice pending). */
const NOT_NOW: Outcome = 'CALL_STATE_CONFLICT';

/** Past authorisation, but there is no such ask to act on. */
const NO_ASK: Outcome = 'ASK_NOT_OPEN';

/** In the call: the parent (admitted by the clinician) and the clinician; nobody else may act as them. */
const inCall = (exceptions: Partial<Record<SocketPrincipal, Outcome>> = {}): Expectation => ({
  ...everyone('UNAUTHENTICATED'),
  parentA: 'FORBIDDEN',
  parentB: 'FORBIDDEN',
  guestA: 'FORBIDDEN',
  clinician: 'FORBIDDEN',
  otherClinician: 'FORBIDDEN',
  supervisor: 'FORBIDDEN',
  admin: 'FORBIDDEN',
  ...exceptions,
});
const staffSocket = (): Expectation => ({ ...inCall(), clinician: 'allow', otherClinician: 'allow', supervisor: 'allow', admin: 'allow' });
const joinerOfA = (): Expectation => inCall({ parentA: 'allow', guestA: 'allow' });

const SOCKET: Record<string, SocketRow> = {
  'case:watch': { expect: staffSocket(), payload: (w) => ({ caseId: w.caseId }), setup: false },
  'case:unwatch': { expect: staffSocket(), payload: (w) => ({ caseId: w.caseId }) },
  'cases:watch': { expect: staffSocket(), payload: () => ({}) },
  // The board carries every open case with the children's names: supervisors only, never a clinician's or a parent's socket.
  'board:watch': { expect: inCall({ supervisor: 'allow', admin: 'allow' }), payload: () => ({}) },
  'call:claim': { expect: inCall({ clinician: 'allow' }), payload: (w) => ({ callId: w.callId }) },
  'call:admit': { expect: inCall({ clinician: 'allow' }), parentWaiting: true, payload: (w) => ({ callId: w.callId, participantId: w.parentParticipantId }) },
  'call:remove': { expect: inCall({ clinician: 'allow' }), payload: (w) => ({ callId: w.callId, participantId: w.guestParticipantId }) },
  'call:end': { expect: inCall({ clinician: 'allow' }), payload: (w) => ({ callId: w.callId }) },
  'call:leave': { expect: joinerOfA(), payload: (w) => ({ callId: w.callId }) },
  'call:ready': { expect: joinerOfA(), payload: (w) => ({ callId: w.callId }), setup: false },
  'call:camera_failed': { expect: joinerOfA(), payload: (w) => ({ callId: w.callId, reason: 'no_camera' }) },
  'call:media': { expect: inCall({ clinician: 'allow', parentA: 'allow', guestA: 'allow' }), payload: (w) => ({ callId: w.callId, peers: {} }) },
  'call:keep_trying': { expect: inCall({ clinician: 'allow', parentA: NOT_NOW, guestA: NOT_NOW }), payload: (w) => ({ callId: w.callId }) },
  // TURN credentials only once let in: the parent and guest of this world are in the waiting room (server/test/ice.test.ts has the admitted ones).
  'call:ice': { expect: inCall({ clinician: 'allow', parentA: 'NOT_IN_CALL', guestA: 'NOT_IN_CALL' }), payload: (w) => ({ callId: w.callId }) },
  // The desk asks the parent. In this world the parent is still waiting and no ask exists: the callers let through
  // are told so (PARENT_NOT_IN_CALL, ASK_NOT_OPEN); server/test/asks.test.ts has the asks that are answered.
  'ask:send': { expect: inCall({ clinician: 'PARENT_NOT_IN_CALL' }), payload: (w) => ({ callId: w.callId, request: { kind: 'back_camera' } }) },
  'ask:answer': { expect: inCall({ parentA: NO_ASK }), payload: (w) => ({ callId: w.callId, askId: randomUUID(), answer: 'accepted' }) },
  'ask:timer': { expect: inCall({ clinician: NO_ASK, parentA: NO_ASK }), payload: (w) => ({ callId: w.callId, askId: randomUUID() }) },
  'ask:close': { expect: inCall({ clinician: NO_ASK }), payload: (w) => ({ callId: w.callId, askId: randomUUID() }) },
  'ask:watch': { expect: { ...staffSocket(), parentA: 'allow' }, payload: (w) => ({ callId: w.callId }) },
  ping: { expect: { ...everyone('UNAUTHENTICATED'), ...Object.fromEntries([...JOINERS, ...STAFF_PRINCIPALS].map((p) => [p, 'allow'])) }, payload: () => ({}) },
};

/** A signal between the clinician and the admitted parent of case A; anyone else claiming to be one of them is refused. */
const SIGNAL_EXPECT: Expectation = inCall({ clinician: 'allow', parentA: 'allow' });

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  // With a callback token configured, as in production, so the receipt route is there to be refused.
  server = await startServer({ env: { NOTIFY_CALLBACK_TOKEN: `matrix-${randomUUID()}` } });
  const [clinician, otherClinician, supervisor, admin, signedOut] = await Promise.all([
    server.login('clinician'),
    server.login('clinician2'),
    server.login('supervisor'),
    server.login('admin'),
    server.login('clinician'),
  ]);
  await signed(await server.request('POST', '/api/auth/logout', { cookie: signedOut }), 204, 'sign out');
  disabledUserId = (await addUser(server.deps.db, { username: 'leaver', displayName: 'Nurse Leaver', role: 'clinician', password: PASSWORD })).id;
  const disabled = await server.login('leaver');
  await signed(await server.request('POST', `/api/admin/users/${disabledUserId}/disable`, { cookie: admin }), 204, 'disable');
  staffCookies = { clinician, otherClinician, supervisor, admin, disabled, signedOut };

  const createdB = await server.createCase(clinician, CASE_B);
  const inviteB = await server.invite(clinician, createdB.id);
  const parentB = await server.join(tokenOf(inviteB.devJoinLink!));
  caseB = { caseId: createdB.id, callId: parentB.session.callId, parentParticipantId: parentB.session.participantId, parentCookie: parentB.cookie };
}, 60_000);
afterAll(() => server?.close());

/** Denied callers first, so an allowed call (an end, a sign-out) cannot change what they are answered. */
const inOrder = (expect: Expectation): Principal[] =>
  [...PRINCIPALS].sort((a, b) => Number(expect[a] === 'allow') - Number(expect[b] === 'allow'));

/** Nobody outside case A is told its child or phone; nobody outside case B is told B's. */
function leakedTo(principal: Principal, text: string): string | null {
  const outsideA: Principal[] = ['anonymous', 'parentB', 'disabled', 'signedOut'];
  const outsideB: Principal[] = ['anonymous', 'parentA', 'guestA', 'disabled', 'signedOut'];
  if (outsideA.includes(principal) && (text.includes(CASE_A.childFirstName) || text.includes('900123'))) return 'case A';
  if (outsideB.includes(principal) && (text.includes(CASE_B.childFirstName) || text.includes('900999'))) return 'case B';
  return null;
}

/** `who: expected X, got Y` for each caller answered otherwise than the matrix says. */
function mismatches(got: Partial<Expectation>, expected: Expectation): string[] {
  return PRINCIPALS.filter((p) => got[p] !== expected[p]).map((p) => `${p}: expected ${expected[p]}, got ${got[p]}`);
}

/** What one list has that the other has not. */
function difference(registered: string[], rows: string[]) {
  return { withoutRow: registered.filter((r) => !rows.includes(r)), rowWithoutRoute: rows.filter((r) => !registered.includes(r)) };
}

function outcomeOf(response: JsonResponse): Outcome {
  if (response.status >= 200 && response.status < 300) return 'allow';
  const body = response.body as { error?: { code?: ErrorCode } };
  const code = body?.error?.code;
  if (!code) return `HTTP ${response.status} without a JSON error` as ErrorCode;
  expect(ERROR_STATUS[code], `${code} is answered with its own status`).toBe(response.status);
  return code;
}

describe('the matrix covers every route and event the server has', () => {
  it('has a row for each REST route in the router, and no row for a route that is gone', () => {
    const registered = server.app.routes().map((r) => `${r.method} ${r.path}`);
    expect(difference(registered, Object.keys(REST))).toEqual({ withoutRow: [], rowWithoutRoute: [] });
  });

  it('has a row for each client-to-server event of the protocol, and for signals', () => {
    expect(difference(Object.keys(clientToServer), Object.keys(SOCKET))).toEqual({ withoutRow: [], rowWithoutRoute: [] });
  });
});

const restRows = Object.entries(REST).sort(([, a], [, b]) => Number(a.last ?? false) - Number(b.last ?? false));
const lastRows = restRows.filter(([, row]) => row.last);

describe.each(restRows.filter(([, row]) => !row.last))('%s', (route, row) => {
  it('answers each caller as the matrix says', async () => {
    await checkRestRow(route, row);
  }, 60_000);
});

async function checkRestRow(route: string, row: RestRow): Promise<void> {
  const world = await newWorld(row.needs);
  const [routeMethod] = route.split(' ');
  const got: Partial<Expectation> = {};
  for (const principal of inOrder(row.expect)) {
    const probe = row.probe(world, principal);
    const method = probe.method ?? (routeMethod === 'ALL' ? 'GET' : routeMethod!);
    const response = await server.request(method, probe.path, { cookie: world.cookies[principal], json: probe.json, headers: probe.headers });
    got[principal] = outcomeOf(response);
    if (!row.public) expect(leakedTo(principal, typeof response.body === 'string' ? response.body : JSON.stringify(response.body)), `${route} as ${principal}`).toBeNull();
  }
  expect(mismatches(got, row.expect)).toEqual([]);
}

describe.each(Object.entries(SOCKET))('socket event %s', (event, row) => {
  it('answers each caller as the matrix says', async () => {
    const world = await newWorld();
    const waiting = row.parentWaiting ? await connectSocket(server, { kind: 'parent', cookie: world.cookies.parentA }) : null;
    if (waiting) await waiting.emitRaw('call:ready', { callId: world.callId });
    const got: Partial<Expectation> = {};
    for (const principal of inOrder(row.expect)) {
      if (row.parentWaiting && principal === 'parentA') {
        got[principal] = await answerOf(waiting!, event, row.payload(world), principal);
        continue;
      }
      if ((NO_SESSION as readonly Principal[]).includes(principal)) {
        got[principal] = handshakeCode(await connectError(server, { kind: SOCKET_KIND[principal], cookie: world.cookies[principal] }));
        continue;
      }
      const socket = await connectSocket(server, { kind: SOCKET_KIND[principal], cookie: world.cookies[principal] });
      try {
        if (row.setup !== false) await prepare(socket, principal, world);
        got[principal] = await answerOf(socket, event, row.payload(world), principal);
      } finally {
        socket.close();
      }
    }
    waiting?.close();
    expect(mismatches(got, row.expect)).toEqual([]);
  }, 60_000);
});

async function answerOf(socket: TestSocket, event: string, payload: unknown, principal: Principal): Promise<Outcome> {
  const ack = (await socket.emitRaw(event, payload)) as { ok: boolean; error?: { code: ErrorCode } };
  expect(leakedTo(principal, JSON.stringify(ack)), `${event} as ${principal}`).toBeNull();
  return ack.ok ? 'allow' : (ack.error?.code ?? ('no code' as ErrorCode));
}

/** What a page does before the event under test: staff watch case A (its clinician takes the call); a parent or guest says it is ready. */
async function prepare(socket: TestSocket, principal: Principal, world: World): Promise<void> {
  if ((STAFF_PRINCIPALS as readonly Principal[]).includes(principal)) await socket.emitRaw('case:watch', { caseId: world.caseId });
  else await socket.emitRaw('call:ready', { callId: principal === 'parentB' ? caseB.callId : world.callId });
}

function handshakeCode(error: { data?: unknown }): ErrorCode {
  return ((error.data as { code?: ErrorCode } | undefined)?.code ?? 'no code') as ErrorCode;
}

describe('socket handshake', () => {
  it('refuses a page whose cookie is not a live session of the kind it says it is', async () => {
    const world = await newWorld();
    const attempts: [Principal, SocketAuth['kind']][] = [
      ['anonymous', 'staff'],
      ['anonymous', 'parent'],
      ['anonymous', 'guest'],
      ['disabled', 'staff'],
      ['signedOut', 'staff'],
      ['parentA', 'staff'],
      ['parentA', 'guest'],
      ['guestA', 'parent'],
      ['clinician', 'parent'],
    ];
    for (const [principal, kind] of attempts) {
      const refused = await connectError(server, { kind, cookie: world.cookies[principal] });
      expect(handshakeCode(refused), `${principal} as ${kind}`).toBe('UNAUTHENTICATED');
    }
  }, 60_000);
});

describe('signal', () => {
  it('is relayed only between the clinician and the admitted parent; anyone else claiming to be one of them is refused', async () => {
    const world = await newWorld();
    const clinicianPage = await connectSocket(server, { kind: 'staff', cookie: world.cookies.clinician });
    const parentPage = await connectSocket(server, { kind: 'parent', cookie: world.cookies.parentA });
    try {
      await clinicianPage.emitRaw('case:watch', { caseId: world.caseId });
      await parentPage.emitRaw('call:ready', { callId: world.callId });
      const admitted = (await clinicianPage.emitRaw('call:admit', { callId: world.callId, participantId: world.parentParticipantId })) as { ok: boolean };
      expect(admitted.ok).toBe(true);
      const got: Partial<Expectation> = {};
      const description = { kind: 'description', type: 'offer', sdp: 'v=0' };
      for (const principal of inOrder(SIGNAL_EXPECT)) {
        if (principal === 'clinician' || principal === 'parentA') {
          const [page, from, to, receiver] =
            principal === 'clinician'
              ? [clinicianPage, world.clinicianParticipantId, world.parentParticipantId, parentPage]
              : [parentPage, world.parentParticipantId, world.clinicianParticipantId, clinicianPage];
          const before = receiver.signals.length;
          page.socket.emit('signal', { callId: world.callId, from, to, generation: 1, data: description } as never);
          await receiver.waitForSignal(before);
          got[principal] = 'allow';
          continue;
        }
        if ((NO_SESSION as readonly Principal[]).includes(principal)) {
          got[principal] = handshakeCode(await connectError(server, { kind: SOCKET_KIND[principal], cookie: world.cookies[principal] }));
          continue;
        }
        const page = await connectSocket(server, { kind: SOCKET_KIND[principal], cookie: world.cookies[principal] });
        try {
          await prepare(page, principal, world);
          // Claims to be the clinician, to the parent: only the page holding the clinician's media may.
          page.socket.emit('signal', { callId: world.callId, from: world.clinicianParticipantId, to: world.parentParticipantId, generation: 1, data: description } as never);
          got[principal] = (await page.waitForSignalError()).code;
        } finally {
          page.close();
        }
      }
      expect(mismatches(got, SIGNAL_EXPECT)).toEqual([]);
    } finally {
      clinicianPage.close();
      parentPage.close();
    }
  }, 60_000);
});

// Last: signing out ends the sessions every other row uses.
describe.each(lastRows)('%s (last)', (route, row) => {
  it('answers each caller as the matrix says', async () => {
    await checkRestRow(route, row);
  }, 60_000);
});
