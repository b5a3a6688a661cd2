/** The actor index (schema v7) of the SQLite store, for listing clusters by actor and date (src/store/actor-listing.ts). */
import type Database from 'better-sqlite3';
import type { ActorIndex, DateRange, IndexEntry, ListingPosition } from '../actor-listing.js';
import type { ClusterQuery, EventCluster } from '../store.js';
import { queryClusters } from './clusters.js';

export class SqliteActorIndex implements ActorIndex {
  private readonly db: Database.Database;
  /** Merge statements by number of terms (one branch per term). */
  private readonly merges = new Map<string, Database.Statement>();
  constructor(db: Database.Database) {
    this.db = db;
  }

  static available(db: Database.Database): boolean {
    return Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cluster_actors'").get());
  }

  async terms(pattern: string, max: number): Promise<number[]> {
    return (this.db.prepare("SELECT key FROM actor_terms WHERE term LIKE ? ESCAPE '\\' LIMIT ?").all(pattern, max + 1) as Array<{ key: number }>).map((r) => r.key);
  }

  async position(range: DateRange, after: ListingPosition | undefined, n: number): Promise<ListingPosition | null> {
    const conditions: string[] = [];
    if (range.from !== undefined) conditions.push('event_date >= @from');
    if (range.to !== undefined) conditions.push('event_date <= @to');
    if (after) conditions.push('(event_date, cluster_id) > (@afterDate, @afterId)');
    const row = this.db
      .prepare(`SELECT event_date AS date, cluster_id AS id FROM clusters ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY event_date, cluster_id LIMIT 1 OFFSET @skip`)
      .get({ ...range, ...(after ? { afterDate: after.date, afterId: after.id } : {}), skip: n - 1 }) as ListingPosition | undefined;
    return row ?? null;
  }

  async clustersUpTo(query: ClusterQuery, bound: ListingPosition): Promise<EventCluster[]> {
    return queryClusters(this.db, query, { upTo: bound });
  }

  async entries(terms: readonly number[], range: { from?: string; to?: string }, after: { date: string; id: string } | undefined, n: number): Promise<IndexEntry[]> {
    const conditions = ['actor_key = ?'];
    if (range.from !== undefined) conditions.push('event_date >= @from');
    if (range.to !== undefined) conditions.push('event_date <= @to');
    if (after) conditions.push('(event_date, cluster_id) > (@afterDate, @afterId)');
    const shape = `${terms.length}|${conditions.join(' AND ')}`;
    let merge = this.merges.get(shape);
    if (!merge) {
      // Each term's entries come in index order: the first n of each, merged, hold the first n of all.
      const branch = `SELECT * FROM (SELECT event_date, cluster_id, cluster_key FROM cluster_actors WHERE ${conditions.join(' AND ')} ORDER BY event_date, cluster_id LIMIT @n)`;
      merge = this.db.prepare(`SELECT event_date AS date, cluster_id AS id, cluster_key AS key FROM (${terms.map(() => branch).join(' UNION ALL ')}) ORDER BY event_date, cluster_id LIMIT @n`);
      this.merges.set(shape, merge);
    }
    const named = { n, ...range, ...(after ? { afterDate: after.date, afterId: after.id } : {}) };
    return merge.all(...terms, named) as IndexEntry[];
  }

  async keysInRange(terms: readonly number[], range: { from?: string; to?: string }, max: number): Promise<number[]> {
    const conditions = ['actor_key IN (SELECT value FROM json_each(@terms))'];
    if (range.from !== undefined) conditions.push('event_date >= @from');
    if (range.to !== undefined) conditions.push('event_date <= @to');
    const rows = this.db.prepare(`SELECT DISTINCT cluster_key AS key FROM cluster_actors WHERE ${conditions.join(' AND ')} LIMIT @max`).all({ terms: JSON.stringify(terms), max: max + 1, ...range }) as Array<{ key: number }>;
    return rows.map((r) => r.key);
  }

  async clustersAmong(keys: readonly number[], query: ClusterQuery): Promise<EventCluster[]> {
    return queryClusters(this.db, query, { among: keys });
  }
}
