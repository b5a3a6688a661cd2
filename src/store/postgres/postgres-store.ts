/**
 * The PostgreSQL store: the `Store` interface over a pool of connections (node-postgres), for several
 * processes — ingest workers, watchers, API servers — on one database. Reads run on any pooled connection.
 * Writes run in one transaction each that first takes the store's write lock (a transaction-level advisory
 * lock), so documents, their syndication groups and their clusters are decided one batch at a time, exactly
 * as if the batches had been saved one after the other; unique content hashes and URLs back that up.
 */
import pg from 'pg';
import type { CodedDocument } from '../../core/contract.js';
import { foldName } from '../../knowledge/actors/lexicon.js';
import { aggregateClusters, countryMonthPanelOf, topActorsOf } from '../../link/aggregate.js';
import { VERSION } from '../../version.js';
import { codedFromRow, escapeLike, eventCountryOf, PACKAGE_CODER } from '../rows.js';
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
  type FeedItemState,
  type FeedState,
  type FeedStatus,
  type LinkStats,
  type PanelRow,
  type SaveOutcome,
  type Store,
  type StoreStats,
  type StoredDocument,
  type StoredEvent,
  type WatchedFile,
  type Correction,
  type CorrectionInput,
} from '../store.js';
import { listByActor } from '../actor-listing.js';
import { PgActorIndex } from './actor-index.js';
import { clusterById, clusterMentions, clusterMentionsAsOf, clustersAsOf, codingsOf, countClusters, panelDenominators, queryClusters } from './clusters.js';
import { PgLinking, type EventRef, type IndexedDocument } from './linking.js';
import { parsePostgresLocation, redactLocation, withDatabase, type PgLocation } from './location.js';
import { PG_MIGRATIONS } from './migrations.js';
import { partitionMonth, Partitions } from './partitions.js';
import { insertRows, Params, storable, TYPE_PARSERS, type Client, type Column, type Queryable } from './sql.js';
import * as watch from './watch-state.js';
import { addCorrection, allCorrections } from './corrections.js';

const APPLICATION = 'herodotus';
/** Advisory lock keys (two 32-bit halves): "HRDT" and what is locked. */
const LOCK_SPACE = 0x48524454;
const WRITE_LOCK = 1;
const MIGRATION_LOCK = 2;

const ENTITY_COLUMNS: readonly Column[] = [['document_key', 'bigint'], ['entity_id', 'text'], ['type', 'text'], ['text', 'text'], ['start', 'integer'], ['"end"', 'integer'], ['cluster', 'text']];
const EVENT_COLUMNS: readonly Column[] = [
  ['document_key', 'bigint'], ['event_month', 'date'], ['event_id', 'text'], ['sentence', 'integer'], ['trigger_text', 'text'], ['trigger_start', 'integer'], ['trigger_end', 'integer'],
  ['source_code', 'text'], ['source_name', 'text'], ['source_country', 'text'], ['target_code', 'text'], ['target_name', 'text'], ['target_country', 'text'],
  ['cameo_code', 'text'], ['cameo_root', 'text'], ['quad_class', 'integer'], ['goldstein', 'float8'], ['plover_type', 'text'], ['plover_mode', 'text'], ['plover_contexts', 'text'],
  ['event_date', 'text'], ['date_precision', 'text'], ['date_basis', 'text'], ['place_name', 'text'], ['place_country', 'text'], ['lat', 'float8'], ['lon', 'float8'],
  ['negated', 'boolean'], ['future', 'boolean'], ['hypothetical', 'boolean'], ['confidence', 'float8'], ['rule', 'text'], ['coder', 'text'],
];
const ACTOR_COLUMNS: readonly Column[] = [['document_key', 'bigint'], ['actor_id', 'text'], ['name', 'text'], ['code', 'text'], ['country', 'text'], ['sectors', 'text'], ['title', 'text'], ['basis', 'text']];
const ROLE_COLUMNS: readonly Column[] = [
  ['document_key', 'bigint'], ['document_id', 'text'], ['published', 'text'], ['name', 'text'], ['name_key', 'text'], ['country', 'text'], ['sectors', 'text'], ['title', 'text'], ['evidence', 'text'],
];

/** An error's message, any connection URL in it with its password masked. */
const reason = (error: unknown): string => (error as Error).message.replace(/postgres(ql)?:\/\/\S+/gi, (url) => redactLocation(url));

function pool(location: PgLocation, readonly: boolean, connectionString = location.connectionString): pg.Pool {
  const p = new pg.Pool({
    connectionString,
    max: location.poolSize,
    types: TYPE_PARSERS,
    application_name: 'herodotus',
    // A read-only store cannot write even by mistake: the server refuses.
    ...(readonly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // An idle connection the server drops is an error event on the pool; the next query gets a new connection.
  p.on('error', () => {});
  return p;
}

/** Creates the database the location names, through the server's `postgres` database (as SQLite creates a missing file). */
async function createDatabase(location: PgLocation): Promise<void> {
  const admin = pool({ ...location, poolSize: 1 }, false, withDatabase(location.connectionString, 'postgres'));
  try {
    await admin.query(`CREATE DATABASE "${location.database.replace(/"/g, '""')}"`);
  } catch (error) {
    // Another process created it first.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await admin.end();
  }
}

/** Opens (creating the schema, and the database, if needed) a Herodotus PostgreSQL store. A database that is not ours is left untouched. */
export async function openPostgresStore(location: string, options: { readonly?: boolean } = {}): Promise<PostgresStore> {
  let where: PgLocation;
  try {
    where = parsePostgresLocation(location);
  } catch (error) {
    throw new StoreError('UNREADABLE', reason(error));
  }
  const readonly = options.readonly ?? false;
  let db = pool(where, readonly);
  try {
    try {
      await db.query('SELECT 1');
    } catch (error) {
      if ((error as { code?: string }).code !== '3D000' || readonly) throw error;
      await db.end();
      await createDatabase(where);
      db = pool(where, readonly);
      await db.query('SELECT 1');
    }
  } catch (error) {
    await db.end().catch(() => {});
    if ((error as { code?: string }).code === '3D000') throw new StoreError('UNREADABLE', `database ${where.display} does not exist`);
    throw new StoreError('UNREADABLE', `cannot connect to ${where.display}: ${reason(error)}`);
  }
  try {
    const { rows } = await db.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name");
    const tables = rows.map((r) => r.name);
    if (tables.length > 0) {
      const marker = tables.includes('herodotus_meta') ? (await db.query<{ value: string }>("SELECT value FROM herodotus_meta WHERE key = 'application'")).rows[0] : undefined;
      if (marker?.value !== APPLICATION) {
        throw new StoreError('NOT_HERODOTUS', `${where.display} is a PostgreSQL database but not a Herodotus one (tables: ${tables.slice(0, 5).join(', ')}); left untouched`);
      }
    } else if (readonly) {
      throw new StoreError('UNREADABLE', `database ${where.display} holds no Herodotus store yet`);
    }
    if (!readonly) await migrate(db);
    const store = new PostgresStore(db, where);
    await store.load();
    return store;
  } catch (error) {
    await db.end().catch(() => {});
    throw error;
  }
}

/** Runs `body` in a transaction that holds the advisory lock `lock`. */
async function inTransaction<T>(db: pg.Pool, lock: number, body: (tx: Client) => Promise<T>): Promise<T> {
  const tx = await db.connect();
  let broken: Error | undefined;
  try {
    await tx.query('BEGIN');
    await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_SPACE, lock]);
    const result = await body(tx);
    await tx.query('COMMIT');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK').catch((e: Error) => {
      broken = e;
    });
    throw error;
  } finally {
    tx.release(broken);
  }
}

async function migrate(db: pg.Pool): Promise<void> {
  const known = Math.max(...PG_MIGRATIONS.map((m) => m.version));
  await inTransaction(db, MIGRATION_LOCK, async (tx) => {
    await tx.query(`CREATE TABLE IF NOT EXISTS herodotus_meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
      CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
    await tx.query("INSERT INTO herodotus_meta (key, value) VALUES ('application', $1) ON CONFLICT DO NOTHING", [APPLICATION]);
  });
  for (const migration of PG_MIGRATIONS) {
    // Each migration in its own transaction, under the migration lock: two processes opening a new database migrate it once.
    await inTransaction(db, MIGRATION_LOCK, async (tx) => {
      const applied = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      const newest = Math.max(0, ...applied);
      if (newest > known) throw new StoreError('NEWER_SCHEMA', `the database schema (v${newest}) is newer than this Herodotus (v${known}); upgrade Herodotus`);
      if (applied.has(migration.version)) return;
      await tx.query(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, new Date().toISOString()]);
    });
  }
}

interface NewDocument {
  documentKey: number;
  coded: CodedDocument;
}

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  readonly location: PgLocation;
  readonly partitions = new Partitions();
  private readonly linking = new PgLinking();
  /** The actor index (schema v7); absent in an older database opened read-only. */
  private actorIndex: PgActorIndex | undefined;
  private closed = false;

  constructor(db: pg.Pool, location: PgLocation) {
    this.pool = db;
    this.location = location;
  }

  /** Reads what the schema offers (once, when the store opens). */
  async load(): Promise<void> {
    await this.partitions.load(this.pool);
    const { rows } = await this.pool.query<{ found: boolean }>("SELECT to_regclass('cluster_actors') IS NOT NULL AS found");
    this.actorIndex = rows[0].found ? new PgActorIndex(this.pool) : undefined;
  }

  /** Runs a write: one transaction holding the write lock; month partitions it creates are remembered once it commits. */
  private async write<T>(body: (tx: Client, ensureMonths: (months: Iterable<string>) => Promise<void>) => Promise<T>): Promise<T> {
    const created: string[] = [];
    const result = await inTransaction(this.pool, WRITE_LOCK, (tx) => body(tx, async (months) => void created.push(...(await this.partitions.ensure(tx, months)))));
    this.partitions.created(created);
    return result;
  }

  async findDocument(contentHash: string, url?: string): Promise<string | null> {
    return (await this.find(this.pool, contentHash, url))?.id ?? null;
  }

  private async find(db: Queryable, contentHash: string, url?: string): Promise<{ id: string; byUrl: boolean } | null> {
    const byHash = await db.query<{ id: string }>('SELECT id FROM documents WHERE content_hash = $1', [contentHash]);
    if (byHash.rows.length) return { id: byHash.rows[0].id, byUrl: false };
    if (url) {
      const byUrl = await db.query<{ id: string }>('SELECT id FROM documents WHERE url = $1', [url]);
      if (byUrl.rows.length) return { id: byUrl.rows[0].id, byUrl: true };
    }
    return null;
  }

  /** Inserts the layers of stored documents (entities, events, actors, roles); returns each document's event rows by event id. */
  private async insertLayers(tx: Client, ensureMonths: (months: Iterable<string>) => Promise<void>, docs: readonly NewDocument[]): Promise<Map<number, Map<string, EventRef>>> {
    const entities: unknown[][] = [];
    const events: unknown[][] = [];
    const actors: unknown[][] = [];
    const roles: unknown[][] = [];
    for (const { documentKey: key, coded } of docs) {
      for (const e of coded.entities) entities.push([key, e.id, e.type, e.text, e.start, e.end, e.cluster ?? null]);
      for (const ev of coded.events) {
        events.push([
          key, partitionMonth({ date: ev.date.value, precision: ev.date.precision, basis: ev.date.basis }), ev.id, ev.sentence, ev.trigger.text, ev.trigger.start, ev.trigger.end,
          ev.source?.code ?? null, ev.source?.name ?? null, eventCountryOf(ev.source?.code), ev.target?.code ?? null, ev.target?.name ?? null, eventCountryOf(ev.target?.code),
          ev.cameo.code, ev.cameo.root, ev.cameo.quadClass, ev.cameo.goldstein, ev.plover.type, ev.plover.mode ?? null, ev.plover.contexts.join(','),
          ev.date.value, ev.date.precision, ev.date.basis, ev.place?.name ?? null, ev.place?.country ?? null, ev.place?.lat ?? null, ev.place?.lon ?? null,
          ev.modality.negated, ev.modality.future, ev.modality.hypothetical, ev.confidence, ev.rule, ev.coder,
        ]);
      }
      for (const a of coded.actors ?? []) actors.push([key, a.id, a.name, a.code, a.country, a.sectors.join(','), a.title ?? null, a.basis ?? null]);
      // Roles are learned only from dated stories: lookups compare publication dates.
      if (coded.published) {
        for (const r of coded.roles ?? []) roles.push([key, coded.id, coded.published, r.name, foldName(r.name), r.country, r.sectors.join(','), r.title ?? null, coded.text.slice(r.start, r.end)]);
      }
    }
    await insertRows(tx, 'entities', ENTITY_COLUMNS, entities);
    await ensureMonths(events.map((e) => e[1] as string));
    const inserted = await insertRows<{ key: number; event_month: string; document_key: number; event_id: string }>(tx, 'events', EVENT_COLUMNS, events, 'RETURNING key, event_month, document_key, event_id');
    await insertRows(tx, 'actors', ACTOR_COLUMNS, actors);
    await insertRows(tx, 'actor_roles', ROLE_COLUMNS, roles);
    const refs = new Map<number, Map<string, EventRef>>(docs.map((d) => [d.documentKey, new Map()]));
    for (const r of inserted?.rows ?? []) refs.get(r.document_key)?.set(r.event_id, { key: r.key, month: r.event_month });
    return refs;
  }

  async saveDocuments(batch: ReadonlyArray<{ coded: CodedDocument; provenance: DocumentProvenance }>): Promise<SaveOutcome[]> {
    return this.write(async (tx, ensureMonths) => {
      const coderKeys = await this.linking.coderKeys(tx, batch.map((b) => b.provenance.coder ?? PACKAGE_CODER));
      const outcomes: SaveOutcome[] = [];
      const stored: Array<NewDocument & { coderKey: number }> = [];
      for (const { coded, provenance } of batch) {
        const { text, ...rest } = coded;
        const coderKey = coderKeys.get((provenance.coder ?? PACKAGE_CODER).fingerprint) as number;
        // One round trip: a stored document with this hash (first) or URL, else the new row.
        const { rows } = await tx.query<{ key: number | null; existing: string | null; by_hash: boolean | null }>(
          `WITH found AS (
              SELECT id, content_hash = $2 AS by_hash FROM documents WHERE content_hash = $2 OR url = NULLIF($3, '') ORDER BY by_hash DESC LIMIT 1),
            inserted AS (
              INSERT INTO documents (id, content_hash, url, source, title, published, language, text, origin, coded_json, coder_version, stored_at, coder_key, coded_at)
              SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12 WHERE NOT EXISTS (SELECT 1 FROM found)
              ON CONFLICT DO NOTHING RETURNING key)
            SELECT (SELECT key FROM inserted) AS key, (SELECT id FROM found) AS existing, (SELECT by_hash FROM found) AS by_hash`,
          [coded.id, provenance.contentHash, coded.url ?? null, coded.source ?? null, coded.title ?? null, coded.published, coded.language, text, provenance.origin ?? null, JSON.stringify(rest), VERSION, new Date().toISOString(), coderKey].map(storable),
        );
        const { key, existing, by_hash: byHash } = rows[0];
        if (key !== null) {
          stored.push({ documentKey: key, coded, coderKey });
          outcomes.push({ stored: true, documentKey: key, events: coded.events.length });
          continue;
        }
        // Stored before, or (ON CONFLICT) meanwhile by a writer outside the write lock: a duplicate all the same.
        const found = existing !== null ? { id: existing, byUrl: byHash === false } : await this.find(tx, provenance.contentHash, coded.url);
        outcomes.push({ stored: false, reason: found?.byUrl ? 'duplicate-url' : 'duplicate-hash', existingId: found?.id ?? coded.id });
      }
      const refs = await this.insertLayers(tx, ensureMonths, stored);
      const docs: IndexedDocument[] = stored.map((s) => ({ key: s.documentKey, coded: s.coded, coderKey: s.coderKey, events: refs.get(s.documentKey) ?? new Map() }));
      const indexed = await this.linking.indexDocuments(tx, docs);
      // One linking pass per batch: the components of all new mentions are clustered once.
      await this.linking.link(tx, indexed.mentions);
      await this.linking.refreshCounts(tx, await this.linking.clustersOfDocuments(tx, indexed.documents));
      return outcomes;
    });
  }

  async replaceCoding(id: string, coded: CodedDocument, coder?: CoderVersion): Promise<void> {
    await this.write(async (tx, ensureMonths) => {
      const { rows } = await tx.query<{ key: number }>('SELECT key FROM documents WHERE id = $1 ORDER BY key LIMIT 1', [id]);
      if (!rows.length) throw new Error(`no stored document ${id}`);
      const key = rows[0].key;
      const now = new Date().toISOString();
      // The coding being replaced stays queryable (codings, clustersAsOf).
      await tx.query(
        `INSERT INTO codings (document_key, coder_version, coder_key, coded_at, superseded_at, coded_json)
          SELECT key, coder_version, coder_key, COALESCE(coded_at, stored_at), $2, coded_json FROM documents WHERE key = $1`,
        [key, now],
      );
      const before = await this.linking.componentBeforeRemoval(tx, key);
      // Mentions (and their full-text words) go with their events.
      for (const table of ['entities', 'events', 'actors', 'actor_roles', 'document_countries']) await tx.query(`DELETE FROM ${table} WHERE document_key = $1`, [key]);
      const { text, ...rest } = coded;
      void text;
      const coderKey = (await this.linking.coderKeys(tx, [coder ?? PACKAGE_CODER])).get((coder ?? PACKAGE_CODER).fingerprint) as number;
      await tx.query('UPDATE documents SET coded_json = $1, coder_version = $2, coder_key = $3, coded_at = $4 WHERE key = $5', [JSON.stringify(rest), VERSION, coderKey, now, key]);
      const refs = await this.insertLayers(tx, ensureMonths, [{ documentKey: key, coded }]);
      const indexed = await this.linking.indexDocuments(tx, [{ key, coded, coderKey, events: refs.get(key) ?? new Map() }]);
      await this.linking.link(tx, [...before.keep, ...indexed.mentions], before.oldClusters);
    });
  }

  async actorRoles(): Promise<ActorRoleRecord[]> {
    const { rows } = await this.pool.query<Omit<ActorRoleRecord, 'sectors' | 'title'> & { sectors: string; title: string | null }>(
      'SELECT name, country, sectors, title, document_id AS "documentId", published, evidence FROM actor_roles ORDER BY published, document_id, key',
    );
    return rows.map(({ sectors, title, ...r }) => ({ ...r, sectors: sectors ? sectors.split(',') : [], ...(title ? { title } : {}) }));
  }

  async actorSummaries(query: { name?: string } = {}): Promise<ActorSummary[]> {
    const p = new Params();
    const filter = query.name ? `WHERE name ILIKE ${p.add(`%${escapeLike(query.name)}%`)}` : '';
    // The title, evidence and document of a role are those of the latest story stating it.
    const latest = (column: string): string =>
      `(SELECT ${column} FROM actor_roles r2 WHERE r2.name = r.name AND r2.country = r.country AND r2.sectors = r.sectors ORDER BY published DESC, document_id DESC, key DESC LIMIT 1)`;
    const { rows } = await this.pool.query<Omit<ActorSummary, 'sectors' | 'title'> & { sectors: string; title: string | null }>(
      `SELECT name, country, sectors, ${latest('title')} AS title, MIN(published) AS "firstSeen", MAX(published) AS "lastSeen", COUNT(DISTINCT document_id) AS documents,
          ${latest('evidence')} AS evidence, ${latest('document_id')} AS "documentId"
        FROM actor_roles r ${filter}
        GROUP BY name, country, sectors
        ORDER BY name, "firstSeen"`,
      p.values,
    );
    return rows.map(({ sectors, title, ...r }) => ({ ...r, sectors: sectors ? sectors.split(',') : [], ...(title ? { title } : {}) }));
  }

  async documentsMentioning(words: readonly string[], after: string): Promise<Array<{ id: string; published: string }>> {
    if (words.length === 0) return [];
    const p = new Params();
    const since = p.add(after);
    // As SQLite's LIKE without ESCAPE: % and _ in a word stay wildcards, nothing escapes them.
    const likes = words.map((w) => `text ILIKE ${p.add(`%${w}%`)} ESCAPE ''`).join(' OR ');
    const { rows } = await this.pool.query<{ id: string; published: string }>(`SELECT DISTINCT id, published FROM documents WHERE published IS NOT NULL AND published >= ${since} AND (${likes}) ORDER BY published, id`, p.values);
    return rows;
  }

  async getDocument(id: string): Promise<CodedDocument | null> {
    const { rows } = await this.pool.query<{ text: string; coded_json: string }>('SELECT text, coded_json FROM documents WHERE id = $1 ORDER BY key LIMIT 1', [id]);
    return rows.length ? codedFromRow(rows[0]) : null;
  }

  async documentPage(query: DocumentPageQuery): Promise<StoredDocument[]> {
    const p = new Params();
    const where = [`key > ${p.add(query.afterKey ?? 0)}`];
    if (query.asOf) where.push(`stored_at <= ${p.add(`${query.asOf}\uffff`)}`);
    const { rows } = await this.pool.query<{ key: number; stored_at: string; text: string; coded_json: string }>(
      `SELECT key, stored_at, text, coded_json FROM documents WHERE ${where.join(' AND ')} ORDER BY key LIMIT ${p.add(Math.max(1, Math.floor(query.limit)))}`,
      p.values,
    );
    return rows.map((r) => ({ key: r.key, storedAt: r.stored_at, coded: codedFromRow(r) }));
  }

  async countDocuments(query: { asOf?: string } = {}): Promise<number> {
    const { rows } = query.asOf
      ? await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM documents WHERE stored_at <= $1', [`${query.asOf}\uffff`])
      : await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM documents');
    return rows[0].n;
  }

  async events(query: EventQuery = {}): Promise<StoredEvent[]> {
    const p = new Params();
    const where: string[] = [];
    if (query.from) where.push(`e.event_date >= ${p.add(query.from)}`);
    if (query.to) where.push(`e.event_date <= ${p.add(`${query.to}\uffff`)}`);
    if (query.country) {
      const country = p.add(query.country.toUpperCase());
      where.push(`(e.source_country = ${country} OR e.target_country = ${country} OR e.place_country = ${country})`);
    }
    if (query.actor) {
      const actor = p.add(`%${escapeLike(query.actor)}%`);
      where.push(`(e.source_code ILIKE ${actor} OR e.target_code ILIKE ${actor} OR e.source_name ILIKE ${actor} OR e.target_name ILIKE ${actor})`);
    }
    if (query.cameo) where.push(`e.cameo_code ILIKE ${p.add(`${escapeLike(query.cameo)}%`)}`);
    const limit = query.limit && query.limit > 0 ? `LIMIT ${Math.floor(query.limit)}` : '';
    const { rows } = await this.pool.query<StoredEvent>(
      `SELECT d.id AS "documentId", e.event_id AS "eventId", e.event_date AS date, e.date_precision AS "datePrecision",
          e.source_code AS "sourceCode", e.source_name AS "sourceName", e.target_code AS "targetCode", e.target_name AS "targetName",
          e.cameo_code AS cameo, e.quad_class AS "quadClass", e.goldstein, e.plover_type AS plover, e.place_name AS "placeName",
          e.place_country AS "placeCountry", e.trigger_text AS trigger, e.rule, e.confidence
        FROM events e JOIN documents d ON d.key = e.document_key
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY e.event_date, d.id, e.key ${limit}`,
      p.values,
    );
    return rows;
  }

  async stats(): Promise<StoreStats> {
    const { rows } = await this.pool.query<StoreStats>(
      `SELECT (SELECT COUNT(*) FROM documents) AS documents, (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM entities) AS entities,
          (SELECT COUNT(*) FROM actors) AS actors, (SELECT COUNT(*) FROM actor_roles) AS "actorRoles"`,
    );
    return rows[0];
  }

  async clusters(query: ClusterQuery = {}): Promise<EventCluster[]> {
    const { actor, limit } = query;
    if (actor && limit && limit > 0 && this.actorIndex) {
      const listed = await listByActor(this.actorIndex, { ...query, actor, limit });
      if (listed) return listed;
    }
    return queryClusters(this.pool, query);
  }

  async countClusters(query: ClusterQuery = {}): Promise<number> {
    return countClusters(this.pool, query);
  }

  async cluster(id: string): Promise<EventCluster | null> {
    return clusterById(this.pool, id);
  }

  async clusterMentions(id: string): Promise<ClusterMention[]> {
    return clusterMentions(this.pool, id);
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
    return countryMonthPanelOf(await this.clusters(filters), await panelDenominators(this.pool));
  }

  async relink(): Promise<{ clusters: number; mentions: number }> {
    return this.write((tx) => this.linking.relinkAll(tx));
  }

  async clustersAsOf(asOf: string, query: ClusterQuery = {}): Promise<EventCluster[]> {
    return clustersAsOf(this.pool, asOf, query);
  }

  async clusterMentionsAsOf(asOf: string, query: ClusterQuery = {}): Promise<ClusterMention[]> {
    return clusterMentionsAsOf(this.pool, asOf, query);
  }

  async codings(documentId: string): Promise<CodingRecord[]> {
    return codingsOf(this.pool, documentId);
  }

  async documentIds(query: { publishedSince?: string } = {}): Promise<string[]> {
    const { rows } = query.publishedSince
      ? await this.pool.query<{ id: string }>('SELECT id FROM documents WHERE published >= $1 GROUP BY id ORDER BY MIN(published), id', [query.publishedSince])
      : await this.pool.query<{ id: string }>('SELECT id FROM documents GROUP BY id ORDER BY MIN(COALESCE(published, stored_at)), id');
    return rows.map((r) => r.id);
  }

  async linkStats(): Promise<LinkStats> {
    const { rows } = await this.pool.query<LinkStats>(
      `SELECT (SELECT COUNT(*) FROM clusters) AS clusters, (SELECT COUNT(*) FROM mentions) AS mentions, (SELECT COUNT(DISTINCT story) FROM syndication) AS stories,
          (SELECT COUNT(*) FROM coders) AS coders, (SELECT COUNT(*) FROM codings) AS "earlierCodings"`,
    );
    return rows[0];
  }

  async feedStatus(): Promise<FeedStatus[]> {
    return watch.feedStatus(this.pool);
  }

  async feedState(url: string): Promise<FeedState | null> {
    return watch.feedState(this.pool, url);
  }

  async recordFeedPoll(url: string, poll: { at: string; status: string; ok: boolean; etag?: string | null; lastModified?: string | null; error?: string }): Promise<void> {
    await watch.recordFeedPoll(this.pool, url, poll);
  }

  async feedItem(feedUrl: string, key: string): Promise<FeedItemState | null> {
    return watch.feedItem(this.pool, feedUrl, key);
  }

  async recordFeedItem(feedUrl: string, key: string, item: { at: string; url: string | null; status: string; attempt: boolean; documentId?: string; detail?: string }): Promise<void> {
    const tx = await this.pool.connect();
    try {
      await tx.query('BEGIN');
      await watch.recordFeedItem(tx, feedUrl, key, item);
      await tx.query('COMMIT');
    } catch (error) {
      await tx.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      tx.release();
    }
  }

  async watchedFile(path: string): Promise<WatchedFile | null> {
    return watch.watchedFile(this.pool, path);
  }

  async recordWatchedFile(file: WatchedFile & { at: string }): Promise<void> {
    await watch.recordWatchedFile(this.pool, file);
  }

  // — Corrections (issue #8): append-only; the latest correction of an event wins. —

  async addCorrection(input: CorrectionInput): Promise<Correction> {
    return addCorrection(this.pool, input, (id) => this.getDocument(id));
  }

  async corrections(): Promise<Correction[]> {
    return allCorrections(this.pool, (id) => this.getDocument(id));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
