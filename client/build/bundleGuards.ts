/**
 * What each page's build must not carry, checked on the built chunks (vite.config.ts fails the
 * build on a breach). Pure, so client/test/bundle-guards.test.ts can check it on made-up bundles.
 */

export type BuiltChunk = { fileName: string; isEntry: boolean; imports: readonly string[]; moduleIds: readonly string[] };

export type BundleRule = {
  /** An npm package name (`zod`, `chart.js`). */
  pkg: string;
  /**
   * `anywhere`: in no chunk of this page's build. `initial`: not in what the page loads before any
   * `import()`: its entry chunks and every chunk they import statically.
   */
  where: 'anywhere' | 'initial';
  why: string;
};

export const PAGE_RULES: Record<'desk' | 'parent', readonly BundleRule[]> = {
  parent: [
    { pkg: 'zod', where: 'anywhere', why: "the phone reads what the server sends with small type guards" },
    { pkg: 'chart.js', where: 'anywhere', why: 'charts are for supervisor pages only' },
  ],
  desk: [{ pkg: 'chart.js', where: 'initial', why: 'the day charts load it with import(), on supervisor pages only' }],
};

const inPackage = (pkg: string) => (id: string) => id.replaceAll('\\', '/').includes(`/node_modules/${pkg}/`);

/** Each chunk the page loads before any dynamic import. */
function initialChunks(chunks: readonly BuiltChunk[]): BuiltChunk[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const queue = chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...(byName.get(name)?.imports ?? []));
  }
  return chunks.filter((chunk) => seen.has(chunk.fileName));
}

/** One sentence per breach: which chunk holds which module, and why it must not. */
export function bundleViolations(chunks: readonly BuiltChunk[], rules: readonly BundleRule[]): string[] {
  const initial = initialChunks(chunks);
  const violations: string[] = [];
  for (const rule of rules) {
    const scope = rule.where === 'anywhere' ? chunks : initial;
    for (const chunk of scope) {
      const module = chunk.moduleIds.find(inPackage(rule.pkg));
      if (module) {
        violations.push(`${rule.pkg} reached ${rule.where === 'anywhere' ? 'the page' : "the page's first load"} (${chunk.fileName} holds ${module}): ${rule.why}`);
      }
    }
  }
  return violations;
}
