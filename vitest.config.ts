import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two files at a time, whichever project they are in (Vitest's default is one fewer than the
    // cores: a single worker here). Each server file gets its own PGlite; one shared pool of two
    // keeps both cores busy instead of running the client files one by one, then the server's.
    maxWorkers: 2,
    projects: [
      { test: { name: 'shared', root: 'shared', include: ['test/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        test: {
          name: 'server',
          root: 'server',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'client',
          root: 'client',
          include: ['test/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/setup.ts'],
          // A jsdom render of the case page can take seconds on a busy 2-core machine: 5 s is not enough.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
