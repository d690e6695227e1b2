import { expect, type Page } from '@playwright/test';

/**
 * Records every RTCPeerConnection the page makes, so tests read real `getStats()` numbers
 * without reaching into the app's code. Install before the page loads.
 */
export async function recordPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const store: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = store;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        store.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

export type InboundMedia = { framesDecoded: number; frameWidth: number; audioPackets: number };

/** Inbound video frames decoded and audio packets received, over the newest live peer connection. */
export async function inboundMedia(page: Page): Promise<InboundMedia> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    const live = pcs.filter((pc) => pc.connectionState !== 'closed');
    const pc = live[live.length - 1];
    const result = { framesDecoded: 0, frameWidth: 0, audioPackets: 0 };
    if (!pc) return result;
    const stats = await pc.getStats();
    stats.forEach((report: { type: string; kind?: string; framesDecoded?: number; frameWidth?: number; packetsReceived?: number }) => {
      if (report.type !== 'inbound-rtp') return;
      if (report.kind === 'video') {
        result.framesDecoded += report.framesDecoded ?? 0;
        result.frameWidth = Math.max(result.frameWidth, report.frameWidth ?? 0);
      }
      if (report.kind === 'audio') result.audioPackets += report.packetsReceived ?? 0;
    });
    return result;
  });
}

/**
 * Proves two-way media on this side: a decoded picture with width, frames still arriving, audio
 * packets arriving. "Still arriving" is polled for (both counters above a first reading) rather than
 * read after a fixed wait: at 30 fps and 50 audio packets a second it shows within ~100 ms, and on a
 * busy machine the poll waits as long as it takes (up to the expect timeout) instead of guessing.
 */
export async function expectMediaFlowing(page: Page, who: string): Promise<{ before: InboundMedia; after: InboundMedia }> {
  await expect
    .poll(() => page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => v.videoWidth), {
      message: `${who}: remote video has a picture`,
    })
    .toBeGreaterThan(0);
  await expect.poll(async () => (await inboundMedia(page)).framesDecoded, { message: `${who}: frames decoded` }).toBeGreaterThan(0);
  const before = await inboundMedia(page);
  let after = before;
  await expect
    .poll(
      async () => {
        after = await inboundMedia(page);
        return { framesKeepArriving: after.framesDecoded > before.framesDecoded, audioKeepsArriving: after.audioPackets > before.audioPackets };
      },
      { message: `${who}: frames and audio packets keep arriving`, intervals: [100, 200, 250] },
    )
    .toEqual({ framesKeepArriving: true, audioKeepsArriving: true });
  return { before, after };
}

/** Milliseconds from now until the newest peer connection has decoded its first remote frame. */
export async function waitForFirstFrame(page: Page, timeoutMs = 20_000): Promise<void> {
  await expect
    .poll(async () => (await inboundMedia(page)).framesDecoded, { timeout: timeoutMs, intervals: [25] })
    .toBeGreaterThan(0);
}

/** Every live connection's inbound figures, one entry per RTCPeerConnection the page made (closed ones read as zero). */
export async function inboundByConnection(page: Page): Promise<InboundMedia[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    return Promise.all(
      pcs.map(async (pc) => {
        const result = { framesDecoded: 0, frameWidth: 0, audioPackets: 0 };
        if (pc.connectionState === 'closed') return result;
        (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number; frameWidth?: number; packetsReceived?: number }) => {
          if (r.type !== 'inbound-rtp') return;
          if (r.kind === 'video') {
            result.framesDecoded += r.framesDecoded ?? 0;
            result.frameWidth = Math.max(result.frameWidth, r.frameWidth ?? 0);
          }
          if (r.kind === 'audio') result.audioPackets += r.packetsReceived ?? 0;
        });
        return result;
      }),
    );
  });
}

/** Proves that this page decodes frames (and hears audio) from `count` different connections at once: a mesh. */
export async function expectFramesFromEach(page: Page, who: string, count: number): Promise<void> {
  const live = async () => (await inboundByConnection(page)).filter((c) => c.framesDecoded > 0);
  await expect.poll(async () => (await live()).length, { message: `${who}: frames from ${count} people`, timeout: 30_000 }).toBeGreaterThanOrEqual(count);
  const before = await inboundByConnection(page);
  await expect
    .poll(
      async () => {
        const after = await inboundByConnection(page);
        return after.filter((c, i) => c.framesDecoded > (before[i]?.framesDecoded ?? 0) && c.audioPackets > (before[i]?.audioPackets ?? 0)).length;
      },
      { message: `${who}: frames and audio keep arriving from ${count} people` },
    )
    .toBeGreaterThanOrEqual(count);
}

/**
 * A recorder inside the page: every 100 ms (by the page's own clock, Date.now()), the frames each
 * connection has decoded and the state of each remote tile. Timelines read afterwards say when the
 * picture froze, when "Reconnecting…" showed and when frames came back.
 */
export async function startMediaRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Sample = { t: number; frames: number[]; states: string[] };
    const w = window as unknown as { __peerConnections?: RTCPeerConnection[]; __mediaTimeline?: Sample[]; __mediaRecorder?: number };
    w.__mediaTimeline = [];
    if (w.__mediaRecorder) clearInterval(w.__mediaRecorder);
    let busy = false;
    w.__mediaRecorder = window.setInterval(() => {
      if (busy) return;
      busy = true;
      const t = Date.now();
      const states = Array.from(document.querySelectorAll('[data-peer-state]')).map((el) => el.getAttribute('data-peer-state') ?? '');
      const pcs = w.__peerConnections ?? [];
      void Promise.all(
        pcs.map(async (pc) => {
          if (pc.connectionState === 'closed') return 0;
          let frames = 0;
          (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
            if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded ?? 0;
          });
          return frames;
        }),
      ).then((frames) => {
        w.__mediaTimeline!.push({ t, frames, states });
        busy = false;
      });
    }, 100);
  });
}

export type TimelineSample = { t: number; frames: number[]; states: string[] };

export async function readTimeline(page: Page): Promise<TimelineSample[]> {
  return page.evaluate(() => (window as unknown as { __mediaTimeline?: TimelineSample[] }).__mediaTimeline ?? []);
}

/** Times at which some connection decoded a new frame. */
export function frameProgressTimes(timeline: TimelineSample[]): number[] {
  const times: number[] = [];
  for (let i = 1; i < timeline.length; i++) {
    const prev = timeline[i - 1]!.frames;
    if (timeline[i]!.frames.some((f, k) => f > (prev[k] ?? 0))) times.push(timeline[i]!.t);
  }
  return times;
}

/**
 * What a fault did to one side, read off its timeline: the freeze is the longest gap between new
 * frames from just before the fault on; it starts at the last frame before it and ends at the first
 * after it.
 */
export function faultFigures(timeline: TimelineSample[], faultAt: number, backAt: number) {
  const progress = frameProgressTimes(timeline).filter((t) => t >= faultAt - 2_000);
  let frozenAt: number | null = null;
  let resumedAt: number | null = null;
  for (let i = 1; i < progress.length; i++) {
    const gap = progress[i]! - progress[i - 1]!;
    if (frozenAt === null || resumedAt === null || gap > resumedAt - frozenAt) {
      frozenAt = progress[i - 1]!;
      resumedAt = progress[i]!;
    }
  }
  // Frames that never came back: the freeze runs to the end of the timeline.
  if (resumedAt !== null && resumedAt < backAt) resumedAt = null;
  const reconnectingAt = timeline.find((s) => s.t >= faultAt && s.states.includes('reconnecting'))?.t ?? null;
  return {
    /** Frames decoded while the network was down (after a second for what was already in flight). */
    framesDuringFault: progress.filter((t) => t > faultAt + 1_000 && t < backAt).length,
    /** How long the picture was frozen. */
    freezeMs: frozenAt === null || resumedAt === null ? null : resumedAt - frozenAt,
    /** From the last frame to the tile saying "Reconnecting…". */
    freezeToReconnectingMs: reconnectingAt === null || frozenAt === null ? null : reconnectingAt - frozenAt,
    /** From the network coming back (or the switch) to the first new frame. */
    recoveryMs: resumedAt === null ? null : resumedAt - backAt,
  };
}
