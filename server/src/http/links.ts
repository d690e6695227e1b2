import { ADVICE_TOKEN_PARAM, adviceTopicForComplaint, DEFAULT_PARENT_LANGUAGE, type Complaint, type ParentLanguage } from '@desk/shared';
import type { Config } from '../config.js';

/**
 * The one place public URLs are built (SMS links, advice pages). They come only from the configured
 * public origin, settled at start-up: never from a request's Host or X-Forwarded-* headers, which a
 * caller can forge to put another site's address in a parent's text message.
 */
export function joinLink(config: Pick<Config, 'publicUrl'>, token: string): string {
  return `${config.publicUrl}/join/${encodeURIComponent(token)}`;
}

/**
 * The topic's advice page in the case's language (`?lang=`: the page asks for it, and is told
 * whether it may show it); with `token`, the link of one safety-netting SMS (`&t=`: the recap).
 */
export function adviceLink(config: Pick<Config, 'publicUrl'>, complaint: Complaint, token?: string, lang: ParentLanguage = DEFAULT_PARENT_LANGUAGE): string {
  const page = `${config.publicUrl}/advice/${adviceTopicForComplaint(complaint)}?lang=${lang}`;
  return token === undefined ? page : `${page}&${ADVICE_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}
