import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Vite fingerprints everything under /assets/: a new build is a new name, so a copy may be kept for a year. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** An HTML document names the current fingerprinted files: caches keep it only to revalidate it (ETag). */
export const DOCUMENT_CACHE_CONTROL = 'no-cache';

/**
 * The client-side routes that have an HTML entry of their own, first match wins; every other path
 * gets index.html. An entry is used only once the build emits its file.
 */
export const CLIENT_DOCUMENTS: readonly { path: RegExp; file: string }[] = [{ path: /^\/(join|advice)(\/|$)/, file: 'parent.html' }];

// Never cached: during a rolling deploy a node without a new build's file must not leave a CDN holding the 404.
const notFound: RequestHandler = (_req, res) => {
  res.status(404).set('Cache-Control', 'no-store').type('text/plain').send('Not found');
};

/**
 * The built client (dist/client) as the phone and the desk download it: the brotli or gzip file
 * the build wrote beside each asset, chosen by Accept-Encoding (with `Vary: Accept-Encoding`), so
 * nothing is compressed per request; fingerprinted assets cached for good, HTML revalidated on
 * every load; a missing asset is a 404, never the HTML of a client-side route.
 */
export function clientRouter(staticDir: string, options: { production: boolean }): Router {
  const router = express.Router();
  const precompressed = (root: string, setHeaders: (res: ServerResponse) => void) =>
    expressStaticGzip(root, { enableBrotli: true, orderPreference: ['br', 'gzip'], serveStatic: { index: false, cacheControl: false, setHeaders } });

  // Source maps are for the developer's machine: in production they would hand anyone the source.
  if (options.production) {
    router.use((req, res, next) => {
      if (req.path.endsWith('.map')) notFound(req, res, next);
      else next();
    });
  }
  router.use(
    '/assets',
    precompressed(path.join(staticDir, 'assets'), (res) => res.setHeader('Cache-Control', ASSET_CACHE_CONTROL)),
    notFound,
  );
  // Not fingerprinted (favicon.svg, the HTML itself): every load revalidates.
  const files = precompressed(staticDir, (res) => res.setHeader('Cache-Control', DOCUMENT_CACHE_CONTROL));
  router.use(files);

  const documents = CLIENT_DOCUMENTS.filter((d) => existsSync(path.join(staticDir, d.file)));
  // Client-side routes; in production the SPA's /dev/outbox finds no API behind it and says so.
  router.get(/.*/, (req, res, next) => {
    req.url = `/${documents.find((d) => d.path.test(req.path))?.file ?? 'index.html'}`;
    files(req, res, next);
  });
  return router;
}
