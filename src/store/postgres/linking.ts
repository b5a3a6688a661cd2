/**
 * The store-facing part of event linking for PostgreSQL — the same steps as the SQLite store's
 * (src/store/sqlite/linking.ts): mention rows with their candidate index (block, width class, date),
 * syndication groups, and the write-back of clusters with live counts. Lookups are batched (a frontier of
 * mentions, a batch of documents per statement) because each one is a round trip. Every method runs inside a
 * writing transaction that holds the store's write lock, so two processes never link at the same time.
 */
import type { CodedDocument } from '../../core/contract.js';
import { clusterAll, componentOfBatched, LINKER_VERSION, type BatchCandidateSource, type LinkedCluster } from '../../link/linker.js';
import { blockKey, dateInterval, isSymmetric, mentionsOfDocument, shiftDay, WIDTH_SPAN_DAYS, type LinkMention } from '../../link/mention.js';
import { bandHashes, containment, decodeSignature, encodeSignature, isCopy, signature, type TextSignature } from '../../link/minhash.js';
import { actorCountryOf, outletOf, rowToMention, storyOrder, type MentionRow } from '../rows.js';
import type { CoderVersion } from '../store.js';
import { tsvectorLiteral } from './full-text.js';
import { candidateMonths, UNDATED_MONTH } from './partitions.js';
import { insertRows, type Column, type Queryable } from './sql.js';

/** A mention as linking reads it, with where its row is: event key, partition month, current cluster. */
export type StoredMention = LinkMention & { key: number; month: string; clusterKey: number | null };

/** Where a stored event's row is. */
export interface EventRef {
  key: number;
  month: string;
}

/** A document just written (or re-coded) whose events are stored and whose mentions are to be indexed. */
export interface IndexedDocument {
  key: number;
  coded: CodedDocument;
  coderKey: number | null;
  /** Event id → its row. */
  events: ReadonlyMap<string, EventRef>;
}

export const MENTION_SELECT = `SELECT m.event_key AS key, m.event_month AS month, m.mention_id AS id, d.id AS "documentId", d.published, e.sentence,
    e.source_code, e.source_name, e.target_code, e.target_name, e.cameo_code, e.cameo_root, e.plover_type,
    e.negated, e.future, e.hypothetical, e.event_date, e.date_precision, e.date_basis,
    e.place_name, e.place_country, e.lat, e.lon, m.place_level, m.cluster_key
  FROM mentions m JOIN events e ON e.key = m.event_key AND e.event_month = m.event_month JOIN documents d ON d.key = m.document_key`;

type StoredMentionRow = MentionRow & { key: number; month: string; cluster_key: number | null };

const toStored = (r: StoredMentionRow): StoredMention => ({ ...rowToMention(r), key: r.key, month: r.month, clusterKey: r.cluster_key });

const MENTION_COLUMNS: readonly Column[] = [
  ['event_key', 'bigint'], ['event_month', 'date'], ['document_key', 'bigint'], ['mention_id', 'text'], ['block', 'text'], ['width', 'integer'],
  ['date_lo', 'text'], ['date_hi', 'text'], ['place_level', 'text'], ['plover_mode', 'text'], ['plover_contexts', 'text'], ['evidence', 'text'],
  ['evidence_words', 'tsvector'], ['coder_key', 'bigint'],
];

const CLUSTER_FIELDS: readonly Column[] = [
  ['representative', 'bigint'], ['representative_month', 'date'], ['representative_document', 'text'], ['representative_event', 'text'], ['representative_evidence', 'text'], ['cameo_code', 'text'], ['cameo_root', 'text'], ['quad_class', 'integer'], ['goldstein', 'float8'],
  ['plover_type', 'text'], ['plover_mode', 'text'], ['source_code', 'text'], ['source_name', 'text'], ['source_country', 'text'], ['target_code', 'text'],
  ['target_name', 'text'], ['target_country', 'text'], ['"symmetric"', 'boolean'], ['event_date', 'text'], ['date_precision', 'text'], ['place_name', 'text'],
  ['place_country', 'text'], ['lat', 'float8'], ['lon', 'float8'], ['negated', 'boolean'], ['future', 'boolean'], ['hypothetical', 'boolean'], ['linker', 'text'], ['updated_at', 'text'],
];

/** `UPDATE table SET a = u.a, … FROM unnest(…) AS u(…) WHERE <match>`: many rows changed in one statement. */
async function updateRows(db: Queryable, table: string, alias: string, keys: readonly Column[], columns: readonly Column[], rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return;
  const all = [...keys, ...columns];
  const bare = (name: string): string => name.replace(/"/g, '');
  const names = all.map(([n]) => `"${bare(n)}"`).join(', ');
  const arrays = all.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const set = columns.map(([n]) => `${n} = u."${bare(n)}"`).join(', ');
  const where = keys.map(([n]) => `${alias}.${n} = u."${bare(n)}"`).join(' AND ');
  await db.query(`UPDATE ${table} ${alias} SET ${set} FROM unnest(${arrays}) AS u(${names}) WHERE ${where}`, all.map((_, i) => rows.map((r) => r[i] ?? null)));
}

export class PgLinking {
  /** The keys of these coder versions, each stored once. */
  async coderKeys(db: Queryable, coders: readonly CoderVersion[]): Promise<Map<string, number>> {
    const unique = [...new Map(coders.map((c) => [c.fingerprint, c] as const)).values()];
    const keys = new Map<string, number>();
    if (unique.length === 0) return keys;
    await insertRows(db, 'coders', [['fingerprint', 'text'], ['descriptor', 'text']], unique.map((c) => [c.fingerprint, JSON.stringify(c.descriptor)]), 'ON CONFLICT (fingerprint) DO NOTHING');
    const { rows } = await db.query<{ key: number; fingerprint: string }>('SELECT key, fingerprint FROM coders WHERE fingerprint = ANY($1::text[])', [unique.map((c) => c.fingerprint)]);
    for (const r of rows) keys.set(r.fingerprint, r.key);
    return keys;
  }

  /**
   * Writes the mention rows of documents' events (already in the events table), their countries and, once
   * per document, its syndication signature — documents in the order given, as SQLite indexes them one
   * after the other. Returns the new mentions and the documents whose counts may have changed.
   */
  async indexDocuments(db: Queryable, docs: readonly IndexedDocument[]): Promise<{ mentions: StoredMention[]; documents: Set<number> }> {
    const mentions: StoredMention[] = [];
    const documents = new Set<number>();
    if (docs.length === 0) return { mentions, documents };
    const keys = docs.map((d) => d.key);
    // Mention ids are content-based; a second document with an id already used gets its content hash added.
    const { rows: prefixes } = await db.query<{ key: number; id: string; content_hash: string; earlier: boolean }>(
      `SELECT d.key, d.id, d.content_hash, EXISTS (SELECT 1 FROM documents e WHERE e.id = d.id AND e.key < d.key) AS earlier FROM documents d WHERE d.key = ANY($1::bigint[])`,
      [keys],
    );
    const prefixOf = new Map(prefixes.map((r) => [r.key, r.earlier ? `${r.id}@${r.content_hash.slice(0, 8)}` : r.id] as const));
    const rows: unknown[][] = [];
    const countries: unknown[][] = [];
    for (const doc of docs) {
      const prefix = prefixOf.get(doc.key) as string;
      for (const { mention, eventId, evidence, mode, contexts } of mentionsOfDocument(doc.coded)) {
        const ref = doc.events.get(eventId);
        if (ref === undefined) continue;
        const m: StoredMention = { ...mention, id: `${prefix}#${eventId}`, key: ref.key, month: ref.month, clusterKey: null };
        const iv = dateInterval(m);
        rows.push([ref.key, ref.month, doc.key, m.id, blockKey(m), iv.width, iv.lo, iv.hi, m.place?.level ?? null, mode, [...contexts].sort().join(','), evidence, tsvectorLiteral(evidence), doc.coderKey]);
        mentions.push(m);
      }
      const found = new Set<string>();
      for (const a of doc.coded.actors) if (/^[A-Z]{3}$/.test(a.country)) found.add(a.country);
      for (const p of doc.coded.places) if (/^[A-Z]{3}$/.test(p.country)) found.add(p.country);
      for (const e of doc.coded.events) for (const c of [actorCountryOf(e.source?.code), actorCountryOf(e.target?.code), e.place?.country ?? null]) if (c && /^[A-Z]{3}$/.test(c)) found.add(c);
      for (const c of found) countries.push([doc.key, c]);
    }
    await insertRows(db, 'mentions', MENTION_COLUMNS, rows);
    await insertRows(db, 'document_countries', [['document_key', 'bigint'], ['country', 'text']], countries, 'ON CONFLICT DO NOTHING');
    const { rows: syndicated } = await db.query<{ k: number }>('SELECT document_key AS k FROM syndication WHERE document_key = ANY($1::bigint[])', [keys]);
    const has = new Set(syndicated.map((r) => r.k));
    for (const doc of docs) if (has.has(doc.key)) documents.add(doc.key);
    const fresh = docs.filter((d) => !has.has(d.key));
    if (await this.syndicateApart(db, fresh)) {
      for (const d of fresh) documents.add(d.key);
    } else {
      for (const doc of fresh) for (const k of await this.addSyndication(db, doc.key, doc.coded)) documents.add(k);
    }
    return { mentions, documents };
  }

  /**
   * Adds documents to the syndication index in two statements when none of them is a copy of a stored document
   * or of one before it in the batch (the common case): each is then its own story's original. Returns false,
   * writing nothing, when some document is a copy: those are added one by one (addSyndication).
   */
  private async syndicateApart(db: Queryable, docs: readonly IndexedDocument[]): Promise<boolean> {
    if (docs.length === 0) return true;
    const signed = docs.map((d) => {
      const sig = signature(d.coded.text);
      return { d, sig, bands: [...new Set(bandHashes(sig))] };
    });
    const allBands = [...new Set(signed.flatMap((x) => x.bands))];
    const stored = allBands.length
      ? (
          await db.query<{ k: number; shingles: number; minhash: Buffer; bands: number[] }>(
            `SELECT s.document_key AS k, s.shingles, s.minhash, array_agg(b.band) AS bands FROM syndication_bands b JOIN syndication s ON s.document_key = b.document_key
              WHERE b.band = ANY($1::integer[]) GROUP BY s.document_key, s.shingles, s.minhash`,
            [allBands],
          )
        ).rows
      : [];
    const byBand = new Map<number, TextSignature[]>();
    const add = (band: number, sig: TextSignature): void => void byBand.set(band, [...(byBand.get(band) ?? []), sig]);
    for (const r of stored) for (const band of r.bands) add(band, decodeSignature(r.shingles, r.minhash));
    for (const x of signed) {
      const candidates = new Set(x.bands.flatMap((band) => byBand.get(band) ?? []));
      for (const c of candidates) if (isCopy(x.sig, c)) return false;
      for (const band of x.bands) add(band, x.sig);
    }
    await insertRows(
      db, 'syndication', [['document_key', 'bigint'], ['shingles', 'integer'], ['minhash', 'bytea'], ['story', 'text'], ['outlet', 'text']],
      signed.map(({ d, sig }) => [d.key, sig.shingles, encodeSignature(sig), d.coded.id, outletOf({ id: d.coded.id, source: d.coded.source ?? null, url: d.coded.url ?? null })]),
    );
    await insertRows(db, 'syndication_bands', [['band', 'integer'], ['document_key', 'bigint']], signed.flatMap(({ d, bands }) => bands.map((b) => [b, d.key])));
    return true;
  }

  /** Adds a document to the syndication index; returns every document of its (possibly merged) story. */
  private async addSyndication(db: Queryable, documentKey: number, coded: CodedDocument): Promise<number[]> {
    const sig = signature(coded.text);
    const bands = bandHashes(sig);
    const candidates = bands.length
      ? (
          await db.query<{ k: number; shingles: number; minhash: Buffer; story: string }>(
            'SELECT document_key AS k, shingles, minhash, story FROM syndication WHERE document_key IN (SELECT document_key FROM syndication_bands WHERE band = ANY($1::integer[]))',
            [bands],
          )
        ).rows
      : [];
    const copies = candidates.filter((r) => r.k !== documentKey && isCopy(sig, decodeSignature(r.shingles, r.minhash)));
    // Alone, a document is its own story's original (what settling a story of one gives).
    await db.query(
      `WITH own AS (INSERT INTO syndication (document_key, shingles, minhash, story, outlet) VALUES ($1, $2, $3, $4, $5))
        INSERT INTO syndication_bands (band, document_key) SELECT band, $1 FROM unnest($6::integer[]) AS band`,
      [documentKey, sig.shingles, encodeSignature(sig), coded.id, outletOf({ id: coded.id, source: coded.source ?? null, url: coded.url ?? null }), [...new Set(bands)]],
    );
    if (copies.length === 0) return [documentKey];
    const stories = [...new Set(copies.map((r) => r.story))];
    const members = new Set<number>([documentKey]);
    const { rows } = await db.query<{ k: number }>('SELECT document_key AS k FROM syndication WHERE story = ANY($1::text[])', [stories]);
    for (const r of rows) members.add(r.k);
    await this.settleStory(db, [...members]);
    return [...members];
  }

  /** Names a story after its original (earliest published, then smallest id) and gives every member that outlet. */
  private async settleStory(db: Queryable, members: number[]): Promise<void> {
    const { rows: docs } = await db.query<{ k: number; id: string; published: string | null; source: string | null; url: string | null; hash: string; shingles: number; minhash: Buffer }>(
      `SELECT d.key AS k, d.id, d.published, d.source, d.url, d.content_hash AS hash, s.shingles, s.minhash
        FROM documents d JOIN syndication s ON s.document_key = d.key WHERE d.key = ANY($1::bigint[])`,
      [members],
    );
    docs.sort(storyOrder);
    const original = docs[0];
    const outlet = outletOf(original);
    const sigOf = (d: (typeof docs)[number]): TextSignature => decodeSignature(d.shingles, d.minhash);
    const originalSig = sigOf(original);
    const rows = docs.map((d) => (d === original ? [d.k, original.id, outlet, null, null] : [d.k, original.id, outlet, original.id, Math.round(containment(sigOf(d), originalSig) * 1000) / 1000]));
    await updateRows(db, 'syndication', 's', [['document_key', 'bigint']], [['story', 'text'], ['outlet', 'text'], ['copy_of', 'text'], ['similarity', 'float8']], rows);
  }

  /** Candidates from the index, a frontier at a time: same block, each width class's possible starts, overlapping dates. */
  private source(db: Queryable): BatchCandidateSource {
    return {
      candidates: async (ms: readonly LinkMention[]): Promise<LinkMention[][]> => {
        const q: unknown[][] = [];
        ms.forEach((m, i) => {
          const iv = dateInterval(m);
          const months = candidateMonths(iv);
          const widths = iv.width === 3 ? ([3] as const) : ([0, 1, 2] as const);
          for (const w of widths) q.push([i, blockKey(m), w, shiftDay(iv.lo, -WIDTH_SPAN_DAYS[w]), iv.hi, iv.lo, months.from, months.to]);
        });
        const { rows } = await db.query<StoredMentionRow & { i: number }>(
          `SELECT q.i, c.* FROM unnest($1::integer[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[]) AS q(i, block, width, lo_from, hi, lo, month_from, month_to)
            CROSS JOIN LATERAL (${MENTION_SELECT}
              WHERE m.block = q.block AND m.width = q.width AND m.date_lo >= q.lo_from AND m.date_lo <= q.hi AND m.date_hi >= q.lo
                AND (m.event_month = DATE '${UNDATED_MONTH}' OR m.event_month BETWEEN q.month_from AND q.month_to)) c`,
          [0, 1, 2, 3, 4, 5, 6, 7].map((k) => q.map((r) => r[k])),
        );
        const out: LinkMention[][] = ms.map(() => []);
        for (const { i, ...r } of rows) out[i].push(toStored(r));
        return out;
      },
    };
  }

  /** Old cluster keys of a document's mentions about to be deleted, and the mentions of their components that stay. */
  async componentBeforeRemoval(db: Queryable, documentKey: number): Promise<{ keep: StoredMention[]; oldClusters: number[] }> {
    const { rows } = await db.query<StoredMentionRow>(`${MENTION_SELECT} WHERE m.document_key = $1`, [documentKey]);
    const leaving = new Set(rows.map((r) => r.id));
    const component = (await componentOfBatched(rows.map(toStored), this.source(db))) as StoredMention[];
    const oldClusters = [...new Set(rows.map((r) => r.cluster_key).filter((k): k is number => k !== null))];
    return { keep: component.filter((m) => !leaving.has(m.id)), oldClusters };
  }

  /** Links the seeds: their whole compatibility component is clustered again and written back. */
  async link(db: Queryable, seeds: readonly StoredMention[], oldClusters: readonly number[] = []): Promise<Set<number>> {
    if (seeds.length === 0 && oldClusters.length === 0) return new Set();
    const component = (await componentOfBatched(seeds, this.source(db))) as StoredMention[];
    return this.write(db, component, clusterAll(component), oldClusters);
  }

  /** Recomputes every cluster from all mentions. */
  async relinkAll(db: Queryable): Promise<{ clusters: number; mentions: number }> {
    const all = (await db.query<StoredMentionRow>(MENTION_SELECT)).rows.map(toStored);
    const result = clusterAll(all);
    const old = (await db.query<{ key: number }>('SELECT key FROM clusters')).rows.map((r) => r.key);
    await this.write(db, all, result, old);
    return { clusters: result.length, mentions: all.length };
  }

  private async write(db: Queryable, mentions: readonly StoredMention[], result: readonly LinkedCluster[], extraOld: readonly number[]): Promise<Set<number>> {
    const byId = new Map(mentions.map((m) => [m.id, m] as const));
    const { rows: current } = await db.query<{ cluster_key: number | null }>(
      'SELECT m.cluster_key FROM mentions m JOIN unnest($1::bigint[], $2::date[]) AS r(key, month) ON m.event_key = r.key AND m.event_month = r.month',
      [mentions.map((m) => m.key), mentions.map((m) => m.month)],
    );
    const oldKeys = new Set<number>(extraOld);
    for (const r of current) if (r.cluster_key !== null) oldKeys.add(r.cluster_key);
    const byClusterId = new Map<string, number>();
    if (oldKeys.size > 0) {
      const { rows } = await db.query<{ key: number; cluster_id: string }>('SELECT key, cluster_id FROM clusters WHERE key = ANY($1::bigint[])', [[...oldKeys]]);
      for (const r of rows) byClusterId.set(r.cluster_id, r.key);
    }
    const reps = result.map((c) => {
      const m = byId.get(c.representative);
      if (m === undefined) throw new Error(`linking: representative ${c.representative} is not stored`);
      return m;
    });
    const { rows: repRows } = await db.query<Record<string, string | number | boolean | null> & { i: number; mention_mode: string | null; mention_evidence: string; document_id: string }>(
      `SELECT r.i, e.*, m.plover_mode AS mention_mode, m.evidence AS mention_evidence, d.id AS document_id FROM unnest($1::bigint[], $2::date[], $3::integer[]) AS r(key, month, i)
        JOIN events e ON e.key = r.key AND e.event_month = r.month JOIN mentions m ON m.event_key = e.key AND m.event_month = e.event_month JOIN documents d ON d.key = e.document_key`,
      [reps.map((m) => m.key), reps.map((m) => m.month), reps.map((_, i) => i)],
    );
    const repOf = new Map(repRows.map((r) => [r.i, r] as const));
    const now = new Date().toISOString();
    const updates: unknown[][] = [];
    const inserts: unknown[][] = [];
    const insertedIds: string[] = [];
    const keyOf = new Map<string, number>();
    result.forEach((c, i) => {
      const e = repOf.get(i);
      if (e === undefined) throw new Error(`linking: representative ${c.representative} has no event row`);
      const values = [
        reps[i].key, reps[i].month, e.document_id, e.event_id, e.mention_evidence, e.cameo_code, e.cameo_root, e.quad_class, e.goldstein, e.plover_type, e.mention_mode,
        e.source_code, e.source_name, actorCountryOf(e.source_code as string | null), e.target_code, e.target_name, actorCountryOf(e.target_code as string | null),
        isSymmetric({ cameo: e.cameo_code as string, plover: e.plover_type as string }), e.event_date, e.date_precision, e.place_name, e.place_country, e.lat, e.lon,
        e.negated, e.future, e.hypothetical, LINKER_VERSION, now,
      ];
      const key = byClusterId.get(c.id);
      if (key !== undefined) {
        updates.push([key, ...values]);
        oldKeys.delete(key);
        keyOf.set(c.id, key);
      } else {
        inserts.push([c.id, ...values, '']);
        insertedIds.push(c.id);
      }
    });
    await updateRows(db, 'clusters', 'c', [['key', 'bigint']], CLUSTER_FIELDS, updates);
    const inserted = await insertRows<{ key: number; cluster_id: string }>(db, 'clusters', [['cluster_id', 'text'], ...CLUSTER_FIELDS, ['plover_contexts', 'text']], inserts, 'RETURNING key, cluster_id');
    for (const r of inserted?.rows ?? []) keyOf.set(r.cluster_id, r.key);
    const decisions: unknown[][] = [];
    for (const c of result) {
      const key = keyOf.get(c.id) as number;
      for (const d of c.decisions) {
        const m = byId.get(d.mention) as StoredMention;
        decisions.push([m.key, m.month, key, d.partner, d.score, d.reason]);
      }
    }
    await updateRows(db, 'mentions', 'm', [['event_key', 'bigint'], ['event_month', 'date']], [['cluster_key', 'bigint'], ['partner', 'text'], ['score', 'float8'], ['reason', 'text']], decisions);
    if (oldKeys.size > 0) await db.query('DELETE FROM clusters c WHERE c.key = ANY($1::bigint[]) AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.cluster_key = c.key)', [[...oldKeys]]);
    const touched = new Set(keyOf.values());
    await this.refreshCounts(db, touched);
    return touched;
  }

  /** Clusters with a mention in any of these documents (their counts change with syndication). */
  async clustersOfDocuments(db: Queryable, documents: Iterable<number>): Promise<Set<number>> {
    const keys = [...documents];
    if (keys.length === 0) return new Set();
    const { rows } = await db.query<{ k: number }>('SELECT DISTINCT cluster_key AS k FROM mentions WHERE document_key = ANY($1::bigint[]) AND cluster_key IS NOT NULL', [keys]);
    return new Set(rows.map((r) => r.k));
  }

  /** Recounts mentions, articles, stories and outlets, first and last seen, and the contexts of clusters. */
  async refreshCounts(db: Queryable, keys: Iterable<number>): Promise<void> {
    const list = [...keys];
    if (list.length === 0) return;
    // numArticles counts a syndicated reprint and its original once (the story), like numSources counts outlets.
    const { rows } = await db.query<{ k: number; mentions: number; articles: number; stories: number; sources: number; first: string | null; last: string | null; contexts: string | null }>(
      `SELECT m.cluster_key AS k, COUNT(*) AS mentions, COUNT(DISTINCT COALESCE(s.story, 'doc:' || m.document_key)) AS articles, COUNT(DISTINCT s.story) AS stories,
          COUNT(DISTINCT s.outlet) AS sources, MIN(COALESCE(d.published, d.stored_at)) AS first, MAX(COALESCE(d.published, d.stored_at)) AS last,
          string_agg(m.plover_contexts, ',') AS contexts
        FROM mentions m JOIN documents d ON d.key = m.document_key LEFT JOIN syndication s ON s.document_key = m.document_key
        WHERE m.cluster_key = ANY($1::bigint[]) GROUP BY m.cluster_key`,
      [list],
    );
    const counted = new Map(rows.map((r) => [r.k, r] as const));
    const updates = list.map((k) => {
      const c = counted.get(k);
      const contexts = [...new Set((c?.contexts ?? '').split(',').filter(Boolean))].sort().join(',');
      return [k, c?.mentions ?? 0, c?.articles ?? 0, c?.stories ?? 0, c?.sources ?? 0, c?.first ?? null, c?.last ?? null, contexts];
    });
    await updateRows(
      db, 'clusters', 'c', [['key', 'bigint']],
      [['num_mentions', 'integer'], ['num_articles', 'integer'], ['num_stories', 'integer'], ['num_sources', 'integer'], ['first_seen', 'text'], ['last_seen', 'text'], ['plover_contexts', 'text']],
      updates,
    );
  }
}
