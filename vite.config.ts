import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const serverPort = Number(process.env.PORT ?? 3000);

// The SPA lives in client/; `npm start` serves dist/client from the Express server on one port.
export default defineConfig({
  root: 'client',
  // Brotli and gzip -9 beside each built file (not the source maps), so the server never compresses per request.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // The parent's join page is its own small chunk; desk code never loads on the phone.
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
});
