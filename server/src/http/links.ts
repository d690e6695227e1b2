import { adviceTopicForComplaint, type Complaint } from '@desk/shared';
import type { Config } from '../config.js';

/**
 * The one place public URLs are built (SMS links, advice pages). They come only from the configured
 * public origin, settled at start-up: never from a request's Host or X-Forwarded-* headers, which a
 * caller can forge to put another site's address in a parent's text message.
 */
export function joinLink(config: Pick<Config, 'publicUrl'>, token: string): string {
  return `${config.publicUrl}/join/${encodeURIComponent(token)}`;
}

export function adviceLink(config: Pick<Config, 'publicUrl'>, complaint: Complaint): string {
  return `${config.publicUrl}/advice/${adviceTopicForComplaint(complaint)}?lang=en`;
}
