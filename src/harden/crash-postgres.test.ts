/**
 * Crash safety of `herodotus ingest` on PostgreSQL: the scenario of crash-scenario.ts in scratch databases on the
 * HERODOTUS_TEST_PG server (skipped without one). PostgreSQL has no integrity_check: consistency here is that no
 * event or mention is left without its document, no mention without its event or cluster, and no cluster without
 * a mention.
 */
import { test, before, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PG_SERVER, PG_SKIP, ScratchDatabases } from '../store/postgres/test-database.js';
import { crashScenario, KILLS, type CrashTarget, type Snapshot } from './crash-scenario.js';

let dir: string;
const scratch = PG_SERVER ? new ScratchDatabases(PG_SERVER) : undefined;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-crash-pg-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await scratch?.dropAll();
});

const ORPHANS = [
  'SELECT count(*)::int AS n FROM events e LEFT JOIN documents d ON d.key = e.document_key WHERE d.key IS NULL',
  'SELECT count(*)::int AS n FROM mentions m LEFT JOIN events e ON e.key = m.event_key AND e.event_month = m.event_month WHERE e.key IS NULL',
  'SELECT count(*)::int AS n FROM mentions m LEFT JOIN clusters c ON c.key = m.cluster_key WHERE c.key IS NULL',
  'SELECT count(*)::int AS n FROM clusters c WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.cluster_key = c.key)',
];

const postgres: CrashTarget = {
  location: async () => scratch!.missing(),
  async snapshot(url): Promise<Snapshot> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const one = async (sql: string): Promise<number> => (await client.query<{ n: number }>(sql)).rows[0].n;
      const problems: string[] = [];
      for (const sql of ORPHANS) if ((await one(sql)) > 0) problems.push(sql);
      return {
        integrity: problems.length === 0 ? 'ok' : `orphans: ${problems.join('; ')}`,
        documents: await one('SELECT count(*)::int AS n FROM documents'),
        distinctHashes: await one('SELECT count(DISTINCT content_hash)::int AS n FROM documents'),
        distinctIds: await one('SELECT count(DISTINCT id)::int AS n FROM documents'),
        events: await one('SELECT count(*)::int AS n FROM events'),
        ids: (await client.query<{ id: string }>('SELECT id FROM documents ORDER BY id')).rows.map((r) => r.id),
      };
    } finally {
      await client.end();
    }
  },
};

test(`PostgreSQL: ingest killed with SIGKILL ${KILLS} time(s) at seeded random moments, then completed, equals an uninterrupted run`, { skip: scratch ? false : PG_SKIP, timeout: 600_000 }, (t) => crashScenario(t, dir, postgres));
