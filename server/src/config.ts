import os from 'node:os';
import path from 'node:path';
import { DEFAULT_BOARD_THRESHOLDS, draftTranslationModes, iceTransportPolicies, type BoardThresholds, type DraftTranslations, type IceConfig } from '@desk/shared';
import { z } from 'zod';

/** Every environment variable the server reads, parsed in one place (docs/operations.md lists them). */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  HTTPS: z.enum(['0', '1', 'true', 'false', '']).default('0').transform((v) => v === '1' || v === 'true'),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: z.string().optional(),
  /** Several nodes (docs/operations.md, "Several nodes"): Socket.IO's adapter, the cross-node events and the rate-limit counters live here. Needs DATABASE_URL. */
  REDIS_URL: z.string().url().optional(),
  /** This node's name in logs and metrics; unset: the host name and process id. */
  NODE_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits and . _ : - only (at most 64)').optional(),
  /** `/metrics` (Prometheus) on a port of its own, not the public one. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Where the metrics port listens (keep it private: loopback or the cluster's own network). */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** Or `/metrics` on the public port, only with `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  DEMO_PASSWORD: z.string().min(1).default('demo'),
  NOTIFY_API_KEY: z.string().optional(),
  NOTIFY_SMS_TEMPLATE_ID: z.string().optional(),
  NOTIFY_BASE_URL: z.string().url().optional(),
  /** The bearer token Notify's delivery-status callback sends (set the same in Notify's settings); unset: no callback route. */
  NOTIFY_CALLBACK_TOKEN: z.string().min(10).optional(),
  /** SMS worker (docs/operations.md, "SMS"): tries per message, the first retry's delay (doubling), how long one send may take. */
  SMS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  SMS_RETRY_BASE_SECONDS: z.coerce.number().min(0.01).max(3600).default(5),
  SMS_SEND_TIMEOUT_SECONDS: z.coerce.number().min(0.01).max(600).default(30),
  /** Retention job (docs/operations.md, "Retention"): how often, and how long each kind of row is kept. */
  RETENTION_INTERVAL_MINUTES: z.coerce.number().min(0.01).max(7 * 24 * 60).default(60),
  RETENTION_SESSION_DAYS: z.coerce.number().min(0).max(3650).default(30),
  RETENTION_DRAFT_DAYS: z.coerce.number().min(0).max(3650).default(30),
  RETENTION_SMS_BODY_HOURS: z.coerce.number().min(0).max(24 * 3650).default(24),
  RETENTION_PHOTO_DAYS: z.coerce.number().min(0).max(3650).default(30),
  TURN_URLS: z.string().optional(),
  TURN_SECRET: z.string().optional(),
  /** How long a participant's TURN credentials last: longer than the longest call (docs/operations.md). */
  TURN_CREDENTIAL_TTL_S: z.coerce.number().int().min(60).max(24 * 60 * 60).default(2 * 60 * 60),
  /** `relay`: media only through TURN, so neither side learns the other's addresses (needs TURN_URLS). */
  ICE_TRANSPORT_POLICY: z.enum(iceTransportPolicies).default('all'),
  STUN_URLS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STATIC_DIR: z.string().optional(),
  /** Per client address per minute (docs/operations.md). */
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_JOIN_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Per clinician (not per address: a desk shares one): video links sent, and colleagues invited. */
  RATE_LIMIT_INVITES_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_GUEST_INVITES_PER_MINUTE: z.coerce.number().int().positive().default(5),
  /** Photo uploads per join session per minute: each is up to 10 MB that sharp decodes on this process. */
  RATE_LIMIT_PHOTOS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Account lockout (docs/security.md): this many failed sign-ins within the window lock the account for the rest of it. */
  LOGIN_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().min(0.01).max(24 * 60).default(15),
  /** Staff sessions (docs/security.md, "Sessions"): signed out after this long without activity, and after this long whatever. */
  STAFF_IDLE_MINUTES: z.coerce.number().min(1).max(24 * 60).default(30),
  STAFF_SESSION_HOURS: z.coerce.number().min(0.1).max(72).default(12),
  /** How long a one-time video link lasts unused (docs/operations.md). Tests shorten it to see a link expire. */
  INVITE_TTL_SECONDS: z.coerce.number().int().min(5).max(60 * 60).default(600),
  /** The supervisor board (docs/operations.md, "Supervisor board"): a row turns amber past these, red at twice as long. */
  BOARD_PARENT_WAITING_SECONDS: z.coerce.number().int().positive().default(DEFAULT_BOARD_THRESHOLDS.parentWaitingSeconds),
  BOARD_LINK_UNOPENED_SECONDS: z.coerce.number().int().positive().default(DEFAULT_BOARD_THRESHOLDS.linkUnopenedSeconds),
  BOARD_RECONNECTING_SECONDS: z.coerce.number().int().positive().default(DEFAULT_BOARD_THRESHOLDS.reconnectingSeconds),
  BOARD_UNDECIDED_SECONDS: z.coerce.number().int().positive().default(DEFAULT_BOARD_THRESHOLDS.undecidedSeconds),
  /** How long a signed case stays on the board (as "decided") before it leaves. */
  BOARD_DECIDED_VISIBLE_SECONDS: z.coerce.number().int().min(0).max(24 * 60 * 60).default(15 * 60),
  /** Which proxies' X-Forwarded-For counts (Express `trust proxy`): a hop count or addresses/CIDRs. Unset: none. */
  TRUST_PROXY: z.string().optional(),
  /** Unreviewed translations of clinical parent text (advice, recap, safety-netting SMS): `show` them, or send `english`. Unset: english in production, show otherwise. */
  DRAFT_TRANSLATIONS: z.enum(draftTranslationModes).optional(),
});

export type Config = {
  production: boolean;
  port: number;
  host: string;
  /**
   * The one origin links are built from (SMS links, the CSRF origin check): `PUBLIC_URL`, or in
   * development the origin `npm start` settles at start-up (`settlePublicUrl`). Never a request header.
   */
  publicUrl: string;
  /** Cookies are `Secure` and `__Host-` named: the public origin is https. */
  secureCookies: boolean;
  /** Express `trust proxy`: false (the socket's own address), a hop count, or addresses/CIDRs. */
  trustProxy: false | number | string[];
  board: { thresholds: BoardThresholds; decidedVisibleSeconds: number };
  inviteTtlMs: number;
  https: boolean;
  dataDir: string;
  databaseUrl: string | null;
  /** Set: this is one of several nodes sharing Redis (and a Postgres at `databaseUrl`). */
  redisUrl: string | null;
  /** This node's name in every log line and metric. */
  nodeId: string;
  /** Where `/metrics` is served: its own port, and/or the public one behind a bearer token. Neither: nowhere. */
  metrics: { port: number | null; host: string; token: string | null };
  demoPassword: string | null;
  notify: { apiKey: string; templateId: string; baseUrl: string | null } | null;
  notifyCallbackToken: string | null;
  sms: { maxAttempts: number; retryBaseMs: number; sendTimeoutMs: number };
  retention: { intervalMs: number; sessionMs: number; draftMs: number; smsBodyMs: number; photoMs: number };
  turn: { urls: string[]; secret: string; credentialTtlS: number } | null;
  stunUrls: string[];
  iceTransportPolicy: IceConfig['iceTransportPolicy'];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  staticDir: string | null;
  /** Limits are lower in tests only where a test sets them. */
  rateLimits: { loginPerMinute: number; joinPerMinute: number; invitesPerMinute: number; guestInvitesPerMinute: number; photosPerMinute: number };
  lockout: { attempts: number; windowMs: number };
  /** A staff session ends `idleMs` after its last activity, and `absoluteMs` after sign-in in any case. */
  staffSession: { idleMs: number; absoluteMs: number };
  /** Whether parents get unreviewed translations of clinical text (`show`) or English until reviewed (`english`). */
  draftTranslations: DraftTranslations;
};

export class ConfigError extends Error {}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The configuration as the environment gives it; the public origin may wait for the listening port. */
export type LoadedConfig = Omit<Config, 'publicUrl' | 'secureCookies'> & { publicUrl: string | null };

/**
 * Fixes the public origin once, at start-up: `PUBLIC_URL` if set, else (development only)
 * `http://localhost:PORT`, or with HTTPS=1 the first LAN address (a phone on the same network can
 * open the link and use its camera). Never derived from a request afterwards.
 */
export function settlePublicUrl(loaded: LoadedConfig, listeningPort: number, lanAddresses: readonly string[] = []): Config {
  const scheme = loaded.https ? 'https' : 'http';
  const host = loaded.https && lanAddresses[0] ? lanAddresses[0] : 'localhost';
  const publicUrl = loaded.publicUrl ?? `${scheme}://${host}:${listeningPort}`;
  return { ...loaded, publicUrl, secureCookies: loaded.https || publicUrl.startsWith('https:') };
}

function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') {
    throw new ConfigError('TRUST_PROXY=true would let any client choose its own address (and dodge rate limits): give the number of proxies in front, or their addresses.');
  }
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const notify =
    e.NOTIFY_API_KEY && e.NOTIFY_SMS_TEMPLATE_ID
      ? { apiKey: e.NOTIFY_API_KEY, templateId: e.NOTIFY_SMS_TEMPLATE_ID, baseUrl: e.NOTIFY_BASE_URL ?? null }
      : null;
  if (e.NOTIFY_API_KEY && !e.NOTIFY_SMS_TEMPLATE_ID) {
    throw new ConfigError('NOTIFY_API_KEY is set but NOTIFY_SMS_TEMPLATE_ID is not: both are needed to send SMS.');
  }
  if (production && !notify) {
    throw new ConfigError(
      'NODE_ENV=production needs a real SMS provider: set NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID (docs/operations.md).',
    );
  }
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new ConfigError('REDIS_URL (several nodes) needs DATABASE_URL: the embedded PGlite database belongs to one process.');
  }
  if (production && !e.PUBLIC_URL) {
    throw new ConfigError('NODE_ENV=production needs PUBLIC_URL (the https origin parents open links on).');
  }
  if (production && !e.PUBLIC_URL!.startsWith('https:')) {
    throw new ConfigError('NODE_ENV=production needs an https PUBLIC_URL: parents\' browsers only open the camera on https.');
  }
  const split = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const turnUrls = split(e.TURN_URLS);
  if (turnUrls.length && !e.TURN_SECRET) throw new ConfigError('TURN_URLS needs TURN_SECRET (coturn use-auth-secret).');
  if (e.ICE_TRANSPORT_POLICY === 'relay' && !turnUrls.length) throw new ConfigError('ICE_TRANSPORT_POLICY=relay needs TURN_URLS and TURN_SECRET: media would have no way through.');
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : null,
    https: e.HTTPS,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    nodeId: e.NODE_ID ?? `${os.hostname()}-${process.pid}`,
    metrics: { port: e.METRICS_PORT ?? null, host: e.METRICS_HOST, token: e.METRICS_TOKEN ?? null },
    demoPassword: production ? null : e.DEMO_PASSWORD,
    notify,
    notifyCallbackToken: e.NOTIFY_CALLBACK_TOKEN ?? null,
    sms: { maxAttempts: e.SMS_MAX_ATTEMPTS, retryBaseMs: e.SMS_RETRY_BASE_SECONDS * 1000, sendTimeoutMs: e.SMS_SEND_TIMEOUT_SECONDS * 1000 },
    retention: {
      intervalMs: e.RETENTION_INTERVAL_MINUTES * MINUTE_MS,
      sessionMs: e.RETENTION_SESSION_DAYS * DAY_MS,
      draftMs: e.RETENTION_DRAFT_DAYS * DAY_MS,
      smsBodyMs: e.RETENTION_SMS_BODY_HOURS * HOUR_MS,
      photoMs: e.RETENTION_PHOTO_DAYS * DAY_MS,
    },
    turn: turnUrls.length && e.TURN_SECRET ? { urls: turnUrls, secret: e.TURN_SECRET, credentialTtlS: e.TURN_CREDENTIAL_TTL_S } : null,
    stunUrls: split(e.STUN_URLS),
    iceTransportPolicy: e.ICE_TRANSPORT_POLICY,
    logLevel: e.LOG_LEVEL,
    staticDir: e.STATIC_DIR ? path.resolve(e.STATIC_DIR) : null,
    rateLimits: {
      loginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
      joinPerMinute: e.RATE_LIMIT_JOIN_PER_MINUTE,
      invitesPerMinute: e.RATE_LIMIT_INVITES_PER_MINUTE,
      guestInvitesPerMinute: e.RATE_LIMIT_GUEST_INVITES_PER_MINUTE,
      photosPerMinute: e.RATE_LIMIT_PHOTOS_PER_MINUTE,
    },
    lockout: { attempts: e.LOGIN_LOCKOUT_ATTEMPTS, windowMs: e.LOGIN_LOCKOUT_MINUTES * 60_000 },
    staffSession: { idleMs: Math.round(e.STAFF_IDLE_MINUTES * 60_000), absoluteMs: Math.round(e.STAFF_SESSION_HOURS * 60 * 60_000) },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    // A draft translation of clinical advice reaches no parent in production unless someone chose so.
    draftTranslations: e.DRAFT_TRANSLATIONS ?? (production ? 'english' : 'show'),
    inviteTtlMs: e.INVITE_TTL_SECONDS * 1000,
    board: {
      thresholds: {
        parentWaitingSeconds: e.BOARD_PARENT_WAITING_SECONDS,
        linkUnopenedSeconds: e.BOARD_LINK_UNOPENED_SECONDS,
        reconnectingSeconds: e.BOARD_RECONNECTING_SECONDS,
        undecidedSeconds: e.BOARD_UNDECIDED_SECONDS,
      },
      decidedVisibleSeconds: e.BOARD_DECIDED_VISIBLE_SECONDS,
    },
  };
}
