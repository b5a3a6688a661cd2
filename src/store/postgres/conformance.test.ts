/** The store conformance suite against the PostgreSQL store: a fresh database per test (skipped without HERODOTUS_TEST_PG). */
import { after } from 'node:test';
import { storeConformance } from '../conformance/suite.js';
import { PgActorIndex } from './actor-index.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';
import { PG_SERVER, PG_SKIP, ScratchDatabases } from './test-database.js';

if (PG_SERVER) {
  const databases = new ScratchDatabases(PG_SERVER);
  after(() => databases.dropAll());
  storeConformance('PostgreSQL store conformance', {
    open: async () => openPostgresStore(await databases.create(2)),
    actorIndex: (store) => new PgActorIndex((store as PostgresStore).pool),
  });
} else {
  storeConformance('PostgreSQL store conformance', { skip: PG_SKIP });
}
