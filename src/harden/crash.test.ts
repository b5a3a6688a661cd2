/** Crash safety of `herodotus ingest` on SQLite: the scenario of crash-scenario.ts on database files. */
import { test, before, after } from 'node:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { crashScenario, KILLS, type CrashTarget, type Snapshot } from './crash-scenario.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-crash-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const sqlite: CrashTarget = {
  location: async (name) => join(dir, `${name}.db`),
  async snapshot(db): Promise<Snapshot> {
    if (!existsSync(db)) throw new Error('no database yet');
    const conn = new Database(db, { readonly: true });
    try {
      const one = (sql: string): number => (conn.prepare(sql).get() as { n: number }).n;
      return {
        integrity: (conn.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; '),
        documents: one('SELECT count(*) AS n FROM documents'),
        distinctHashes: one('SELECT count(DISTINCT content_hash) AS n FROM documents'),
        distinctIds: one('SELECT count(DISTINCT id) AS n FROM documents'),
        events: one('SELECT count(*) AS n FROM events'),
        ids: (conn.prepare('SELECT id FROM documents ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id),
      };
    } finally {
      conn.close();
    }
  },
};

test(`SQLite: ingest killed with SIGKILL ${KILLS} time(s) at seeded random moments, then completed, equals an uninterrupted run`, (t) => crashScenario(t, dir, sqlite));
