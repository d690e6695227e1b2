import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CALL_TIMING, type CallTiming } from '@desk/shared';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { adminRouter } from './admin/routes.js';
import { adviceRouter } from './advice/routes.js';
import { authRouter } from './auth/routes.js';
import { CallService } from './calls/service.js';
import { CallSweeper } from './calls/sweeper.js';
import { singleNode, type Cluster } from './cluster/index.js';
import { casesRouter } from './cases/routes.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { decisionsRouter } from './decisions/routes.js';
import { devRouter } from './dev/routes.js';
import { fhirRouter } from './fhir/routes.js';
import { clientRouter } from './http/client.js';
import { systemClock, type Clock, type Deps } from './http/context.js';
import { apiNotFound, AppError, errorHandler } from './http/errors.js';
import { DeskEvents } from './http/events.js';
import { checkOrigin, requireJsonBody } from './http/origin.js';
import { invitesRouter, joinRouter } from './invites/routes.js';
import { apiRouter, rejectUnsafeInput, requireUtf8, verifyUtf8 } from './http/input.js';
import { listRoutes, type RouteEntry } from './http/routes.js';
import { createLogger, errorSerializers, maskUrl, nodeLogger } from './logger.js';
import { countRequests, METRICS_PATH, publicMetricsRoute, serveMetrics, type MetricsListener } from './metrics/http.js';
import { DeskMetrics } from './metrics/metrics.js';
import { openCallCounts } from './metrics/sources.js';
import { requestIdOf } from './http/request-id.js';
import { attachSignalling, type Signalling } from './signalling/index.js';
import { DevOutboxSender, type SmsSender } from './sms/sender.js';
import { NotifySmsSender } from './sms/notify.js';
import { smsRouter } from './sms/routes.js';
import { SmsWorker } from './sms/worker.js';
import { RetentionJob } from './retention/job.js';
import { casePhotosRouter, photoUploadRouter } from './photos/routes.js';
import { auditRouter, reportsRouter } from './reports/routes.js';
import { createBoardFeed, type BoardFeed } from './supervisor/feed.js';
import { supervisorRouter } from './supervisor/routes.js';
import { meRouter, staffRouter } from './staff/routes.js';

export type AppOptions = {
  config: Config;
  database: Database;
  /** The other nodes' Redis (`openCluster`); without one, a node alone. `close()` closes it after the sockets. */
  cluster?: Cluster;
  sms?: SmsSender;
  clock?: Clock;
  logger?: Logger;
  /** A server already listening, plain or TLS (the public origin can depend on its port); the app attaches to it. Without one: a plain HTTP server, not yet listening. */
  httpServer?: HttpServer;
  /** Tests shorten the call deadlines (docs/architecture.md, "Deadlines"). */
  callTiming?: Partial<CallTiming>;
  /** Tests sweep by hand (`app.sweeper.runOnce()`); the server sweeps on its own. */
  sweep?: boolean;
  /** Tests shorten how long the sweeper goes without asking the database. */
  sweepPollMs?: number;
  /** How often open sockets' sessions are checked again (docs/security.md); tests shorten it. */
  sessionRecheckMs?: number;
  /** The cross-node presence sweep's timings (tests shorten them). */
  presence?: Parameters<typeof attachSignalling>[2]['presence'];
  /** The supervisor board's timings (tests shorten them). */
  board?: Parameters<typeof createBoardFeed>[1];
  /** Tests send SMS by hand (`app.smsWorker.runOnce()`); the server's worker sends them as they are queued. */
  smsWorker?: boolean;
  /** Tests shorten how long the SMS worker goes without asking the database. */
  smsPollMs?: number;
  /** Tests run retention by hand (`app.retention.runOnce()`); the server runs it at start and every RETENTION_INTERVAL_MINUTES. */
  retention?: boolean;
  /** How long `close()` lets in-flight HTTP requests finish before cutting their connections. */
  shutdownDrainMs?: number;
};

/** In-flight requests get this long to finish on shutdown: SIGTERM to exit stays under 10 s (docs/operations.md). */
export const SHUTDOWN_DRAIN_MS = 7_000;
/** How long the server keeps an idle keep-alive connection open (longer than the clients and balancers that reuse it). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** While draining, connections that have gone idle are closed this often (a keep-alive one would otherwise wait for its timeout). */
const IDLE_CLOSE_INTERVAL_MS = 100;

export type App = {
  httpServer: HttpServer;
  signalling: Signalling;
  board: BoardFeed;
  sweeper: CallSweeper;
  smsWorker: SmsWorker;
  retention: RetentionJob;
  deps: Deps;
  /** `/metrics` on its own port (`METRICS_PORT`), or null; `listening` gives its address. */
  metricsListener: MetricsListener | null;
  /** Every REST route this app answers (the route registry the authorisation matrix is generated from). */
  routes(): RouteEntry[];
  close(): Promise<void>;
};

/** Camera and microphone for this origin only (the join page and the desk); nothing else a page could ask for. */
const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=(self)',
  'display-capture=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'midi=()',
].join(', ');

const defaultStaticDir = fileURLToPath(new URL('../../dist/client', import.meta.url));

export function smsSenderFor(config: Config): SmsSender {
  return config.notify ? new NotifySmsSender(config.notify) : new DevOutboxSender();
}

/** Builds the whole server from injected parts; `index.ts` only listens. Tests call this. */
export function createApp(options: AppOptions): App {
  const { config, database } = options;
  const logger = nodeLogger(options.logger ?? createLogger(config.logLevel, undefined, config.nodeId), config.nodeId);
  const metrics = new DeskMetrics(config.nodeId);
  const clock = options.clock ?? systemClock;
  const events = new DeskEvents();
  const cluster = options.cluster ?? singleNode(config.nodeId);
  const calls = new CallService({ db: database.db, clock, logger, events }, { ...CALL_TIMING, ...options.callTiming });
  const sweeper = new CallSweeper({ calls, clock, logger, metrics }, options.sweepPollMs);
  const deps: Deps = { db: database.db, config, clock, logger, sms: options.sms ?? smsSenderFor(config), calls, events, cluster, metrics };
  const smsWorker = new SmsWorker(deps, { ...config.sms, pollMs: options.smsPollMs });
  const board = createBoardFeed(deps, options.board);
  const retention = new RetentionJob({ db: database.db, clock, logger }, config.retention);

  const app = express();
  app.disable('x-powered-by');
  let closing = false;
  // While shutting down, each answer closes its connection: the client's next request opens one to a node that stays.
  app.use((_req, res, next) => {
    if (closing) res.set('Connection', 'close');
    next();
  });
  // Whose X-Forwarded-For counts for `req.ip` (rate limits, audit): only the proxies TRUST_PROXY names.
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          // blob: the parent's own still photo, shown from memory before they send it.
          imgSrc: ["'self'", 'data:', 'blob:'],
          mediaSrc: ["'self'", 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          // Plain-HTTP demo on a LAN address must not be upgraded to an https that does not exist.
          upgradeInsecureRequests: config.secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: config.production,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use((_req, res, next) => {
    res.set('Permissions-Policy', PERMISSIONS_POLICY);
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: requestIdOf,
      serializers: {
        ...errorSerializers,
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // A scrape every 15 s per node would be most of the log; the metrics say what it would.
      autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === METRICS_PATH || (req.url?.startsWith('/assets/') ?? false) },
    }),
  );
  app.use(countRequests(metrics, () => [...listRoutes(api, '/api'), { method: 'GET', path: METRICS_PATH }]));

  const api = apiRouter();
  api.use(requireUtf8);
  api.use(express.json({ limit: '100kb', verify: verifyUtf8 }));
  api.use(rejectUnsafeInput);
  api.use(checkOrigin(config.publicUrl));
  // The one binary body the API takes (the parent's photo): before the JSON-only rule, after the Origin check.
  api.use('/join/photo-requests', photoUploadRouter(deps));
  api.use(requireJsonBody);
  api.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  /** What `/api/ready` and `desk_ready` check: the database, and Redis when there are several nodes. */
  const readiness = async () => {
    const [db, redis] = await Promise.all([database.ready(), cluster.ready()]);
    return { db, redis };
  };
  const isReady = async () => {
    const { db, redis } = await readiness();
    return db && redis;
  };
  api.get('/ready', async (_req, res) => {
    const { db, redis } = await readiness();
    metrics.ready.set(db && redis ? 1 : 0);
    if (!db) throw new AppError('NOT_READY', 'The database is not answering.');
    // Without Redis this node's sockets cannot reach the others' (nor count rate limits with them): take it out of rotation.
    if (!redis) throw new AppError('NOT_READY', 'Redis is not answering.');
    res.json({ status: 'ready' });
  });
  api.use('/auth', authRouter(deps));
  api.use('/cases/:caseId/invites', invitesRouter(deps));
  api.use('/cases/:caseId/decisions', decisionsRouter(deps));
  api.use('/cases/:caseId/outcome.fhir.json', fhirRouter(deps));
  api.use('/cases/:caseId/photos', casePhotosRouter(deps));
  api.use('/cases', casesRouter(deps));
  api.use('/join', joinRouter(deps));
  api.use('/supervisor', supervisorRouter(deps, board));
  api.use('/me', meRouter(deps));
  api.use('/staff', staffRouter(deps));
  api.use('/reports', reportsRouter(deps));
  api.use('/audit', auditRouter(deps));
  api.use('/advice', adviceRouter(deps));
  api.use('/admin', adminRouter(deps));
  api.use('/sms', smsRouter(deps));
  if (!config.production) api.use('/dev', devRouter(deps));
  api.use(apiNotFound);
  app.use('/api', api);
  app.get(METRICS_PATH, publicMetricsRoute(metrics, config.metrics.token));

  const staticDir = config.staticDir ?? defaultStaticDir;
  if (existsSync(staticDir)) app.use(clientRouter(staticDir, { production: config.production }));
  app.use(errorHandler(logger));

  const httpServer = options.httpServer ?? createHttpServer();
  // An idle keep-alive connection is closed by the client (or the load balancer in front) before the
  // server: when the server closes first, a request sent at that moment meets a reset (seen as
  // ECONNRESET under load). 65 s is above the usual balancer idle timeout (60 s) and Node's fetch (4 s).
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  httpServer.on('request', app);
  const signalling = attachSignalling(httpServer, deps, { sessionRecheckMs: options.sessionRecheckMs, board, presence: options.presence });
  metrics.watch({ sockets: () => signalling.socketCounts(), openCalls: () => openCallCounts(database.db), pool: () => database.pool(), ready: isReady });
  const metricsListener = config.metrics.port === null ? null : serveMetrics(metrics, { host: config.metrics.host, port: config.metrics.port }, logger);
  if (options.sweep !== false) sweeper.start();
  if (options.smsWorker !== false) smsWorker.start();
  if (options.retention !== false) retention.start();

  return {
    httpServer,
    signalling,
    board,
    sweeper,
    smsWorker,
    retention,
    deps,
    metricsListener,
    routes: () => listRoutes(api, '/api'),
    /**
     * Graceful shutdown: stop accepting, drop sockets (their pages reconnect by themselves), let
     * in-flight requests finish (at most `shutdownDrainMs`), then close the database.
     */
    async close() {
      closing = true;
      const background = Promise.all([sweeper.stop(), smsWorker.stop(), retention.stop(), metricsListener?.close()]);
      const drained = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await signalling.close();
      board.close();
      const idle = setInterval(() => httpServer.closeIdleConnections(), IDLE_CLOSE_INTERVAL_MS);
      let cut: NodeJS.Timeout | undefined;
      await Promise.race([drained, new Promise<void>((resolve) => (cut = setTimeout(resolve, options.shutdownDrainMs ?? SHUTDOWN_DRAIN_MS)))]);
      clearInterval(idle);
      clearTimeout(cut);
      httpServer.closeAllConnections();
      await background;
      await cluster.close();
      await database.close();
    },
  };
}
