/** The events table: one row per event (cluster of reports), sortable by every column. */
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { goldsteinColor } from '../colors';
import { href } from '../route';
import type { EventCluster } from '../types';

type Column = 'date' | 'source' | 'action' | 'target' | 'place' | 'goldstein' | 'articles';

const actorText = (a: EventCluster['source']): string => (a ? (a.name ? `${a.code} (${a.name})` : a.code) : '—');

const KEYS: Record<Column, (c: EventCluster) => string | number> = {
  date: (c) => c.date.value,
  source: (c) => c.source?.code ?? '',
  action: (c) => c.cameo.code,
  target: (c) => c.target?.code ?? '',
  place: (c) => c.place?.name ?? '',
  goldstein: (c) => c.cameo.goldstein,
  articles: (c) => c.numArticles,
};

const HEADERS: Array<[Column, string]> = [
  ['date', 'Date'],
  ['source', 'Source'],
  ['action', 'Action'],
  ['target', 'Target'],
  ['place', 'Place'],
  ['goldstein', 'Goldstein'],
  ['articles', 'Articles'],
];

interface Props {
  events: EventCluster[];
  cameoName: (code: string) => string;
  caption?: string;
}

export function EventTable({ events, cameoName, caption }: Props): JSX.Element {
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: 'date', descending: false });
  const key = KEYS[sort.column];
  const rows = [...events].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (sort.descending ? -order : order) || a.id.localeCompare(b.id);
  });
  const toggle = (column: Column): void => setSort(sort.column === column ? { column, descending: !sort.descending } : { column, descending: column === 'articles' || column === 'goldstein' });
  return (
    <table class="events" data-testid="events-table">
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {HEADERS.map(([column, label]) => (
            <th key={column} aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
              <button type="button" class="sort" data-column={column} onClick={() => toggle(column)}>
                {label}
                {sort.column === column ? (sort.descending ? ' ▼' : ' ▲') : ''}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.id} class={c.correction ? `corrected corrected-${c.correction.kind}` : undefined} data-event={c.id}>
            <td class="nowrap">
              <a href={href('event', c.id)}>{c.date.value}</a>
            </td>
            <td>{actorText(c.source)}</td>
            <td>
              <span class="code">{c.cameo.code}</span> {cameoName(c.cameo.code)}
              {c.correction && (
                <span class={`badge badge-${c.correction.kind}`} title={`${c.correction.kind === 'wrong' ? 'marked wrong' : 'corrected'} by ${c.correction.author} at ${c.correction.at}`}>
                  {c.correction.kind === 'wrong' ? 'marked wrong' : 'corrected'}
                </span>
              )}
            </td>
            <td>{actorText(c.target)}</td>
            <td>{c.place ? `${c.place.name}, ${c.place.country}` : '—'}</td>
            <td class="num">
              <span class="swatch" style={{ background: goldsteinColor(c.cameo.goldstein) }} />
              {c.cameo.goldstein.toFixed(1)}
            </td>
            <td class="num">{c.numArticles}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
