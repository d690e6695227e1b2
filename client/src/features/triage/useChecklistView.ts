import { FEATURES, type FeatureGroup, type FeatureKey } from '@desk/shared';
import { useCallback, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * How the clinician has arranged the checklist on screen: groups folded away, and "only what video
 * can show". View only: the answers live in the decision draft and are never touched here.
 */
export type ChecklistView = {
  collapsed: ReadonlySet<FeatureGroup>;
  videoOnly: boolean;
  toggleGroup: (group: FeatureGroup) => void;
  setVideoOnly: (videoOnly: boolean) => void;
  /** Opens the feature's group (and lifts the video filter if it hides it), before focus moves there. */
  reveal: (feature: FeatureKey) => void;
};

const NONE: ReadonlySet<FeatureGroup> = new Set();

/** Every group open and every feature shown to start with, for each form. */
export function useChecklistView(): ChecklistView {
  const [collapsed, setCollapsed] = useState<ReadonlySet<FeatureGroup>>(NONE);
  const [videoOnly, setVideoOnly] = useState(false);

  const toggleGroup = useCallback((group: FeatureGroup) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(group)) next.add(group);
      return next;
    });
  }, []);

  const reveal = useCallback((feature: FeatureKey) => {
    const { group, videoVisible } = FEATURES[feature];
    // Synchronously, so the caller can focus the control in the same event.
    flushSync(() => {
      setCollapsed((current) => {
        if (!current.has(group)) return current;
        const next = new Set(current);
        next.delete(group);
        return next;
      });
      if (!videoVisible) setVideoOnly(false);
    });
  }, []);

  return useMemo(() => ({ collapsed, videoOnly, toggleGroup, setVideoOnly, reveal }), [collapsed, videoOnly, toggleGroup, reveal]);
}
