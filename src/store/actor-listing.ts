/**
 * The first page of clusters whose actor matches, read through the actor index (schema v7) instead of a
 * scan of every cluster in the date range — what GET /events?actor=…&from=…&to=… asks. Each matching term
 * (an actor code or name containing the text) lists its clusters in listing order (event date, id):
 *  - a few terms: their lists are merged a chunk at a time, and each chunk's clusters are filtered by the whole
 *    query, until the page is full;
 *  - many terms with few clusters in the date range between them: those clusters are filtered and sorted;
 *  - many terms with many clusters (a text as loose as "a"): the plain query, whose scan in listing order
 *    soon meets enough of them, is used instead (`null`).
 * The result is exactly the plain query's: the same filters (the actor's included), the same order.
 */
import { escapeLike } from './rows.js';
import type { ClusterQuery, EventCluster } from './store.js';

/** Up to this many matching terms, their lists are merged. */
export const MERGED_TERMS = 64;
/** More matching terms than this: the plain query. */
export const MAX_ACTOR_TERMS = 2000;
/** Many terms with at most this many clusters in the date range between them: those clusters are read and sorted. */
export const FEW_CLUSTERS = 5000;

export interface IndexEntry {
  date: string;
  id: string;
  key: number;
}

/** What a store gives the listing: its actor index and its cluster rows. */
export interface ActorIndex {
  /** Keys of terms matching the LIKE pattern (as the store's actor filter matches), at most `max` + 1. */
  terms(pattern: string, max: number): Promise<number[]>;
  /** The first `n` entries of these terms in listing order, after the cursor, with `from` <= date <= `to` (`to` already covers a prefix). */
  entries(terms: readonly number[], range: { from?: string; to?: string }, after: { date: string; id: string } | undefined, n: number): Promise<IndexEntry[]>;
  /** Keys of clusters listed under these terms within the date range, at most `max` + 1 (in no order). */
  keysInRange(terms: readonly number[], range: { from?: string; to?: string }, max: number): Promise<number[]>;
  /** The clusters among these keys that match the query (limit and cursor aside), in listing order. */
  clustersAmong(keys: readonly number[], query: ClusterQuery): Promise<EventCluster[]>;
}

const FIRST_CHUNK = 200;
const LARGEST_CHUNK = 20_000;

/** The clusters of a query with an actor and a limit, or null when the actor text matches too many terms to merge. */
export async function listByActor(index: ActorIndex, query: ClusterQuery & { actor: string; limit: number }): Promise<EventCluster[] | null> {
  const terms = await index.terms(`%${escapeLike(query.actor)}%`, MAX_ACTOR_TERMS);
  if (terms.length > MAX_ACTOR_TERMS) return null;
  if (terms.length === 0) return [];
  const range = { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: `${query.to}\uffff` } : {}) };
  if (terms.length > MERGED_TERMS) {
    const keys = await index.keysInRange(terms, range, FEW_CLUSTERS);
    if (keys.length > FEW_CLUSTERS) return null;
    const { limit, ...filters } = query;
    return (await index.clustersAmong(keys, filters)).slice(0, limit);
  }
  const { limit, after, ...filters } = query;
  const out: EventCluster[] = [];
  let cursor = after;
  let n = Math.max(FIRST_CHUNK, limit);
  for (;;) {
    const entries = await index.entries(terms, range, cursor, n);
    if (entries.length === 0) return out;
    // A cluster listed under several terms has one (date, id): its entries are neighbours.
    const keys = entries.filter((e, i) => i === 0 || e.key !== entries[i - 1].key).map((e) => e.key);
    out.push(...(await index.clustersAmong(keys, filters)));
    if (out.length >= limit) return out.slice(0, limit);
    if (entries.length < n) return out;
    const last = entries[entries.length - 1];
    cursor = { date: last.date, id: last.id };
    // Other filters may reject most of an actor's clusters: read more each round.
    n = Math.min(n * 4, LARGEST_CHUNK);
  }
}
