/**
 * Crash safety of `herodotus ingest` (issue #11), for any store: the ingest is killed with SIGKILL at seeded
 * random moments, then run again to completion. The database must be consistent (SQLite: `PRAGMA
 * integrity_check`; PostgreSQL: no mention without its cluster or event), hold every document exactly once, and
 * after `herodotus relink` give the same events and clusters as an uninterrupted run on the same store.
 *
 * `npm test` runs two kills on 120 articles per store (crash.test.ts, crash-postgres.test.ts). The longer version:
 * `npm run crash:long` (or set HERODOTUS_CRASH_KILLS, HERODOTUS_CRASH_ARTICLES and HERODOTUS_CRASH_SEED).
 */
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCorpus } from '../bench/corpus.js';
import { seededRandom } from '../core/random.js';

const bin = fileURLToPath(new URL('../cli/main.js', import.meta.url));
export const KILLS = Number(process.env.HERODOTUS_CRASH_KILLS ?? 2);
const ARTICLES = Number(process.env.HERODOTUS_CRASH_ARTICLES ?? 120);
const SEED = Number(process.env.HERODOTUS_CRASH_SEED ?? 11);
/** Small batches: many transaction boundaries for a kill to fall between (or inside). */
const INGEST = ['--batch-size', '7', '--threads', '1', '-q'];

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Starts an ingest and SIGKILLs it: `after.ms` after the start, or once the database holds `after.documents`
 * documents (then `after.jitterMs` later, to land anywhere in the next batch). Resolves with how it ended.
 */
function ingestKilled(corpus: string, target: CrashTarget, db: string, after: { ms: number } | { documents: number; jitterMs: number }): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'ingest', corpus, '--db', db, ...INGEST], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const kill = (): void => void child.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    let poll: NodeJS.Timeout | undefined;
    if ('ms' in after) timer = setTimeout(kill, after.ms);
    else {
      let asking = false;
      poll = setInterval(() => {
        if (asking) return;
        asking = true;
        void storedSoFar(target, db).then((n) => {
          asking = false;
          if (n < after.documents || poll === undefined) return;
          clearInterval(poll);
          poll = undefined;
          timer = setTimeout(kill, after.jitterMs);
        });
      }, 25);
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      poll = undefined;
      if (signal === null && code !== 0) reject(new Error(`ingest failed (${code}): ${stderr}`));
      else resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

export interface Snapshot {
  integrity: string;
  documents: number;
  distinctHashes: number;
  distinctIds: number;
  events: number;
  ids: string[];
}

/** A store to crash: where its databases are and how to read one back. */
export interface CrashTarget {
  /** A fresh database location (file path or URL) named `name`. */
  location(name: string): Promise<string>;
  /** Counts and a consistency verdict ('ok' or what is wrong); throws when the database does not exist yet. */
  snapshot(location: string): Promise<Snapshot>;
}

/** Documents stored so far (0 when the kill came before the database was created). */
async function storedSoFar(target: CrashTarget, db: string): Promise<number> {
  try {
    return (await target.snapshot(db)).documents;
  } catch {
    return 0;
  }
}

/** Writes the generated corpus into `dir` and runs the scenario on `target` (see the file comment). */
export async function crashScenario(t: TestContext, dir: string, target: CrashTarget): Promise<void> {
  const corpus = join(dir, 'corpus.jsonl');
  writeFileSync(corpus, makeCorpus(ARTICLES).map((a) => JSON.stringify(a)).join('\n') + '\n');
  const reference = await target.location('reference');
  const started = Date.now();
  const ref = cli(['ingest', corpus, '--db', reference, ...INGEST]);
  assert.equal(ref.code, 0, ref.stderr);
  const fullMs = Date.now() - started;

  const db = await target.location('killed');
  const random = seededRandom(SEED);
  const progress: number[] = [];
  let killed = 0;
  for (let k = 0; k < KILLS; k++) {
    const stored = await storedSoFar(target, db);
    if (stored >= ARTICLES - 1) break; // nothing left to interrupt
    // The first kill falls anywhere from start-up (loading models, creating the database) into the run;
    // the others once a seeded number of further documents is stored, plus up to half a second.
    const outcome =
      k === 0
        ? await ingestKilled(corpus, target, db, { ms: Math.round(200 + random() * fullMs * 0.5) })
        : await ingestKilled(corpus, target, db, { documents: stored + 1 + Math.floor(random() * (ARTICLES - stored - 1) * 0.9), jitterMs: Math.round(random() * 500) });
    if (outcome.killed) killed++;
    const now = await storedSoFar(target, db);
    progress.push(now);
    if (now > 0) assert.equal((await target.snapshot(db)).integrity, 'ok', `integrity after kill ${k + 1}`);
  }
  assert.ok(killed >= 1, `at least one run was killed (stored after each: ${progress.join(', ')})`);
  const finish = cli(['ingest', corpus, '--db', db, ...INGEST]);
  assert.equal(finish.code, 0, finish.stderr);

  const a = await target.snapshot(reference);
  const b = await target.snapshot(db);
  assert.equal(b.integrity, 'ok');
  assert.equal(b.documents, ARTICLES, `every document stored (after kills: ${progress.join(', ')})`);
  assert.equal(b.distinctHashes, ARTICLES, 'no document twice (content hash)');
  assert.equal(b.distinctIds, ARTICLES, 'no document twice (id)');
  assert.deepEqual(b.ids, a.ids);
  assert.equal(b.events, a.events, 'same number of event mentions');

  for (const path of [reference, db]) {
    const r = cli(['relink', '--db', path]);
    assert.equal(r.code, 0, r.stderr);
  }
  const events = (path: string): string[] => {
    const r = cli(['events', '--db', path, '--format', 'jsonl']);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim().split('\n').sort();
  };
  const expected = events(reference);
  const got = events(db);
  assert.ok(expected.length > 0, 'the corpus gives events');
  assert.equal(got.length, expected.length, 'same number of events (clusters)');
  assert.deepEqual(got, expected, 'same events and clusters');
  assert.equal((await target.snapshot(db)).integrity, 'ok');
  t.diagnostic(`${killed} run(s) killed (of ${KILLS} planned); documents stored after each kill: ${progress.join(', ')}; ${b.documents} documents, ${b.events} event mentions, ${got.length} events, as uninterrupted`);
}
