import type { MediaMode } from '@desk/shared';

/**
 * Connection figures from `getStats()`, and what they mean to a person: pure functions the peer
 * slot runs on every sample (every STATS_INTERVAL_MS).
 */

export const STATS_INTERVAL_MS = 250;
/** No new packets (or, for the picture, no new frames) for this long: stalled / "Video paused – not live". */
export const STALL_MS = 1_000;
/** Loss and frame rate are judged over this window. */
export const QUALITY_WINDOW_MS = 5_000;

/** One `getStats()` reading of one peer connection, as numbers (features/video/stats.ts reads it). */
export type StatsReading = {
  at: number;
  /** Inbound RTP packets, audio and video. */
  packetsReceived: number;
  packetsLost: number;
  /** Bytes on the selected candidate pair: RTCP keeps this moving even when the other side sends no media. */
  transportBytesReceived: number;
  framesDecoded: number;
  /** Whether any inbound video stream exists (the other side sends video). */
  hasInboundVideo: boolean;
  rttMs: number | null;
  framesPerSecond: number | null;
  frameWidth: number | null;
  frameHeight: number | null;
  availableOutgoingKbps: number | null;
  /** What the other side reports losing of our video (0–1). */
  remoteFractionLost: number | null;
};

export type QualityFigures = {
  rttMs: number | null;
  lossPercent: number | null;
  framesPerSecond: number | null;
  width: number | null;
  height: number | null;
};

export type LinkTracker = {
  last: StatsReading | null;
  lastPacketAt: number | null;
  lastFrameAt: number | null;
  /** Readings in the quality window, oldest first. */
  window: StatsReading[];
};

export type LinkSample = {
  tracker: LinkTracker;
  /** Packets (or transport bytes) arrived within STALL_MS. */
  alive: boolean;
  /** A new frame within STALL_MS. */
  framesFlowing: boolean;
  figures: QualityFigures;
};

export const EMPTY_TRACKER: LinkTracker = { last: null, lastPacketAt: null, lastFrameAt: null, window: [] };

/** Folds one reading in. A counter that goes backwards (a rebuilt connection) counts as a fresh start. */
export function sampleLink(tracker: LinkTracker, reading: StatsReading): LinkSample {
  const last = tracker.last;
  const restarted = last !== null && (reading.packetsReceived < last.packetsReceived || reading.framesDecoded < last.framesDecoded);
  const prev = restarted ? null : last;
  const packetsMoved =
    reading.packetsReceived > (prev?.packetsReceived ?? 0) || reading.transportBytesReceived > (prev?.transportBytesReceived ?? 0);
  const framesMoved = reading.framesDecoded > (prev?.framesDecoded ?? 0);
  const lastPacketAt = packetsMoved ? reading.at : restarted ? null : tracker.lastPacketAt;
  const lastFrameAt = framesMoved ? reading.at : restarted ? null : tracker.lastFrameAt;
  const window = [...(restarted ? [] : tracker.window), reading].filter((r) => reading.at - r.at <= QUALITY_WINDOW_MS);
  const first = window[0]!;
  const received = reading.packetsReceived - first.packetsReceived;
  const lost = reading.packetsLost - first.packetsLost;
  const lossPercent = window.length > 1 && received + lost > 0 ? Math.max(0, Math.round((lost / (received + lost)) * 1000) / 10) : null;
  return {
    tracker: { last: reading, lastPacketAt, lastFrameAt, window },
    alive: lastPacketAt !== null && reading.at - lastPacketAt < STALL_MS,
    framesFlowing: lastFrameAt !== null && reading.at - lastFrameAt < STALL_MS,
    figures: {
      rttMs: reading.rttMs === null ? null : Math.round(reading.rttMs),
      lossPercent,
      framesPerSecond: reading.hasInboundVideo ? reading.framesPerSecond : null,
      width: reading.frameWidth,
      height: reading.frameHeight,
    },
  };
}

export type QualityLevel = 'good' | 'poor' | 'audio_only' | 'paused' | 'reconnecting' | 'connecting';
export type Quality = { level: QualityLevel; words: string };

/** Above these, a person will notice: the picture stutters or freezes. */
export const POOR_LOSS_PERCENT = 8;
export const POOR_RTT_MS = 400;
export const POOR_FPS = 8;

/**
 * Whether to mark the picture "not live": frames had come, have stopped, and the other side says
 * it is sending video with its camera on (a camera turned off is said differently).
 */
export function isVideoPaused(input: { hadFrames: boolean; framesFlowing: boolean; remoteVideoOff: boolean; remoteSending: MediaMode }): boolean {
  return input.hadFrames && !input.framesFlowing && !input.remoteVideoOff && input.remoteSending !== 'audio';
}

/** What a tile says of the connection, in words (never colour alone). */
export function describeQuality(input: {
  peerState: 'connecting' | 'connected' | 'reconnecting' | 'failed';
  /** What the other side says it sends us. */
  remoteSending: MediaMode;
  remoteVideoOff: boolean;
  videoPaused: boolean;
  figures: QualityFigures;
}): Quality {
  const { peerState, remoteSending, figures } = input;
  if (peerState === 'connecting') return { level: 'connecting', words: 'Connecting…' };
  if (peerState === 'reconnecting' || peerState === 'failed') return { level: 'reconnecting', words: 'Reconnecting…' };
  if (remoteSending === 'audio') return { level: 'audio_only', words: 'Audio only' };
  if (input.videoPaused) return { level: 'paused', words: 'Video paused – not live' };
  const poor =
    (figures.lossPercent !== null && figures.lossPercent >= POOR_LOSS_PERCENT) ||
    (figures.rttMs !== null && figures.rttMs >= POOR_RTT_MS) ||
    (!input.remoteVideoOff && figures.framesPerSecond !== null && figures.framesPerSecond < POOR_FPS);
  return poor ? { level: 'poor', words: 'Poor: video may freeze' } : { level: 'good', words: 'Good' };
}
