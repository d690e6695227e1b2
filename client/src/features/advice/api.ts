import { isParentLanguage, isAdviceTopic, type AdviceContent, type AdviceTopic, type ParentLanguage } from '@desk/shared';
import { api, type Reader } from '../../lib/api';
import { isRecord, isString, isStrings, oneOf } from '../../lib/guards';

/** The URL is the cache key: the same advice for every child, so the browser and any proxy may keep it. */
export function adviceUrl(topic: string, lang: string): string {
  return `/api/advice/${encodeURIComponent(topic)}?lang=${encodeURIComponent(lang)}`;
}

/**
 * How the advice's language came to be: the English original, a reviewed translation, a draft shown
 * with a notice (the demo), or a draft withheld (production: the advice comes in English).
 */
export const ADVICE_TRANSLATIONS = ['original', 'reviewed', 'draft', 'withheld'] as const;
export type AdviceTranslation = (typeof ADVICE_TRANSLATIONS)[number];

/** The page's headings and buttons, sent with the content so they are always in the content's language. */
export const ADVICE_LABEL_KEYS = [
  'immediate',
  'urgent',
  'call999Heading',
  'call111Heading',
  'call999Button',
  'call111Button',
  'glassTestLink',
  'moreDetail',
  'expect',
  'care',
  'medicines',
  'glassTest',
  'dehydration',
  'dehydrationLead',
  'sources',
  'fromTeam',
  'print',
] as const;
export type AdviceLabels = Record<(typeof ADVICE_LABEL_KEYS)[number], string>;

/** `GET /api/advice/:topic?lang=` as the page reads it. */
export type AdvicePageData = {
  topic: AdviceTopic;
  /** The language `content` and `labels` are in. */
  lang: ParentLanguage;
  /** The language the page asked for. */
  requestedLang: ParentLanguage;
  translation: AdviceTranslation;
  content: AdviceContent;
  labels: AdviceLabels;
  glassTest: string[] | null;
  dehydrationSigns: string[] | null;
};

const isStringsOrNull = (value: unknown): value is string[] | null => value === null || isStrings(value);
const isTranslation = oneOf(ADVICE_TRANSLATIONS);

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
  if (!isRecord(value) || !ADVICE_LABEL_KEYS.every((key) => isString(value[key]) && value[key] !== '')) return null;
  return Object.fromEntries(ADVICE_LABEL_KEYS.map((key) => [key, value[key]])) as AdviceLabels;
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
      !isTranslation(translation) ||
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
