import { useCallback, useEffect, useEffectEvent, useState } from 'react';

type Loaded<T> = { key: string | null; version: number; data: T | null; error: unknown };

export type Resource<T> = {
  /** The last data loaded for this key (kept while a reload runs, so lists do not flash). */
  data: T | null;
  /** The last load's error, cleared by the next success. */
  error: unknown;
  /** True while the first load or a reload for this key is under way. */
  loading: boolean;
  reload: () => void;
};

/**
 * Loads something for a key (usually the URL) and again on `reload()`. A newer load aborts the older
 * one, so a slow answer never overwrites a fresh one.
 */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ key: null, version: -1, data: null, error: null });
  const run = useEffectEvent(load);

  useEffect(() => {
    const controller = new AbortController();
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoaded({ key, version, data, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded((previous) => ({ key, version, data: previous.key === key ? previous.data : null, error }));
      },
    );
    return () => controller.abort();
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const sameKey = loaded.key === key;
  return {
    data: sameKey ? loaded.data : null,
    error: sameKey ? loaded.error : null,
    loading: !sameKey || loaded.version !== version,
    reload,
  };
}
