/**
 * Which HTML page answers a browser's address: the parent's small page (parent.html) for the SMS
 * links, /join and /advice, and the desk's (index.html) for everything else. vite.config.ts does
 * the same for `npm run dev`.
 */
const PARENT_PATH = /^\/(join(\/|$)|advice\/)/;

export function htmlPageFor(path: string): 'parent.html' | 'index.html' {
  return PARENT_PATH.test(path) ? 'parent.html' : 'index.html';
}
