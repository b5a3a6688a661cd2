/** Hash routes (#/events, #/event/ID, #/document/ID …): links work without the server knowing them. */
import { useEffect, useState } from 'preact/hooks';

export type View = 'events' | 'event' | 'documents' | 'document' | 'timeline' | 'network' | 'map' | 'corrections' | 'add' | 'feeds';

export interface Route {
  view: View;
  id?: string;
}

const VIEWS: readonly View[] = ['events', 'event', 'documents', 'document', 'timeline', 'network', 'map', 'corrections', 'add', 'feeds'];

export function parseRoute(hash: string): Route {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const id = rest.length > 0 ? decodeURIComponent(rest.join('/')) : undefined;
  return VIEWS.includes(view as View) ? { view: view as View, ...(id ? { id } : {}) } : { view: 'events' };
}

export function href(view: View, id?: string): string {
  return id ? `#/${view}/${encodeURIComponent(id)}` : `#/${view}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
