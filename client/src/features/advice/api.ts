import { adviceResponseSchema, type AdviceResponse } from '@desk/shared';
import { api } from '../../lib/api';

/** The URL is the cache key: the same advice for every child, so the browser and any proxy may keep it. */
export function adviceUrl(topic: string, lang: string): string {
  return `/api/advice/${encodeURIComponent(topic)}?lang=${encodeURIComponent(lang)}`;
}

export function fetchAdvice(url: string, signal: AbortSignal): Promise<AdviceResponse> {
  return api('GET', url, adviceResponseSchema, { signal });
}
