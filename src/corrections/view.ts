/**
 * The corrected view of a store: the same Store interface, with every event cluster read through the
 * corrections in force (apply.ts). Filters match the corrected values (an event corrected from 040 to 043
 * is found by `cameo=043`, not by `cameo=040`); full-text search matches the evidence, which corrections
 * do not change. Aggregates (series, top actors) leave out events marked wrong. The as-of views, the
 * country-month panel and everything else pass through unchanged: they show the coding as it stood.
 *
 * Corrections are few (made by hand), so the corrected clusters are read one by one and filtered in
 * memory, and the store's own query does the rest.
 */
import { aggregateClusters, clusterMatches, topActorsOf } from '../link/aggregate.js';
import type { ActorCount, AggregateQuery, AggregateRow, ClusterQuery, Correction, EventCluster, Store } from '../store/store.js';
import { applyCorrection, correctionsInForce, isMarkedWrong } from './apply.js';

const byListing = (a: EventCluster, b: EventCluster): number => a.date.value.localeCompare(b.date.value) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

class CorrectedView {
  constructor(private readonly store: Store) {}

  async inForce(): Promise<Map<string, Correction>> {
    return correctionsInForce(await this.store.corrections());
  }

  /** The corrected clusters that match the query (its limit ignored; `after` honoured). */
  private async correctedMatching(active: Map<string, Correction>, q: ClusterQuery): Promise<EventCluster[]> {
    const { limit, after, search, ...fields } = q;
    void limit;
    const out: EventCluster[] = [];
    for (const [id, correction] of active) {
      if (q.ids && !q.ids.includes(id)) continue;
      const coded = await this.store.cluster(id);
      if (!coded) continue;
      const c = applyCorrection(coded, correction);
      if (!clusterMatches(c, fields)) continue;
      if (after && !(c.date.value > after.date || (c.date.value === after.date && c.id > after.id))) continue;
      // Corrections leave the evidence alone: the store's own full-text search decides.
      if (search && (await this.store.clusters({ search, ids: [id], limit: 1 })).length === 0) continue;
      out.push(c);
    }
    return out;
  }

  async clusters(q: ClusterQuery = {}): Promise<EventCluster[]> {
    const active = await this.inForce();
    if (active.size === 0) return this.store.clusters(q);
    const { limit, ...rest } = q;
    const capped = limit && limit > 0 ? limit : undefined;
    const base = (await this.store.clusters({ ...rest, ...(capped ? { limit: capped + active.size } : {}) })).filter((c) => !active.has(c.id));
    const merged = [...base, ...(await this.correctedMatching(active, rest))].sort(byListing);
    return capped ? merged.slice(0, capped) : merged;
  }

  async countClusters(q: ClusterQuery = {}): Promise<number> {
    const active = await this.inForce();
    if (active.size === 0) return this.store.countClusters(q);
    const { limit, after, ...filters } = q;
    void limit;
    void after;
    const codedMatches = await this.store.clusters({ ...filters, ids: [...active.keys()].filter((id) => !filters.ids || filters.ids.includes(id)) });
    return (await this.store.countClusters(filters)) - codedMatches.length + (await this.correctedMatching(active, filters)).length;
  }

  async cluster(id: string): Promise<EventCluster | null> {
    const c = await this.store.cluster(id);
    const correction = c ? (await this.inForce()).get(id) : undefined;
    return c && correction ? applyCorrection(c, correction) : c;
  }

  async aggregate(query: AggregateQuery): Promise<{ rows: AggregateRow[]; coarser: number }> {
    const { by, group, limit, ...filters } = query;
    void limit;
    return aggregateClusters((await this.clusters(filters)).filter((c) => !isMarkedWrong(c)), by, group ?? 'none');
  }

  async topActors(query: ClusterQuery = {}): Promise<ActorCount[]> {
    const { limit, ...filters } = query;
    return topActorsOf((await this.clusters(filters)).filter((c) => !isMarkedWrong(c)), limit);
  }
}

/** `store` read through the corrections in force; writes and everything else go to `store` itself. */
export function withCorrections(store: Store): Store {
  const view = new CorrectedView(store);
  const overrides: Partial<Store> = {
    clusters: (q) => view.clusters(q),
    countClusters: (q) => view.countClusters(q),
    cluster: (id) => view.cluster(id),
    aggregate: (q) => view.aggregate(q),
    topActors: (q) => view.topActors(q),
  };
  return new Proxy(store, {
    get(target, name) {
      if (typeof name === 'string' && name in overrides) return overrides[name as keyof Store];
      const value = Reflect.get(target, name, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
