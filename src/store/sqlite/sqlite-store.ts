import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { CodedDocument } from '../../core/contract.js';
import { VERSION } from '../../version.js';
import { foldName } from '../../knowledge/actors/lexicon.js';
import {
  StoreError,
  type ActorCount,
  type ActorRoleRecord,
  type ActorSummary,
  type AggregateQuery,
  type AggregateRow,
  type ClusterMention,
  type ClusterQuery,
  type CoderVersion,
  type CodingRecord,
  type DocumentPageQuery,
  type DocumentProvenance,
  type EventCluster,
  type EventQuery,
  type LinkStats,
  type PanelRow,
  type SaveOutcome,
  type Store,
  type StoreStats,
  type StoredDocument,
  type StoredEvent,
  type Correction,
  type CorrectionInput,
  type FeedItemState,
  type FeedState,
  type FeedStatus,
  type WatchedFile,
} from '../store.js';
import { WatchTables } from './watch-state.js';
import { CorrectionTables } from './corrections.js';
import { aggregateClusters, countryMonthPanelOf, topActorsOf } from '../../link/aggregate.js';
import type { LinkMention } from '../../link/mention.js';
import { clusterById, clusterMentions, clusterMentionsAsOf, clustersAsOf, codingsOf, countClusters, panelDenominators, queryClusters } from './clusters.js';
import { SqliteLinking } from './linking.js';
import { SqliteActorIndex } from './actor-index.js';
import { listByActor } from '../actor-listing.js';
import { MIGRATIONS } from './migrations.js';
import { codedFromRow, eventCountryOf as countryOf, PACKAGE_CODER, withAllLayers } from '../rows.js';

const APPLICATION = 'herodotus';
const SQLITE_MAGIC = 'SQLite format 3\0';

function readMagic(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.toString('latin1', 0, n);
  } finally {
    closeSync(fd);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Opens (creating if needed) a Herodotus SQLite database. A file that is not ours is left untouched. */
export function openSqliteStore(path: string, options: { readonly?: boolean } = {}): SqliteStore {
  const exists = path !== ':memory:' && existsSync(path);
  if (exists && statSync(path).isDirectory()) throw new StoreError('UNREADABLE', `${path} is a directory, not a database file`);
  if (exists && statSync(path).size > 0 && readMagic(path) !== SQLITE_MAGIC) {
    throw new StoreError('NOT_SQLITE', `${path} is not a SQLite database (left untouched)`);
  }
  if (!exists && options.readonly) throw new StoreError('UNREADABLE', `database ${path} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, timeout: 5000 });
  } catch (error) {
    throw new StoreError('UNREADABLE', `cannot open ${path}: ${(error as Error).message}`);
  }
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    if (tables.length > 0) {
      const marker = tables.includes('herodotus_meta')
        ? (db.prepare("SELECT value FROM herodotus_meta WHERE key = 'application'").get() as { value: string } | undefined)
        : undefined;
      if (marker?.value !== APPLICATION) {
        throw new StoreError('NOT_HERODOTUS', `${path} is a SQLite database but not a Herodotus one (tables: ${tables.slice(0, 5).join(', ')}); left untouched`);
      }
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(db);
    const store = new SqliteStore(db);
    // Documents stored before event clusters existed (schema v4) are linked once, on the first writable open.
    if (!options.readonly) store.backfill();
    return store;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    if (isBusy(error)) throw new StoreError('LOCKED', `database ${path} is locked by another process; try again when it is done`);
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new StoreError('NOT_SQLITE', `${path} is not a SQLite database (left untouched)`);
    throw error;
  }
}

function migrate(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS herodotus_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
           CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);`);
  db.prepare("INSERT OR IGNORE INTO herodotus_meta (key, value) VALUES ('application', ?)").run(APPLICATION);
  const pending = (): typeof MIGRATIONS => {
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
    const newest = Math.max(0, ...applied);
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    if (newest > known) throw new StoreError('NEWER_SCHEMA', `the database schema (v${newest}) is newer than this Herodotus (v${known}); upgrade Herodotus`);
    return MIGRATIONS.filter((m) => !applied.has(m.version));
  };
  if (pending().length === 0) return;
  // Under the write lock, what is pending is read again: processes opening a new file at once (queue workers)
  // apply each migration once, the first one all of them, the others none.
  db.transaction(() => {
    for (const migration of pending()) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
    }
  }).immediate();
}

export class SqliteStore implements Store {
  /** Prepared once: exports read documents one by one. */
  private documentById: Database.Statement | undefined;
  readonly db: Database.Database;
  private readonly linking: SqliteLinking;
  private readonly linked: boolean;
  /** The actor index (schema v7); absent in an older database opened read-only. */
  private readonly actorIndex: SqliteActorIndex | undefined;
  constructor(db: Database.Database) {
    this.db = db;
    this.linking = new SqliteLinking(db);
    this.linked = Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'clusters'").get());
    this.actorIndex = SqliteActorIndex.available(db) ? new SqliteActorIndex(db) : undefined;
  }

  /** Indexes and links documents stored before clusters existed; returns how many. */
  backfill(): number {
    if (!this.linked) return 0;
    const run = this.db.transaction(() => this.linking.backfill((key) => this.loadCoded(key)));
    return run.immediate();
  }

  private loadCoded(key: number): CodedDocument | null {
    const row = this.db.prepare('SELECT id FROM documents WHERE key = ?').get(key) as { id: string } | undefined;
    if (!row) return null;
    const r = this.db.prepare('SELECT text, coded_json FROM documents WHERE key = ?').get(key) as { text: string; coded_json: string };
    return withAllLayers({ ...(JSON.parse(r.coded_json) as Omit<CodedDocument, 'text'>), text: r.text } as CodedDocument);
  }

  private requireClusters(): void {
    if (!this.linked) throw new StoreError('NEEDS_UPGRADE', 'this database was made by an older Herodotus and has no event clusters yet; run `herodotus relink --db FILE` once to add them');
  }

  async findDocument(contentHash: string, url?: string): Promise<string | null> {
    return this.findSync(contentHash, url)?.id ?? null;
  }

  private findSync(contentHash: string, url?: string): { id: string; byUrl: boolean } | null {
    const byHash = this.db.prepare('SELECT id FROM documents WHERE content_hash = ?').get(contentHash) as { id: string } | undefined;
    if (byHash) return { id: byHash.id, byUrl: false };
    if (url) {
      const byUrl = this.db.prepare('SELECT id FROM documents WHERE url = ?').get(url) as { id: string } | undefined;
      if (byUrl) return { id: byUrl.id, byUrl: true };
    }
    return null;
  }

  private insertLayers(key: number, coded: CodedDocument): void {
    const insertEntity = this.db.prepare(`INSERT INTO entities (document_key, entity_id, type, text, start, end, cluster) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const insertEvent = this.db.prepare(`INSERT INTO events (document_key, event_id, sentence, trigger_text, trigger_start, trigger_end,
        source_code, source_name, source_country, target_code, target_name, target_country, cameo_code, cameo_root, quad_class, goldstein,
        plover_type, plover_mode, plover_contexts, event_date, date_precision, date_basis, place_name, place_country, lat, lon, negated, future, hypothetical, confidence, rule, coder)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertActor = this.db.prepare(`INSERT INTO actors (document_key, actor_id, name, code, country, sectors, title, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertRole = this.db.prepare(`INSERT INTO actor_roles (document_key, document_id, published, name, name_key, country, sectors, title, evidence)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const e of coded.entities) insertEntity.run(key, e.id, e.type, e.text, e.start, e.end, e.cluster ?? null);
    for (const ev of coded.events) {
      insertEvent.run(key, ev.id, ev.sentence, ev.trigger.text, ev.trigger.start, ev.trigger.end,
        ev.source?.code ?? null, ev.source?.name ?? null, countryOf(ev.source?.code),
        ev.target?.code ?? null, ev.target?.name ?? null, countryOf(ev.target?.code),
        ev.cameo.code, ev.cameo.root, ev.cameo.quadClass, ev.cameo.goldstein, ev.plover.type, ev.plover.mode ?? null, ev.plover.contexts.join(','),
        ev.date.value, ev.date.precision, ev.date.basis,
        ev.place?.name ?? null, ev.place?.country ?? null, ev.place?.lat ?? null, ev.place?.lon ?? null,
        ev.modality.negated ? 1 : 0, ev.modality.future ? 1 : 0, ev.modality.hypothetical ? 1 : 0,
        ev.confidence, ev.rule, ev.coder);
    }
    for (const a of coded.actors ?? []) insertActor.run(key, a.id, a.name, a.code, a.country, a.sectors.join(','), a.title ?? null, a.basis ?? null);
    // Roles are learned only from dated stories: lookups compare publication dates.
    if (coded.published) {
      for (const r of coded.roles ?? []) {
        insertRole.run(key, coded.id, coded.published, r.name, foldName(r.name), r.country, r.sectors.join(','), r.title ?? null, coded.text.slice(r.start, r.end));
      }
    }
  }

  async saveDocuments(batch: ReadonlyArray<{ coded: CodedDocument; provenance: DocumentProvenance }>): Promise<SaveOutcome[]> {
    const insertDoc = this.db.prepare(`INSERT INTO documents (id, content_hash, url, source, title, published, language, text, origin, coded_json, coder_version, stored_at, coder_key, coded_at)
      VALUES (@id, @contentHash, @url, @source, @title, @published, @language, @text, @origin, @json, @coder, @storedAt, @coderKey, @storedAt)`);
    const run = this.db.transaction((items: typeof batch): SaveOutcome[] => {
      const outcomes: SaveOutcome[] = [];
      const seeds: LinkMention[] = [];
      const affected = new Set<number>();
      for (const { coded, provenance } of items) {
        const existing = this.findSync(provenance.contentHash, coded.url);
        if (existing) {
          outcomes.push({ stored: false, reason: existing.byUrl ? 'duplicate-url' : 'duplicate-hash', existingId: existing.id });
          continue;
        }
        const { text, ...rest } = coded;
        const info = insertDoc.run({
          id: coded.id,
          contentHash: provenance.contentHash,
          url: coded.url ?? null,
          source: coded.source ?? null,
          title: coded.title ?? null,
          published: coded.published,
          language: coded.language,
          text,
          origin: provenance.origin ?? null,
          json: JSON.stringify(rest),
          coder: VERSION,
          storedAt: new Date().toISOString(),
          coderKey: this.linking.coderKey(provenance.coder ?? PACKAGE_CODER),
        });
        const key = Number(info.lastInsertRowid);
        this.insertLayers(key, coded);
        const indexed = this.linking.indexDocument(key, coded, this.linking.coderKey(provenance.coder ?? PACKAGE_CODER));
        seeds.push(...indexed.mentions);
        for (const d of indexed.documents) affected.add(d);
        outcomes.push({ stored: true, documentKey: key, events: coded.events.length });
      }
      // One linking pass per batch: the components of all new mentions are clustered once.
      this.linking.link(seeds);
      this.linking.refreshCounts(this.linking.clustersOfDocuments(affected));
      return outcomes;
    });
    try {
      return run.immediate(batch);
    } catch (error) {
      if (isBusy(error)) throw new StoreError('LOCKED', 'the database is locked by another process; nothing from this batch was written');
      throw error;
    }
  }

  async replaceCoding(id: string, coded: CodedDocument, coder?: CoderVersion): Promise<void> {
    const run = this.db.transaction(() => {
      const row = this.db.prepare('SELECT key FROM documents WHERE id = ? ORDER BY key LIMIT 1').get(id) as { key: number } | undefined;
      if (!row) throw new Error(`no stored document ${id}`);
      const now = new Date().toISOString();
      // The coding being replaced stays queryable (codings, clustersAsOf).
      this.db
        .prepare(`INSERT INTO codings (document_key, coder_version, coder_key, coded_at, superseded_at, coded_json)
          SELECT key, coder_version, coder_key, COALESCE(coded_at, stored_at), ?, coded_json FROM documents WHERE key = ?`)
        .run(now, row.key);
      const before = this.linking.componentBeforeRemoval(row.key);
      this.linking.dropFullText(row.key);
      for (const table of ['entities', 'events', 'actors', 'actor_roles', 'document_countries']) this.db.prepare(`DELETE FROM ${table} WHERE document_key = ?`).run(row.key);
      const { text, ...rest } = coded;
      void text;
      const coderKey = this.linking.coderKey(coder ?? PACKAGE_CODER);
      this.db.prepare('UPDATE documents SET coded_json = ?, coder_version = ?, coder_key = ?, coded_at = ? WHERE key = ?').run(JSON.stringify(rest), VERSION, coderKey, now, row.key);
      this.insertLayers(row.key, coded);
      const indexed = this.linking.indexDocument(row.key, coded, coderKey);
      this.linking.link([...before.keep, ...indexed.mentions], before.oldClusters);
    });
    try {
      run.immediate();
    } catch (error) {
      if (isBusy(error)) throw new StoreError('LOCKED', 'the database is locked by another process; nothing was changed');
      throw error;
    }
  }

  async actorRoles(): Promise<ActorRoleRecord[]> {
    const rows = this.db
      .prepare('SELECT name, country, sectors, title, document_id AS documentId, published, evidence FROM actor_roles ORDER BY published, document_id, key')
      .all() as Array<Omit<ActorRoleRecord, 'sectors' | 'title'> & { sectors: string; title: string | null }>;
    return rows.map(({ sectors, title, ...r }) => ({ ...r, sectors: sectors ? sectors.split(',') : [], ...(title ? { title } : {}) }));
  }

  async actorSummaries(query: { name?: string } = {}): Promise<ActorSummary[]> {
    const filter = query.name ? `WHERE name LIKE @name ESCAPE '\\'` : '';
    // The title, evidence and document of a role are those of the latest story stating it.
    const latest = (column: string): string =>
      `(SELECT ${column} FROM actor_roles r2 WHERE r2.name = r.name AND r2.country = r.country AND r2.sectors = r.sectors ORDER BY published DESC, document_id DESC, key DESC LIMIT 1)`;
    const rows = this.db
      .prepare(`SELECT name, country, sectors, ${latest('title')} AS title, MIN(published) AS firstSeen, MAX(published) AS lastSeen, COUNT(DISTINCT document_id) AS documents,
          ${latest('evidence')} AS evidence, ${latest('document_id')} AS documentId
        FROM actor_roles r ${filter}
        GROUP BY name, country, sectors
        ORDER BY name, firstSeen`)
      .all(query.name ? { name: `%${query.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } : {}) as Array<Omit<ActorSummary, 'sectors' | 'title'> & { sectors: string; title: string | null }>;
    return rows.map(({ sectors, title, ...r }) => ({ ...r, sectors: sectors ? sectors.split(',') : [], ...(title ? { title } : {}) }));
  }

  async documentsMentioning(words: readonly string[], after: string): Promise<Array<{ id: string; published: string }>> {
    if (words.length === 0) return [];
    const likes = words.map((_, i) => `text LIKE @w${i}`).join(' OR ');
    const params: Record<string, string> = { after };
    words.forEach((w, i) => (params[`w${i}`] = `%${w}%`));
    return this.db.prepare(`SELECT DISTINCT id, published FROM documents WHERE published IS NOT NULL AND published >= @after AND (${likes}) ORDER BY published, id`).all(params) as Array<{ id: string; published: string }>;
  }

  async getDocument(id: string): Promise<CodedDocument | null> {
    this.documentById ??= this.db.prepare('SELECT text, coded_json FROM documents WHERE id = ? ORDER BY key LIMIT 1');
    const row = this.documentById.get(id) as { text: string; coded_json: string } | undefined;
    return row ? codedFromRow(row) : null;
  }

  async documentPage(query: DocumentPageQuery): Promise<StoredDocument[]> {
    const where = ['key > @after'];
    if (query.asOf) where.push("stored_at <= @asOf || '\uffff'");
    const rows = this.db
      .prepare(`SELECT key, stored_at, text, coded_json FROM documents WHERE ${where.join(' AND ')} ORDER BY key LIMIT @limit`)
      .all({ after: query.afterKey ?? 0, limit: Math.max(1, Math.floor(query.limit)), ...(query.asOf ? { asOf: query.asOf } : {}) }) as Array<{ key: number; stored_at: string; text: string; coded_json: string }>;
    return rows.map((r) => ({ key: r.key, storedAt: r.stored_at, coded: codedFromRow(r) }));
  }

  async countDocuments(query: { asOf?: string } = {}): Promise<number> {
    const row = query.asOf
      ? this.db.prepare("SELECT COUNT(*) AS n FROM documents WHERE stored_at <= ? || '\uffff'").get(query.asOf)
      : this.db.prepare('SELECT COUNT(*) AS n FROM documents').get();
    return (row as { n: number }).n;
  }

  async events(query: EventQuery = {}): Promise<StoredEvent[]> {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (query.from) {
      where.push('e.event_date >= @from');
      params.from = query.from;
    }
    if (query.to) {
      where.push("e.event_date <= @to || '\uffff'");
      params.to = query.to;
    }
    if (query.country) {
      where.push('(e.source_country = @country OR e.target_country = @country OR e.place_country = @country)');
      params.country = query.country.toUpperCase();
    }
    if (query.actor) {
      where.push("(e.source_code LIKE @actor ESCAPE '\\' OR e.target_code LIKE @actor ESCAPE '\\' OR e.source_name LIKE @actor ESCAPE '\\' OR e.target_name LIKE @actor ESCAPE '\\')");
      params.actor = `%${query.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (query.cameo) {
      where.push("e.cameo_code LIKE @cameo ESCAPE '\\'");
      params.cameo = `${query.cameo.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const limit = query.limit && query.limit > 0 ? `LIMIT ${Math.floor(query.limit)}` : '';
    const rows = this.db
      .prepare(`SELECT d.id AS documentId, e.event_id AS eventId, e.event_date AS date, e.date_precision AS datePrecision,
          e.source_code AS sourceCode, e.source_name AS sourceName, e.target_code AS targetCode, e.target_name AS targetName,
          e.cameo_code AS cameo, e.quad_class AS quadClass, e.goldstein, e.plover_type AS plover, e.place_name AS placeName,
          e.place_country AS placeCountry, e.trigger_text AS trigger, e.rule, e.confidence
        FROM events e JOIN documents d ON d.key = e.document_key
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY e.event_date, d.id, e.key ${limit}`)
      .all(params) as StoredEvent[];
    return rows;
  }

  async stats(): Promise<StoreStats> {
    const count = (table: string): number => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { documents: count('documents'), events: count('events'), entities: count('entities'), actors: count('actors'), actorRoles: count('actor_roles') };
  }

  async clusters(query: ClusterQuery = {}): Promise<EventCluster[]> {
    this.requireClusters();
    const { actor, limit } = query;
    if (actor && limit && limit > 0 && this.actorIndex) {
      const listed = await listByActor(this.actorIndex, { ...query, actor, limit });
      if (listed) return listed;
    }
    return queryClusters(this.db, query);
  }

  async countClusters(query: ClusterQuery = {}): Promise<number> {
    this.requireClusters();
    return countClusters(this.db, query);
  }

  async cluster(id: string): Promise<EventCluster | null> {
    this.requireClusters();
    return clusterById(this.db, id);
  }

  async clusterMentions(id: string): Promise<ClusterMention[]> {
    this.requireClusters();
    return clusterMentions(this.db, id);
  }

  async aggregate(query: AggregateQuery): Promise<{ rows: AggregateRow[]; coarser: number }> {
    const { by, group, limit, ...filters } = query;
    void limit;
    return aggregateClusters(await this.clusters(filters), by, group ?? 'none');
  }

  async topActors(query: ClusterQuery = {}): Promise<ActorCount[]> {
    const { limit, ...filters } = query;
    return topActorsOf(await this.clusters(filters), limit);
  }

  async countryMonthPanel(query: ClusterQuery = {}): Promise<PanelRow[]> {
    const { limit, ...filters } = query;
    void limit;
    return countryMonthPanelOf(await this.clusters(filters), panelDenominators(this.db));
  }

  async relink(): Promise<{ clusters: number; mentions: number }> {
    this.requireClusters();
    try {
      return this.db.transaction(() => this.linking.relinkAll()).immediate();
    } catch (error) {
      if (isBusy(error)) throw new StoreError('LOCKED', 'the database is locked by another process; nothing was changed');
      throw error;
    }
  }

  async clustersAsOf(asOf: string, query: ClusterQuery = {}): Promise<EventCluster[]> {
    this.requireClusters();
    return clustersAsOf(this.db, asOf, query);
  }

  async clusterMentionsAsOf(asOf: string, query: ClusterQuery = {}): Promise<ClusterMention[]> {
    this.requireClusters();
    return clusterMentionsAsOf(this.db, asOf, query);
  }

  async codings(documentId: string): Promise<CodingRecord[]> {
    this.requireClusters();
    return codingsOf(this.db, documentId);
  }

  async documentIds(query: { publishedSince?: string } = {}): Promise<string[]> {
    const rows = query.publishedSince
      ? this.db.prepare('SELECT id FROM documents WHERE published >= ? GROUP BY id ORDER BY MIN(published), id').all(query.publishedSince)
      : this.db.prepare('SELECT id FROM documents GROUP BY id ORDER BY MIN(COALESCE(published, stored_at)), id').all();
    return (rows as Array<{ id: string }>).map((r) => r.id);
  }

  async linkStats(): Promise<LinkStats> {
    this.requireClusters();
    const count = (sql: string): number => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      clusters: count('SELECT COUNT(*) AS n FROM clusters'),
      mentions: count('SELECT COUNT(*) AS n FROM mentions'),
      stories: count('SELECT COUNT(DISTINCT story) AS n FROM syndication'),
      coders: count('SELECT COUNT(*) AS n FROM coders'),
      earlierCodings: count('SELECT COUNT(*) AS n FROM codings'),
    };
  }

  private watchTables?: WatchTables;
  private get watch(): WatchTables {
    return (this.watchTables ??= new WatchTables(this.db));
  }

  async feedStatus(): Promise<FeedStatus[]> {
    return this.watch.feedStatus();
  }

  async feedState(url: string): Promise<FeedState | null> {
    return this.watch.feedState(url);
  }

  async recordFeedPoll(url: string, poll: { at: string; status: string; ok: boolean; etag?: string | null; lastModified?: string | null; error?: string }): Promise<void> {
    this.watch.recordFeedPoll(url, poll);
  }

  async feedItem(feedUrl: string, key: string): Promise<FeedItemState | null> {
    return this.watch.feedItem(feedUrl, key);
  }

  async recordFeedItem(feedUrl: string, key: string, item: { at: string; url: string | null; status: string; attempt: boolean; documentId?: string; detail?: string }): Promise<void> {
    this.watch.recordFeedItem(feedUrl, key, item);
  }

  async watchedFile(path: string): Promise<WatchedFile | null> {
    return this.watch.watchedFile(path);
  }

  async recordWatchedFile(file: WatchedFile & { at: string }): Promise<void> {
    this.watch.recordWatchedFile(file);
  }

  private correctionTables?: CorrectionTables;
  private get correctionLayer(): CorrectionTables {
    return (this.correctionTables ??= new CorrectionTables(this.db, (id) => {
      const row = this.db.prepare('SELECT text, coded_json FROM documents WHERE id = ? ORDER BY key LIMIT 1').get(id) as { text: string; coded_json: string } | undefined;
      return row ? codedFromRow(row) : null;
    }));
  }

  async addCorrection(input: CorrectionInput): Promise<Correction> {
    this.requireClusters();
    try {
      return await this.correctionLayer.add(input);
    } catch (error) {
      if (isBusy(error)) throw new StoreError('LOCKED', 'the database is locked by another process; the correction was not stored');
      throw error;
    }
  }

  async corrections(): Promise<Correction[]> {
    this.requireClusters();
    return this.correctionLayer.all();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
