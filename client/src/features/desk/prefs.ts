import { z } from 'zod';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';

/** Where the clinician's own picture sits over the child's. */
export const SELF_VIEW_CORNERS = ['bottom-right', 'bottom-left', 'top-left', 'top-right'] as const;
export type SelfViewCorner = (typeof SELF_VIEW_CORNERS)[number];

export const SELF_VIEW_CORNER_WORDS: Record<SelfViewCorner, string> = {
  'bottom-right': 'bottom right',
  'bottom-left': 'bottom left',
  'top-left': 'top left',
  'top-right': 'top right',
};

/**
 * A clinician's own settings on this desk (this browser): how a waiting parent is announced and how
 * the video is laid out. Not clinical data; kept in localStorage so they survive a reload and a
 * new shift on the same machine.
 */
const prefsSchema = z.object({
  /** A short chime when someone starts waiting to be let in. */
  chime: z.boolean().catch(true),
  /** Asked once whether to show browser notifications (the browser remembers the answer itself). */
  notifyAsked: z.boolean().catch(false),
  selfView: z.enum(SELF_VIEW_CORNERS).catch('bottom-right'),
  selfViewHidden: z.boolean().catch(false),
  /** The video takes the wider column. */
  videoLarge: z.boolean().catch(false),
});
export type DeskPrefs = z.infer<typeof prefsSchema>;

const DEFAULTS: DeskPrefs = { chime: true, notifyAsked: false, selfView: 'bottom-right', selfViewHidden: false, videoLarge: false };

export const deskPrefs = createStore<DeskPrefs>()(
  persist(() => DEFAULTS, {
    name: 'desk.prefs',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    // Parsed, not trusted: an old or hand-edited value falls back field by field.
    merge: (stored, current) => ({ ...current, ...prefsSchema.parse({ ...DEFAULTS, ...(typeof stored === 'object' && stored ? stored : {}) }) }),
  }),
);

export function setPref<K extends keyof DeskPrefs>(key: K, value: DeskPrefs[K]): void {
  deskPrefs.setState({ [key]: value } as Pick<DeskPrefs, K>);
}

export function nextCorner(corner: SelfViewCorner): SelfViewCorner {
  return SELF_VIEW_CORNERS[(SELF_VIEW_CORNERS.indexOf(corner) + 1) % SELF_VIEW_CORNERS.length]!;
}
