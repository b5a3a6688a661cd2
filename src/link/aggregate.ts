/**
 * Aggregates over event clusters — counts per period and group, Goldstein sums and means, top actors,
 * country-month panels — and the cluster filters as plain functions, so every store (SQLite now,
 * PostgreSQL later) and the as-of query compute them the same way.
 */
import type { ActorCount, AggregateRow, ClusterQuery, EventCluster, Grouping, PanelRow, Period } from '../store/store.js';

const PRECISION_RANK: Record<string, number> = { day: 0, month: 1, year: 2 };
const PERIOD_NEEDS: Record<Period, number> = { day: 0, week: 0, month: 1, year: 2 };

/** ISO 8601 week of a day, e.g. 2024-W02. */
export function isoWeek(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3);
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period an event date falls in, or null when its precision is coarser than the period. */
export function periodOf(date: string, precision: string, by: Period): string | null {
  if ((PRECISION_RANK[precision] ?? 2) > PERIOD_NEEDS[by]) return null;
  if (by === 'day') return date.slice(0, 10);
  if (by === 'week') return isoWeek(date);
  if (by === 'month') return date.slice(0, 7);
  return date.slice(0, 4);
}

export function dyadOf(c: EventCluster): string {
  const a = c.source?.code ?? '-';
  const b = c.target?.code ?? '-';
  return `${a}-${b}`;
}

function groupOf(c: EventCluster, group: Grouping): string {
  switch (group) {
    case 'dyad':
      return dyadOf(c);
    case 'quadclass':
      return String(c.cameo.quadClass);
    case 'root':
      return c.cameo.root;
    case 'plover':
      return c.plover.type || '-';
    default:
      return '';
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function aggregateClusters(clusters: readonly EventCluster[], by: Period, group: Grouping = 'none'): { rows: AggregateRow[]; coarser: number } {
  const cells = new Map<string, AggregateRow>();
  let coarser = 0;
  for (const c of clusters) {
    const period = periodOf(c.date.value, c.date.precision, by);
    if (period === null) {
      coarser++;
      continue;
    }
    const g = groupOf(c, group);
    const key = `${period}\u0000${g}`;
    const row = cells.get(key) ?? { period, group: g, events: 0, mentions: 0, articles: 0, goldsteinSum: 0, goldsteinMean: 0 };
    row.events++;
    row.mentions += c.numMentions;
    row.articles += c.numArticles;
    row.goldsteinSum += c.cameo.goldstein;
    cells.set(key, row);
  }
  const rows = [...cells.values()]
    .map((r) => ({ ...r, goldsteinSum: round(r.goldsteinSum), goldsteinMean: round(r.goldsteinSum / r.events) }))
    .sort((a, b) => a.period.localeCompare(b.period) || b.events - a.events || a.group.localeCompare(b.group));
  return { rows, coarser };
}

export function topActorsOf(clusters: readonly EventCluster[], limit?: number): ActorCount[] {
  const byActor = new Map<string, ActorCount>();
  const add = (code: string, name: string | undefined, role: 'asSource' | 'asTarget', c: EventCluster): void => {
    const row = byActor.get(code) ?? { actor: code, name: null, country: /^[A-Z]{3}/.test(code) && !code.startsWith('---') ? code.slice(0, 3) : null, events: 0, asSource: 0, asTarget: 0, mentions: 0, goldsteinSum: 0, goldsteinMean: 0 };
    if (row.name === null && name) row.name = name;
    row.events++;
    row[role]++;
    row.mentions += c.numMentions;
    row.goldsteinSum += c.cameo.goldstein;
    byActor.set(code, row);
  };
  for (const c of clusters) {
    if (c.source) add(c.source.code, c.source.name, 'asSource', c);
    if (c.target && c.target.code !== c.source?.code) add(c.target.code, c.target.name, 'asTarget', c);
  }
  const rows = [...byActor.values()]
    .map((r) => ({ ...r, goldsteinSum: round(r.goldsteinSum), goldsteinMean: round(r.goldsteinSum / r.events) }))
    .sort((a, b) => b.events - a.events || b.mentions - a.mentions || a.actor.localeCompare(b.actor));
  return limit && limit > 0 ? rows.slice(0, limit) : rows;
}

/** Countries a cluster concerns: its source's, target's and place's. */
export function countriesOf(c: EventCluster): string[] {
  const out = new Set<string>();
  for (const code of [c.source?.code, c.target?.code]) if (code && /^[A-Z]{3}/.test(code) && !code.startsWith('---')) out.add(code.slice(0, 3));
  if (c.place?.country) out.add(c.place.country);
  return [...out].sort();
}

export interface PanelDenominators {
  /** `${country}|${month}` → articles and distinct outlets concerning that country that month. */
  byCountry: Map<string, { articles: number; sources: number }>;
  /** month → all articles and outlets that month. */
  all: Map<string, { articles: number; sources: number }>;
}

export function countryMonthPanelOf(clusters: readonly EventCluster[], denominators: PanelDenominators): PanelRow[] {
  const cells = new Map<string, PanelRow>();
  for (const c of clusters) {
    const month = periodOf(c.date.value, c.date.precision, 'month');
    if (month === null) continue;
    for (const country of countriesOf(c)) {
      const key = `${country}|${month}`;
      const row = cells.get(key) ?? { country, month, events: 0, mentions: 0, goldsteinSum: 0, goldsteinMean: 0, quad1: 0, quad2: 0, quad3: 0, quad4: 0, articles: 0, sources: 0, allArticles: 0, allSources: 0 };
      row.events++;
      row.mentions += c.numMentions;
      row.goldsteinSum += c.cameo.goldstein;
      const q = `quad${c.cameo.quadClass}` as 'quad1' | 'quad2' | 'quad3' | 'quad4';
      if (q in row) row[q]++;
      cells.set(key, row);
    }
  }
  return [...cells.values()]
    .map((r) => {
      const d = denominators.byCountry.get(`${r.country}|${r.month}`) ?? { articles: 0, sources: 0 };
      const all = denominators.all.get(r.month) ?? { articles: 0, sources: 0 };
      return { ...r, goldsteinSum: round(r.goldsteinSum), goldsteinMean: round(r.goldsteinSum / r.events), articles: d.articles, sources: d.sources, allArticles: all.articles, allSources: all.sources };
    })
    .sort((a, b) => a.country.localeCompare(b.country) || a.month.localeCompare(b.month));
}

/**
 * The cluster filters in memory (the as-of query uses them; the SQLite store does the same in SQL).
 * `search` here requires every word of the query (operators ignored) in one evidence sentence.
 */
export function clusterMatches(c: EventCluster, q: ClusterQuery, evidence: readonly string[] = [c.representative.evidence]): boolean {
  if (q.ids && !q.ids.includes(c.id)) return false;
  if (q.from && c.date.value < q.from) return false;
  if (q.to && c.date.value > `${q.to}\uffff`) return false;
  if (q.country && !countriesOf(c).includes(q.country.toUpperCase())) return false;
  if (q.actorCountry) {
    const cc = q.actorCountry.toUpperCase();
    if (!(c.source?.code.startsWith(cc) || c.target?.code.startsWith(cc))) return false;
  }
  if (q.actor) {
    const a = q.actor.toLowerCase();
    const fits = (x: { code: string; name?: string } | null): boolean => !!x && (x.code.toLowerCase().includes(a) || (x.name ?? '').toLowerCase().includes(a));
    if (!fits(c.source) && !fits(c.target)) return false;
  }
  if (q.cameo && !c.cameo.code.startsWith(q.cameo)) return false;
  if (q.quadClass && c.cameo.quadClass !== q.quadClass) return false;
  if (q.plover && c.plover.type.toUpperCase() !== q.plover.toUpperCase()) return false;
  if (q.context && !c.plover.contexts.includes(q.context.toLowerCase())) return false;
  if (q.place) {
    if (!c.place) return false;
    if (/^[A-Za-z]{3}$/.test(q.place) ? c.place.country !== q.place.toUpperCase() : !c.place.name.toLowerCase().includes(q.place.toLowerCase())) return false;
  }
  if (q.search) {
    const words = (q.search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !['and', 'or', 'not', 'near'].includes(w));
    if (!evidence.some((e) => words.every((w) => e.toLowerCase().includes(w)))) return false;
  }
  if (q.minMentions && c.numMentions < q.minMentions) return false;
  return true;
}
