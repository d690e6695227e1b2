import type { Router } from 'express';

/** One REST route as the server mounted it: `GET /api/cases/:caseId`. `ALL` answers every method. */
export type RouteEntry = { method: string; path: string };

type Layer = {
  rawPath?: string | string[];
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/**
 * The route registry: every route the server answers, read from Express's own router (so a route
 * added anywhere is listed without anyone remembering to). The authorisation matrix and the fuzz
 * test are generated from it (server/test/authorisation.test.ts, server/test/fuzz.test.ts).
 */
export function listRoutes(router: Pick<Router, 'stack'>, prefix = ''): RouteEntry[] {
  const entries: RouteEntry[] = [];
  for (const layer of router.stack as Layer[]) {
    const raw = Array.isArray(layer.rawPath) ? layer.rawPath.join('|') : (layer.rawPath ?? '');
    if (layer.route) {
      const path = joinPath(prefix, layer.route.path);
      for (const method of Object.keys(layer.route.methods)) entries.push({ method: method === '_all' ? 'ALL' : method.toUpperCase(), path });
    } else if (layer.handle?.stack && typeof raw === 'string') {
      entries.push(...listRoutes({ stack: layer.handle.stack } as Pick<Router, 'stack'>, joinPath(prefix, raw)));
    }
  }
  return entries;
}

function joinPath(prefix: string, path: string): string {
  if (!path || path === '/') return prefix || '/';
  return `${prefix}${path}`.replace(/\/{2,}/g, '/');
}
