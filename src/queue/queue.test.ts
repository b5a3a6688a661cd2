/**
 * The work queue against a real Redis (HERODOTUS_TEST_REDIS; skipped without it): enqueue deduplication and
 * bad-input diagnostics, bounded retries into the failed list, and a stop signal that finishes the job in hand.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodedDocument } from '../core/contract.js';
import { makeCorpus } from '../bench/corpus.js';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { inProcessCoder, type BatchCoder } from '../cli/documents.js';
import { DocumentQueue } from './enqueue.js';
import { documentJob, type DocumentJob } from './job.js';
import { failedJobs } from './status.js';
import { runWorker } from './worker.js';
import { CLI, runCli, SKIP_WITHOUT_REDIS, testQueue, until, type LogLine } from './testing.js';
import { contentHash } from '../pipeline/pipeline.js';

const skip = SKIP_WITHOUT_REDIS;
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-queue-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function jobOf(text: string, origin: string, published = '2024-01-15'): DocumentJob {
  return documentJob({ text, hash: contentHash(text), origin, options: { published, source: 'EFE' } });
}

const articles = makeCorpus(6, 99);

test('enqueue: one job per content hash, duplicates and bad inputs reported one line each, as ingest reads them', { skip }, async () => {
  const { target, queue, cleanup } = testQueue('enqueue');
  try {
    const inputs = join(dir, 'inputs');
    spawnSync('mkdir', ['-p', inputs]);
    writeFileSync(join(inputs, 'a.txt'), articles[0].text);
    writeFileSync(join(inputs, 'a.meta.json'), JSON.stringify({ published: articles[0].published, title: articles[0].title, url: 'https://news.example/a' }));
    copyFileSync(join(inputs, 'a.txt'), join(inputs, 'b-copy.txt'));
    writeFileSync(join(inputs, 'c.txt'), articles[1].text);
    writeFileSync(join(inputs, 'd-empty.txt'), '   \n');
    const args = ['enqueue', inputs, '--queue', target.shown, '--queue-name', target.name];
    const first = cli(args);
    assert.equal(first.code, 0, first.stderr);
    const lines = first.stderr.trim().split('\n');
    assert.ok(lines.some((l) => l.includes('b-copy.txt: already queued as job') && l.includes('same content hash')), first.stderr);
    assert.ok(lines.some((l) => /^herodotus: skipped .*d-empty\.txt: .*\[INPUT_EMPTY\]$/.test(l)), first.stderr);
    assert.match(lines[lines.length - 1], /^herodotus: 2 enqueued, 1 already queued, 1 skipped; 3 read in /);
    assert.equal((await queue.getJobCounts('waiting')).waiting, 2);
    const job = await queue.getJob(contentHash(articles[0].text));
    assert.ok(job, 'the job id is the content hash');
    assert.deepEqual(job.data.meta, { id: 'a', published: articles[0].published, title: articles[0].title, url: 'https://news.example/a' });
    assert.equal(job.data.provenance.origin, join(inputs, 'a.txt'));
    assert.equal(job.data.text, articles[0].text);
    assert.equal(job.opts.attempts, 5);

    const again = cli(args);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /herodotus: 0 enqueued, 3 already queued, 1 skipped/);
    assert.equal((await queue.getJobCounts('waiting')).waiting, 2);

    const nothing = cli(['enqueue', join(inputs, 'd-empty.txt'), '--queue', target.shown, '--queue-name', target.name]);
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /no document could be enqueued \(1 skipped\)/);
    const badUrl = cli(['enqueue', inputs, '--queue', 'http://127.0.0.1:6379']);
    assert.equal(badUrl.code, 2);
    assert.match(badUrl.stderr, /not a Redis URL/);
    const unreachable = cli(['enqueue', inputs, '--queue', 'redis://127.0.0.1:1/0']);
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/0/);

    // The same text twice in one call is one job.
    const producer = new DocumentQueue(target, { attempts: 2, backoffMs: 10 });
    const twice = jobOf(articles[2].text, 'x');
    const outcomes = await producer.add([twice, twice, jobOf(articles[0].text, 'y')]);
    await producer.close();
    assert.deepEqual(outcomes, [{ added: true }, { added: false, state: 'waiting' }, { added: false, state: 'waiting' }]);
    assert.equal((await queue.getJobCounts('waiting')).waiting, 3);
  } finally {
    await cleanup();
  }
});

/** A coder that returns an empty coding (for stores that fail anyway). */
const emptyCoder: BatchCoder = {
  parallel: 1,
  code: async (batch) => batch.map((b) => ({ id: b.options.id ?? 'doc', published: b.options.published ?? null, language: 'en', text: b.text, sentences: [], entities: [], actors: [], roles: [], dates: [], places: [], quantities: [], quotes: [], events: [], diagnostics: [] }) as unknown as CodedDocument),
};

/** The store with saveDocuments replaced. */
function withFailingSave(store: Store, message: string): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'saveDocuments') return async () => Promise.reject(new Error(message));
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

test('a job that keeps failing is retried with backoff, then kept in the failed list with its error; retry-failed puts it back', { skip }, async () => {
  const { target, queue, cleanup } = testQueue('failing');
  const store = openSqliteStore(join(dir, 'failing.db'));
  try {
    const producer = new DocumentQueue(target, { attempts: 3, backoffMs: 100 });
    await producer.add([jobOf(articles[3].text, 'always-fails.txt')]);
    await producer.close();
    const log: LogLine[] = [];
    const started = Date.now();
    const counts = await runWorker(
      { store: withFailingSave(store, 'disk on fire'), coder: emptyCoder, log: (event, fields) => log.push({ event, ...fields }), signal: new AbortController().signal },
      { target, batchSize: 1, lockMs: 5_000, untilEmpty: true },
    );
    const failures = log.filter((l) => l.event === 'failed');
    assert.deepEqual(failures.map((l) => [l.attempt, l.final]), [[1, false], [2, false], [3, true]]);
    assert.ok(failures.every((l) => l.message === 'storing failed: disk on fire' && l.origin === 'always-fails.txt'));
    assert.ok(Date.now() - started >= 100 + 200, 'waits 100 ms, then 200 ms, between attempts');
    assert.equal(counts.stored, 0);
    assert.equal(await store.countDocuments(), 0);

    const [failed] = await failedJobs(queue, 10);
    assert.equal(failed.id, contentHash(articles[3].text));
    assert.equal(failed.error, 'storing failed: disk on fire');
    assert.equal(failed.attemptsMade, 3);
    const status = cli(['queue', 'status', '--queue', target.shown, '--queue-name', target.name, '--failed', '--json']);
    assert.equal(status.code, 0, status.stderr);
    const report = JSON.parse(status.stdout) as { counts: Record<string, number>; failedJobs: Array<{ error: string; origin: string }> };
    assert.deepEqual({ ...report.counts, workers: 0 }, { waiting: 0, active: 0, completed: 0, failed: 1, delayed: 0, workers: 0 });
    assert.equal(report.failedJobs[0].error, 'storing failed: disk on fire');
    assert.equal(report.failedJobs[0].origin, 'always-fails.txt');
    const text = cli(['queue', 'status', '--queue', target.shown, '--queue-name', target.name, '--failed']);
    assert.match(text.stdout, /failed\s+1\n/);
    assert.match(text.stdout, /always-fails\.txt\n {4}storing failed: disk on fire/);

    const retry = cli(['queue', 'retry-failed', '--queue', target.shown, '--queue-name', target.name]);
    assert.equal(retry.code, 0, retry.stderr);
    assert.match(retry.stderr, /1 failed job\(s\) put back/);
    assert.deepEqual(await queue.getJobCounts('waiting', 'failed'), { waiting: 1, failed: 0 });
  } finally {
    await store.close();
    await cleanup();
  }
});

let pipeline: Pipeline | undefined;
const sharedPipeline = (): Pipeline => (pipeline ??= createPipeline());

test('a stop signal while a job is being coded: that job is stored and acknowledged, no new job is taken', { skip }, async () => {
  const { target, queue, cleanup } = testQueue('stop');
  const store = openSqliteStore(join(dir, 'stop.db'));
  try {
    const producer = new DocumentQueue(target, { attempts: 2, backoffMs: 100 });
    await producer.add(articles.slice(0, 3).map((a, i) => jobOf(a.text, `story-${i}`, a.published)));
    await producer.close();
    const stop = new AbortController();
    const inner = inProcessCoder(sharedPipeline());
    let calls = 0;
    const slow: BatchCoder = {
      parallel: 1,
      async code(batch) {
        calls++;
        // The second job: the signal comes while it is being coded.
        if (calls === 2) setTimeout(() => stop.abort(), 50);
        await new Promise((r) => setTimeout(r, 400));
        return inner.code(batch);
      },
    };
    const log: LogLine[] = [];
    const counts = await runWorker({ store, coder: slow, log: (event, fields) => log.push({ event, ...fields }), signal: stop.signal }, { target, batchSize: 1, lockMs: 5_000, untilEmpty: false });
    assert.equal(counts.stored, 2, 'the job in hand when the signal came was finished');
    assert.equal(calls, 2, 'no job was taken after the signal');
    const states = await Promise.all(articles.slice(0, 3).map((a) => queue.getJobState(contentHash(a.text))));
    assert.deepEqual(states, ['completed', 'completed', 'waiting']);
    assert.equal(await store.countDocuments(), 2);
    assert.deepEqual(log.map((l) => l.event), ['start', 'stored', 'stopping', 'stored', 'stop']);
  } finally {
    await store.close();
    await cleanup();
  }
});

test('herodotus worker: SIGTERM finishes the jobs in hand, acknowledges them and exits 0', { skip }, async () => {
  const { target, queue, cleanup } = testQueue('sigterm');
  const db = join(dir, 'sigterm.db');
  try {
    const long = makeCorpus(24, 7);
    const producer = new DocumentQueue(target, { attempts: 2, backoffMs: 100 });
    // Documents of about 1,000 words, so a job is being coded most of the time.
    const texts = [0, 1, 2, 3, 4, 5].map((k) => long.slice(k * 4, k * 4 + 4).map((a) => a.text).join('\n'));
    await producer.add(texts.map((t, i) => jobOf(t, `long-${i}`)));
    await producer.close();
    const worker = runCli(['worker', '--queue', target.shown, '--queue-name', target.name, '--db', db, '--batch-size', '1']);
    const start = await worker.waitFor((l) => l.event === 'start');
    await worker.waitFor((l) => l.event === 'stored');
    let inHand: string[] = [];
    await until(async () => {
      inHand = (await queue.getActive()).filter((j) => j.processedBy === start.worker).map((j) => String(j.id));
      return inHand.length > 0;
    }, 'a job in the worker’s hands');
    worker.child.kill('SIGTERM');
    const exit = await worker.done;
    assert.equal(exit.code, 0, exit.stderr);
    const events = worker.lines.map((l) => l.event);
    assert.ok(events.includes('stopping'), events.join(' '));
    assert.equal(events[events.length - 1], 'stop');
    const stopLine = worker.lines[worker.lines.length - 1];
    assert.equal(stopLine.reason, 'signal');
    for (const id of inHand) assert.equal(await queue.getJobState(id), 'completed', `job ${id.slice(0, 12)} in hand at SIGTERM was finished`);
    assert.equal((await queue.getJobCounts('active')).active, 0);
    const store = openSqliteStore(db, { readonly: true });
    try {
      assert.equal(await store.countDocuments(), stopLine.stored);
    } finally {
      await store.close();
    }
    assert.ok((stopLine.stored as number) < texts.length, 'stopped before the queue was empty');
  } finally {
    await cleanup();
  }
});
