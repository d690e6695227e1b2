import { describe, expect, it } from 'vitest';
import {
  describeQuality,
  EMPTY_TRACKER,
  isVideoPaused,
  sampleLink,
  STALL_MS,
  type LinkTracker,
  type StatsReading,
} from '../src/features/call/quality';
import {
  AUDIO_ONLY_AFTER_MS,
  INITIAL_POLICY,
  lighterMode,
  nextSenderPolicy,
  RETRY_VIDEO_AFTER_MS,
  senderCaps,
  type SenderPolicy,
} from '../src/features/call/senderPolicy';
import { readStats } from '../src/features/video/stats';

function reading(at: number, patch: Partial<StatsReading> = {}): StatsReading {
  return {
    at,
    packetsReceived: 0,
    packetsLost: 0,
    transportBytesReceived: 0,
    framesDecoded: 0,
    hasInboundVideo: true,
    rttMs: 40,
    framesPerSecond: 30,
    frameWidth: 640,
    frameHeight: 480,
    availableOutgoingKbps: 1_500,
    remoteFractionLost: 0,
    ...patch,
  };
}

/** Folds readings in order; returns every sample. */
function samples(readings: StatsReading[]) {
  let tracker: LinkTracker = EMPTY_TRACKER;
  return readings.map((r) => {
    const sample = sampleLink(tracker, r);
    tracker = sample.tracker;
    return sample;
  });
}

describe('reading getStats()', () => {
  it('sums inbound packets, takes the selected pair’s bytes and round trip, and the video’s frames', () => {
    const r = readStats(
      [
        { type: 'inbound-rtp', kind: 'audio', packetsReceived: 500, packetsLost: 5 },
        { type: 'inbound-rtp', kind: 'video', packetsReceived: 900, packetsLost: 10, framesDecoded: 300, framesPerSecond: 29, frameWidth: 640, frameHeight: 480 },
        { type: 'transport', selectedCandidatePairId: 'B' },
        { type: 'candidate-pair', id: 'A', bytesReceived: 1, currentRoundTripTime: 9 },
        { type: 'candidate-pair', id: 'B', bytesReceived: 70_000, currentRoundTripTime: 0.082, availableOutgoingBitrate: 640_000 },
        { type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.04 },
      ],
      5,
    );
    expect(r).toEqual({
      at: 5,
      packetsReceived: 1_400,
      packetsLost: 15,
      transportBytesReceived: 70_000,
      framesDecoded: 300,
      hasInboundVideo: true,
      rttMs: 82,
      framesPerSecond: 29,
      frameWidth: 640,
      frameHeight: 480,
      availableOutgoingKbps: 640,
      remoteFractionLost: 0.04,
    });
  });

  it('reads a connection with no media from the other side as no video and zero frames', () => {
    const r = readStats([{ type: 'candidate-pair', id: 'x', nominated: true, state: 'succeeded', bytesReceived: 300 }], 1);
    expect(r).toMatchObject({ hasInboundVideo: false, framesDecoded: 0, packetsReceived: 0, transportBytesReceived: 300 });
  });
});

describe('stall and freeze detection', () => {
  it('is alive while packets arrive, and stalls after STALL_MS without any', () => {
    const out = samples([
      reading(0, { packetsReceived: 10, framesDecoded: 3 }),
      reading(250, { packetsReceived: 20, framesDecoded: 6 }),
      reading(500, { packetsReceived: 20, framesDecoded: 6 }),
      reading(250 + STALL_MS - 1, { packetsReceived: 20, framesDecoded: 6 }),
      reading(250 + STALL_MS, { packetsReceived: 20, framesDecoded: 6 }),
    ]);
    expect(out.map((s) => s.alive)).toEqual([true, true, true, true, false]);
    expect(out.map((s) => s.framesFlowing)).toEqual([true, true, true, true, false]);
  });

  it('keeps a link alive on transport bytes alone (RTCP) when the other side sends no media', () => {
    const out = samples([reading(0, { transportBytesReceived: 100, hasInboundVideo: false }), reading(900, { transportBytesReceived: 180, hasInboundVideo: false })]);
    expect(out.map((s) => s.alive)).toEqual([true, true]);
    expect(out[1]!.figures.framesPerSecond).toBeNull();
  });

  it('tells a frozen picture with live audio apart from a dead link', () => {
    const out = samples([reading(0, { packetsReceived: 10, framesDecoded: 5 }), reading(1_200, { packetsReceived: 60, framesDecoded: 5 })]);
    expect(out[1]).toMatchObject({ alive: true, framesFlowing: false });
  });

  it('starts afresh when a rebuilt connection’s counters go back to zero', () => {
    const out = samples([reading(0, { packetsReceived: 900, framesDecoded: 300 }), reading(250, { packetsReceived: 4, framesDecoded: 1 })]);
    expect(out[1]).toMatchObject({ alive: true, framesFlowing: true });
  });

  it('measures loss over the quality window', () => {
    const out = samples([reading(0, { packetsReceived: 1_000, packetsLost: 0 }), reading(1_000, { packetsReceived: 1_900, packetsLost: 100 })]);
    expect(out[1]!.figures.lossPercent).toBe(10);
  });

  it.each([
    ['frames stopped while the camera is on', { hadFrames: true, framesFlowing: false, remoteVideoOff: false, remoteSending: 'full' as const }, true],
    ['frames never came yet', { hadFrames: false, framesFlowing: false, remoteVideoOff: false, remoteSending: 'full' as const }, false],
    ['the other side turned its camera off', { hadFrames: true, framesFlowing: false, remoteVideoOff: true, remoteSending: 'full' as const }, false],
    ['the other side sends audio only', { hadFrames: true, framesFlowing: false, remoteVideoOff: false, remoteSending: 'audio' as const }, false],
    ['frames flowing', { hadFrames: true, framesFlowing: true, remoteVideoOff: false, remoteSending: 'low' as const }, false],
  ])('marks the picture "not live" only when it should be moving: %s', (_label, input, expected) => {
    expect(isVideoPaused(input)).toBe(expected);
  });
});

describe('connection quality in words', () => {
  const figures = { rttMs: 40, lossPercent: 0.5, framesPerSecond: 30, width: 640, height: 480 };
  const base = { peerState: 'connected' as const, remoteSending: 'full' as const, remoteVideoOff: false, videoPaused: false, figures };
  it.each([
    ['Good', base, 'good'],
    ['Poor on loss', { ...base, figures: { ...figures, lossPercent: 9 } }, 'poor'],
    ['Poor on a slow round trip', { ...base, figures: { ...figures, rttMs: 450 } }, 'poor'],
    ['Poor on a low frame rate', { ...base, figures: { ...figures, framesPerSecond: 5 } }, 'poor'],
    ['not Poor on frame rate when the camera is off', { ...base, remoteVideoOff: true, figures: { ...figures, framesPerSecond: 1 } }, 'good'],
    ['Audio only', { ...base, remoteSending: 'audio' as const }, 'audio_only'],
    ['Video paused', { ...base, videoPaused: true }, 'paused'],
    ['Reconnecting', { ...base, peerState: 'reconnecting' as const }, 'reconnecting'],
    ['Connecting', { ...base, peerState: 'connecting' as const }, 'connecting'],
  ])('%s', (_label, input, level) => {
    expect(describeQuality(input).level).toBe(level);
  });

  it('uses the words the tiles show', () => {
    expect(describeQuality(base).words).toBe('Good');
    expect(describeQuality({ ...base, figures: { ...figures, lossPercent: 20 } }).words).toBe('Poor: video may freeze');
    expect(describeQuality({ ...base, remoteSending: 'audio' }).words).toBe('Audio only');
    expect(describeQuality({ ...base, videoPaused: true }).words).toBe('Video paused – not live');
  });
});

describe('what each peer is sent', () => {
  it('shares the uplink across peers so a phone is never asked for three HD uploads', () => {
    expect(senderCaps('full', 'parent', 1).maxBitrateBps).toBe(900_000);
    expect(senderCaps('full', 'parent', 3).maxBitrateBps).toBe(400_000);
    expect(senderCaps('full', 'clinician', 3).maxBitrateBps).toBe(800_000);
  });

  it('holds low-data video to ≤ 15 fps and ≤ 360p, and sends no video for audio only', () => {
    expect(senderCaps('low', 'parent', 1)).toEqual({ active: true, maxBitrateBps: 250_000, maxFramerate: 15, scaleResolutionDownBy: 480 / 360 });
    expect(senderCaps('audio', 'parent', 1)).toMatchObject({ active: false });
  });

  it('takes the lighter of what this side chose, what the peer asked for and what the network allows', () => {
    expect(lighterMode('full', 'low')).toBe('low');
    expect(lighterMode('low', 'full', 'audio')).toBe('audio');
    expect(lighterMode()).toBe('full');
  });

  it('drops to audio only after 5 s of too little uplink, and tries video again 20 s later', () => {
    const weak = { availableOutgoingKbps: 90, remoteFractionLost: 0 };
    let policy: SenderPolicy = INITIAL_POLICY;
    policy = nextSenderPolicy(policy, weak, 1_000);
    expect(policy).toMatchObject({ audioOnly: false, badSince: 1_000 });
    policy = nextSenderPolicy(policy, weak, 1_000 + AUDIO_ONLY_AFTER_MS - 1);
    expect(policy.audioOnly).toBe(false);
    policy = nextSenderPolicy(policy, weak, 1_000 + AUDIO_ONLY_AFTER_MS);
    expect(policy).toMatchObject({ audioOnly: true, since: 1_000 + AUDIO_ONLY_AFTER_MS });
    const retryAt = 1_000 + AUDIO_ONLY_AFTER_MS + RETRY_VIDEO_AFTER_MS;
    expect(nextSenderPolicy(policy, weak, retryAt - 1).audioOnly).toBe(true);
    expect(nextSenderPolicy(policy, weak, retryAt).audioOnly).toBe(false);
  });

  it('drops to audio only on sustained loss too, forgets a brief bad patch, and waits longer after a failed retry', () => {
    const lossy = { availableOutgoingKbps: 2_000, remoteFractionLost: 0.3 };
    const good = { availableOutgoingKbps: 2_000, remoteFractionLost: 0.01 };
    let policy = nextSenderPolicy(INITIAL_POLICY, lossy, 1_000);
    policy = nextSenderPolicy(policy, good, 2_000);
    expect(policy.badSince).toBeNull();
    policy = nextSenderPolicy(policy, lossy, 3_000);
    policy = nextSenderPolicy(policy, lossy, 3_000 + AUDIO_ONLY_AFTER_MS);
    expect(policy.audioOnly).toBe(true);
    // The retry fails at once: the next wait doubles.
    const retried = nextSenderPolicy(policy, lossy, policy.since + policy.retryAfterMs);
    expect(retried.audioOnly).toBe(false);
    const again = nextSenderPolicy(nextSenderPolicy(retried, lossy, retried.since + 1), lossy, retried.since + 1 + AUDIO_ONLY_AFTER_MS);
    expect(again).toMatchObject({ audioOnly: true, retryAfterMs: 2 * RETRY_VIDEO_AFTER_MS });
  });
});
