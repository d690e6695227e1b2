/**
 * Messages the browsers send each other over the WebRTC data channel (never through the server).
 * A black or frozen tile must not be mistaken for a broken call or a still child: each side says
 * when it mutes, turns its camera off, or sends audio only, and why.
 *
 * Zod-free (the parent's page carries no zod): the other browser is not trusted either, so
 * `readPeerMessage` checks every field and answers null for anything else.
 */

/** What a side sends (or wants to receive): full video, low-data video (≤ 15 fps, ≤ 360p), or audio only. */
export const mediaModes = ['full', 'low', 'audio'] as const;
export type MediaMode = (typeof mediaModes)[number];

export type PeerMessage =
  | {
      type: 'media';
      audioMuted: boolean;
      videoOff: boolean;
      /** What this side is sending to the receiver. */
      sending: MediaMode;
      /** Why it sends audio only: the person chose it, or the connection could not carry video. */
      audioOnlyReason: 'chosen' | 'poor_network' | null;
    }
  /** What this side asks the other to send it (low-data mode). */
  | { type: 'prefs'; receive: MediaMode };

const isMode = (value: unknown): value is MediaMode => (mediaModes as readonly unknown[]).includes(value);

export function readPeerMessage(value: unknown): PeerMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  if (message.type === 'prefs') return isMode(message.receive) ? { type: 'prefs', receive: message.receive } : null;
  if (message.type !== 'media') return null;
  const { audioMuted, videoOff, sending, audioOnlyReason } = message;
  if (typeof audioMuted !== 'boolean' || typeof videoOff !== 'boolean' || !isMode(sending)) return null;
  if (audioOnlyReason !== null && audioOnlyReason !== 'chosen' && audioOnlyReason !== 'poor_network') return null;
  return { type: 'media', audioMuted, videoOff, sending, audioOnlyReason };
}
