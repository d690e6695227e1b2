import type { Exam } from '@desk/shared';
import type { ReactNode } from 'react';
import type { Messages } from '../i18n/types';

/**
 * What the parent reads and sees for each guided examination: a short title, one plain sentence
 * (both from the locale, `m.exam`), and a small line drawing (decorative: the sentence says it
 * all). Drawings are inline SVG, a few hundred bytes each, so nothing more is loaded on a weak signal.
 */
export type ExamGuide = { title: string; instruction: string; ready: string; drawing: ReactNode; afterTime?: string };

/** One examination's words in the parent's language, with its drawing. */
export function examGuide(words: Messages['exam'], exam: Exam): ExamGuide {
  const text: { title: string; instruction: string; ready: string; afterTime?: string } = words[exam];
  return { ...text, drawing: EXAM_DRAWINGS[exam] };
}

const svg = (children: ReactNode) => (
  <svg className="ask-drawing" viewBox="0 0 64 64" width="64" height="64" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
    {children}
  </svg>
);

const EXAM_DRAWINGS: Record<Exam, ReactNode> = {
  glass_test: svg(
    <>
      <path d="M20 10h24l-4 44H24z" />
      <circle cx="30" cy="34" r="2.5" fill="currentColor" />
      <circle cx="36" cy="42" r="2.5" fill="currentColor" />
      <circle cx="12" cy="50" r="2.5" fill="currentColor" />
      <circle cx="52" cy="24" r="2.5" fill="currentColor" />
    </>,
  ),
  breathing: svg(
    <>
      <circle cx="32" cy="12" r="7" />
      <path d="M18 58V30c0-6 6-9 14-9s14 3 14 9v28" />
      <path d="M24 36c4 2 12 2 16 0M24 44c4 2 12 2 16 0" />
      <path d="M8 34l4 4-4 4M56 34l-4 4 4 4" />
    </>,
  ),
  capillary_refill: svg(
    <>
      <path d="M10 50c8-6 36-6 44 0" />
      <path d="M30 44V14a4 4 0 0 1 8 0v30" />
      <path d="M26 8l-4-4M42 8l4-4M34 4V0" />
    </>,
  ),
  fontanelle: svg(
    <>
      <ellipse cx="32" cy="34" rx="22" ry="26" />
      <path d="M32 16l6 8-6 8-6-8z" />
    </>,
  ),
  throat_torch: svg(
    <>
      <ellipse cx="40" cy="34" rx="16" ry="12" />
      <path d="M34 40c2-4 10-4 12 0" />
      <rect x="4" y="28" width="14" height="8" rx="2" />
      <path d="M18 30l8-4M18 34l8 4" />
    </>,
  ),
};

/** The back of the phone, with its camera: for "Show me with the back camera". */
export const BACK_CAMERA_DRAWING = svg(
  <>
    <rect x="18" y="4" width="28" height="56" rx="5" />
    <circle cx="27" cy="14" r="4" />
    <circle cx="37" cy="14" r="2" fill="currentColor" />
  </>,
);
