import type { MediaMode, ParticipantRole } from '@desk/shared';

/**
 * What each side sends each peer. A phone on 4G in a mesh of four would be asked for three HD
 * uploads: each peer connection gets a share of an uplink budget. When video cannot be sustained
 * the sender drops to audio only by itself and says so; it tries video again later.
 */

/** Uplink budget for video, shared across peers: phones (parent, guests) are assumed to be on mobile data. */
export const UPLINK_BUDGET_KBPS: Record<ParticipantRole, number> = {
  clinician: 2_400,
  parent: 1_200,
  paediatrician: 1_200,
  interpreter: 1_200,
};
/** Never more than this per peer, however few peers. */
export const VIDEO_MAX_KBPS_PER_PEER = 900;
/** Low-data mode: ≤ 15 fps, ≤ 360p (from 640×480 capture), about a quarter of a megabit. */
export const LOW_DATA = { maxKbps: 250, maxFramerate: 15, maxHeight: 360 } as const;
export const CAPTURE_HEIGHT = 480;

export type SenderCaps = { active: boolean; maxBitrateBps: number | null; maxFramerate: number | null; scaleResolutionDownBy: number | null };

const MODE_RANK: Record<MediaMode, number> = { audio: 0, low: 1, full: 2 };

/** The lighter of two modes (my choice, what the peer asks to receive, the network's limit). */
export function lighterMode(...modes: MediaMode[]): MediaMode {
  return modes.reduce((a, b) => (MODE_RANK[b] < MODE_RANK[a] ? b : a), 'full');
}

/** Encoding limits for one peer's video sender. */
export function senderCaps(mode: MediaMode, role: ParticipantRole, peers: number): SenderCaps {
  if (mode === 'audio') return { active: false, maxBitrateBps: null, maxFramerate: null, scaleResolutionDownBy: null };
  if (mode === 'low') {
    return {
      active: true,
      maxBitrateBps: LOW_DATA.maxKbps * 1000,
      maxFramerate: LOW_DATA.maxFramerate,
      scaleResolutionDownBy: CAPTURE_HEIGHT / LOW_DATA.maxHeight,
    };
  }
  const kbps = Math.min(VIDEO_MAX_KBPS_PER_PEER, Math.floor(UPLINK_BUDGET_KBPS[role] / Math.max(1, peers)));
  return { active: true, maxBitrateBps: kbps * 1000, maxFramerate: 30, scaleResolutionDownBy: 1 };
}

/** Video stops when the estimated uplink stays below this, or the other side loses this much of it, for AUDIO_ONLY_AFTER_MS. */
export const AUDIO_ONLY_BELOW_KBPS = 150;
export const AUDIO_ONLY_LOSS = 0.25;
export const AUDIO_ONLY_AFTER_MS = 5_000;
/** Video is tried again after this long, doubling each time it has to stop again soon after (to 160 s). */
export const RETRY_VIDEO_AFTER_MS = 20_000;
export const RETRY_VIDEO_MAX_MS = 160_000;
/** Video that stops again within this long of coming back counts as a failed retry. */
const RETRY_FAILED_WITHIN_MS = 15_000;

export type SenderPolicy = {
  audioOnly: boolean;
  /** When the figures first went bad (null while good). */
  badSince: number | null;
  /** When the current audio-only (or video) spell began. */
  since: number;
  retryAfterMs: number;
};

export const INITIAL_POLICY: SenderPolicy = { audioOnly: false, badSince: null, since: 0, retryAfterMs: RETRY_VIDEO_AFTER_MS };

export function nextSenderPolicy(
  policy: SenderPolicy,
  reading: { availableOutgoingKbps: number | null; remoteFractionLost: number | null },
  now: number,
): SenderPolicy {
  if (policy.audioOnly) {
    // Audio alone tells us little about what video would get: try again on a timer.
    return now - policy.since >= policy.retryAfterMs ? { ...policy, audioOnly: false, badSince: null, since: now } : policy;
  }
  const bad =
    (reading.availableOutgoingKbps !== null && reading.availableOutgoingKbps < AUDIO_ONLY_BELOW_KBPS) ||
    (reading.remoteFractionLost !== null && reading.remoteFractionLost >= AUDIO_ONLY_LOSS);
  if (!bad) return policy.badSince === null ? policy : { ...policy, badSince: null };
  const badSince = policy.badSince ?? now;
  if (now - badSince < AUDIO_ONLY_AFTER_MS) return { ...policy, badSince };
  const retryFailed = policy.since > 0 && now - policy.since < RETRY_FAILED_WITHIN_MS + AUDIO_ONLY_AFTER_MS;
  const retryAfterMs = retryFailed ? Math.min(RETRY_VIDEO_MAX_MS, policy.retryAfterMs * 2) : RETRY_VIDEO_AFTER_MS;
  return { audioOnly: true, badSince: null, since: now, retryAfterMs };
}
