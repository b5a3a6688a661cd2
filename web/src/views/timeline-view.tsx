/**
 * Timeline: events per day, week or month for the current filter, stacked by QuadClass or CAMEO root.
 * Brushing a period sets the from/to filter of every view (the timeline itself keeps showing the whole range).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { brushX, type D3BrushEvent } from 'd3-brush';
import { scaleBand, scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { queryString, type Filters } from '../api';
import { groupColor, QUAD_NAMES } from '../colors';
import { useJson } from '../hooks';
import { periodDays, periodsBetween, type Interval } from '../periods';
import type { SeriesRow } from '../types';

interface Props {
  filters: Filters;
  onFilters: (filters: Filters) => void;
  cameoName: (code: string) => string;
  refresh: number;
}

const WIDTH = 960;
const HEIGHT = 320;
const M = { top: 16, right: 64, bottom: 64, left: 44 };

export function TimelineView({ filters, onFilters, cameoName, refresh }: Props): JSX.Element {
  const [interval, setPer] = useState<Interval>('day');
  const [split, setSplit] = useState<'quadclass' | 'root'>('quadclass');
  const rest: Filters = { ...filters, from: undefined, to: undefined };
  const answer = useJson<{ interval: Interval; group: string; series: SeriesRow[]; coarser: number }>(`/stats/series${queryString(rest, { interval, group: split })}`, refresh);
  const { error } = answer;
  // Draw only an answer for the interval and split asked for (not the previous one while the next loads).
  const data = answer.data && answer.data.interval === interval && answer.data.group === split ? answer.data : null;
  const brushRef = useRef<SVGGElement>(null);

  const rows = data?.series ?? [];
  const periods = rows.length ? periodsBetween(rows[0].period, rows[rows.length - 1].period, interval) : [];
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.period, (totals.get(r.period) ?? 0) + r.events);
  const x = scaleBand<string>().domain(periods).range([M.left, WIDTH - M.right]).paddingInner(0.15);
  const y = scaleLinear().domain([0, Math.max(1, ...totals.values())]).nice(5).range([HEIGHT - M.bottom, M.top]);
  const labelEvery = Math.max(1, Math.ceil(periods.length / 16));

  useEffect(() => {
    const g = brushRef.current;
    if (!g || periods.length === 0) return;
    const brush = brushX<unknown>()
      .extent([
        [M.left, M.top],
        [WIDTH - M.right, HEIGHT - M.bottom],
      ])
      .on('end', (event: D3BrushEvent<unknown>) => {
        if (!event.sourceEvent) return; // moved by code, not by the user
        if (!event.selection) {
          onFilters({ ...filters, from: undefined, to: undefined });
          return;
        }
        const [x0, x1] = event.selection as [number, number];
        const inside = periods.filter((p) => {
          const left = x(p) ?? 0;
          return left + x.bandwidth() >= x0 && left <= x1;
        });
        if (inside.length === 0) return;
        onFilters({ ...filters, from: periodDays(inside[0], interval).from, to: periodDays(inside[inside.length - 1], interval).to });
      });
    const sel = select(g);
    sel.call(brush);
    // Show the current from/to as the brushed range.
    if (filters.from || filters.to) {
      const chosen = periods.filter((p) => {
        const days = periodDays(p, interval);
        return (!filters.from || days.to >= filters.from) && (!filters.to || days.from <= filters.to);
      });
      if (chosen.length > 0) brush.move(sel, [x(chosen[0]) ?? M.left, (x(chosen[chosen.length - 1]) ?? M.left) + x.bandwidth()]);
    }
    return () => {
      sel.on('.brush', null);
      sel.selectAll('*').remove();
    };
  }, [data, filters.from, filters.to, interval]);

  return (
    <section class="view" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <div class="controls">
        <label>
          Per{' '}
          <select name="interval" value={interval} onChange={(e) => setPer(e.currentTarget.value as Interval)}>
            <option value="day">day</option>
            <option value="week">week</option>
            <option value="month">month</option>
          </select>
        </label>
        <label>
          Split by{' '}
          <select name="split" value={split} onChange={(e) => setSplit(e.currentTarget.value as 'quadclass' | 'root')}>
            <option value="quadclass">QuadClass</option>
            <option value="root">CAMEO root</option>
          </select>
        </label>
        {(filters.from || filters.to) && (
          <button type="button" class="secondary" onClick={() => onFilters({ ...filters, from: undefined, to: undefined })}>
            Clear period {filters.from ?? '…'} – {filters.to ?? '…'}
          </button>
        )}
        <span class="hint">Drag across the bars to filter every view to that period.</span>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {data && rows.length === 0 && <p class="muted">No dated events match these filters.</p>}
      {periods.length > 0 && (
        <svg class="chart timeline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Events per ${interval}`} data-testid="timeline-chart">
          {y.ticks(5).map((t) => (
            <g key={t}>
              <line class="grid" x1={M.left} x2={WIDTH - M.right} y1={y(t)} y2={y(t)} />
              <text class="axis" x={M.left - 6} y={y(t) + 4} text-anchor="end">
                {t}
              </text>
            </g>
          ))}
          {periods.map((p) => {
            let base = 0;
            return (
              <g key={p} data-period={p}>
                {groups.map((g) => {
                  const r = rows.find((row) => row.period === p && row.group === g);
                  if (!r) return null;
                  const y0 = y(base);
                  base += r.events;
                  return (
                    <rect key={g} class="bar" x={x(p)} width={x.bandwidth()} y={y(base)} height={Math.max(0, y0 - y(base))} fill={groupColor(split, g)}>
                      <title>
                        {p} · {split === 'quadclass' ? `${g} ${QUAD_NAMES[g] ?? ''}` : `${g} ${cameoName(g)}`}: {r.events} events, {r.articles} articles
                      </title>
                    </rect>
                  );
                })}
              </g>
            );
          })}
          {periods.map((p, i) =>
            i % labelEvery === 0 ? (
              <text key={p} class="axis" transform={`translate(${(x(p) ?? 0) + x.bandwidth() / 2},${HEIGHT - M.bottom + 10}) rotate(40)`} text-anchor="start">
                {p}
              </text>
            ) : null,
          )}
          <g ref={brushRef} class="brush" />
        </svg>
      )}
      {data && (
        <p class="muted">
          {groups.map((g) => (
            <span key={g} class="legend-item">
              <span class="swatch" style={{ background: groupColor(split, g) }} />
              {split === 'quadclass' ? `${g} ${QUAD_NAMES[g] ?? ''}` : `${g} ${cameoName(g)}`}
            </span>
          ))}
          {data.coarser > 0 && ` · ${data.coarser} events dated only to a coarser ${interval === 'month' ? 'year' : 'month or year'} are not in this chart`}
        </p>
      )}
    </section>
  );
}
