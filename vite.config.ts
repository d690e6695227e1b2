import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { PAGE_RULES, bundleViolations, type BuiltChunk } from './client/build/bundleGuards';

const serverPort = Number(process.env.PORT ?? 3000);

/** The parent's addresses get the parent's page; the server does the same after a build (CLIENT_DOCUMENTS in server/src/http/client.ts). */
const PARENT_PATH = /^\/(join|advice)(\/|$)/;

/** `npm run dev`: serve parent.html for /join and /advice, as the Express server does after a build. */
function parentPagesInDev(): Plugin {
  return {
    name: 'desk:parent-pages',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && PARENT_PATH.test(req.url)) req.url = '/parent.html';
        next();
      });
    },
  };
}

/**
 * A page's build fails if a package it must not carry reaches it (client/build/bundleGuards.ts):
 * zod or chart.js on the parent's phone, chart.js in the desk's first load (only supervisor pages
 * fetch it, with import()).
 */
function bundleGuards(mode: string): Plugin {
  return {
    name: 'desk:bundle-guards',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: BuiltChunk[] = Object.values(bundle).flatMap((chunk) =>
        chunk.type === 'chunk' ? [{ fileName: chunk.fileName, isEntry: chunk.isEntry, imports: chunk.imports, moduleIds: chunk.moduleIds }] : [],
      );
      const violations = bundleViolations(chunks, PAGE_RULES[mode === 'parent' ? 'parent' : 'desk']);
      if (violations.length) this.error(violations.join('\n'));
    },
  };
}

/**
 * Two pages, built one after the other into the same dist/client: the desk (index.html) and the
 * parent's phone (parent.html: /join, /advice, `--mode parent`). Separate builds so that each
 * tree-shakes alone: in one build the chunks the pages share would carry the union of what both
 * use (the desk's data router, zod) to the phone.
 */
const PAGES = {
  desk: fileURLToPath(new URL('./client/index.html', import.meta.url)),
  parent: fileURLToPath(new URL('./client/parent.html', import.meta.url)),
};

// The SPA lives in client/; `npm start` serves dist/client from the Express server on one port.
export default defineConfig(({ mode }) => ({
  root: 'client',
  // Brotli and gzip -9 beside each built file (not the source maps), so the server never compresses per request.
  plugins: [react(), parentPagesInDev(), bundleGuards(mode), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  build: {
    outDir: '../dist/client',
    // The desk's build runs first and clears the folder; the parent's adds its page beside it.
    emptyOutDir: mode !== 'parent',
    sourcemap: true,
    rollupOptions: {
      input: mode === 'parent' ? { parent: PAGES.parent } : { desk: PAGES.desk },
      // zod stays in a chunk of its own, so a page that does not parse with it never loads it.
      output: { codeSplitting: { groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ }] } },
      // Building a zod schema touches nothing outside it: a module whose schemas a page never uses
      // (the parent's page uses none) then costs that page no zod.
      treeshake: { manualPureFunctions: ['z'] },
    },
    chunkSizeWarningLimit: 400,
  },
  css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['import'] } } },
  server: {
    port: 5173,
    proxy: {
      '/api': `http://localhost:${serverPort}`,
      '/socket.io': { target: `ws://localhost:${serverPort}`, ws: true },
    },
  },
}));
