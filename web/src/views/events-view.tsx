/** Events: the filtered, sortable table of events (clusters of every report of one real-world event). */
import type { JSX } from 'preact';
import { queryString, type Filters } from '../api';
import { EventTable } from '../components/event-table';
import { useJson } from '../hooks';
import type { EventCluster } from '../types';

interface Props {
  filters: Filters;
  cameoName: (code: string) => string;
  refresh: number;
}

export const EVENT_LIMIT = 2000;

export function EventsView({ filters, cameoName, refresh }: Props): JSX.Element {
  const { data, error, loading } = useJson<{ count: number; events: EventCluster[] }>(`/events${queryString(filters, { limit: String(EVENT_LIMIT) })}`, refresh);
  return (
    <section class="view" aria-labelledby="events-title" aria-busy={loading ? 'true' : 'false'} data-testid="events-view">
      <h2 id="events-title">
        Events {data && <span class="count" data-testid="event-count">{data.count}{data.count === EVENT_LIMIT ? '+' : ''}</span>}
      </h2>
      <p class="hint">One row per real-world event: every article sentence that reports it, linked across articles. Open an event to see each report with the words its fields come from.</p>
      {error && <p class="error" role="alert">{error}</p>}
      {loading && !data && <p class="muted">Loading…</p>}
      {data && data.count === 0 && <p class="muted">No events match these filters.</p>}
      {data && data.count > 0 && <EventTable events={data.events} cameoName={cameoName} />}
    </section>
  );
}
