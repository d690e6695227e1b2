/**
 * Benchmark: time from pressing "Admit" to the first decoded remote video frame on the desk, over
 * RUNS calls, against a baseline measured in the same run: two bare RTCPeerConnections in one page
 * (no signalling server, no app). Writes bench-results/admit-to-frame.{json,md}.
 *
 *   npm run bench            (builds the client first)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { clinician, parent, signIn } from '../support/actors';
import { chromiumArgs, chromiumPath } from '../support/browser';
import { inboundMedia } from '../support/media';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3230);
const BASE = `http://localhost:${PORT}`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function firstFrameAfter(page: Page, start: number): Promise<number> {
  for (;;) {
    if ((await inboundMedia(page)).framesDecoded > 0) return performance.now() - start;
    if (performance.now() - start > 30_000) throw new Error('no remote frame within 30 s');
    await page.waitForTimeout(10);
  }
}

/** Bare WebRTC in one page: getUserMedia → offer/answer → first decoded frame. */
async function baselineMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    const start = performance.now();
    const a = new RTCPeerConnection({ iceServers: [] });
    const b = new RTCPeerConnection({ iceServers: [] });
    a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
    stream.getTracks().forEach((t) => a.addTrack(t, stream));
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription!);
    for (;;) {
      let frames = 0;
      (await b.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded ?? 0;
      });
      if (frames > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const elapsed = performance.now() - start;
    a.close();
    b.close();
    stream.getTracks().forEach((t) => t.stop());
    return elapsed;
  });
}

async function waitForServer(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/api/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become ready');
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'desk-bench-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', DEMO_PASSWORD: 'demo' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    await waitForServer();
    const desk = await clinician(browser, BASE);
    await signIn(desk.page, 'clinician');
    const cookie = (await desk.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const api = async (method: string, url: string, body?: unknown) => {
      const response = await fetch(`${BASE}${url}`, {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${url} → ${response.status}`);
      return response.json() as Promise<Record<string, unknown>>;
    };

    const app: number[] = [];
    const baseline: number[] = [];
    // Its own context: a second tab in the desk's context would leave the desk page in a throttled background tab.
    const baselineContext = await browser.newContext({ permissions: ['camera', 'microphone'] });
    const baselinePage = await baselineContext.newPage();
    await baselinePage.goto(`${BASE}/api/health`);
    for (let run = 0; run < RUNS; run++) {
      const created = await api('POST', '/api/cases', {
        reference: `BENCH-${run}`,
        childFirstName: 'Bench',
        childAgeMonths: 30,
        callerPhone: '07700 900456',
        relationship: 'Mother',
        complaint: 'fever',
      });
      const invite = await api('POST', `/api/cases/${String(created.id)}/invites`);
      // As at the desk: the clinician has the case open when the parent joins. The clinician's camera
      // starts when the parent starts waiting, while the clinician reads the screen; the clock starts
      // at the click, once that camera shows a picture.
      await desk.page.goto(`/cases/${String(created.id)}`);
      const phone = await parent(browser, BASE);
      await phone.page.goto(String(invite.devJoinLink));
      await phone.page.getByRole('button', { name: 'Join video call' }).click();
      const admit = desk.page.getByRole('button', { name: 'Admit' });
      while (!(await admit.isEnabled())) await desk.page.waitForTimeout(10);
      await desk.page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="local-video"]')?.videoWidth ?? 0) > 0);
      const start = performance.now();
      await admit.click();
      app.push(await firstFrameAfter(desk.page, start));
      await desk.page.getByRole('button', { name: 'End call' }).click();
      await phone.context.close();
      baseline.push(await baselineMs(baselinePage));
      console.log(`run ${run + 1}/${RUNS}: admit→first frame ${app[run]!.toFixed(0)} ms, bare WebRTC ${baseline[run]!.toFixed(0)} ms`);
    }
    const report = {
      measuredAt: new Date().toISOString(),
      runs: RUNS,
      admitToFirstFrameMs: { samples: app.map(Math.round), median: Math.round(median(app)) },
      bareWebRtcFirstFrameMs: { samples: baseline.map(Math.round), median: Math.round(median(baseline)) },
      ratioOfMedians: Number((median(app) / median(baseline)).toFixed(2)),
      notes:
        "Chromium with fake media, host candidates on one machine. The clock starts at the Admit click with the clinician's camera already live (it starts when the parent begins waiting); the ratio is what the app (UI, Socket.IO relay, server-authoritative state) adds to bare WebRTC set-up.",
    };
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/admit-to-frame.json', JSON.stringify(report, null, 2));
    writeFileSync(
      'bench-results/admit-to-frame.md',
      [
        '# Admit → first remote frame',
        '',
        `${RUNS} runs, ${report.measuredAt}.`,
        '',
        '| measure | median (ms) | samples (ms) |',
        '|---|---|---|',
        `| desk: "Admit" click → first decoded remote frame | ${report.admitToFirstFrameMs.median} | ${report.admitToFirstFrameMs.samples.join(', ')} |`,
        `| baseline: bare RTCPeerConnection pair in one page | ${report.bareWebRtcFirstFrameMs.median} | ${report.bareWebRtcFirstFrameMs.samples.join(', ')} |`,
        '',
        `Ratio of medians: **${report.ratioOfMedians}×**. ${report.notes}`,
        '',
      ].join('\n'),
    );
    console.log(`\nmedian admit→first frame ${report.admitToFirstFrameMs.median} ms; baseline ${report.bareWebRtcFirstFrameMs.median} ms; ratio ${report.ratioOfMedians}×`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
