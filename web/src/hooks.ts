/** Loading JSON from the API in a component: the data, the error, and whether a request is under way. */
import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  /** True from the render that asks for a new path (or refresh) until its answer is in. */
  loading: boolean;
}

/** GETs `path` (again whenever it or `refresh` changes); null skips loading. `data` is the last answer while the next loads. */
export function useJson<T>(path: string | null, refresh = 0): Loaded<T> {
  const want = path === null ? null : `${refresh}\u0000${path}`;
  const [state, setState] = useState<{ data: T | null; error: string | null; answered: string | null }>({ data: null, error: null, answered: null });
  useEffect(() => {
    if (path === null || want === null) return;
    let live = true;
    getJson<T>(path).then(
      (data) => live && setState({ data, error: null, answered: want }),
      (error: Error) => live && setState({ data: null, error: error.message, answered: want }),
    );
    return () => {
      live = false;
    };
  }, [want]);
  return { data: state.data, error: state.error, loading: want !== null && state.answered !== want };
}
