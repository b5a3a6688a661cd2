/**
 * Worker threads: `code` and `ingest` over a pool give exactly what one thread gives — the same documents in
 * the same order, the same stored events, actors and learned roles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { makeCorpus } from '../bench/corpus.js';

const bin = fileURLToPath(new URL('./main.js', import.meta.url));
const seed = fileURLToPath(new URL('../../examples/', import.meta.url));

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '-q', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'herodotus-threads-'));
const corpus = join(dir, 'corpus');
spawnSync('mkdir', ['-p', corpus]);
for (const a of makeCorpus(100)) {
  writeFileSync(join(corpus, `${a.id}.txt`), a.text);
  writeFileSync(join(corpus, `${a.id}.meta.json`), JSON.stringify({ published: a.published, source: 'EFE' }));
}

test('code with 2 threads prints exactly what 1 thread prints, in input order', () => {
  const one = run(['code', corpus, seed, '--format', 'jsonl', '--threads', '1']);
  const two = run(['code', corpus, seed, '--format', 'jsonl', '--threads', '2']);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  const lines = one.stdout.trim().split('\n');
  assert.equal(lines.length, 101);
  assert.equal(two.stdout, one.stdout);
  assert.ok(lines.some((l) => (JSON.parse(l) as { events: unknown[] }).events.length > 0), 'the corpus codes events');
});

test('ingest with 2 threads stores the same documents, events, actors and roles as 1 thread', () => {
  const snapshot = (db: string): string => {
    const h = new Database(db, { readonly: true });
    try {
      const q = (sql: string): unknown[] => h.prepare(sql).all();
      return JSON.stringify({
        documents: q('SELECT id, content_hash, published FROM documents ORDER BY id'),
        events: q('SELECT d.id, e.event_id, e.cameo_code, e.source_code, e.target_code, e.event_date FROM events e JOIN documents d ON d.key = e.document_key ORDER BY d.id, e.event_id'),
        actors: q('SELECT d.id, a.actor_id, a.name, a.code, a.basis FROM actors a JOIN documents d ON d.key = a.document_key ORDER BY d.id, a.actor_id'),
        roles: q('SELECT document_id, name, country, sectors FROM actor_roles ORDER BY document_id, name'),
      });
    } finally {
      h.close();
    }
  };
  const one = join(dir, 'one.db');
  const two = join(dir, 'two.db');
  assert.equal(run(['ingest', corpus, seed, '--db', one, '--threads', '1']).code, 0);
  const r = run(['ingest', corpus, seed, '--db', two, '--threads', '2']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(snapshot(two), snapshot(one));
});
