import { createHash, randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  apiErrorSchema,
  caseSchema,
  inviteResponseSchema,
  joinSessionSchema,
  PROTOCOL_VERSION,
  type ApiError,
  type Case,
  type CallUpdate,
  type ClientToServerEvents,
  type CreateCaseBody,
  type InviteResponse,
  type GuestInviteBody,
  type JoinSession,
  type ServerToClientEvents,
  type ServerToClientPayload,
  type SocketAuth,
} from '@desk/shared';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { createApp, type App, type AppOptions } from '../src/app.js';
import type { AuditAction } from '../src/audit/audit.js';
import { cookieName } from '../src/auth/sessions.js';
import { addUser } from '../src/auth/users.js';
import { loadConfig, settlePublicUrl, type Config } from '../src/config.js';
import { openDatabase, openPgliteFromDump, type Database } from '../src/db/client.js';
import { audit, decisions, users } from '../src/db/schema.js';
import { createLogger } from '../src/logger.js';
import type { Clock, Deps } from '../src/http/context.js';

/**
 * Real servers for tests: `createApp` on port 0 with its own PGlite, reached over real HTTP and real
 * socket.io clients. Migrating a PGlite takes seconds; cloning a dump of a migrated one takes well
 * under one, so each worker migrates once (and leaves the dump on disk for the next worker and run,
 * keyed by the migrations' content) and every server gets a clone.
 */

export const PASSWORD = 'correct horse battery staple';
export const STAFF = {
  clinician: { username: 'clinician', displayName: 'Nurse Demo', role: 'clinician' },
  clinician2: { username: 'clinician2', displayName: 'Nurse Second', role: 'clinician' },
  supervisor: { username: 'supervisor', displayName: 'Supervisor Demo', role: 'supervisor' },
  admin: { username: 'admin', displayName: 'Admin Demo', role: 'admin' },
} as const;
export type StaffName = keyof typeof STAFF;

export const A_CASE: CreateCaseBody = {
  reference: '111-ABC-123',
  childFirstName: 'Amelia',
  childAgeMonths: 26,
  callerPhone: '07700 900123',
  relationship: 'Mother',
  complaint: 'fever',
};

// ---------------------------------------------------------------------------------------------
// Database template

const migrationsDir = fileURLToPath(new URL('../src/db/migrations', import.meta.url));
let template: Promise<Blob> | null = null;

function templateKey(): string {
  const hash = createHash('sha256');
  // A new PGlite may not read an old dump: its version is part of the key.
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(readFileSync(path.join(path.dirname(pgliteEntry), '..', 'package.json')));
  const files = readdirSync(migrationsDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(file.slice(migrationsDir.length)).update(readFileSync(file));
  hash.update(JSON.stringify({ STAFF, PASSWORD }));
  return hash.digest('hex').slice(0, 16);
}

async function buildTemplate(): Promise<Blob> {
  const cacheFile = path.join(tmpdir(), `desk-test-pglite-${templateKey()}.tar`);
  try {
    return new Blob([readFileSync(cacheFile)]);
  } catch {
    // Not cached yet: migrate once and keep the dump.
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  // Password hashing is slow on purpose: the staff are hashed once, into the template.
  for (const user of Object.values(STAFF)) await addUser(database.db, { ...user, password: PASSWORD });
  if (!database.dump) throw new Error('PGlite database without dump()');
  const dump = await database.dump();
  await database.close();
  const partial = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
  renameSync(partial, cacheFile);
  return dump;
}

/** A freshly migrated PGlite of its own, holding only the STAFF accounts. */
export async function freshDatabase(): Promise<Database> {
  return openPgliteFromDump(await templateDump());
}

/** The migrated template itself, a tarball of a PGlite data directory (a server process unpacks it as its DATA_DIR). */
export function templateDump(): Promise<Blob> {
  template ??= buildTemplate();
  return template;
}

// ---------------------------------------------------------------------------------------------
// Logs

export type CapturedLogs = { logger: Logger; lines: string[]; text(): string };

/** A logger that keeps every line it writes (as the server would write them: redacted, serialized). */
export function capturedLogger(): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
  return { logger, lines, text: () => lines.join('') };
}

/** Fields whose values are a child's, a caller's or a colleague's details, or a secret: never to be logged. */
const PLANTED_FIELDS = new Set(['childFirstName', 'callerPhone', 'phone', 'nhsNumber', 'dateOfBirth', 'gpPractice', 'password', 'token', 'name']);
/** Free-text clinical fields: planted when they hold real words (not an enum like `left`). */
const FREE_TEXT_FIELD = /note|reason|comment/i;

/**
 * Everything a test server was told that must not reach its log: the PII and free text in request
 * bodies, passwords, join tokens and session cookies. Every test server logs at `trace` into memory
 * and, when it closes, fails if any of these appears (docs/security.md, "Logs").
 */
export class PlantedSecrets {
  readonly values = new Map<string, string>();

  add(value: string, what: string): void {
    const trimmed = value.trim();
    // Short values (an age, "Mum") would match by chance; the fields that matter are longer.
    if (trimmed.length < 5) return;
    this.values.set(trimmed, what);
    // A phone number is stored and could be logged in another form.
    const digits = trimmed.replace(/\D/g, '');
    if (what === 'phone' && digits.length >= 10) {
      this.values.set(digits, what);
      if (digits.startsWith('0')) this.values.set(`+44${digits.slice(1)}`, what);
    }
  }

  /** Walks a JSON body the test sent, planting the values of sensitive fields (of an answer: only its join links). */
  fromBody(body: unknown, source: 'request' | 'response', key = ''): void {
    if (typeof body === 'string') {
      if (source === 'request' && PLANTED_FIELDS.has(key)) this.add(body, /phone/i.test(key) ? 'phone' : key === 'token' ? 'join token' : key);
      else if (source === 'request' && FREE_TEXT_FIELD.test(key) && /\s/.test(body.trim())) this.add(body, key);
      if (key === 'devJoinLink' || key === 'link') {
        const token = /\/join\/([^/?#]+)$/.exec(body)?.[1];
        if (token) this.add(token, 'join token');
      }
      return;
    }
    if (Array.isArray(body)) for (const item of body) this.fromBody(item, source, key);
    else if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) this.fromBody(v, source, k);
  }

  fromSetCookies(headers: Headers): void {
    for (const cookie of headers.getSetCookie()) {
      const value = cookie.split(';')[0]!.split('=').slice(1).join('=');
      if (value) this.add(value, 'session cookie');
    }
  }

  /** The planted values found in a log, as `what: value`. */
  foundIn(log: string): string[] {
    return [...this.values].filter(([value]) => log.includes(value)).map(([value, what]) => `${what}: ${value}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Clock

export type TestClock = Clock & { advance(ms: number): void };

/** A clock that stands still at `at` until the test moves it (to build a day hour by hour: day-figures.test.ts). */
export function stoppedClock(at: Date): TestClock & { set(at: Date): void } {
  let nowMs = at.getTime();
  return {
    now: () => new Date(nowMs),
    advance: (ms) => {
      nowMs += ms;
    },
    set: (next) => {
      nowMs = next.getTime();
    },
  };
}

/** Real time plus an offset the test moves forward. */
export function testClock(): TestClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms) => {
      offsetMs += ms;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP

export type JsonResponse = { status: number; headers: Headers; body: unknown };
export type RequestOptions = { cookie?: string; json?: unknown; headers?: Record<string, string> };

/** The `{code, message, fields?}` of an error response (throws if it is not one). */
export function errorOf(response: JsonResponse): ApiError {
  return apiErrorSchema.parse(response.body).error;
}

/** `name=value` of a Set-Cookie header, as a browser would send it back. */
export function cookieFrom(response: JsonResponse, name: string): string {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!header) throw new Error(`no ${name} cookie in ${response.status} response`);
  return header.split(';')[0]!;
}

export function tokenOf(link: string): string {
  const token = /\/join\/([^/?#]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`not a join link: ${link}`);
  return token;
}

// ---------------------------------------------------------------------------------------------
// Server

export type ServerOverrides = {
  /** Extra or replaced environment for `loadConfig`. */
  env?: Record<string, string>;
  rateLimits?: Partial<Config['rateLimits']>;
  /** Shorter call deadlines (docs/architecture.md, "Deadlines"). */
  callTiming?: AppOptions['callTiming'];
  /** false: no background sweeper; the test calls `server.app.sweeper.runOnce()` itself. */
  sweep?: boolean;
  /** How long the sweeper goes without asking the database (its own writes wake it sooner). */
  sweepPollMs?: number;
  /** How often open sockets' sessions are checked again (a disable from another process). */
  sessionRecheckMs?: number;
  /** false: no background SMS worker; the test sends what is queued with `server.app.smsWorker.runOnce()`. */
  smsWorker?: boolean;
  /** true: the retention job runs at start and on its interval. Off unless asked; `server.app.retention.runOnce()` runs it by hand. */
  retention?: boolean;
  sms?: AppOptions['sms'];
  /** Another database (e.g. Postgres) instead of a PGlite clone; its STAFF accounts are added here (unless another node added them). */
  database?: Database;
  /** One node of several (`openCluster` with the test's Redis); closed with the server. */
  cluster?: AppOptions['cluster'];
  presence?: AppOptions['presence'];
  /** The test's own log capture (to read it); every server captures its log either way. */
  logs?: CapturedLogs;
  /** Another clock than real time plus an offset (e.g. `stoppedClock`). */
  clock?: TestClock;
};

export type TestServer = {
  url: string;
  app: App;
  deps: Deps;
  database: Database;
  clock: TestClock;
  userIds: Record<StaffName, string>;
  /** Everything the server logged (at trace level). */
  logs: CapturedLogs;
  /** What the server was told that its log must never hold; checked when it closes. */
  planted: PlantedSecrets;
  request(method: string, urlPath: string, options?: RequestOptions): Promise<JsonResponse>;
  /** The `desk_session=…` cookie of a signed-in user. */
  login(username: string, password?: string): Promise<string>;
  createCase(cookie: string, body?: Partial<CreateCaseBody>): Promise<Case>;
  getCase(cookie: string, caseId: string): Promise<Case>;
  invite(cookie: string, caseId: string): Promise<InviteResponse>;
  /** Exchanges a join token: the `join_session=…` cookie and the parent's session. */
  /** Invites a colleague into the case's call. */
  inviteGuest(cookie: string, caseId: string, guest: GuestInviteBody): Promise<InviteResponse>;
  join(token: string): Promise<{ cookie: string; session: JoinSession }>;
  auditRows(action: AuditAction, subject?: string): Promise<(typeof audit.$inferSelect)[]>;
  close(): Promise<void>;
};

export async function startServer(overrides: ServerOverrides = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'desk-test-'));
  const loaded = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...overrides.env });
  // The public origin is this server's own unless the test sets PUBLIC_URL, as `npm start` settles it.
  const httpServer = createHttpServer();
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  // Generous by default so one server can serve a whole file; a test that checks the limit sets it.
  const config: Config = {
    ...settlePublicUrl({ ...loaded, publicUrl: loaded.publicUrl ?? url }, 0),
    rateLimits: { loginPerMinute: 1000, joinPerMinute: 1000, invitesPerMinute: 1000, guestInvitesPerMinute: 1000, photosPerMinute: 1000, ...overrides.rateLimits },
  };
  let database: Database;
  if (overrides.database) {
    database = overrides.database;
    const existing = new Set((await database.db.select({ username: users.username }).from(users)).map((u) => u.username));
    for (const user of Object.values(STAFF)) if (!existing.has(user.username)) await addUser(database.db, { ...user, password: PASSWORD });
  } else {
    database = await freshDatabase();
  }
  const staffRows = await database.db.select({ id: users.id, username: users.username }).from(users);
  const userIds = Object.fromEntries(
    (Object.keys(STAFF) as StaffName[]).map((name) => [name, staffRows.find((row) => row.username === STAFF[name].username)!.id]),
  ) as Record<StaffName, string>;
  const clock = overrides.clock ?? testClock();
  const logs = overrides.logs ?? capturedLogger();
  const planted = new PlantedSecrets();
  planted.add(PASSWORD, 'password');
  const app = createApp({
    config,
    database,
    cluster: overrides.cluster,
    presence: overrides.presence,
    clock,
    httpServer,
    logger: logs.logger,
    sms: overrides.sms,
    callTiming: overrides.callTiming,
    sweep: overrides.sweep,
    sweepPollMs: overrides.sweepPollMs,
    sessionRecheckMs: overrides.sessionRecheckMs,
    smsWorker: overrides.smsWorker,
    retention: overrides.retention ?? false,
  });

  const request: TestServer['request'] = async (method, urlPath, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${urlPath}`, {
      method,
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
    const body = isJson && text ? (JSON.parse(text) as unknown) : text;
    planted.fromBody(options.json, 'request');
    planted.fromBody(body, 'response');
    planted.fromSetCookies(response.headers);
    return { status: response.status, headers: response.headers, body };
  };

  const expectStatus = (response: JsonResponse, status: number, what: string) => {
    if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  };

  const server: TestServer = {
    url,
    app,
    deps: app.deps,
    database,
    clock,
    userIds,
    logs,
    planted,
    request,
    async login(username, password = PASSWORD) {
      const response = await request('POST', '/api/auth/login', { json: { username, password } });
      expectStatus(response, 200, `login ${username}`);
      return cookieFrom(response, cookieName('staff', config.secureCookies));
    },
    async createCase(cookie, body = {}) {
      const response = await request('POST', '/api/cases', { cookie, json: { ...A_CASE, ...body } });
      expectStatus(response, 201, 'create case');
      return caseSchema.parse(response.body);
    },
    async getCase(cookie, caseId) {
      const response = await request('GET', `/api/cases/${caseId}`, { cookie });
      expectStatus(response, 200, 'get case');
      return caseSchema.parse(response.body);
    },
    async invite(cookie, caseId) {
      const response = await request('POST', `/api/cases/${caseId}/invites`, { cookie });
      expectStatus(response, 201, 'invite');
      return inviteResponseSchema.parse(response.body);
    },
    async inviteGuest(cookie, caseId, guest) {
      const response = await request('POST', `/api/cases/${caseId}/invites`, { cookie, json: guest });
      expectStatus(response, 201, 'guest invite');
      return inviteResponseSchema.parse(response.body);
    },
    async join(token) {
      const response = await request('POST', '/api/join', { json: { token } });
      expectStatus(response, 200, 'join');
      return { cookie: cookieFrom(response, cookieName('join', config.secureCookies)), session: joinSessionSchema.parse(response.body) };
    },
    async auditRows(action, subject) {
      const conditions: SQL[] = [eq(audit.action, action)];
      if (subject !== undefined) conditions.push(eq(audit.subject, subject));
      return app.deps.db.select().from(audit).where(and(...conditions));
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      const leaked = planted.foundIn(logs.text());
      if (leaked.length) throw new Error(`the server logged what it must not: ${leaked.join('; ')}`);
    },
  };
  return server;
}

// ---------------------------------------------------------------------------------------------
// Decisions

/** A server with the two clinicians and the supervisor signed in, as the decision tests start. */
export async function startWithStaff(overrides: ServerOverrides = {}): Promise<{ server: TestServer; clinician: string; clinician2: string; supervisor: string }> {
  const server = await startServer(overrides);
  const [clinician, clinician2, supervisor] = await Promise.all([server.login('clinician'), server.login('clinician2'), server.login('supervisor')]);
  return { server, clinician, clinician2, supervisor };
}

export const newIdempotencyKey = () => `key-${randomUUID()}`;

/** POSTs a decision (or, with `decisionId`, an amendment of it); a null key sends no Idempotency-Key header. */
export function postDecision(
  server: TestServer,
  request: { caseId: string; decisionId?: string; body: unknown; key: string | null; cookie: string },
): Promise<JsonResponse> {
  const { caseId, decisionId, body, key, cookie } = request;
  const urlPath = decisionId ? `/api/cases/${caseId}/decisions/${decisionId}/amendments` : `/api/cases/${caseId}/decisions`;
  return server.request('POST', urlPath, { cookie, json: body, headers: key === null ? {} : { 'Idempotency-Key': key } });
}

/** The stored decision rows of a case, oldest version first. */
export function decisionRowsFor(server: TestServer, caseId: string) {
  return server.deps.db.select().from(decisions).where(eq(decisions.caseId, caseId)).orderBy(decisions.version);
}

/** A case with a video link sent and exchanged: what the parent's phone holds after the tap. */
export async function joinedCase(server: TestServer, staffCookie: string, body: Partial<CreateCaseBody> = {}) {
  const created = await server.createCase(staffCookie, body);
  const invite = await server.invite(staffCookie, created.id);
  const parent = await server.join(tokenOf(invite.devJoinLink!));
  return { caseId: created.id, invite, parentCookie: parent.cookie, parentSession: parent.session };
}

// ---------------------------------------------------------------------------------------------
// Sockets

export type DeskClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A connected socket that remembers every call update, signal and signal refusal it was sent. */
export type TestSocket = {
  socket: DeskClientSocket;
  /** The page id this socket announced (a reload is a new one). */
  endpoint: string;
  updates: CallUpdate[];
  signals: ServerToClientPayload<'signal'>[];
  signalErrors: ServerToClientPayload<'signal:error'>[];
  /** Resolves with the first update (received after `from`) that matches; fails after a few seconds. */
  waitForUpdate(match: (update: CallUpdate) => boolean, from?: number): Promise<CallUpdate>;
  waitForSignal(from?: number): Promise<ServerToClientPayload<'signal'>>;
  waitForSignalError(from?: number): Promise<ServerToClientPayload<'signal:error'>>;
  /** Emits without the type checks, for malformed payloads. */
  emitRaw(event: string, payload: unknown): Promise<unknown>;
  close(): void;
};

const WAIT_MS = 5_000;

type SocketOptions = { kind: SocketAuth['kind']; cookie?: string; protocolVersion?: number; origin?: string; endpoint?: string };

const newEndpoint = () => `page-${randomUUID()}`;

function openSocket(server: Pick<TestServer, 'url'>, options: SocketOptions, endpoint: string): DeskClientSocket {
  return io(server.url, {
    auth: { kind: options.kind, protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION, endpoint },
    extraHeaders: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.origin ? { origin: options.origin } : {}) },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
}

/** The error a handshake is refused with (`data.code` carries the coded reason). */
export function connectError(server: Pick<TestServer, 'url'>, options: SocketOptions): Promise<{ message: string; data?: unknown }> {
  const socket = openSocket(server, options, options.endpoint ?? newEndpoint());
  return new Promise((resolve, reject) => {
    socket.on('connect', () => {
      socket.close();
      reject(new Error('handshake was accepted'));
    });
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      socket.close();
      resolve({ message: error.message, data: error.data });
    });
  });
}

export async function connectSocket(server: Pick<TestServer, 'url'>, options: SocketOptions): Promise<TestSocket> {
  const endpoint = options.endpoint ?? newEndpoint();
  const socket = openSocket(server, options, endpoint);
  const updates: CallUpdate[] = [];
  const signals: ServerToClientPayload<'signal'>[] = [];
  const signalErrors: ServerToClientPayload<'signal:error'>[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const check of waiters) check();
  };
  socket.on('call:state', (update) => {
    updates.push(update);
    notify();
  });
  socket.on('signal', (signal) => {
    signals.push(signal);
    notify();
  });
  socket.on('signal:error', (error) => {
    signalErrors.push(error);
    notify();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });

  function waitFor<T>(list: T[], match: (item: T) => boolean, from: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = list.slice(from).find(match);
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; received ${JSON.stringify(list.slice(from))}`));
      }, WAIT_MS);
      waiters.add(check);
      check();
    });
  }

  return {
    socket,
    endpoint,
    updates,
    signals,
    signalErrors,
    waitForUpdate: (match, from = 0) => waitFor(updates, match, from, 'a call update'),
    waitForSignal: (from = 0) => waitFor(signals, () => true, from, 'a signal'),
    waitForSignalError: (from = 0) => waitFor(signalErrors, () => true, from, 'a signal error'),
    emitRaw: (event, payload) => (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(event, payload),
    close: () => {
      socket.close();
    },
  };
}

/** Matches an update by base state, and by reason when given. */
export const inState =
  (state: CallUpdate['snapshot']['state'], extra: { reason?: string | null } = {}) =>
  (update: CallUpdate) =>
    update.snapshot.state === state && (extra.reason === undefined || update.snapshot.reason === extra.reason);

/** The participant of a role in an update (the first, for guests of one role). */
export function participantIn(update: CallUpdate, role: CallUpdate['participants'][number]['role']) {
  const found = update.participants.find((p) => p.role === role);
  if (!found) throw new Error(`no ${role} in ${JSON.stringify(update.participants)}`);
  return found;
}
