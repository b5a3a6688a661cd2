/** Cluster queries of the PostgreSQL store: the SQLite store's filters and orders in PostgreSQL's dialect, and the as-of snapshot. */
import type { PanelDenominators } from '../../link/aggregate.js';
import { decodeSignature, type TextSignature } from '../../link/minhash.js';
import { asOfView, type AsOfDocument, type AsOfSnapshot } from '../as-of-view.js';
import { asOfBound, codingRecords, escapeLike, toCluster, withText, type ClusterRow, type CurrentCodingRow, type EarlierCodingRow } from '../rows.js';
import type { ClusterMention, ClusterQuery, CodingRecord, EventCluster } from '../store.js';
import { searchToTsquery } from './full-text.js';
import { Params, type Queryable } from './sql.js';

export const CLUSTER_SELECT = `SELECT c.*, c.representative_document AS rep_document, c.representative_event AS rep_event, c.representative_evidence AS rep_evidence FROM clusters c`;

/** The WHERE clause of a cluster query (without its limit), its parameters numbered from `p`. */
export function clusterWhere(q: ClusterQuery, p: Params): string {
  const where: string[] = [];
  if (q.ids) where.push(q.ids.length === 0 ? 'FALSE' : `c.cluster_id = ANY(${p.add([...q.ids])}::text[])`);
  if (q.from) where.push(`c.event_date >= ${p.add(q.from)}`);
  if (q.to) where.push(`c.event_date <= ${p.add(`${q.to}\uffff`)}`);
  if (q.country) {
    const country = p.add(q.country.toUpperCase());
    where.push(`(c.source_country = ${country} OR c.target_country = ${country} OR c.place_country = ${country})`);
  }
  if (q.actorCountry) {
    const country = p.add(q.actorCountry.toUpperCase());
    where.push(`(c.source_country = ${country} OR c.target_country = ${country})`);
  }
  if (q.actor) {
    const actor = p.add(`%${escapeLike(q.actor)}%`);
    where.push(`(c.source_code ILIKE ${actor} OR c.target_code ILIKE ${actor} OR c.source_name ILIKE ${actor} OR c.target_name ILIKE ${actor})`);
  }
  if (q.cameo) where.push(`c.cameo_code ILIKE ${p.add(`${escapeLike(q.cameo)}%`)}`);
  if (q.quadClass) where.push(`c.quad_class = ${p.add(q.quadClass)}`);
  if (q.plover) where.push(`upper(c.plover_type) = ${p.add(q.plover.toUpperCase())}`);
  if (q.context) where.push(`(',' || c.plover_contexts || ',') ILIKE ${p.add(`%,${escapeLike(q.context.toLowerCase())},%`)}`);
  if (q.place) {
    if (/^[A-Za-z]{3}$/.test(q.place)) where.push(`c.place_country = ${p.add(q.place.toUpperCase())}`);
    else where.push(`c.place_name ILIKE ${p.add(`%${escapeLike(q.place)}%`)}`);
  }
  if (q.search) {
    const tsquery = searchToTsquery(q.search);
    where.push(tsquery === null ? 'FALSE' : `c.key IN (SELECT m2.cluster_key FROM mentions m2 WHERE m2.evidence_words @@ ${p.add(tsquery)}::tsquery)`);
  }
  if (q.minMentions) where.push(`c.num_mentions >= ${p.add(q.minMentions)}`);
  if (q.after) {
    // Keyset paging in the listing order (event date, then id).
    where.push(`(c.event_date, c.cluster_id) > (${p.add(q.after.date)}, ${p.add(q.after.id)})`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** Clusters matching the query in listing order; only those with these keys (`among`), or up to a position (`upTo`). */
export async function queryClusters(db: Queryable, q: ClusterQuery = {}, restrict: { among?: readonly number[]; upTo?: { date: string; id: string } } = {}): Promise<EventCluster[]> {
  const p = new Params();
  let where = clusterWhere(q, p);
  const also: string[] = [];
  if (restrict.among) also.push(`c.key = ANY(${p.add(restrict.among)}::bigint[])`);
  if (restrict.upTo) also.push(`(c.event_date, c.cluster_id) <= (${p.add(restrict.upTo.date)}, ${p.add(restrict.upTo.id)})`);
  if (also.length) where = `${where ? `${where} AND` : 'WHERE'} ${also.join(' AND ')}`;
  const limit = q.limit && q.limit > 0 ? `LIMIT ${Math.floor(q.limit)}` : '';
  const { rows } = await db.query<ClusterRow>(`${CLUSTER_SELECT} ${where} ORDER BY c.event_date, c.cluster_id ${limit}`, p.values);
  return rows.map(toCluster);
}

/** How many clusters match the query (its limit and cursor ignored). */
export async function countClusters(db: Queryable, q: ClusterQuery = {}): Promise<number> {
  const { after, limit, ...filters } = q;
  void after;
  void limit;
  const p = new Params();
  const { rows } = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM clusters c ${clusterWhere(filters, p)}`, p.values);
  return rows[0].n;
}

export async function clusterById(db: Queryable, id: string): Promise<EventCluster | null> {
  const { rows } = await db.query<ClusterRow>(`${CLUSTER_SELECT} WHERE c.cluster_id = $1`, [id]);
  return rows.length ? toCluster(rows[0]) : null;
}

export async function clusterMentions(db: Queryable, id: string): Promise<ClusterMention[]> {
  const { rows } = await db.query<ClusterMention & { isRep?: boolean }>(
    `SELECT c.cluster_id AS "clusterId", m.mention_id AS "mentionId", d.id AS "documentId", e.event_id AS "eventId", e.sentence, m.evidence, d.published,
        d.source AS outlet, s.outlet AS "countedOutlet", s.story, s.copy_of AS "copyOf", e.cameo_code AS cameo, e.source_code AS "sourceCode", e.target_code AS "targetCode",
        e.event_date AS date, e.date_precision AS "datePrecision", e.date_basis AS "dateBasis", e.place_name AS "placeName", m.partner, m.score, m.reason,
        k.fingerprint AS coder, e.rule, d.stored_at AS "storedAt", (m.event_key = c.representative AND m.event_month = c.representative_month) AS "isRep"
      FROM clusters c JOIN mentions m ON m.cluster_key = c.key JOIN events e ON e.key = m.event_key AND e.event_month = m.event_month JOIN documents d ON d.key = m.document_key
      LEFT JOIN syndication s ON s.document_key = m.document_key LEFT JOIN coders k ON k.key = d.coder_key
      WHERE c.cluster_id = $1 ORDER BY "isRep" DESC, d.published NULLS FIRST, m.mention_id`,
    [id],
  );
  return rows.map(({ isRep, ...r }) => {
    void isRep;
    return r;
  });
}

export async function panelDenominators(db: Queryable): Promise<PanelDenominators> {
  const byCountry = new Map<string, { articles: number; sources: number }>();
  const { rows: countries } = await db.query<{ country: string; month: string; articles: number; sources: number }>(
    `SELECT dc.country, substr(d.published, 1, 7) AS month, COUNT(DISTINCT d.key) AS articles, COUNT(DISTINCT s.outlet) AS sources
      FROM document_countries dc JOIN documents d ON d.key = dc.document_key LEFT JOIN syndication s ON s.document_key = d.key
      WHERE d.published IS NOT NULL GROUP BY dc.country, month`,
  );
  for (const r of countries) byCountry.set(`${r.country}|${r.month}`, { articles: r.articles, sources: r.sources });
  const all = new Map<string, { articles: number; sources: number }>();
  const { rows: months } = await db.query<{ month: string; articles: number; sources: number }>(
    `SELECT substr(d.published, 1, 7) AS month, COUNT(DISTINCT d.key) AS articles, COUNT(DISTINCT s.outlet) AS sources
      FROM documents d LEFT JOIN syndication s ON s.document_key = d.key WHERE d.published IS NOT NULL GROUP BY month`,
  );
  for (const r of months) all.set(r.month, { articles: r.articles, sources: r.sources });
  return { byCountry, all };
}

export async function codingsOf(db: Queryable, documentId: string): Promise<CodingRecord[]> {
  const { rows: docs } = await db.query<CurrentCodingRow & { key: number }>(
    'SELECT d.key, d.id, d.text, d.coded_json, d.coder_version, d.coded_at, d.stored_at, k.fingerprint, k.descriptor FROM documents d LEFT JOIN coders k ON k.key = d.coder_key WHERE d.id = $1 ORDER BY d.key LIMIT 1',
    [documentId],
  );
  const doc = docs[0];
  if (!doc) return [];
  const { rows: earlier } = await db.query<EarlierCodingRow>(
    'SELECT c.coded_json, c.coder_version, c.coded_at, c.superseded_at, k.fingerprint, k.descriptor FROM codings c LEFT JOIN coders k ON k.key = c.coder_key WHERE c.document_key = $1 ORDER BY c.key',
    [doc.key],
  );
  return codingRecords(doc, earlier);
}

/** What the as-of view reads: the documents stored by then in the coding they had then, their signatures, the coders. */
async function asOfSnapshot(db: Queryable, asOf: string): Promise<AsOfSnapshot> {
  const bound = asOfBound(asOf);
  const { rows } = await db.query<{ key: number; id: string; published: string | null; source: string | null; url: string | null; text: string; coded_json: string; coded_at: string; stored_at: string; content_hash: string; coder_key: number | null; old_json: string | null; old_coder: number | null; has_old: boolean }>(
    `SELECT d.key, d.id, d.published, d.source, d.url, d.text, d.coded_json, COALESCE(d.coded_at, d.stored_at) AS coded_at, d.stored_at, d.content_hash, d.coder_key,
        o.coded_json AS old_json, o.coder_key AS old_coder, o.coded_json IS NOT NULL AS has_old
      FROM documents d
      LEFT JOIN LATERAL (SELECT c.coded_json, c.coder_key FROM codings c WHERE COALESCE(d.coded_at, d.stored_at) > $1 AND c.document_key = d.key AND c.coded_at <= $1 AND c.superseded_at > $1 ORDER BY c.key DESC LIMIT 1) o ON TRUE
      WHERE d.stored_at <= $1 ORDER BY d.key`,
    [bound],
  );
  const documents: AsOfDocument[] = [];
  for (const d of rows) {
    let json = d.coded_json;
    let coderKey = d.coder_key;
    if (d.coded_at > bound) {
      if (!d.has_old) continue;
      json = d.old_json as string;
      coderKey = d.old_coder;
    }
    documents.push({ key: d.key, id: d.id, published: d.published, source: d.source, url: d.url, storedAt: d.stored_at, contentHash: d.content_hash, coded: withText(d.text, json), coderKey });
  }
  const signatures = new Map<number, TextSignature>();
  const { rows: sigs } = await db.query<{ k: number; shingles: number; minhash: Buffer }>('SELECT document_key AS k, shingles, minhash FROM syndication WHERE document_key = ANY($1::bigint[])', [documents.map((d) => d.key)]);
  for (const r of sigs) signatures.set(r.k, decodeSignature(r.shingles, r.minhash));
  const { rows: coders } = await db.query<{ key: number; fingerprint: string }>('SELECT key, fingerprint FROM coders');
  return { documents, signatures, fingerprints: new Map(coders.map((r) => [r.key, r.fingerprint] as const)) };
}

export async function clustersAsOf(db: Queryable, asOf: string, query: ClusterQuery = {}): Promise<EventCluster[]> {
  return asOfView(await asOfSnapshot(db, asOf), query, false).clusters;
}

export async function clusterMentionsAsOf(db: Queryable, asOf: string, query: ClusterQuery = {}): Promise<ClusterMention[]> {
  const view = asOfView(await asOfSnapshot(db, asOf), query, true);
  return view.clusters.flatMap((c) => view.mentions.get(c.id) ?? []);
}
