/** Cluster queries of the SQLite store: filters in SQL, aggregates through src/link/aggregate.ts, the as-of view. */
import type Database from 'better-sqlite3';
import type { CodedDocument } from '../../core/contract.js';
import { clusterMatches, type PanelDenominators } from '../../link/aggregate.js';
import { clusterAll } from '../../link/linker.js';
import { mentionsOfDocument, type LinkMention } from '../../link/mention.js';
import { bandHashes, decodeSignature, isCopy, type TextSignature } from '../../link/minhash.js';
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

const like = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

interface ClusterRow {
  cluster_id: string;
  cameo_code: string;
  cameo_root: string;
  quad_class: number;
  goldstein: number;
  plover_type: string;
  plover_mode: string | null;
  plover_contexts: string;
  source_code: string | null;
  source_name: string | null;
  target_code: string | null;
  target_name: string | null;
  event_date: string;
  date_precision: string;
  place_name: string | null;
  place_country: string | null;
  lat: number | null;
  lon: number | null;
  negated: number;
  future: number;
  hypothetical: number;
  num_mentions: number;
  num_sources: number;
  num_articles: number;
  num_stories: number;
  first_seen: string | null;
  last_seen: string | null;
  rep_document: string;
  rep_event: string;
  rep_evidence: string;
}

function toCluster(r: ClusterRow): EventCluster {
  return {
    id: r.cluster_id,
    cameo: { code: r.cameo_code, root: r.cameo_root, quadClass: r.quad_class, goldstein: r.goldstein },
    plover: { type: r.plover_type, ...(r.plover_mode ? { mode: r.plover_mode } : {}), contexts: r.plover_contexts ? r.plover_contexts.split(',') : [] },
    source: r.source_code ? { code: r.source_code, ...(r.source_name ? { name: r.source_name } : {}) } : null,
    target: r.target_code ? { code: r.target_code, ...(r.target_name ? { name: r.target_name } : {}) } : null,
    date: { value: r.event_date, precision: r.date_precision },
    place: r.place_name !== null && r.place_country !== null ? { name: r.place_name, country: r.place_country, lat: r.lat, lon: r.lon } : null,
    modality: { negated: r.negated === 1, future: r.future === 1, hypothetical: r.hypothetical === 1 },
    numMentions: r.num_mentions,
    numSources: r.num_sources,
    numArticles: r.num_articles,
    numStories: r.num_stories,
    firstSeen: r.first_seen ?? '',
    lastSeen: r.last_seen ?? '',
    representative: { documentId: r.rep_document, eventId: r.rep_event, evidence: r.rep_evidence },
  };
}

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

export function queryClusters(db: Database.Database, q: ClusterQuery = {}): EventCluster[] {
  const { sql, params } = clusterWhere(q);
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

function withText(text: string, json: string): CodedDocument {
  const rest = JSON.parse(json) as Omit<CodedDocument, 'text'>;
  return { ...rest, text } as CodedDocument;
}

export function codingsOf(db: Database.Database, documentId: string): CodingRecord[] {
  const doc = db.prepare('SELECT d.key, d.id, d.text, d.coded_json, d.coder_version, d.coded_at, d.stored_at, k.fingerprint, k.descriptor FROM documents d LEFT JOIN coders k ON k.key = d.coder_key WHERE d.id = ? ORDER BY d.key LIMIT 1').get(documentId) as
    | { key: number; id: string; text: string; coded_json: string; coder_version: string; coded_at: string | null; stored_at: string; fingerprint: string | null; descriptor: string | null }
    | undefined;
  if (!doc) return [];
  const earlier = db
    .prepare('SELECT c.coded_json, c.coder_version, c.coded_at, c.superseded_at, k.fingerprint, k.descriptor FROM codings c LEFT JOIN coders k ON k.key = c.coder_key WHERE c.document_key = ? ORDER BY c.key')
    .all(doc.key) as Array<{ coded_json: string; coder_version: string; coded_at: string; superseded_at: string; fingerprint: string | null; descriptor: string | null }>;
  const coder = (f: string | null, d: string | null): CodingRecord['coder'] => (f && d ? { fingerprint: f, descriptor: JSON.parse(d) as Record<string, unknown> } : null);
  const out: CodingRecord[] = earlier.map((c, i) => {
    const coded = withText(doc.text, c.coded_json);
    return { documentId: doc.id, coding: i + 1, current: false, coderVersion: c.coder_version, coder: coder(c.fingerprint, c.descriptor), codedAt: c.coded_at, supersededAt: c.superseded_at, events: coded.events.length, coded };
  });
  const current = withText(doc.text, doc.coded_json);
  out.push({ documentId: doc.id, coding: out.length + 1, current: true, coderVersion: doc.coder_version, coder: coder(doc.fingerprint, doc.descriptor), codedAt: doc.coded_at ?? doc.stored_at, supersededAt: null, events: current.events.length, coded: current });
  return out;
}

/** The end of `asOf` as a comparable timestamp: a bare date means the end of that day (UTC). */
export function asOfBound(asOf: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return `${asOf}T23:59:59.999Z`;
  const t = new Date(asOf);
  if (Number.isNaN(t.getTime())) throw new StoreError('BAD_QUERY', `as-of "${asOf}" is not an ISO 8601 date or date-time`);
  return t.toISOString();
}

/**
 * The clusters as they stood at `asOf`: the documents stored by then, each in the coding it had then,
 * linked by the current linker (clustering is a function of the set of mentions, so this is what
 * incremental linking had built), with counts and syndication groups among those documents only.
 */
export function clustersAsOf(db: Database.Database, asOf: string, query: ClusterQuery = {}): EventCluster[] {
  return asOfView(db, asOf, query, false).clusters;
}

/** The mentions of the clusters `clustersAsOf` gives for the same arguments, as they stood: by cluster, representative first. */
export function clusterMentionsAsOf(db: Database.Database, asOf: string, query: ClusterQuery = {}): ClusterMention[] {
  const view = asOfView(db, asOf, query, true);
  return view.clusters.flatMap((c) => view.mentions.get(c.id) ?? []);
}

function asOfView(db: Database.Database, asOf: string, query: ClusterQuery, withMentions: boolean): { clusters: EventCluster[]; mentions: Map<string, ClusterMention[]> } {
  const bound = asOfBound(asOf);
  const docs = db
    .prepare('SELECT d.key, d.id, d.published, d.source, d.url, d.text, d.coded_json, COALESCE(d.coded_at, d.stored_at) AS codedAt, d.stored_at, d.content_hash, d.coder_key FROM documents d WHERE d.stored_at <= ? ORDER BY d.key')
    .all(bound) as Array<{ key: number; id: string; published: string | null; source: string | null; url: string | null; text: string; coded_json: string; codedAt: string; stored_at: string; content_hash: string; coder_key: number | null }>;
  const earlier = db.prepare('SELECT coded_json, coder_key FROM codings WHERE document_key = ? AND coded_at <= ? AND superseded_at > ? ORDER BY key DESC LIMIT 1');
  const coderKeyOf = new Map<number, number | null>();
  const mentions: LinkMention[] = [];
  const info = new Map<string, { mention: LinkMention; docKey: number; eventIndex: number; evidence: string; mode: string | null; contexts: string[] }>();
  const codedOf = new Map<number, CodedDocument>();
  const seenIds = new Set<string>();
  for (const d of docs) {
    let json = d.coded_json;
    let coderKey = d.coder_key;
    if (d.codedAt > bound) {
      const old = earlier.get(d.key, bound, bound) as { coded_json: string; coder_key: number | null } | undefined;
      if (!old) continue;
      json = old.coded_json;
      coderKey = old.coder_key;
    }
    coderKeyOf.set(d.key, coderKey);
    const coded = withText(d.text, json);
    codedOf.set(d.key, coded);
    const prefix = seenIds.has(d.id) ? `${d.id}@${d.content_hash.slice(0, 8)}` : d.id;
    seenIds.add(d.id);
    mentionsOfDocument(coded).forEach((x, i) => {
      const m = { ...x.mention, id: `${prefix}#${x.eventId}` };
      mentions.push(m);
      info.set(m.id, { mention: m, docKey: d.key, eventIndex: i, evidence: x.evidence, mode: x.mode, contexts: x.contexts });
    });
  }
  // syndication among these documents
  const sigOf = new Map<number, TextSignature>();
  for (const r of db.prepare('SELECT document_key AS k, shingles, minhash FROM syndication').all() as Array<{ k: number; shingles: number; minhash: Buffer }>) {
    if (codedOf.has(r.k)) sigOf.set(r.k, decodeSignature(r.shingles, r.minhash));
  }
  const parent = new Map<number, number>();
  const find = (k: number): number => {
    let r = k;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r) as number;
    return r;
  };
  const byBand = new Map<number, number[]>();
  for (const [k, sig] of sigOf) for (const b of new Set(bandHashes(sig))) byBand.set(b, [...(byBand.get(b) ?? []), k]);
  for (const list of byBand.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = find(list[i]);
        const b = find(list[j]);
        if (a !== b && isCopy(sigOf.get(list[i]) as TextSignature, sigOf.get(list[j]) as TextSignature)) parent.set(Math.max(a, b), Math.min(a, b));
      }
    }
  }
  const docByKey = new Map(docs.map((d) => [d.key, d] as const));
  const groups = new Map<number, number[]>();
  for (const k of codedOf.keys()) groups.set(find(k), [...(groups.get(find(k)) ?? []), k]);
  const storyOf = new Map<number, { story: string; outlet: string }>();
  for (const members of groups.values()) {
    const sorted = members.map((k) => docByKey.get(k) as (typeof docs)[number]).sort((a, b) => (a.published ?? '9999').localeCompare(b.published ?? '9999') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.content_hash.localeCompare(b.content_hash));
    const o = sorted[0];
    let outlet = o.source ?? '';
    if (!outlet && o.url) {
      try {
        outlet = new URL(o.url).host;
      } catch {
        /* not a URL */
      }
    }
    if (!outlet) outlet = `story:${o.id}`;
    for (const k of members) storyOf.set(k, { story: o.id, outlet });
  }
  const fingerprints = new Map((db.prepare('SELECT key, fingerprint FROM coders').all() as Array<{ key: number; fingerprint: string }>).map((r) => [r.key, r.fingerprint] as const));
  const out: EventCluster[] = [];
  const mentionsOf = new Map<string, ClusterMention[]>();
  for (const c of clusterAll(mentions)) {
    const rep = info.get(c.representative);
    if (!rep) continue;
    const ev = (codedOf.get(rep.docKey) as CodedDocument).events[rep.eventIndex];
    const members = c.members.map((id) => info.get(id)).filter((x): x is NonNullable<typeof x> => x !== undefined);
    const seen = members.map((m) => docByKey.get(m.docKey)).map((d) => d?.published ?? d?.stored_at ?? '');
    const cluster: EventCluster = {
      id: c.id,
      cameo: { ...ev.cameo },
      plover: { type: ev.plover.type, ...(rep.mode ? { mode: rep.mode } : {}), contexts: [...new Set(members.flatMap((m) => m.contexts))].sort() },
      source: ev.source ? { code: ev.source.code, ...(ev.source.name ? { name: ev.source.name } : {}) } : null,
      target: ev.target ? { code: ev.target.code, ...(ev.target.name ? { name: ev.target.name } : {}) } : null,
      date: { value: ev.date.value, precision: ev.date.precision },
      place: ev.place ? { name: ev.place.name, country: ev.place.country, lat: ev.place.lat, lon: ev.place.lon } : null,
      modality: { ...ev.modality },
      numMentions: members.length,
      numSources: new Set(members.map((m) => storyOf.get(m.docKey)?.outlet)).size,
      // A syndicated reprint and its original are one article (the issue: "a reprint counts once").
      numArticles: new Set(members.map((m) => storyOf.get(m.docKey)?.story ?? `doc:${m.docKey}`)).size,
      numStories: new Set(members.map((m) => storyOf.get(m.docKey)?.story)).size,
      firstSeen: seen.reduce((a, b) => (b < a ? b : a)),
      lastSeen: seen.reduce((a, b) => (b > a ? b : a)),
      representative: { documentId: rep.mention.documentId, eventId: ev.id, evidence: rep.evidence },
    };
    if (!clusterMatches(cluster, query, members.map((m) => m.evidence))) continue;
    out.push(cluster);
    if (withMentions) {
      const decision = new Map(c.decisions.map((x) => [x.mention, x] as const));
      const list = members.map((m): ClusterMention & { rep: boolean } => {
        const d = docByKey.get(m.docKey) as (typeof docs)[number];
        const e = (codedOf.get(m.docKey) as CodedDocument).events[m.eventIndex];
        const story = storyOf.get(m.docKey);
        const x = decision.get(m.mention.id);
        const coderKey = coderKeyOf.get(m.docKey);
        return {
          clusterId: c.id,
          mentionId: m.mention.id,
          documentId: d.id,
          eventId: e.id,
          sentence: e.sentence,
          evidence: m.evidence,
          published: d.published,
          outlet: d.source,
          countedOutlet: story?.outlet ?? '',
          story: story?.story ?? d.id,
          copyOf: story && story.story !== d.id ? story.story : null,
          cameo: e.cameo.code,
          sourceCode: e.source?.code ?? null,
          targetCode: e.target?.code ?? null,
          date: e.date.value,
          datePrecision: e.date.precision,
          dateBasis: e.date.basis,
          placeName: e.place?.name ?? null,
          partner: x?.partner ?? null,
          score: x?.score ?? 1,
          reason: x?.reason ?? '',
          coder: coderKey !== null && coderKey !== undefined ? (fingerprints.get(coderKey) ?? null) : null,
          rule: e.rule,
          storedAt: d.stored_at,
          rep: m.mention.id === c.representative,
        };
      });
      list.sort((a, b) => Number(b.rep) - Number(a.rep) || (a.published ?? '').localeCompare(b.published ?? '') || (a.mentionId < b.mentionId ? -1 : a.mentionId > b.mentionId ? 1 : 0));
      mentionsOf.set(
        c.id,
        list.map(({ rep, ...r }) => {
          void rep;
          return r;
        }),
      );
    }
  }
  out.sort((a, b) => a.date.value.localeCompare(b.date.value) || (a.id < b.id ? -1 : 1));
  const { after } = query;
  const paged = after ? out.filter((c) => c.date.value > after.date || (c.date.value === after.date && c.id > after.id)) : out;
  return { clusters: query.limit && query.limit > 0 ? paged.slice(0, query.limit) : paged, mentions: mentionsOf };
}
