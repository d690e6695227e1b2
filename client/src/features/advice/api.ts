import { adviceLabelKeys, isAdviceTopic, isAdviceTranslation, isParentLanguage, type AdviceContent, type AdviceLabels, type AdviceResponse } from '@desk/shared';
import { api, type Reader } from '../../lib/api';
import { isRecord, isString, isStrings } from '../../lib/guards';

/** The URL is the cache key: the same advice for every child, so the browser and any proxy may keep it. */
export function adviceUrl(topic: string, lang: string): string {
  return `/api/advice/${encodeURIComponent(topic)}?lang=${encodeURIComponent(lang)}`;
}

/**
 * `GET /api/advice/:topic?lang=` as the page reads it: the content and its headings (`labels`) in
 * `lang`, the language asked for, and how the translation stands (`original`, `reviewed`, `draft`
 * shown with a notice, or `withheld`: unchecked, so the advice came in English).
 */
export type AdvicePageData = AdviceResponse;

const isStringsOrNull = (value: unknown): value is string[] | null => value === null || isStrings(value);

function readSource(value: unknown): AdviceContent['sources'][number] | null {
  return isRecord(value) && typeof value.title === 'string' && typeof value.url === 'string' ? { title: value.title, url: value.url } : null;
}

function readContent(value: unknown): AdviceContent | null {
  if (!isRecord(value)) return null;
  const { title, intro, expect, care, medicines, call999, call111, glassTest, dehydrationSigns } = value;
  if (typeof title !== 'string' || typeof intro !== 'string' || typeof glassTest !== 'boolean' || typeof dehydrationSigns !== 'boolean') return null;
  if (!isStrings(expect) || !isStrings(care) || !isStrings(medicines) || !isStrings(call999) || !isStrings(call111) || !Array.isArray(value.sources)) return null;
  const sources = value.sources.map(readSource);
  if (sources.some((source) => source === null)) return null;
  return { title, intro, expect, care, medicines, call999, call111, glassTest, dehydrationSigns, sources: sources.filter((s) => s !== null) };
}

function readLabels(value: unknown): AdviceLabels | null {
  if (!isRecord(value) || !adviceLabelKeys.every((key) => isString(value[key]) && value[key] !== '')) return null;
  return Object.fromEntries(adviceLabelKeys.map((key) => [key, value[key]])) as AdviceLabels;
}

/**
 * Reads `GET /api/advice/:topic` with a small type guard (the parent's page carries no zod).
 */
export const adviceReader: Reader<AdvicePageData> = {
  parse(json) {
    const content = isRecord(json) ? readContent(json.content) : null;
    const labels = isRecord(json) ? readLabels(json.labels) : null;
    if (!isRecord(json) || !content || !labels) throw new Error('The advice did not come back as expected');
    const { topic, lang, requestedLang, translation, glassTest, dehydrationSigns } = json;
    if (
      !isAdviceTopic(topic) ||
      !isParentLanguage(lang) ||
      !isParentLanguage(requestedLang) ||
      !isAdviceTranslation(translation) ||
      !isStringsOrNull(glassTest) ||
      !isStringsOrNull(dehydrationSigns)
    ) {
      throw new Error('The advice did not come back as expected');
    }
    return { topic, lang, requestedLang, translation, content, labels, glassTest, dehydrationSigns };
  },
};

export function fetchAdvice(url: string, signal: AbortSignal): Promise<AdvicePageData> {
  return api('GET', url, adviceReader, { signal });
}
