import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodedDocument } from '../../core/contract.js';
import type { EventRecord } from '../../core/layers.js';
import { StoreError } from '../store.js';
import { openSqliteStore } from './sqlite-store.js';

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'herodotus-store-')), 'test.db');
}

function event(id: string, date: string, source: string, target: string, cameo: string): EventRecord {
  return {
    id,
    sentence: 0,
    trigger: { text: 'met', start: 8, end: 11 },
    source: { code: source, name: source },
    target: { code: target, name: target },
    cameo: { code: cameo, root: cameo.slice(0, 2), quadClass: 1, goldstein: 1 },
    plover: { type: 'CONSULT', contexts: [] },
    date: { value: date, precision: 'day', basis: 'text' },
    place: { name: 'Washington', country: 'USA', lat: 38.9, lon: -77.04 },
    modality: { negated: false, future: false, hypothetical: false },
    confidence: 0.9,
    rule: 'test.meet',
    coder: 'test',
  };
}

function doc(id: string, text: string, events: EventRecord[] = [], url?: string): CodedDocument {
  return {
    id, published: '2024-01-13', language: 'en', text, ...(url ? { url } : {}),
    sentences: [{ start: 0, end: text.length }],
    entities: [{ id: 'e1', type: 'PERSON', text: text.slice(0, 7), start: 0, end: 7, prov: { stage: 'entities', version: '1' } }],
    actors: [], roles: [], dates: [], places: [], quantities: [], quotes: [], events, diagnostics: [],
  };
}

test('a file that is not a SQLite database, or a foreign SQLite database, is refused and left untouched', () => {
  const notDb = tempDb();
  writeFileSync(notDb, 'just some text, not a database');
  assert.throws(() => openSqliteStore(notDb), (e: unknown) => e instanceof StoreError && e.code === 'NOT_SQLITE');
  assert.equal(readFileSync(notDb, 'utf8'), 'just some text, not a database');

  const foreign = tempDb();
  const other = new Database(foreign);
  other.exec("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('Ada')");
  other.close();
  const before = readFileSync(foreign);
  assert.throws(() => openSqliteStore(foreign), (e: unknown) => e instanceof StoreError && e.code === 'NOT_HERODOTUS' && /customers/.test(e.message));
  assert.deepEqual(readFileSync(foreign), before);
});

test('migrations are recorded and a newer schema is refused', () => {
  const path = tempDb();
  openSqliteStore(path).db.close();
  const raw = new Database(path);
  assert.deepEqual(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all(), [{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }, { version: 6 }, { version: 7 }]);
  raw.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 'x')").run();
  raw.close();
  assert.throws(() => openSqliteStore(path), (e: unknown) => e instanceof StoreError && e.code === 'NEWER_SCHEMA');
});

test('a database locked by another writer gives a LOCKED error and loses nothing', async () => {
  const path = tempDb();
  const store = openSqliteStore(path);
  await store.saveDocuments([{ coded: doc('keep', 'Kept text.'), provenance: { contentHash: 'keep' } }]);
  const other = new Database(path, { timeout: 0 });
  other.exec('BEGIN IMMEDIATE');
  store.db.pragma('busy_timeout = 50');
  await assert.rejects(store.saveDocuments([{ coded: doc('new', 'New text.'), provenance: { contentHash: 'new' } }]), (e: unknown) => e instanceof StoreError && e.code === 'LOCKED');
  other.exec('ROLLBACK');
  other.close();
  assert.deepEqual(await store.stats(), { documents: 1, events: 0, entities: 1, actors: 0, actorRoles: 0 });
  await store.close();
});

test('events keep their PLOVER mode and contexts (migration 3), filled on save', async () => {
  const path = tempDb();
  const store = openSqliteStore(path);
  const e = { ...event('ev1', '2024-01-12', 'USAGOV', 'MEXGOV', '042'), plover: { type: 'CONSULT', mode: 'visit', contexts: ['migration', 'diplomatic'] } };
  await store.saveDocuments([{ coded: doc('a', 'Blinken visited Mexico City.', [e, event('ev2', '2024-01-12', 'MEXGOV', 'USAGOV', '040')]), provenance: { contentHash: 'a' } }]);
  const rows = store.db.prepare('SELECT event_id, plover_type, plover_mode, plover_contexts FROM events ORDER BY event_id').all();
  assert.deepEqual(rows, [
    { event_id: 'ev1', plover_type: 'CONSULT', plover_mode: 'visit', plover_contexts: 'migration,diplomatic' },
    { event_id: 'ev2', plover_type: 'CONSULT', plover_mode: null, plover_contexts: '' },
  ]);
  await store.close();
});

test('a database made before migration 3 is migrated on open; its events get mode and contexts from the stored JSON', async () => {
  const path = tempDb();
  // Build a version-2 database by hand: migrations 1 and 2 as they were, one stored document with two events.
  const { MIGRATIONS } = await import('./migrations.js');
  const old = new Database(path);
  old.exec(`CREATE TABLE herodotus_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);`);
  old.prepare("INSERT INTO herodotus_meta VALUES ('application', 'herodotus')").run();
  for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
    old.exec(m.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2024-01-01');
  }
  const events = [
    { ...event('ev1', '2024-01-12', 'MEXGOV', 'REF', '174'), plover: { type: 'COERCE', mode: 'deport', contexts: ['migration'] } },
    event('ev2', '2024-01-12', 'USAGOV', 'MEXGOV', '040'),
  ];
  old.prepare(`INSERT INTO documents (key, id, content_hash, language, text, coded_json, coder_version, stored_at) VALUES (1, 'old', 'h', 'en', 'x', ?, '0', 'now')`).run(JSON.stringify({ events }));
  const insert = old.prepare(`INSERT INTO events (document_key, event_id, sentence, trigger_text, trigger_start, trigger_end, cameo_code, cameo_root, quad_class, goldstein,
      plover_type, event_date, date_precision, date_basis, negated, future, hypothetical, confidence, rule, coder) VALUES (1, ?, 0, 't', 0, 1, ?, ?, 4, -5, ?, '2024-01-12', 'day', 'text', 0, 0, 0, 0.8, 'r', 'c')`);
  for (const e of events) insert.run(e.id, e.cameo.code, e.cameo.root, e.plover.type);
  old.close();

  const store = openSqliteStore(path);
  const rows = store.db.prepare('SELECT event_id, plover_mode, plover_contexts FROM events ORDER BY event_id').all();
  assert.deepEqual(rows, [
    { event_id: 'ev1', plover_mode: 'deport', plover_contexts: 'migration' },
    { event_id: 'ev2', plover_mode: null, plover_contexts: '' },
  ]);
  assert.deepEqual(store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all(), [{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }, { version: 6 }, { version: 7 }]);
  // and new documents are saved with the new columns
  await store.saveDocuments([{ coded: doc('new', 'New text.', [{ ...event('ev1', '2024-01-13', 'USAGOV', 'MEXGOV', '042'), plover: { type: 'CONSULT', mode: 'visit', contexts: [] } }]), provenance: { contentHash: 'new' } }]);
  assert.equal((store.db.prepare("SELECT COUNT(*) AS n FROM events WHERE plover_mode = 'visit'").get() as { n: number }).n, 1);
  await store.close();
});
