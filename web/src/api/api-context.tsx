import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiClient } from './client.js';

const ApiContext = createContext<ApiClient | null>(null);

/** Makes the admin API client available to every page. */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/** The admin API client. */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}

/** The state of one GET: the last data stays while a reload runs, so nothing jumps. */
export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
  /** Replaces the data after an action answered with the new state. */
  setData(update: (current: T | undefined) => T | undefined): void;
}

/** Loads `path` from the admin API, again whenever it changes; `null` loads nothing. */
export function useResource<T>(path: string | null): Resource<T> {
  const api = useApi();
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: path !== null });
  const [generation, setGeneration] = useState(0);
  const current = useRef(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    const mine = ++current.current;
    setState((s) => ({ ...s, loading: true }));
    api.get<T>(path, controller.signal).then(
      (data) => {
        if (mine === current.current) setState({ data, loading: false });
      },
      (error: Error) => {
        if (mine === current.current && error.name !== 'AbortError')
          setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [api, path, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback(
    (update: (c: T | undefined) => T | undefined) => setState((s) => ({ ...s, data: update(s.data) })),
    [],
  );
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}
