import { describe, expect, it } from 'vitest';
import { PAGE_RULES, bundleViolations, type BuiltChunk } from '../build/bundleGuards';

/** The build's guards (vite.config.ts): what each page's bundle must not carry, on made-up bundles. */

const chunk = (fileName: string, moduleIds: string[], options: Partial<BuiltChunk> = {}): BuiltChunk => ({ fileName, isEntry: false, imports: [], moduleIds, ...options });
const CHART = '/repo/node_modules/chart.js/dist/chart.js';
const ZOD = '/repo/node_modules/zod/v4/classic/schemas.js';
const APP = '/repo/client/src/main.tsx';

describe('bundle guards', () => {
  it('passes the desk with chart.js in a chunk only import() reaches', () => {
    const desk = [chunk('desk.js', [APP], { isEntry: true, imports: ['shared.js'] }), chunk('shared.js', ['/repo/client/src/lib/api.ts']), chunk('chartjs.js', [CHART])];
    expect(bundleViolations(desk, PAGE_RULES.desk)).toEqual([]);
  });

  it("fails the desk when chart.js is in its entry, or in a chunk the entry imports statically", () => {
    expect(bundleViolations([chunk('desk.js', [APP, CHART], { isEntry: true })], PAGE_RULES.desk)).toEqual([
      `chart.js reached the page's first load (desk.js holds ${CHART}): the day charts load it with import(), on supervisor pages only`,
    ]);
    const viaStatic = [chunk('desk.js', [APP], { isEntry: true, imports: ['a.js'] }), chunk('a.js', [], { imports: ['b.js'] }), chunk('b.js', [CHART])];
    expect(bundleViolations(viaStatic, PAGE_RULES.desk)).toHaveLength(1);
  });

  it("fails the parent's page on zod or chart.js in any chunk, even a lazy one (Windows paths too)", () => {
    const parent = [chunk('parent.js', ['/repo/client/src/parent-main.tsx'], { isEntry: true }), chunk('lazy.js', [ZOD]), chunk('lazy2.js', ['C:\\repo\\node_modules\\chart.js\\dist\\chart.js'])];
    const violations = bundleViolations(parent, PAGE_RULES.parent);
    expect(violations).toHaveLength(2);
    expect(violations[0]).toMatch(/^zod reached the page \(lazy\.js/);
    expect(violations[1]).toMatch(/^chart\.js reached the page \(lazy2\.js/);
  });
});
