/** The filters every view shares: full-text search, dates, actor, country, CAMEO, QuadClass, place, minimum mentions. */
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { FILTER_NAMES, type Filters } from '../api';
import { QUAD_NAMES } from '../colors';

interface Props {
  filters: Filters;
  onChange: (filters: Filters) => void;
}

const FIELDS: Array<{ name: keyof Filters; label: string; placeholder: string; width?: string }> = [
  { name: 'search', label: 'Search', placeholder: 'e.g. Blinken AND border', width: '14rem' },
  { name: 'from', label: 'From', placeholder: 'YYYY-MM-DD' },
  { name: 'to', label: 'To', placeholder: 'YYYY-MM-DD' },
  { name: 'actor', label: 'Actor', placeholder: 'code or name' },
  { name: 'country', label: 'Country', placeholder: 'ISO3', width: '4.5rem' },
  { name: 'cameo', label: 'CAMEO', placeholder: '04', width: '4.5rem' },
  { name: 'place', label: 'Place', placeholder: 'name or ISO3' },
  { name: 'minMentions', label: 'Min. mentions', placeholder: '1', width: '4.5rem' },
];

export function FilterBar({ filters, onChange }: Props): JSX.Element {
  const [draft, setDraft] = useState<Filters>(filters);
  useEffect(() => setDraft(filters), [filters]);
  const set = (name: keyof Filters, value: string): void => setDraft({ ...draft, [name]: value });
  const apply = (e: Event): void => {
    e.preventDefault();
    const next: Filters = {};
    for (const name of FILTER_NAMES) if (draft[name]?.trim()) next[name] = draft[name]?.trim();
    onChange(next);
  };
  const active = FILTER_NAMES.filter((n) => filters[n]);
  return (
    <form class="filter-bar" onSubmit={apply} aria-label="Filters">
      {FIELDS.map((f) => (
        <label key={f.name}>
          <span>{f.label}</span>
          <input name={f.name} value={draft[f.name] ?? ''} placeholder={f.placeholder} style={f.width ? { width: f.width } : undefined} onInput={(e) => set(f.name, e.currentTarget.value)} />
        </label>
      ))}
      <label>
        <span>QuadClass</span>
        <select name="quadClass" value={draft.quadClass ?? ''} onChange={(e) => set('quadClass', e.currentTarget.value)}>
          <option value="">any</option>
          {Object.entries(QUAD_NAMES).map(([q, name]) => (
            <option key={q} value={q}>
              {q} {name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Apply</button>
      <button type="button" class="secondary" disabled={active.length === 0} onClick={() => onChange({})}>
        Clear
      </button>
      {active.length > 0 && (
        <span class="active-filters" data-testid="active-filters">
          {active.map((n) => `${n}=${filters[n] ?? ''}`).join(' · ')}
        </span>
      )}
    </form>
  );
}
