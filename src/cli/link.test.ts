import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('./main.js', import.meta.url));
const example = fileURLToPath(new URL('../../examples/', import.meta.url));
const fixtures = fileURLToPath(new URL('../../src/link/fixtures/', import.meta.url));
const discards = fileURLToPath(new URL('../../src/knowledge/petrarch/fixtures/fictional.discards.txt', import.meta.url));

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: string[]): string {
  const r = run(args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

interface Cluster {
  id: string;
  cameo: { code: string };
  source: { code: string } | null;
  target: { code: string } | null;
  date: { value: string; precision: string };
  numMentions: number;
  numSources: number;
  numArticles: number;
  numStories: number;
  firstSeen: string;
  lastSeen: string;
}

const clustersOf = (db: string): Cluster[] => ok(['events', '--db', db, '--format', 'jsonl']).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Cluster);

/** The seed and the five fixture stories, each with its sidecar, in one folder. */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-link-'));
  const docs = join(dir, 'docs');
  mkdirSync(docs);
  for (const from of [example, fixtures]) for (const name of readdirSync(from)) copyFileSync(join(from, name), join(docs, name));
  return dir;
}

const storyFiles = (dir: string): string[] => readdirSync(join(dir, 'docs')).filter((n) => n.endsWith('.txt')).sort().map((n) => join(dir, 'docs', n));

test('the seed and four reports of the Friday meeting are one event with five mentions; the unrelated story stays apart', () => {
  const dir = corpus();
  const db = join(dir, 'news.db');
  ok(['ingest', join(dir, 'docs'), '--db', db, '-q']);
  const meeting = clustersOf(db).filter((c) => c.date.value === '2024-01-12' && c.cameo.code.startsWith('04') && [c.source?.code, c.target?.code].some((a) => a?.startsWith('MEX')));
  assert.equal(meeting.length, 1, 'one cluster for the meeting');
  const [c] = meeting;
  assert.equal(c.numArticles, 5);
  assert.equal(c.numMentions, 5);
  assert.equal(c.numStories, 4, 'the syndicated reprint and its AP original are one story');
  assert.equal(c.numSources, 4, 'EFE, AP (the Gulf Coast Ledger reprint counts as AP), Capitol Wire, Diario del Norte');
  assert.equal(c.firstSeen, '2024-01-12');
  assert.equal(c.lastSeen, '2024-01-13');
  const mentions = ok(['mentions', c.id, '--db', db, '--format', 'jsonl']).trim().split('\n').map((l) => JSON.parse(l) as { documentId: string; countedOutlet: string; copyOf: string | null; score: number; reason: string });
  assert.deepEqual(mentions.map((m) => m.documentId).sort(), [
    'ap-2024-01-12-blinken-barcena', 'capitolwire-2024-01-13-blinken-hosts-barcena', 'diario-2024-01-13-barcena-visits-washington', 'efe-2024-01-13-us-mexico-migration', 'ledger-2024-01-13-blinken-barcena',
  ]);
  const ledger = mentions.find((m) => m.documentId.startsWith('ledger'));
  assert.equal(ledger?.countedOutlet, 'AP');
  assert.equal(ledger?.copyOf, 'ap-2024-01-12-blinken-barcena');
  const diario = mentions.find((m) => m.documentId.startsWith('diario'));
  assert.match(diario?.reason ?? '', /unordered: symmetric act/);
  assert.ok(mentions.every((m) => m.score > 0 && m.score <= 1 && m.reason.length > 0));
  // The Japan–Australia meeting of the same day is its own event.
  const tokyo = clustersOf(db).filter((c) => c.source?.code.startsWith('JPN') && c.cameo.code === '040');
  assert.equal(tokyo.length, 1);
  assert.equal(tokyo[0].numArticles, 1);
  // Filters and full-text search find it; an unrelated search does not.
  assert.equal(JSON.parse(ok(['events', '--db', db, '--search', 'hosted', '--format', 'jsonl']).trim()).id, c.id);
  assert.equal(ok(['events', '--db', db, '--plover', 'CONSULT', '--place', 'Washington', '--context', 'migration', '--format', 'jsonl']).trim().split('\n').length, 1);
  assert.equal(ok(['events', '--db', db, '--search', 'fentanyl AND hosted', '--format', 'jsonl']).trim(), '');
});

test('linking does not depend on the order reports arrive in, and relink rebuilds the same clusters', () => {
  const dir = corpus();
  const together = join(dir, 'together.db');
  ok(['ingest', join(dir, 'docs'), '--db', together, '-q']);
  const reversed = join(dir, 'reversed.db');
  for (const file of storyFiles(dir).reverse()) ok(['ingest', file, '--db', reversed, '-q']);
  const a = clustersOf(together);
  assert.ok(a.length > 5);
  assert.deepEqual(clustersOf(reversed), a);
  const r = run(['relink', '--db', reversed]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /mention\(s\) linked into \d+ event\(s\)/);
  assert.deepEqual(clustersOf(reversed), a);
});

test('recode keeps earlier codings; events --as-of shows the dataset as it stood', () => {
  const dir = corpus();
  const db = join(dir, 'news.db');
  ok(['ingest', join(dir, 'docs'), '--db', db, '-q']);
  const before = clustersOf(db);
  const unchanged = run(['recode', '--db', db]);
  assert.equal(unchanged.code, 0, unchanged.stderr);
  assert.match(unchanged.stderr, /6 document\(s\) coded again .*: 0 changed \(earlier codings kept\), 6 unchanged/);
  const stamp = new Date().toISOString();
  spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 20)']);
  // A discard dictionary changes what is coded: no story here is discarded, so codings stay equal …
  ok(['recode', '--db', db, '--since', '2024-01-13', '--discards', discards]);
  assert.deepEqual(clustersOf(db), before);
  assert.deepEqual(JSON.parse(ok(['events', '--db', db, '--as-of', stamp, '--format', 'json'])), JSON.parse(ok(['events', '--db', db, '--format', 'json'])));
  assert.equal(ok(['events', '--db', db, '--as-of', '2000-01-01', '--format', 'jsonl']), '', 'nothing was stored in 2000');
});

test('stats: series per period and group, top actors, country-month panel with denominators', () => {
  const dir = corpus();
  const db = join(dir, 'news.db');
  ok(['ingest', join(dir, 'docs'), '--db', db, '-q']);
  const series = ok(['stats', '--db', db, '--by', 'month', '--group', 'root', '--format', 'jsonl']).trim().split('\n').map((l) => JSON.parse(l) as { period: string; group: string; events: number; goldsteinSum: number; goldsteinMean: number });
  const consult = series.find((r) => r.period === '2024-01' && r.group === '04');
  assert.ok(consult && consult.events >= 2);
  assert.equal(consult.goldsteinMean, Math.round((consult.goldsteinSum / consult.events) * 1000) / 1000);
  const panel = ok(['stats', '--db', db, '--panel', 'country-month', '--format', 'jsonl']).trim().split('\n').map((l) => JSON.parse(l) as { country: string; month: string; articles: number; sources: number; allArticles: number });
  const mex = panel.find((r) => r.country === 'MEX' && r.month === '2024-01');
  assert.equal(mex?.allArticles, 6);
  assert.equal(mex?.articles, 5, 'every story but the Japan–Australia one concerns Mexico');
  assert.equal(mex?.sources, 4);
  const top = JSON.parse(ok(['stats', '--db', db, '--top', 'actors', '--limit', '1', '--format', 'jsonl'])) as { actor: string; events: number };
  assert.ok(top.events > 1);
  const usage = run(['stats', '--db', db]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /exactly one of --by/);
});
