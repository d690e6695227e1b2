import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './harness.js';

type RawResponse = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** node:http, not fetch: fetch would ask for br itself and hand back the decoded body. */
function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** A built client as `vite build` leaves it: brotli and gzip beside each file, source maps without. */
function builtClient(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'desk-client-'));
  mkdirSync(path.join(dir, 'assets'));
  const write = (name: string, content: string, compressed = true) => {
    writeFileSync(path.join(dir, name), content);
    if (!compressed) return;
    writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(content));
    writeFileSync(path.join(dir, `${name}.gz`), gzipSync(content, { level: 9 }));
  };
  write('index.html', '<!doctype html><title>desk</title><script type="module" src="/assets/index-B1a2c3D4.js"></script>');
  write('parent.html', '<!doctype html><title>parent</title><script type="module" src="/assets/parent-E5f6G7h8.js"></script>');
  write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  write('assets/index-B1a2c3D4.js', `export const desk = ${JSON.stringify('a script worth compressing '.repeat(200))};\n//# sourceMappingURL=index-B1a2c3D4.js.map`);
  write('assets/index-B1a2c3D4.js.map', '{"version":3,"sources":["main.tsx"]}', false);
  write('assets/parent-E5f6G7h8.js', 'export const parent = 1;');
  write('assets/index-Q9r8S7t6.css', `body { margin: 0; }\n${'.nhsuk-button { color: #fff; }\n'.repeat(100)}`);
  return dir;
}

describe('the built client, as the phone and the desk download it', () => {
  const staticDir = builtClient();
  const script = '/assets/index-B1a2c3D4.js';
  let server: TestServer;
  const fetchRaw = (urlPath: string, acceptEncoding?: string) => rawGet(`${server.url}${urlPath}`, acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding });

  beforeAll(async () => {
    server = await startServer({ env: { STATIC_DIR: staticDir } });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('sends the brotli file the build wrote when the browser accepts br, with its script Content-Type and Vary: Accept-Encoding', async () => {
    const response = await fetchRaw(script, 'gzip, deflate, br, zstd');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(brotliDecompressSync(response.body).toString()).toContain('export const desk');
  });

  it('sends the gzip file when the browser accepts gzip but not br', async () => {
    const response = await fetchRaw(script, 'gzip, deflate');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(response.body).toString()).toContain('export const desk');
  });

  it('sends the file as built when the browser accepts neither, or refuses br with q=0', async () => {
    for (const accept of [undefined, 'identity', 'deflate']) {
      const response = await fetchRaw(script, accept);
      expect(response.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(response.headers['content-type']).toMatch(/^text\/javascript/);
      expect(response.body.toString()).toContain('export const desk');
    }
    expect((await fetchRaw(script, 'br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
  });

  it('gives stylesheets their own Content-Type when compressed', async () => {
    const response = await fetchRaw('/assets/index-Q9r8S7t6.css', 'br');
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/css/);
  });

  it('lets every cache keep a fingerprinted asset for a year, immutable, whichever encoding it gets', async () => {
    for (const accept of ['br', 'gzip', 'identity']) {
      expect((await fetchRaw(script, accept)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('has every HTML document revalidated on each load: index.html on desk routes, parent.html on /join and /advice', async () => {
    for (const [route, title] of [
      ['/', 'desk'],
      ['/cases/123', 'desk'],
      ['/index.html', 'desk'],
      ['/join/AbCdEf123', 'parent'],
      ['/join', 'parent'],
      ['/advice/XyZ789', 'parent'],
      ['/parent.html', 'parent'],
    ] as const) {
      const response = await fetchRaw(route, 'br, gzip');
      expect(response.status, route).toBe(200);
      expect(response.headers['cache-control'], route).toBe('no-cache');
      expect(response.headers['content-type'], route).toMatch(/^text\/html/);
      expect(response.headers['content-encoding'], route).toBe('br');
      expect(response.headers.vary, route).toMatch(/Accept-Encoding/i);
      expect(brotliDecompressSync(response.body).toString(), route).toContain(`<title>${title}</title>`);
    }
    const plain = await fetchRaw('/joinery', undefined);
    expect(plain.body.toString()).toContain('<title>desk</title>');
    expect(plain.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing asset with a plain 404, not the HTML of a client-side route', async () => {
    for (const missing of ['/assets/index-OLDHASH1.js', '/assets/gone.css', '/assets/']) {
      const response = await fetchRaw(missing, 'br, gzip');
      expect(response.status, missing).toBe(404);
      expect(response.headers['content-type'], missing).toMatch(/^text\/plain/);
      expect(response.body.toString(), missing).not.toContain('<title>');
      expect(response.headers['cache-control'], missing).toBe('no-store');
    }
  });

  it('leaves API responses as they were: not compressed, not cached as assets', async () => {
    const response = await fetchRaw('/api/health', 'br, gzip');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['cache-control'] ?? '').not.toContain('immutable');
    expect(JSON.parse(response.body.toString())).toEqual({ status: 'ok' });
    expect((await fetchRaw('/api/no-such-route', 'br')).headers['content-type']).toMatch(/application\/json/);
  });
});
