import { z } from 'zod';

/**
 * Messages the two browsers send each other over the WebRTC data channel (never through the
 * server). A black tile must not be mistaken for a broken call: each side says when it mutes or
 * turns its camera off.
 */
export const peerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('media'), audioMuted: z.boolean(), videoOff: z.boolean() }),
]);
export type PeerMessage = z.infer<typeof peerMessageSchema>;
