import { useCallback, useEffect, useState } from 'preact/hooks';
import { AppApiError } from './app-api.js';

/** Where a block's data is: a 404 is its own state (the app does not know the resource), not a failure. */
export type BlockData<T> =
  | { kind: 'loading' }
  | { kind: 'ready'; data: T }
  | { kind: 'missing' }
  | { kind: 'failed'; status: number; code: string; message: string };

/** Loads once per `key` and again on `reload()`; a late answer for an older key is dropped. */
export function useBlockData<T>(
  key: string | null,
  load: () => Promise<T>,
): { state: BlockData<T>; reload: () => void } {
  const [state, setState] = useState<BlockData<T>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (key === null) {
      setState({ kind: 'missing' });
      return;
    }
    let current = true;
    load().then(
      (data) => current && setState({ kind: 'ready', data }),
      (e: unknown) => {
        if (!current) return;
        if (e instanceof AppApiError && e.status === 404) setState({ kind: 'missing' });
        else if (e instanceof AppApiError)
          setState({ kind: 'failed', status: e.status, code: e.code, message: e.message });
        else
          setState({ kind: 'failed', status: 0, code: 'network', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      current = false;
    };
    // `load` is rebuilt on every render; the key says when the data to load changes
  }, [key, round]);
  return { state, reload: useCallback(() => setRound((n) => n + 1), []) };
}
