import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from '@playwright/test';

/**
 * What the parent's phone downloads and sees when it opens a join link: every script fetched up to
 * the camera prompt (the first getUserMedia call, which the "Join video call" tap makes), with its
 * gzip -9 size from the built file and the bytes that really crossed the wire, and the page's
 * paint timings. The `npm run bench` parent-page bench and the weight budget in `npm test` both
 * measure through here, so the figure CI guards is the figure the bench reports.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILT_CLIENT = path.join(ROOT, 'dist/client');

/** Sizes are in kB of 1000 bytes, as Vite prints them. */
export const KB = 1000;
/** The target for the parent's JS before the camera prompt, and the line CI holds. */
export const PARENT_JS_TARGET_GZIP_BYTES = 110 * KB;
export const PARENT_JS_BUDGET_GZIP_BYTES = 130 * KB;

/** DevTools' "Slow 4G": 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up. Throughputs are bytes per second. */
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 } as const;

export type ScriptLoad = {
  /** Path on the server, e.g. /assets/index-C2WJ6-pA.js. */
  path: string;
  /** The built file's size, uncompressed. */
  rawBytes: number;
  /** `gzip -9` of the built file: what the bundle weighs, however the server sends it. */
  gzipBytes: number;
  /** Bytes on the wire, headers included (CDP Network.loadingFinished encodedDataLength). */
  wireBytes: number;
  /** The response's Content-Encoding ('identity' when none). */
  encoding: string;
};

export type ParentPageTimings = {
  /** Largest Contentful Paint of the join page, ms after navigation start (the link tap). */
  lcpMs: number | null;
  /** Navigation start → the "Join video call" button in the document and visible. */
  joinVisibleMs: number | null;
  /** Navigation start → the first getUserMedia call (the camera prompt). */
  cameraPromptMs: number | null;
};

type PageMarks = { lcpMs: number | null; joinVisibleMs: number | null; cameraPromptMs: number | null; cameraPromptWallMs: number | null };

declare global {
  interface Window {
    __parentMarks?: PageMarks;
  }
}

/** Runs in the page before any of its scripts: marks LCP, the Join button appearing and the camera prompt. */
function instrument(): void {
  const marks: PageMarks = { lcpMs: null, joinVisibleMs: null, cameraPromptMs: null, cameraPromptWallMs: null };
  window.__parentMarks = marks;
  new PerformanceObserver((list) => {
    const last = list.getEntries().at(-1);
    if (last) marks.lcpMs = last.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  // No named inner functions: tsx (the bench) would wrap them in a helper the page does not have.
  const observer = new MutationObserver(() => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Join video call');
    if (!button || button.getClientRects().length === 0) return;
    marks.joinVisibleMs = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  const media = navigator.mediaDevices as MediaDevices | undefined;
  if (media && typeof media.getUserMedia === 'function') {
    const original = media.getUserMedia.bind(media);
    media.getUserMedia = (constraints?: MediaStreamConstraints) => {
      if (marks.cameraPromptMs === null) {
        marks.cameraPromptMs = performance.now();
        marks.cameraPromptWallMs = performance.timeOrigin + marks.cameraPromptMs;
      }
      return original(constraints);
    };
  }
}

type Request = { url: string; wallMs: number; script: boolean; encoding: string; wireBytes: number | null; finished: Promise<void>; finish(): void };

export type ParentPageWatch = {
  cdp: CDPSession;
  /** Every script requested before the camera prompt, once each has finished loading. Waits for the prompt. */
  scriptsBeforeCameraPrompt(timeoutMs?: number): Promise<ScriptLoad[]>;
  timings(): Promise<ParentPageTimings>;
};

/**
 * Call before the page opens the link. Disables the cache (a parent's first visit) and, when
 * `throttle` is given, shapes the page's HTTP and WebSocket traffic (not WebRTC media) with CDP.
 */
export async function watchParentPage(page: Page, options: { throttle?: typeof SLOW_4G; builtClient?: string } = {}): Promise<ParentPageWatch> {
  await page.addInitScript(instrument);
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map<string, Request>();
  cdp.on('Network.requestWillBeSent', (event) => {
    let finish = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const isScript = event.type === 'Script' || /\.m?js(\?|$)/.test(new URL(event.request.url).pathname);
    requests.set(event.requestId, { url: event.request.url, wallMs: event.wallTime * 1000, script: isScript, encoding: 'identity', wireBytes: null, finished, finish });
  });
  cdp.on('Network.responseReceived', (event) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    request.encoding = headers['content-encoding'] ?? 'identity';
    if (event.response.mimeType.includes('javascript')) request.script = true;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    request.wireBytes = event.encodedDataLength;
    request.finish();
  });
  cdp.on('Network.loadingFailed', (event) => requests.get(event.requestId)?.finish());
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (options.throttle) await cdp.send('Network.emulateNetworkConditions', options.throttle);
  const builtClient = options.builtClient ?? BUILT_CLIENT;

  const marks = () => page.evaluate(() => window.__parentMarks ?? null);
  return {
    cdp,
    async scriptsBeforeCameraPrompt(timeoutMs = 30_000) {
      await page.waitForFunction(() => window.__parentMarks?.cameraPromptWallMs != null, undefined, { timeout: timeoutMs });
      const promptWallMs = (await marks())!.cameraPromptWallMs!;
      const scripts = [...requests.values()].filter((r) => r.script && r.wallMs <= promptWallMs);
      await Promise.all(scripts.map((s) => s.finished));
      return scripts.map((s) => {
        const urlPath = new URL(s.url).pathname;
        const built = readFileSync(path.join(builtClient, urlPath));
        return { path: urlPath, rawBytes: built.length, gzipBytes: gzipSync(built, { level: 9 }).length, wireBytes: s.wireBytes ?? 0, encoding: s.encoding };
      });
    },
    async timings() {
      const m = await marks();
      return { lcpMs: m?.lcpMs ?? null, joinVisibleMs: m?.joinVisibleMs ?? null, cameraPromptMs: m?.cameraPromptMs ?? null };
    },
  };
}

export type ScriptTotals = { rawBytes: number; gzipBytes: number; wireBytes: number };

export function scriptTotals(scripts: ScriptLoad[]): ScriptTotals {
  return scripts.reduce((t, s) => ({ rawBytes: t.rawBytes + s.rawBytes, gzipBytes: t.gzipBytes + s.gzipBytes, wireBytes: t.wireBytes + s.wireBytes }), { rawBytes: 0, gzipBytes: 0, wireBytes: 0 });
}

export const kb = (bytes: number) => (bytes / KB).toFixed(2);

/** A markdown table of the chunks, largest first, and the total. */
export function scriptBreakdown(scripts: ScriptLoad[]): string[] {
  const total = scriptTotals(scripts);
  return [
    '| chunk | raw kB | gzip -9 kB | on the wire kB | encoding |',
    '|---|---|---|---|---|',
    ...[...scripts].sort((a, b) => b.gzipBytes - a.gzipBytes).map((s) => `| ${s.path} | ${kb(s.rawBytes)} | ${kb(s.gzipBytes)} | ${kb(s.wireBytes)} | ${s.encoding} |`),
    `| **total (${scripts.length} files)** | ${kb(total.rawBytes)} | **${kb(total.gzipBytes)}** | ${kb(total.wireBytes)} | |`,
  ];
}
