/** The store conformance suite against the SQLite store: a fresh database file per test. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeConformance } from '../conformance/suite.js';
import { SqliteActorIndex } from './actor-index.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

storeConformance('SQLite store conformance', {
  open: async () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'herodotus-conformance-')), 'store.db')),
  actorIndex: (store) => new SqliteActorIndex((store as SqliteStore).db),
});
