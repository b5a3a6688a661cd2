/**
 * The first page of clusters whose actor matches — what GET /events?actor=…&from=…&to=… asks — without
 * scanning every cluster of the date range when the actor is rare. Two ways, tried in turn:
 *  1. a probe: the first clusters of the range (2000) in listing order (event date, id), filtered — enough
 *     when the actor is common (USA, GOV) and the page fills there;
 *  2. the actor index (schema v7), for the rest of the range: every term (actor code or name) containing the
 *     text lists its clusters in listing order —
 *     - a few terms: their lists are merged a chunk at a time, each chunk's clusters filtered by the whole
 *       query, until the page is full;
 *     - many terms with few clusters in the range between them: those clusters are filtered and sorted;
 *     - many terms with many clusters (a text as loose as "a"): the plain query (`null`).
 * The result is exactly the plain query's: the same filters (the actor's included), the same order.
 */
import { escapeLike } from './rows.js';
import type { ClusterQuery, EventCluster } from './store.js';

export interface ListingLimits {
  /** Clusters read by the probe. */
  probeRows: number;
  /** Up to this many matching terms, their lists are merged. */
  mergedTerms: number;
  /** More matching terms than this: the plain query. */
  maxTerms: number;
  /** Many terms with at most this many clusters in the date range between them: those clusters are read and sorted. */
  fewClusters: number;
}

/** Measured at a million clusters (npm run bench:store); tests pass small ones to take every way on a small store. */
export const LISTING_LIMITS: ListingLimits = { probeRows: 2000, mergedTerms: 200, maxTerms: 2000, fewClusters: 1000 };

export interface IndexEntry {
  date: string;
  id: string;
  key: number;
}

/** A place in the listing order. */
export interface ListingPosition {
  date: string;
  id: string;
}

/** A date range: `from` <= date <= `to` (`to` already covers a prefix: 2024-01 means the whole month). */
export interface DateRange {
  from?: string;
  to?: string;
}

/** What a store gives the listing: its clusters in listing order and its actor index. */
export interface ActorIndex {
  /** Keys of terms matching the LIKE pattern (as the store's actor filter matches), at most `max` + 1. */
  terms(pattern: string, max: number): Promise<number[]>;
  /** The position of the `n`th cluster of the range after `after` in listing order, or null when there are fewer. */
  position(range: DateRange, after: ListingPosition | undefined, n: number): Promise<ListingPosition | null>;
  /** The clusters matching the query (with its limit and cursor) up to and including `bound` in listing order. */
  clustersUpTo(query: ClusterQuery, bound: ListingPosition): Promise<EventCluster[]>;
  /** The first `n` entries of these terms in listing order, after the cursor, within the range. */
  entries(terms: readonly number[], range: DateRange, after: ListingPosition | undefined, n: number): Promise<IndexEntry[]>;
  /** Keys of clusters listed under these terms within the date range, at most `max` + 1 (in no order). */
  keysInRange(terms: readonly number[], range: DateRange, max: number): Promise<number[]>;
  /** The clusters among these keys that match the query (limit aside), in listing order. */
  clustersAmong(keys: readonly number[], query: ClusterQuery): Promise<EventCluster[]>;
}

const FIRST_CHUNK = 200;
const LARGEST_CHUNK = 20_000;

type ActorPage = ClusterQuery & { actor: string; limit: number };

/** The clusters of a query with an actor and a limit, or null when the plain query is the better way. */
export async function listByActor(index: ActorIndex, query: ActorPage, limits: ListingLimits = LISTING_LIMITS): Promise<EventCluster[] | null> {
  const terms = await index.terms(`%${escapeLike(query.actor)}%`, limits.maxTerms);
  if (terms.length > limits.maxTerms) return null;
  if (terms.length === 0) return [];
  const range = { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: `${query.to}\uffff` } : {}) };
  const bound = await index.position(range, query.after, limits.probeRows);
  // Fewer clusters than the probe reads in the whole range: the plain query is as cheap.
  if (bound === null) return null;
  const head = await index.clustersUpTo(query, bound);
  if (head.length >= query.limit) return head.slice(0, query.limit);
  const rest = await fromIndex(index, terms, range, { ...query, after: bound, limit: query.limit - head.length }, limits);
  return rest === null ? null : [...head, ...rest];
}

async function fromIndex(index: ActorIndex, terms: readonly number[], range: DateRange, query: ActorPage, limits: ListingLimits): Promise<EventCluster[] | null> {
  if (terms.length > limits.mergedTerms) {
    const keys = await index.keysInRange(terms, range, limits.fewClusters);
    if (keys.length > limits.fewClusters) return null;
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
