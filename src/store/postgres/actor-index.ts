/** The actor index (schema v7) of the PostgreSQL store, for listing clusters by actor and date (src/store/actor-listing.ts). */
import type { ActorIndex, DateRange, IndexEntry, ListingPosition } from '../actor-listing.js';
import type { ClusterQuery, EventCluster } from '../store.js';
import { queryClusters } from './clusters.js';
import { Params, type Queryable } from './sql.js';

export class PgActorIndex implements ActorIndex {
  private readonly db: Queryable;
  constructor(db: Queryable) {
    this.db = db;
  }

  async terms(pattern: string, max: number): Promise<number[]> {
    return (await this.db.query<{ key: number }>('SELECT key FROM actor_terms WHERE term ILIKE $1 LIMIT $2', [pattern, max + 1])).rows.map((r) => r.key);
  }

  async position(range: DateRange, after: ListingPosition | undefined, n: number): Promise<ListingPosition | null> {
    const p = new Params();
    const conditions: string[] = [];
    if (range.from !== undefined) conditions.push(`event_date >= ${p.add(range.from)}`);
    if (range.to !== undefined) conditions.push(`event_date <= ${p.add(range.to)}`);
    if (after) conditions.push(`(event_date, cluster_id) > (${p.add(after.date)}, ${p.add(after.id)})`);
    const { rows } = await this.db.query<ListingPosition>(
      `SELECT event_date AS date, cluster_id AS id FROM clusters ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY event_date, cluster_id LIMIT 1 OFFSET ${p.add(n - 1)}`,
      p.values,
    );
    return rows[0] ?? null;
  }

  async clustersUpTo(query: ClusterQuery, bound: ListingPosition): Promise<EventCluster[]> {
    return queryClusters(this.db, query, { upTo: bound });
  }

  async entries(terms: readonly number[], range: { from?: string; to?: string }, after: { date: string; id: string } | undefined, n: number): Promise<IndexEntry[]> {
    const p = new Params();
    const conditions = ['a.actor_key = t.key'];
    if (range.from !== undefined) conditions.push(`a.event_date >= ${p.add(range.from)}`);
    if (range.to !== undefined) conditions.push(`a.event_date <= ${p.add(range.to)}`);
    if (after) conditions.push(`(a.event_date, a.cluster_id) > (${p.add(after.date)}, ${p.add(after.id)})`);
    const limit = p.add(n);
    // Each term's entries come in index order: the first n of each, merged, hold the first n of all.
    const { rows } = await this.db.query<IndexEntry>(
      `SELECT e.event_date AS date, e.cluster_id AS id, e.cluster_key AS key FROM unnest(${p.add(terms)}::bigint[]) AS t(key)
        CROSS JOIN LATERAL (SELECT a.event_date, a.cluster_id, a.cluster_key FROM cluster_actors a WHERE ${conditions.join(' AND ')} ORDER BY a.event_date, a.cluster_id LIMIT ${limit}) e
        ORDER BY e.event_date, e.cluster_id LIMIT ${limit}`,
      p.values,
    );
    return rows;
  }

  async keysInRange(terms: readonly number[], range: { from?: string; to?: string }, max: number): Promise<number[]> {
    const p = new Params();
    const conditions = [`actor_key = ANY(${p.add(terms)}::bigint[])`];
    if (range.from !== undefined) conditions.push(`event_date >= ${p.add(range.from)}`);
    if (range.to !== undefined) conditions.push(`event_date <= ${p.add(range.to)}`);
    const { rows } = await this.db.query<{ key: number }>(`SELECT DISTINCT cluster_key AS key FROM cluster_actors WHERE ${conditions.join(' AND ')} LIMIT ${p.add(max + 1)}`, p.values);
    return rows.map((r) => r.key);
  }

  async clustersAmong(keys: readonly number[], query: ClusterQuery): Promise<EventCluster[]> {
    return queryClusters(this.db, query, { among: keys });
  }
}
