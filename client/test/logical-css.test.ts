import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The parent's and the advice pages' styles use logical properties only (issue 12): Urdu and
 * Arabic pages are right to left, so "left" and "right" would put things on the wrong side. A
 * physical one stays only with a reason on its own line ("physical on purpose"). Not listed:
 * src/styles/_rtl.scss, which undoes nhsuk-frontend's own physical layout under dir="rtl" and is
 * physical by nature.
 */
const STYLES = [
  'src/styles/_parent-base.scss',
  'src/styles/parent.scss',
  'src/styles/advice.scss',
  'src/features/join/ask-prompt.scss',
  'src/features/join/photo-request.scss',
  'src/features/video/video-tile.scss',
  'src/components/confirm-dialog.scss',
];
const PHYSICAL = /(^|[\s;{])((margin|padding|border)-(left|right)|left|right)\s*:|text-align:\s*(left|right)|float:\s*(left|right)/;

describe('logical CSS on the parent and advice pages', () => {
  it.each(STYLES)('%s has no left/right property without a reason', (file) => {
    const lines = readFileSync(path.join(__dirname, '..', file), 'utf8').split('\n');
    const physical = lines
      .map((line, index) => ({ line: line.replace(/\/\/.*$/, (comment) => (comment.includes('physical on purpose') ? comment : '')), at: index + 1 }))
      .filter(({ line }) => PHYSICAL.test(line) && !line.includes('physical on purpose'))
      .map(({ line, at }) => `${file}:${at}: ${line.trim()}`);
    expect(physical).toEqual([]);
  });
});
