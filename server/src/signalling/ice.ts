import { createHmac } from 'node:crypto';
import type { IceServer } from '@desk/shared';
import type { Config } from '../config.js';

/** TURN credentials last as long as a shift; coturn checks them with `use-auth-secret`. */
export const TURN_CREDENTIAL_TTL_S = 12 * 60 * 60;

/**
 * ICE servers for one party. Host candidates only by default (no public STUN: nothing leaves the
 * network unless configured). With TURN_URLS + TURN_SECRET: time-limited REST credentials.
 */
export function iceServersFor(config: Pick<Config, 'turn' | 'stunUrls'>, now: Date, identity: string): IceServer[] {
  const servers: IceServer[] = [];
  if (config.stunUrls.length) servers.push({ urls: config.stunUrls });
  if (config.turn) {
    const username = `${Math.floor(now.getTime() / 1000) + TURN_CREDENTIAL_TTL_S}:${identity}`;
    const credential = createHmac('sha1', config.turn.secret).update(username).digest('base64');
    servers.push({ urls: config.turn.urls, username, credential });
  }
  return servers;
}
