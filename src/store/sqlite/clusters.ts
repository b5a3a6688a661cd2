/** Cluster queries of the SQLite store: filters in SQL, aggregates through src/link/aggregate.ts, the as-of view. */
import type Database from 'better-sqlite3';
import type { PanelDenominators } from '../../link/aggregate.js';
import { decodeSignature, type TextSignature } from '../../link/minhash.js';
import { asOfView, type AsOfDocument, type AsOfSnapshot } from '../as-of-view.js';
import { asOfBound, codingRecords, escapeLike, toCluster, withText, type ClusterRow, type CurrentCodingRow, type EarlierCodingRow } from '../rows.js';
import { StoreError, type ClusterMention, type ClusterQuery, type CodingRecord, type EventCluster } from '../store.js';

/** Prepared statements per database by SQL text (queries repeat per page and per cluster in exports). */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= 64) cache.delete(cache.keys().next().value as string);
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

const like = escapeLike;

const CLUSTER_SELECT = `SELECT c.*, d.id AS rep_document, e.event_id AS rep_event, m.evidence AS rep_evidence
  FROM clusters c JOIN events e ON e.key = c.representative JOIN documents d ON d.key = e.document_key JOIN mentions m ON m.event_key = c.representative`;

/** The WHERE clause and parameters of a cluster query (without its limit). */
function clusterWhere(q: ClusterQuery): { sql: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (q.from) {
    where.push('c.event_date >= @from');
    params.from = q.from;
  }
  if (q.to) {
    where.push("c.event_date <= @to || '\uffff'");
    params.to = q.to;
  }
  if (q.country) {
    where.push('(c.source_country = @country OR c.target_country = @country OR c.place_country = @country)');
    params.country = q.country.toUpperCase();
  }
  if (q.actorCountry) {
    where.push('(c.source_country = @actorCountry OR c.target_country = @actorCountry)');
    params.actorCountry = q.actorCountry.toUpperCase();
  }
  if (q.actor) {
    where.push("(c.source_code LIKE @actor ESCAPE '\\' OR c.target_code LIKE @actor ESCAPE '\\' OR c.source_name LIKE @actor ESCAPE '\\' OR c.target_name LIKE @actor ESCAPE '\\')");
    params.actor = `%${like(q.actor)}%`;
  }
  if (q.cameo) {
    where.push("c.cameo_code LIKE @cameo ESCAPE '\\'");
    params.cameo = `${like(q.cameo)}%`;
  }
  if (q.quadClass) {
    where.push('c.quad_class = @quad');
    params.quad = q.quadClass;
  }
  if (q.plover) {
    where.push('upper(c.plover_type) = @plover');
    params.plover = q.plover.toUpperCase();
  }
  if (q.context) {
    where.push("(',' || c.plover_contexts || ',') LIKE @context ESCAPE '\\'");
    params.context = `%,${like(q.context.toLowerCase())},%`;
  }
  if (q.place) {
    if (/^[A-Za-z]{3}$/.test(q.place)) {
      where.push('c.place_country = @placeCountry');
      params.placeCountry = q.place.toUpperCase();
    } else {
      where.push("c.place_name LIKE @place ESCAPE '\\'");
      params.place = `%${like(q.place)}%`;
    }
  }
  if (q.search) {
    where.push('c.key IN (SELECT m2.cluster_key FROM mention_fts f JOIN mentions m2 ON m2.event_key = f.rowid WHERE mention_fts MATCH @search)');
    params.search = q.search;
  }
  if (q.minMentions) {
    where.push('c.num_mentions >= @minMentions');
    params.minMentions = q.minMentions;
  }
  if (q.ids) {
    if (q.ids.length === 0) where.push('0');
    else {
      where.push(`c.cluster_id IN (${q.ids.map((_, i) => `@id${i}`).join(', ')})`);
      q.ids.forEach((id, i) => (params[`id${i}`] = id));
    }
  }
  if (q.after) {
    // Keyset paging in the listing order (event date, then id).
    where.push('(c.event_date > @afterDate OR (c.event_date = @afterDate AND c.cluster_id > @afterId))');
    params.afterDate = q.after.date;
    params.afterId = q.after.id;
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

function badSearch(q: ClusterQuery, error: unknown, db?: Database.Database): unknown {
  // FTS5 reports a malformed query as `fts5: syntax error …`, `unterminated string` or `no such column: …`.
  if (q.search && /fts5|MATCH|unterminated string|syntax error|no such column/i.test((error as Error).message)) return new StoreError('BAD_QUERY', `invalid full-text search "${q.search}": ${(error as Error).message}`);
  // Otherwise run the query alone against the index: an error there is the query's, not the store's.
  const problem = q.search && db ? searchProblem(db, q.search) : undefined;
  if (problem !== undefined) return new StoreError('BAD_QUERY', `invalid full-text search "${q.search}": ${problem}`);
  return error;
}

/** Clusters matching the query in listing order; only those with these keys (`among`), or up to a position (`upTo`). */
export function queryClusters(db: Database.Database, q: ClusterQuery = {}, restrict: { among?: readonly number[]; upTo?: { date: string; id: string } } = {}): EventCluster[] {
  const where = clusterWhere(q);
  const params: Record<string, string | number> = { ...where.params };
  const also: string[] = [];
  if (restrict.among) {
    also.push('c.key IN (SELECT value FROM json_each(@among))');
    params.among = JSON.stringify(restrict.among);
  }
  if (restrict.upTo) {
    also.push('(c.event_date, c.cluster_id) <= (@upToDate, @upToId)');
    params.upToDate = restrict.upTo.date;
    params.upToId = restrict.upTo.id;
  }
  const sql = also.length ? `${where.sql ? `${where.sql} AND` : 'WHERE'} ${also.join(' AND ')}` : where.sql;
  const limit = q.limit && q.limit > 0 ? `LIMIT ${Math.floor(q.limit)}` : '';
  try {
    const rows = prepared(db, `${CLUSTER_SELECT} ${sql} ORDER BY c.event_date, c.cluster_id ${limit}`).all(params) as ClusterRow[];
    return rows.map(toCluster);
  } catch (error) {
    throw badSearch(q, error, db);
  }
}

/** How many clusters match the query (its limit and cursor ignored). */
export function countClusters(db: Database.Database, q: ClusterQuery = {}): number {
  const { after, limit, ...filters } = q;
  void after;
  void limit;
  const { sql, params } = clusterWhere(filters);
  try {
    return (prepared(db, `SELECT COUNT(*) AS n FROM clusters c ${sql}`).get(params) as { n: number }).n;
  } catch (error) {
    throw badSearch(q, error, db);
  }
}

/**
 * Why an FTS5 query is malformed ("unterminated string", "no such column: a" for `a:b` …), or undefined if
 * it is not: the query alone is run against the index, so an error here is the query's, not the store's.
 */
function searchProblem(db: Database.Database, search: string): string | undefined {
  try {
    db.prepare('SELECT count(*) FROM (SELECT rowid FROM mention_fts WHERE mention_fts MATCH ? LIMIT 1)').get(search);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function clusterById(db: Database.Database, id: string): EventCluster | null {
  const row = db.prepare(`${CLUSTER_SELECT} WHERE c.cluster_id = ?`).get(id) as ClusterRow | undefined;
  return row ? toCluster(row) : null;
}

export function clusterMentions(db: Database.Database, id: string): ClusterMention[] {
  const rows = prepared(
    db,
    `SELECT c.cluster_id AS clusterId, m.mention_id AS mentionId, d.id AS documentId, e.event_id AS eventId, e.sentence, m.evidence, d.published,
        d.source AS outlet, s.outlet AS countedOutlet, s.story, s.copy_of AS copyOf, e.cameo_code AS cameo, e.source_code AS sourceCode, e.target_code AS targetCode,
        e.event_date AS date, e.date_precision AS datePrecision, e.date_basis AS dateBasis, e.place_name AS placeName, m.partner, m.score, m.reason,
        k.fingerprint AS coder, e.rule, d.stored_at AS storedAt, (m.event_key = c.representative) AS isRep
      FROM clusters c JOIN mentions m ON m.cluster_key = c.key JOIN events e ON e.key = m.event_key JOIN documents d ON d.key = m.document_key
      LEFT JOIN syndication s ON s.document_key = m.document_key LEFT JOIN coders k ON k.key = d.coder_key
      WHERE c.cluster_id = ? ORDER BY isRep DESC, d.published, m.mention_id`,
  ).all(id) as Array<ClusterMention & { isRep?: number }>;
  return rows.map(({ isRep, ...r }) => {
    void isRep;
    return r;
  });
}

export function panelDenominators(db: Database.Database): PanelDenominators {
  const byCountry = new Map<string, { articles: number; sources: number }>();
  for (const r of db
    .prepare(`SELECT dc.country, substr(d.published, 1, 7) AS month, COUNT(DISTINCT d.key) AS articles, COUNT(DISTINCT s.outlet) AS sources
      FROM document_countries dc JOIN documents d ON d.key = dc.document_key LEFT JOIN syndication s ON s.document_key = d.key
      WHERE d.published IS NOT NULL GROUP BY dc.country, month`)
    .all() as Array<{ country: string; month: string; articles: number; sources: number }>) {
    byCountry.set(`${r.country}|${r.month}`, { articles: r.articles, sources: r.sources });
  }
  const all = new Map<string, { articles: number; sources: number }>();
  for (const r of db
    .prepare(`SELECT substr(d.published, 1, 7) AS month, COUNT(DISTINCT d.key) AS articles, COUNT(DISTINCT s.outlet) AS sources
      FROM documents d LEFT JOIN syndication s ON s.document_key = d.key WHERE d.published IS NOT NULL GROUP BY month`)
    .all() as Array<{ month: string; articles: number; sources: number }>) {
    all.set(r.month, { articles: r.articles, sources: r.sources });
  }
  return { byCountry, all };
}

export function codingsOf(db: Database.Database, documentId: string): CodingRecord[] {
  const doc = db.prepare('SELECT d.key, d.id, d.text, d.coded_json, d.coder_version, d.coded_at, d.stored_at, k.fingerprint, k.descriptor FROM documents d LEFT JOIN coders k ON k.key = d.coder_key WHERE d.id = ? ORDER BY d.key LIMIT 1').get(documentId) as
    | (CurrentCodingRow & { key: number })
    | undefined;
  if (!doc) return [];
  const earlier = db
    .prepare('SELECT c.coded_json, c.coder_version, c.coded_at, c.superseded_at, k.fingerprint, k.descriptor FROM codings c LEFT JOIN coders k ON k.key = c.coder_key WHERE c.document_key = ? ORDER BY c.key')
    .all(doc.key) as EarlierCodingRow[];
  return codingRecords(doc, earlier);
}

/**
 * The clusters as they stood at `asOf`: the documents stored by then, each in the coding it had then,
 * linked by the current linker (clustering is a function of the set of mentions, so this is what
 * incremental linking had built), with counts and syndication groups among those documents only.
 */
export function clustersAsOf(db: Database.Database, asOf: string, query: ClusterQuery = {}): EventCluster[] {
  return asOfView(asOfSnapshot(db, asOf), query, false).clusters;
}

/** The mentions of the clusters `clustersAsOf` gives for the same arguments, as they stood: by cluster, representative first. */
export function clusterMentionsAsOf(db: Database.Database, asOf: string, query: ClusterQuery = {}): ClusterMention[] {
  const view = asOfView(asOfSnapshot(db, asOf), query, true);
  return view.clusters.flatMap((c) => view.mentions.get(c.id) ?? []);
}

function asOfSnapshot(db: Database.Database, asOf: string): AsOfSnapshot {
  const bound = asOfBound(asOf);
  const rows = db
    .prepare('SELECT d.key, d.id, d.published, d.source, d.url, d.text, d.coded_json, COALESCE(d.coded_at, d.stored_at) AS codedAt, d.stored_at, d.content_hash, d.coder_key FROM documents d WHERE d.stored_at <= ? ORDER BY d.key')
    .all(bound) as Array<{ key: number; id: string; published: string | null; source: string | null; url: string | null; text: string; coded_json: string; codedAt: string; stored_at: string; content_hash: string; coder_key: number | null }>;
  const earlier = db.prepare('SELECT coded_json, coder_key FROM codings WHERE document_key = ? AND coded_at <= ? AND superseded_at > ? ORDER BY key DESC LIMIT 1');
  const documents: AsOfDocument[] = [];
  for (const d of rows) {
    let json = d.coded_json;
    let coderKey = d.coder_key;
    if (d.codedAt > bound) {
      const old = earlier.get(d.key, bound, bound) as { coded_json: string; coder_key: number | null } | undefined;
      if (!old) continue;
      json = old.coded_json;
      coderKey = old.coder_key;
    }
    documents.push({ key: d.key, id: d.id, published: d.published, source: d.source, url: d.url, storedAt: d.stored_at, contentHash: d.content_hash, coded: withText(d.text, json), coderKey });
  }
  const included = new Set(documents.map((d) => d.key));
  const signatures = new Map<number, TextSignature>();
  for (const r of db.prepare('SELECT document_key AS k, shingles, minhash FROM syndication').all() as Array<{ k: number; shingles: number; minhash: Buffer }>) {
    if (included.has(r.k)) signatures.set(r.k, decodeSignature(r.shingles, r.minhash));
  }
  const fingerprints = new Map((db.prepare('SELECT key, fingerprint FROM coders').all() as Array<{ key: number; fingerprint: string }>).map((r) => [r.key, r.fingerprint] as const));
  return { documents, signatures, fingerprints };
}
