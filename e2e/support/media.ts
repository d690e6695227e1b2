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

/** Proves two-way media on this side: a decoded picture with width, frames still arriving, audio packets arriving. */
export async function expectMediaFlowing(page: Page, who: string): Promise<{ before: InboundMedia; after: InboundMedia }> {
  await expect
    .poll(() => page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => v.videoWidth), {
      message: `${who}: remote video has a picture`,
    })
    .toBeGreaterThan(0);
  await expect.poll(async () => (await inboundMedia(page)).framesDecoded, { message: `${who}: frames decoded` }).toBeGreaterThan(0);
  const before = await inboundMedia(page);
  await page.waitForTimeout(1_200);
  const after = await inboundMedia(page);
  expect(after.framesDecoded, `${who}: frames keep arriving`).toBeGreaterThan(before.framesDecoded);
  expect(after.audioPackets, `${who}: audio packets keep arriving`).toBeGreaterThan(before.audioPackets);
  return { before, after };
}

/** Milliseconds from now until the newest peer connection has decoded its first remote frame. */
export async function waitForFirstFrame(page: Page, timeoutMs = 20_000): Promise<void> {
  await expect
    .poll(async () => (await inboundMedia(page)).framesDecoded, { timeout: timeoutMs, intervals: [25] })
    .toBeGreaterThan(0);
}
