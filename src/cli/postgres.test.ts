/**
 * `--db postgres://…` wherever `--db FILE` works: the seed story and the linking fixtures ingested into a
 * PostgreSQL database and into a SQLite file give the same events, mentions, statistics, actors, exports and
 * API answers; relink, recode and watch run against PostgreSQL. Skipped without HERODOTUS_TEST_PG.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PG_SERVER, PG_SKIP, ScratchDatabases } from '../store/postgres/test-database.js';

const bin = fileURLToPath(new URL('./main.js', import.meta.url));
const example = fileURLToPath(new URL('../../examples/', import.meta.url));
const fixtures = fileURLToPath(new URL('../../src/link/fixtures/', import.meta.url));

function ok(args: string[]): string {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const jsonl = (text: string): Array<Record<string, unknown>> => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

/** Rows without the moments their documents were stored (the two stores stored them at different times). */
const withoutStoredAt = (rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> => rows.map(({ storedAt, ...r }) => (void storedAt, r));

/** An export without the moments documents were stored and coded (GDELT's DATEADDED, PLOVER's coded date and time, ISO date-times). */
const unstamped = (text: string): string =>
  text
    .replace(/\t\d{14}\t/g, '\t<added>\t')
    .replace(/(\d{4}-\d{2}-\d{2}T)?\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    .replace(/"coded_date":"[\d-]+"/g, '"coded_date":"<date>"');

/** Starts `herodotus serve` over a store on a free port; returns its address and a stop function. */
async function serve(db: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('the CLI on a PostgreSQL store', PG_SERVER ? {} : { skip: PG_SKIP }, () => {
  const databases = new ScratchDatabases(PG_SERVER ?? '');
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-pg-cli-'));
  const docs = join(dir, 'docs');
  const file = join(dir, 'news.db');
  let pg = '';

  before(async () => {
    mkdirSync(docs);
    for (const from of [example, fixtures]) for (const name of readdirSync(from)) copyFileSync(join(from, name), join(docs, name));
    pg = databases.missing();
    ok(['ingest', docs, '--db', file, '-q']);
    ok(['ingest', docs, '--db', `${pg}?pool=2`, '-q']);
  });
  after(() => databases.dropAll());

  test('ingest creates the database; the same documents give the same events, mentions and link statistics as in SQLite', () => {
    const events = jsonl(ok(['events', '--db', pg, '--format', 'jsonl']));
    assert.deepEqual(events, jsonl(ok(['events', '--db', file, '--format', 'jsonl'])));
    const meeting = events.find((c) => c.numMentions === 6) as { id: string; numArticles: number } | undefined;
    assert.equal(meeting?.numArticles, 5, 'the Friday meeting: six reports, five articles (the Ledger reprints AP)');
    for (const c of events.filter((x) => Number(x.numMentions) > 1)) {
      assert.deepEqual(withoutStoredAt(jsonl(ok(['mentions', String(c.id), '--db', pg, '--format', 'jsonl']))), withoutStoredAt(jsonl(ok(['mentions', String(c.id), '--db', file, '--format', 'jsonl']))));
    }
    for (const args of [['--search', 'Bárcena AND Washington'], ['--actor', 'MEX', '--limit', '2'], ['--from', '2024-01-12', '--to', '2024-01-12'], ['--mentions']]) {
      assert.deepEqual(jsonl(ok(['events', '--db', pg, '--format', 'jsonl', ...args])), jsonl(ok(['events', '--db', file, '--format', 'jsonl', ...args])), args.join(' '));
    }
    // Ingesting again stores nothing.
    const again = spawnSync(process.execPath, [bin, 'ingest', docs, '--db', pg], { encoding: 'utf8' });
    assert.match(again.stderr, /0 stored \(0 events\), 7 already stored/);
    assert.doesNotMatch(again.stderr, /postgres:postgres@/, 'no password in messages');
  });

  test('stats, actors and exports agree with SQLite', () => {
    for (const args of [['stats', '--by', 'month', '--group', 'quadclass'], ['stats', '--top', 'actors'], ['stats', '--panel', 'country-month'], ['actors']]) {
      assert.deepEqual(jsonl(ok([...args, '--db', pg, '--format', 'jsonl'])), jsonl(ok([...args, '--db', file, '--format', 'jsonl'])), args.join(' '));
    }
    for (const format of ['gdelt', 'plover', 'csv']) {
      assert.equal(unstamped(ok(['export', '--db', pg, '--format', format, '-q'])), unstamped(ok(['export', '--db', file, '--format', format, '-q'])), format);
    }
  });

  test('serve answers GET /events from PostgreSQL as from SQLite', async () => {
    const [a, b] = await Promise.all([serve(pg), serve(file)]);
    try {
      for (const query of ['', '?actor=USAGOV&from=2024-01-01&to=2024-01-31', '?search=migration&limit=3']) {
        const [fromPg, fromFile] = await Promise.all([fetch(`${a.url}/events${query}`), fetch(`${b.url}/events${query}`)]);
        assert.equal(fromPg.status, 200);
        assert.deepEqual(await fromPg.json(), await fromFile.json(), query);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  test('relink, recode and watch run against PostgreSQL', () => {
    const before = ok(['events', '--db', pg, '--format', 'jsonl']);
    ok(['relink', '--db', pg]);
    assert.equal(ok(['events', '--db', pg, '--format', 'jsonl']), before, 'relink gives what incremental linking built');
    ok(['recode', '--db', pg, '--force', '-q']);
    assert.deepEqual(jsonl(ok(['events', '--db', pg, '--format', 'jsonl'])).map((c) => c.id), jsonl(before).map((c) => c.id), 'the same coder finds the same events');
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'note.txt'), 'Mexican Foreign Minister Alicia Bárcena met US Secretary of State Antony Blinken in Mexico City on Thursday.');
    // Written a minute ago: the watcher leaves files still being written (modified in the last 2 s) for later.
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(inbox, 'note.txt'), past, past);
    const watched = ok(['watch', '--db', pg, '--dir', inbox, '--once']);
    assert.match(watched, /"event":"stored"/);
    assert.match(ok(['watch', '--db', pg, '--dir', inbox, '--once']), /"filesUnchanged":1/, 'a watched file is read once');
  });
});
