import { createHmac } from 'node:crypto';
import type { IceConfig, IceServer } from '@desk/shared';
import type { Config } from '../config.js';

/**
 * coturn checks a REST credential when a relay allocation is made, not during it: one issued at
 * admission must outlast the longest call, and the page asks for a fresh one before every ICE
 * restart or rebuild (which makes new allocations). Configurable with TURN_CREDENTIAL_TTL_S.
 */
export const DEFAULT_TURN_CREDENTIAL_TTL_S = 2 * 60 * 60;

type IceSettings = Pick<Config, 'turn' | 'stunUrls' | 'iceTransportPolicy'>;

/** STUN only (no credentials): what the REST sessions carry, for anyone holding a session. */
export function stunServersFor(config: Pick<Config, 'stunUrls'>): IceServer[] {
  return config.stunUrls.length ? [{ urls: config.stunUrls }] : [];
}

/**
 * The coturn REST username for one participant of one call: `expiry:callId:participantId`
 * (coturn reads the leading digits as the expiry, in Unix seconds), and its HMAC-SHA1 password.
 */
export function turnCredential(secret: string, expiresAtS: number, who: { callId: string; participantId: string }) {
  const username = `${expiresAtS}:${who.callId}:${who.participantId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/**
 * The ICE configuration for a participant who is in the call's media. Host candidates only by
 * default (no public STUN: nothing leaves the network unless configured); with TURN_URLS +
 * TURN_SECRET, credentials of this participant in this call, valid for TURN_CREDENTIAL_TTL_S.
 */
export function iceConfigFor(config: IceSettings, now: Date, who: { callId: string; participantId: string }): IceConfig {
  const iceServers = stunServersFor(config);
  if (!config.turn) return { iceServers, iceTransportPolicy: config.iceTransportPolicy, expiresAt: null };
  const expiresAtS = Math.floor(now.getTime() / 1000) + config.turn.credentialTtlS;
  iceServers.push({ urls: config.turn.urls, ...turnCredential(config.turn.secret, expiresAtS, who) });
  return { iceServers, iceTransportPolicy: config.iceTransportPolicy, expiresAt: new Date(expiresAtS * 1000).toISOString() };
}
