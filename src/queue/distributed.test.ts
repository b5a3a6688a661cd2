/**
 * Distributed ingest end to end (issue #9): a corpus is enqueued (twice), two `herodotus worker` processes
 * start on a fresh store at once, one is killed with SIGKILL while it holds jobs, a third starts; once the
 * queue is empty, `recode` and `relink` are run. The store must then equal a single-process `herodotus ingest`
 * of the same corpus into a fresh SQLite file: the same documents (each content hash exactly once), the same
 * coding of every document, the same events and clusters — nothing lost, nothing duplicated.
 *
 * Needs a Redis server (HERODOTUS_TEST_REDIS; skipped without). The store is a new database on the HERODOTUS_TEST_PG server when set (an
 * empty PostgreSQL database), else a SQLite file that all the workers write to (WAL, busy timeout).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeLongCorpus } from '../bench/corpus.js';
import { contentHash } from '../pipeline/pipeline.js';
import { openStore } from '../store/open.js';
import { ScratchDatabases } from '../store/postgres/test-database.js';
import { CLI, runCli, SKIP_WITHOUT_REDIS, testQueue, until, type CliRun } from './testing.js';

const skip = SKIP_WITHOUT_REDIS;
const ARTICLES = 56;
/** Worker settings that make the test quick: small batches (many commits to fall between), a short lock. */
const WORKER = ['--batch-size', '4', '--lock', '5s'];

let dir: string;
let corpus: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-distributed-'));
  corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  const articles = makeLongCorpus(ARTICLES, 300, 4242);
  for (const a of articles) {
    writeFileSync(join(corpus, `${a.id}.txt`), a.text);
    writeFileSync(join(corpus, `${a.id}.meta.json`), JSON.stringify({ published: a.published, title: a.title, source: 'EFE' }));
  }
  // Stories that name people only by surname, published after the stories that state their roles, and read
  // (and queued) first: coded before those roles are known, they need the re-coding pass to be coded right.
  const late = [
    ['2024-02-05', 'Bárcena said on Monday that Mexico would send a delegation to Guatemala City to discuss migration and security.'],
    ['2024-02-06', 'Blinken told reporters in Washington on Tuesday that the talks with Mexico would continue. He criticized Guatemala over the border closures.'],
    ['2024-02-08', 'Mayorkas met Sandoval in Mexico City on Thursday to discuss security along the shared border, officials said.'],
  ];
  late.forEach(([published, text], i) => {
    writeFileSync(join(corpus, `0-late-${i}.txt`), text);
    writeFileSync(join(corpus, `0-late-${i}.meta.json`), JSON.stringify({ published, source: 'EFE' }));
  });
  const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
  for (const name of readdirSync(examples)) copyFileSync(join(examples, name), join(corpus, name));
  // Exact duplicates under other names: one document each, whoever reads them.
  for (const { id } of [articles[3], articles[10], articles[20]]) copyFileSync(join(corpus, `${id}.txt`), join(corpus, `dup-${id}.txt`));
});
// With HERODOTUS_TEST_PG (a server), the workers write to a new database on it, dropped at the end.
const scratch = process.env.HERODOTUS_TEST_PG ? new ScratchDatabases(process.env.HERODOTUS_TEST_PG) : undefined;

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await scratch?.dropAll();
});

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: string[]): string {
  const r = cli(args);
  assert.equal(r.code, 0, `herodotus ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Every document of a store (by id) in its current coding, and its events (clusters) as `events` prints them. */
async function contents(location: string): Promise<{ documents: Map<string, string>; hashes: Set<string>; events: string[] }> {
  const store = await openStore(location, { readonly: true });
  const documents = new Map<string, string>();
  try {
    for (const id of await store.documentIds()) documents.set(id, JSON.stringify(await store.getDocument(id)));
    const hashes = new Set<string>();
    for (const text of [...documents.values()].map((d) => (JSON.parse(d) as { text: string }).text)) hashes.add(contentHash(text));
    assert.equal(await store.countDocuments(), documents.size);
    return { documents, hashes, events: ok(['events', '--db', location, '--format', 'jsonl']).trim().split('\n').sort() };
  } finally {
    await store.close();
  }
}

test('two workers, one killed with SIGKILL mid-run, a third started; after recode and relink the store equals a single-process ingest', { skip, timeout: 600_000 }, async (t) => {
  const texts = readdirSync(corpus).filter((n) => n.endsWith('.txt')).map((n) => readFileSync(join(corpus, n), 'utf8'));
  const unique = new Set(texts.map(contentHash));
  assert.equal(texts.length - unique.size, 3, 'the corpus holds three exact duplicates');

  const reference = join(dir, 'reference.db');
  const single = cli(['ingest', corpus, '--db', reference, '--threads', '1', '-q']);
  assert.equal(single.code, 0, single.stderr);
  assert.match(single.stderr, new RegExp(`herodotus: ${unique.size} stored \\(\\d+ events\\), 3 already stored`));

  const location = scratch ? await scratch.empty() : join(dir, 'distributed.db');
  if (scratch) {
    const store = await openStore(location);
    const n = await store.countDocuments();
    await store.close();
    assert.equal(n, 0, 'the scratch database starts empty');
  }

  const { target, queue, cleanup } = testQueue('distributed');
  const workers: CliRun[] = [];
  try {
    const queueArgs = ['--queue', target.shown, '--queue-name', target.name];
    const first = cli(['enqueue', corpus, ...queueArgs]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, new RegExp(`herodotus: ${unique.size} enqueued, 3 already queued, 0 skipped`));
    const again = cli(['enqueue', corpus, ...queueArgs]);
    assert.match(again.stderr, new RegExp(`herodotus: 0 enqueued, ${texts.length} already queued`), 'enqueueing again adds nothing');

    // Two workers on a fresh store at once (both create the schema), a third after the kill.
    const a = runCli(['worker', ...queueArgs, '--db', location, ...WORKER]);
    const b = runCli(['worker', ...queueArgs, '--db', location, ...WORKER, '--until-empty']);
    workers.push(a, b);
    const aName = (await a.waitFor((l) => l.event === 'start')).worker as string;
    await b.waitFor((l) => l.event === 'start');
    // Kill A once a third of the jobs are done, at a moment it holds jobs it has not acknowledged.
    let held: string[] = [];
    await until(async () => {
      if ((await queue.getJobCounts('completed')).completed < unique.size / 3) return false;
      held = (await queue.getActive()).filter((j) => j.processedBy === aName).map((j) => String(j.id));
      return held.length > 0;
    }, 'worker A holding jobs after a third of the corpus', 300_000, 10);
    a.child.kill('SIGKILL');
    const killed = await a.done;
    assert.equal(killed.signal, 'SIGKILL');
    const completedAtKill = (await queue.getJobCounts('completed')).completed;
    // Jobs A had finished in the instant before the kill do not count as held.
    const states = await Promise.all(held.map((id) => queue.getJobState(id)));
    held = held.filter((_, i) => states[i] === 'active');
    assert.ok(held.length > 0, 'A held unacknowledged jobs when it was killed');
    const storedByA = a.lines.filter((l) => l.event === 'stored').length;
    assert.ok(storedByA > 0, 'A had stored documents before it was killed');

    const c = runCli(['worker', ...queueArgs, '--db', location, ...WORKER, '--until-empty']);
    workers.push(c);
    for (const w of [b, c]) {
      const exit = await w.done;
      assert.equal(exit.code, 0, exit.stderr);
      assert.equal(w.lines[w.lines.length - 1].event, 'stop');
    }
    assert.deepEqual(await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'), { waiting: 0, active: 0, delayed: 0, failed: 0, completed: unique.size });
    // The jobs A held went back to the queue when their lock expired, and another worker finished them.
    const stalled = new Set([...b.lines, ...c.lines].filter((l) => l.event === 'stalled').map((l) => String(l.job)));
    // 'stored': A died before its commit; 'duplicate': A had committed the batch but not acknowledged it.
    const heldOutcomes: string[] = [];
    for (const id of held) {
      assert.ok(stalled.has(id), `job ${id.slice(0, 12)} held by A was put back in the queue`);
      const job = await queue.getJob(id);
      assert.equal(await job?.getState(), 'completed');
      assert.notEqual(job?.processedBy, aName, `job ${id.slice(0, 12)} was finished by another worker`);
      heldOutcomes.push(String((job?.returnvalue as { outcome?: string } | undefined)?.outcome));
    }
    const log = [...a.lines, ...b.lines, ...c.lines];
    const storedLines = log.filter((l) => l.event === 'stored');
    const duplicateLines = log.filter((l) => l.event === 'duplicate');

    const recode = cli(['recode', '--db', location]);
    assert.equal(recode.code, 0, recode.stderr);
    const recoded = Number(/: (\d+) changed/.exec(recode.stderr)?.[1]);
    ok(['relink', '--db', location]);
    ok(['relink', '--db', reference]);

    const expected = await contents(reference);
    const got = await contents(location);
    assert.equal(got.documents.size, unique.size, 'every document stored once');
    assert.deepEqual(got.hashes, unique, 'each content hash exactly once');
    assert.deepEqual([...got.documents.keys()].sort(), [...expected.documents.keys()].sort(), 'the same documents');
    for (const [id, coding] of expected.documents) assert.equal(got.documents.get(id), coding, `document ${id} coded as in the single-process run`);
    assert.ok(expected.events.length > 0);
    assert.deepEqual(got.events, expected.events, 'the same events and clusters');
    t.diagnostic(
      `${unique.size} documents (${texts.length} inputs); A stored ${storedByA} and held ${held.length} unacknowledged job(s) when killed at ${completedAtKill} completed; ` +
        `${stalled.size} job(s) put back after the kill and finished by others as ${heldOutcomes.join(', ')}; ${storedLines.length} stored and ${duplicateLines.length} duplicate log lines in all; ` +
        `recode changed ${recoded} document(s); ${got.events.length} events equal to the single-process run`,
    );
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await cleanup();
  }
});
