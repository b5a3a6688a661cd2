/**
 * The store-facing part of event linking for SQLite: mention rows with their candidate index
 * (block, width class, date), syndication groups, and the write-back of clusters with live counts.
 * The decisions themselves are the pure functions of src/link/.
 */
import type Database from 'better-sqlite3';
import type { CodedDocument } from '../../core/contract.js';
import { clusterAll, componentOf, LINKER_VERSION, type CandidateSource, type LinkedCluster } from '../../link/linker.js';
import { blockKey, dateInterval, isSymmetric, mentionsOfDocument, shiftDay, WIDTH_SPAN_DAYS, type LinkMention } from '../../link/mention.js';
import { bandHashes, containment, decodeSignature, encodeSignature, isCopy, signature, type TextSignature } from '../../link/minhash.js';
import { actorCountryOf as countryOf, outletOf, rowToMention, storyOrder, type MentionRow as SharedMentionRow } from '../rows.js';
import type { CoderVersion } from '../store.js';

interface MentionRow extends SharedMentionRow {
  key: number;
  cluster_key: number | null;
}

export const MENTION_SELECT = `SELECT m.event_key AS key, m.mention_id AS id, d.id AS documentId, d.published, e.sentence,
    e.source_code, e.source_name, e.target_code, e.target_name, e.cameo_code, e.cameo_root, e.plover_type,
    e.negated, e.future, e.hypothetical, e.event_date, e.date_precision, e.date_basis,
    e.place_name, e.place_country, e.lat, e.lon, m.place_level, m.cluster_key
  FROM mentions m JOIN events e ON e.key = m.event_key JOIN documents d ON d.key = m.document_key`;

export class SqliteLinking {
  private readonly db: Database.Database;
  constructor(db: Database.Database) {
    this.db = db;
  }

  /** The key of a coder version, stored once. */
  coderKey(coder: CoderVersion): number {
    const row = this.db.prepare('SELECT key FROM coders WHERE fingerprint = ?').get(coder.fingerprint) as { key: number } | undefined;
    if (row) return row.key;
    return Number(this.db.prepare('INSERT INTO coders (fingerprint, descriptor) VALUES (?, ?)').run(coder.fingerprint, JSON.stringify(coder.descriptor)).lastInsertRowid);
  }

  /** Mention ids are content-based; a second document with an id already used gets its content hash added. */
  private mentionPrefix(documentKey: number): string {
    const doc = this.db.prepare('SELECT id, content_hash FROM documents WHERE key = ?').get(documentKey) as { id: string; content_hash: string };
    const earlier = this.db.prepare('SELECT 1 FROM documents WHERE id = ? AND key < ? LIMIT 1').get(doc.id, documentKey);
    return earlier ? `${doc.id}@${doc.content_hash.slice(0, 8)}` : doc.id;
  }

  /**
   * Writes the mention rows of a document's events (already in the events table), its countries and, once,
   * its syndication signature. Returns the new mentions and the documents whose counts may have changed.
   */
  indexDocument(documentKey: number, coded: CodedDocument, coderKey: number | null): { mentions: LinkMention[]; documents: number[] } {
    const eventKeys = new Map((this.db.prepare('SELECT key, event_id FROM events WHERE document_key = ?').all(documentKey) as Array<{ key: number; event_id: string }>).map((r) => [r.event_id, r.key] as const));
    const prefix = this.mentionPrefix(documentKey);
    const insert = this.db.prepare(`INSERT INTO mentions (event_key, document_key, mention_id, block, width, date_lo, date_hi, place_level, plover_mode, plover_contexts, evidence, coder_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const fts = this.db.prepare('INSERT INTO mention_fts (rowid, evidence) VALUES (?, ?)');
    const mentions: LinkMention[] = [];
    for (const { mention, eventId, evidence, mode, contexts } of mentionsOfDocument(coded)) {
      const key = eventKeys.get(eventId);
      if (key === undefined) continue;
      const m = { ...mention, id: `${prefix}#${eventId}` };
      const iv = dateInterval(m);
      insert.run(key, documentKey, m.id, blockKey(m), iv.width, iv.lo, iv.hi, m.place?.level ?? null, mode, [...contexts].sort().join(','), evidence, coderKey);
      fts.run(key, evidence);
      mentions.push(m);
    }
    const countries = new Set<string>();
    for (const a of coded.actors) if (/^[A-Z]{3}$/.test(a.country)) countries.add(a.country);
    for (const p of coded.places) if (/^[A-Z]{3}$/.test(p.country)) countries.add(p.country);
    for (const e of coded.events) for (const c of [countryOf(e.source?.code), countryOf(e.target?.code), e.place?.country ?? null]) if (c && /^[A-Z]{3}$/.test(c)) countries.add(c);
    const addCountry = this.db.prepare('INSERT OR IGNORE INTO document_countries (document_key, country) VALUES (?, ?)');
    for (const c of countries) addCountry.run(documentKey, c);
    const documents = this.db.prepare('SELECT 1 FROM syndication WHERE document_key = ?').get(documentKey) ? [documentKey] : this.addSyndication(documentKey, coded.text);
    return { mentions, documents };
  }

  private signatureOf(documentKey: number): TextSignature {
    const row = this.db.prepare('SELECT shingles, minhash FROM syndication WHERE document_key = ?').get(documentKey) as { shingles: number; minhash: Buffer };
    return decodeSignature(row.shingles, row.minhash);
  }

  /** Adds a document to the syndication index; returns every document of its (possibly merged) story. */
  private addSyndication(documentKey: number, text: string): number[] {
    const sig = signature(text);
    const bands = bandHashes(sig);
    const candidates = bands.length
      ? (this.db.prepare(`SELECT DISTINCT document_key AS k FROM syndication_bands WHERE band IN (${bands.map(() => '?').join(',')})`).all(...bands) as Array<{ k: number }>).map((r) => r.k)
      : [];
    const copies = candidates.filter((k) => k !== documentKey && isCopy(sig, this.signatureOf(k)));
    const own = this.db.prepare('SELECT id FROM documents WHERE key = ?').get(documentKey) as { id: string };
    this.db.prepare('INSERT INTO syndication (document_key, shingles, minhash, story, outlet) VALUES (?, ?, ?, ?, ?)').run(documentKey, sig.shingles, encodeSignature(sig), own.id, own.id);
    const addBand = this.db.prepare('INSERT INTO syndication_bands (band, document_key) VALUES (?, ?)');
    for (const b of new Set(bands)) addBand.run(b, documentKey);
    const stories = new Set(copies.map((k) => (this.db.prepare('SELECT story FROM syndication WHERE document_key = ?').get(k) as { story: string }).story));
    const members = new Set<number>([documentKey]);
    for (const story of stories) for (const r of this.db.prepare('SELECT document_key AS k FROM syndication WHERE story = ?').all(story) as Array<{ k: number }>) members.add(r.k);
    this.settleStory([...members]);
    return [...members];
  }

  /** Names a story after its original (earliest published, then smallest id) and gives every member that outlet. */
  private settleStory(members: number[]): void {
    const docs = members.map((k) => ({ k, ...(this.db.prepare('SELECT id, published, source, url, content_hash AS hash FROM documents WHERE key = ?').get(k) as { id: string; published: string | null; source: string | null; url: string | null; hash: string }) }));
    docs.sort(storyOrder);
    const original = docs[0];
    const outlet = outletOf(original);
    const story = original.id;
    const originalSig = this.signatureOf(original.k);
    const update = this.db.prepare('UPDATE syndication SET story = ?, outlet = ?, copy_of = ?, similarity = ? WHERE document_key = ?');
    for (const d of docs) {
      if (d === original) update.run(story, outlet, null, null, d.k);
      else update.run(story, outlet, original.id, Math.round(containment(this.signatureOf(d.k), originalSig) * 1000) / 1000, d.k);
    }
  }

  /** Candidates from the index: same block, each width class's possible starts, overlapping dates. */
  private source(): CandidateSource {
    const stmt = this.db.prepare(`${MENTION_SELECT} WHERE m.block = ? AND m.width = ? AND m.date_lo >= ? AND m.date_lo <= ? AND m.date_hi >= ?`);
    return {
      candidates: (m: LinkMention): LinkMention[] => {
        const iv = dateInterval(m);
        const out: LinkMention[] = [];
        const widths = iv.width === 3 ? ([3] as const) : ([0, 1, 2] as const);
        for (const w of widths) {
          for (const row of stmt.all(blockKey(m), w, shiftDay(iv.lo, -WIDTH_SPAN_DAYS[w]), iv.hi, iv.lo) as MentionRow[]) out.push(rowToMention(row));
        }
        return out;
      },
    };
  }

  /** Old cluster keys of mentions about to be deleted, and the mentions of their components that stay. */
  componentBeforeRemoval(documentKey: number): { keep: LinkMention[]; oldClusters: number[] } {
    const rows = this.db.prepare(`${MENTION_SELECT} WHERE m.document_key = ?`).all(documentKey) as MentionRow[];
    const leaving = new Set(rows.map((r) => r.id));
    const component = componentOf(rows.map(rowToMention), this.source());
    const oldClusters = [...new Set(rows.map((r) => r.cluster_key).filter((k): k is number => k !== null))];
    return { keep: component.filter((m) => !leaving.has(m.id)), oldClusters };
  }

  /** Removes a document's mentions from the full-text index (rows go with their events). */
  dropFullText(documentKey: number): void {
    this.db.prepare('DELETE FROM mention_fts WHERE rowid IN (SELECT event_key FROM mentions WHERE document_key = ?)').run(documentKey);
  }

  /** Links the seeds: their whole compatibility component is clustered again and written back. */
  link(seeds: readonly LinkMention[], oldClusters: readonly number[] = []): Set<number> {
    if (seeds.length === 0 && oldClusters.length === 0) return new Set();
    const component = componentOf(seeds, this.source());
    return this.write(component, clusterAll(component), oldClusters);
  }

  /** Recomputes every cluster from all mentions. */
  relinkAll(): { clusters: number; mentions: number } {
    const all = (this.db.prepare(MENTION_SELECT).all() as MentionRow[]).map(rowToMention);
    const result = clusterAll(all);
    const old = (this.db.prepare('SELECT key FROM clusters').all() as Array<{ key: number }>).map((r) => r.key);
    this.write(all, result, old);
    return { clusters: result.length, mentions: all.length };
  }

  private write(mentions: readonly LinkMention[], result: readonly LinkedCluster[], extraOld: readonly number[]): Set<number> {
    const ids = mentions.map((m) => m.id);
    const rows = new Map<string, { key: number; cluster_key: number | null }>();
    const lookup = this.db.prepare('SELECT event_key AS key, cluster_key FROM mentions WHERE mention_id = ?');
    for (const id of ids) rows.set(id, lookup.get(id) as { key: number; cluster_key: number | null });
    const oldKeys = new Set<number>(extraOld);
    for (const r of rows.values()) if (r.cluster_key !== null) oldKeys.add(r.cluster_key);
    const byClusterId = new Map<string, number>();
    const idOf = this.db.prepare('SELECT cluster_id FROM clusters WHERE key = ?');
    for (const k of oldKeys) {
      const r = idOf.get(k) as { cluster_id: string } | undefined;
      if (r) byClusterId.set(r.cluster_id, k);
    }
    const now = new Date().toISOString();
    const rep = this.db.prepare('SELECT * FROM events WHERE key = ?');
    const insert = this.db.prepare(`INSERT INTO clusters (cluster_id, representative, cameo_code, cameo_root, quad_class, goldstein, plover_type, plover_mode, plover_contexts,
        source_code, source_name, source_country, target_code, target_name, target_country, symmetric, event_date, date_precision, place_name, place_country, lat, lon,
        negated, future, hypothetical, linker, updated_at)
      VALUES (@cluster_id, @representative, @cameo_code, @cameo_root, @quad_class, @goldstein, @plover_type, @plover_mode, '',
        @source_code, @source_name, @source_country, @target_code, @target_name, @target_country, @symmetric, @event_date, @date_precision, @place_name, @place_country, @lat, @lon,
        @negated, @future, @hypothetical, @linker, @updated_at)`);
    const update = this.db.prepare(`UPDATE clusters SET representative = @representative, cameo_code = @cameo_code, cameo_root = @cameo_root, quad_class = @quad_class,
        goldstein = @goldstein, plover_type = @plover_type, plover_mode = @plover_mode, source_code = @source_code, source_name = @source_name,
        source_country = @source_country, target_code = @target_code, target_name = @target_name, target_country = @target_country, symmetric = @symmetric,
        event_date = @event_date, date_precision = @date_precision, place_name = @place_name, place_country = @place_country, lat = @lat, lon = @lon,
        negated = @negated, future = @future, hypothetical = @hypothetical, linker = @linker, updated_at = @updated_at WHERE key = @key`);
    const setMention = this.db.prepare('UPDATE mentions SET cluster_key = ?, partner = ?, score = ?, reason = ? WHERE mention_id = ?');
    const touched = new Set<number>();
    for (const c of result) {
      const repKey = rows.get(c.representative)?.key;
      if (repKey === undefined) throw new Error(`linking: representative ${c.representative} is not stored`);
      const e = rep.get(repKey) as Record<string, string | number | null>;
      const mode = (this.db.prepare('SELECT plover_mode FROM mentions WHERE event_key = ?').get(repKey) as { plover_mode: string | null }).plover_mode;
      const values = {
        cluster_id: c.id,
        representative: repKey,
        cameo_code: e.cameo_code,
        cameo_root: e.cameo_root,
        quad_class: e.quad_class,
        goldstein: e.goldstein,
        plover_type: e.plover_type,
        plover_mode: mode,
        source_code: e.source_code,
        source_name: e.source_name,
        source_country: countryOf(e.source_code as string | null),
        target_code: e.target_code,
        target_name: e.target_name,
        target_country: countryOf(e.target_code as string | null),
        symmetric: isSymmetric({ cameo: e.cameo_code as string, plover: e.plover_type as string }) ? 1 : 0,
        event_date: e.event_date,
        date_precision: e.date_precision,
        place_name: e.place_name,
        place_country: e.place_country,
        lat: e.lat,
        lon: e.lon,
        negated: e.negated,
        future: e.future,
        hypothetical: e.hypothetical,
        linker: LINKER_VERSION,
        updated_at: now,
      };
      let key = byClusterId.get(c.id);
      if (key !== undefined) {
        update.run({ ...values, key });
        oldKeys.delete(key);
      } else {
        key = Number(insert.run(values).lastInsertRowid);
      }
      for (const d of c.decisions) setMention.run(key, d.partner, d.score, d.reason, d.mention);
      touched.add(key);
    }
    const drop = this.db.prepare('DELETE FROM clusters WHERE key = ? AND NOT EXISTS (SELECT 1 FROM mentions WHERE cluster_key = ?)');
    for (const k of oldKeys) drop.run(k, k);
    this.refreshCounts(touched);
    return touched;
  }

  /** Clusters with a mention in any of these documents (their counts change with syndication). */
  clustersOfDocuments(documents: Iterable<number>): Set<number> {
    const out = new Set<number>();
    const stmt = this.db.prepare('SELECT DISTINCT cluster_key AS k FROM mentions WHERE document_key = ? AND cluster_key IS NOT NULL');
    for (const d of documents) for (const r of stmt.all(d) as Array<{ k: number }>) out.add(r.k);
    return out;
  }

  /** Recounts mentions, articles, stories and outlets, first and last seen, and the contexts of clusters. */
  refreshCounts(keys: Iterable<number>): void {
    // numArticles counts a syndicated reprint and its original once (the story), like numSources counts outlets.
    const counts = this.db.prepare(`SELECT COUNT(*) AS mentions, COUNT(DISTINCT COALESCE(s.story, 'doc:' || m.document_key)) AS articles, COUNT(DISTINCT s.story) AS stories,
        COUNT(DISTINCT s.outlet) AS sources, MIN(COALESCE(d.published, d.stored_at)) AS first, MAX(COALESCE(d.published, d.stored_at)) AS last,
        group_concat(m.plover_contexts, ',') AS contexts
      FROM mentions m JOIN documents d ON d.key = m.document_key LEFT JOIN syndication s ON s.document_key = m.document_key WHERE m.cluster_key = ?`);
    const set = this.db.prepare(`UPDATE clusters SET num_mentions = ?, num_articles = ?, num_stories = ?, num_sources = ?, first_seen = ?, last_seen = ?, plover_contexts = ? WHERE key = ?`);
    for (const k of keys) {
      const c = counts.get(k) as { mentions: number; articles: number; stories: number; sources: number; first: string | null; last: string | null; contexts: string | null };
      const contexts = [...new Set((c.contexts ?? '').split(',').filter(Boolean))].sort().join(',');
      set.run(c.mentions, c.articles, c.stories, c.sources, c.first, c.last, contexts, k);
    }
  }

  /** Documents or events stored before clusters existed (schema v4): index and link them. */
  backfill(load: (documentKey: number) => CodedDocument | null): number {
    const docs = this.db
      .prepare(`SELECT key FROM documents d WHERE NOT EXISTS (SELECT 1 FROM syndication s WHERE s.document_key = d.key)
          OR EXISTS (SELECT 1 FROM events e WHERE e.document_key = d.key AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_key = e.key)) ORDER BY key`)
      .all() as Array<{ key: number }>;
    if (docs.length === 0) return 0;
    const seeds: LinkMention[] = [];
    const affected = new Set<number>();
    for (const { key } of docs) {
      const coded = load(key);
      if (!coded) continue;
      const have = new Set((this.db.prepare('SELECT event_key AS k FROM mentions WHERE document_key = ?').all(key) as Array<{ k: number }>).map((r) => r.k));
      if (have.size > 0) {
        this.dropFullText(key);
        this.db.prepare('DELETE FROM mentions WHERE document_key = ?').run(key);
      }
      const { mentions, documents } = this.indexDocument(key, coded, null);
      seeds.push(...mentions);
      for (const d of documents) affected.add(d);
    }
    this.link(seeds);
    this.refreshCounts(this.clustersOfDocuments(affected));
    return docs.length;
  }
}
