import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { sameToken } from '../auth/tokens.js';
import { errorCodeOf } from '../http/errors.js';
import type { RouteEntry } from '../http/routes.js';
import type { DeskMetrics } from './metrics.js';

/** `GET /metrics`, wherever it is served. */
export const METRICS_PATH = '/metrics';

async function answerScrape(metrics: DeskMetrics, res: ServerResponse): Promise<void> {
  try {
    const text = await metrics.scrape();
    res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' }).end(text);
  } catch {
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Metrics could not be collected.');
  }
}

/** The same 404 as a missing file of the client (http/client.ts): nothing says metrics live here. */
function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('Not found');
}

/**
 * `GET /metrics` on the public port: only with `Authorization: Bearer <METRICS_TOKEN>` (compared in
 * constant time). Without the token configured, or without the right one, a plain 404, as for any
 * path that is not there (docs/security.md, "Metrics").
 */
export function publicMetricsRoute(metrics: DeskMetrics, token: string | null): RequestHandler {
  return (req, res) => {
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token || !given || !sameToken(token, given)) return notFound(res);
    void answerScrape(metrics, res);
  };
}

export type MetricsListener = {
  /** Resolves with the address once listening (rejects if the port cannot be had). */
  listening: Promise<AddressInfo>;
  close(): Promise<void>;
};

/**
 * `/metrics` on a port of its own (`METRICS_HOST:METRICS_PORT`, loopback by default), for a
 * Prometheus on the node's private network: it answers `GET /metrics` and nothing else, without a
 * token, and shares nothing with the public app (no cookies, no API).
 */
export function serveMetrics(metrics: DeskMetrics, where: { host: string; port: number }, logger: Logger): MetricsListener {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if ((req.method === 'GET' || req.method === 'HEAD') && path === METRICS_PATH) void answerScrape(metrics, res);
    else notFound(res);
  });
  const listening = new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', (error) => {
      logger.error({ err: error, port: where.port, host: where.host }, 'metrics port could not listen');
      reject(error);
    });
    server.listen(where.port, where.host, () => resolve(server.address() as AddressInfo));
  });
  // Whoever starts the app awaits it (index.ts); the failure is logged either way.
  listening.catch(() => undefined);
  return {
    listening,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Pattern = { method: string; route: string; test: RegExp };

function compile(entry: RouteEntry): Pattern {
  const source = entry.path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { method: entry.method, route: entry.path, test: new RegExp(`^${source}/?$`, 'i') };
}

/**
 * The route label of a request: the pattern it matched (`/api/cases/:caseId`), never its path (a
 * join link's path is a token). Found in the route registry by the request's method and path
 * (`req.route` alone is the last segment, and `req.baseUrl` the path itself); `other` for what
 * matched no route (static files, the client's pages, 404s).
 */
export function routeLabeller(routes: () => RouteEntry[]): (req: Request) => string {
  let patterns: Pattern[] | null = null;
  return (req) => {
    if (!req.route) return 'other';
    patterns ??= routes().map(compile);
    const path = req.originalUrl.split('?')[0] ?? '';
    const found = patterns.find((p) => (p.method === req.method || p.method === 'ALL') && p.test.test(path));
    return found?.route ?? 'other';
  };
}

/** Counts every answered request by method, route pattern and status (`desk_http_requests_total`). */
export function countRequests(metrics: DeskMetrics, routes: () => RouteEntry[]): RequestHandler {
  const routeOf = routeLabeller(routes);
  return (req, res, next) => {
    res.once('finish', () => {
      metrics.httpRequests.inc({ method: req.method, route: routeOf(req), status: String(res.statusCode) });
    });
    next();
  };
}

/** Counts the taps on Join by what they were answered: `ok`, or the error code (rate limit and validation included). */
export function countJoins(metrics: DeskMetrics): RequestHandler {
  return (_req, res, next) => {
    res.once('finish', () => {
      metrics.joins.inc({ result: res.statusCode < 400 ? 'ok' : (errorCodeOf(res) ?? `HTTP_${res.statusCode}`) });
    });
    next();
  };
}
