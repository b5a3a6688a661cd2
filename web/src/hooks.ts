/** Loading JSON from the API in a component: the data, the error, and whether a request is under way. */
import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** GETs `path` (again whenever it or `refresh` changes); null skips loading. */
export function useJson<T>(path: string | null, refresh = 0): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: path !== null });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    getJson<T>(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: Error) => live && setState({ data: null, error: error.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, refresh]);
  return state;
}
