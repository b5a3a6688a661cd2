/**
 * The bad-input corpus (issue #11): small hand-made files under fixtures/bad-input, and the big ones
 * (NUL bytes, a 100 MB text, a JSONL file with a 50 MB line) generated here in a temp dir. Each case says
 * what must happen: one stderr line naming the item and the problem, the rest processed, exit 0 when
 * anything was processed, no Infinity/NaN in the output, and memory bounded while big inputs stream past.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../../src/harden/fixtures/bad-input/', import.meta.url));
/** Preloaded into the CLI: writes the process's peak resident set size (kB) to $HERODOTUS_RSS_OUT at exit. */
const RSS_HOOK =
  "data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>{if(process.env.HERODOTUS_RSS_OUT)writeFileSync(process.env.HERODOTUS_RSS_OUT,String(process.resourceUsage().maxRSS))})";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Peak RSS in MB. */
  peakMb: number;
}

let dir: string;

function run(args: string[], options: { input?: string | Buffer; stdinFile?: string } = {}): Run {
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const stdin = options.stdinFile ? openSync(options.stdinFile, 'r') : undefined;
  try {
    const r = spawnSync(process.execPath, ['--import', RSS_HOOK, bin, ...args], {
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(stdin !== undefined ? { stdio: [stdin, 'pipe', 'pipe'] } : {}),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, HERODOTUS_RSS_OUT: rssFile },
    });
    let peakMb = NaN;
    try {
      peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    } catch {
      // the hook did not run (crash): peakMb stays NaN and the caller's asserts say so
    }
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, peakMb };
  } finally {
    if (stdin !== undefined) closeSync(stdin);
  }
}

/** Writes `total` bytes made of `line` repeated (the last copy cut short), 1 MB at a time. */
function writeBig(path: string, total: number, line: string, prefix = '', suffix = ''): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, prefix);
    const chunk = Buffer.from(line.repeat(Math.ceil(1_000_000 / line.length))).subarray(0, 1_000_000);
    for (let written = 0; written < total; written += chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, total - written));
    writeSync(fd, suffix);
  } finally {
    closeSync(fd);
  }
}

const docs = (stdout: string): Array<Record<string, unknown>> =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Every number anywhere in a parsed value (JSON has no Infinity or NaN: they would have become null). */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersIn(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}

/** The stderr lines that name `item`. */
const linesAbout = (stderr: string, item: string): string[] => stderr.split('\n').filter((l) => l.includes(item));

let baseline: Run;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-bad-input-'));
  baseline = run(['code', join(fixtures, 'date.txt'), '--format', 'jsonl', '-q']);
  assert.equal(baseline.code, 0, baseline.stderr);
  assert.ok(Number.isFinite(baseline.peakMb), 'the RSS hook reports');
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the small bad-input corpus: each bad item gets one stderr line naming it and its problem; everything else is coded; exit 0', () => {
  const r = run(['code', fixtures, '--format', 'jsonl']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!/\n\s+at /.test(r.stderr), 'no stack traces');
  const out = docs(r.stdout);
  const byId = new Map(out.map((d) => [d.id as string, d]));
  // Truncated HTML (cut mid-sentence, no closing tags): the article text up to the cut is coded.
  assert.match(String(byId.get('truncated')?.text), /Mexico and Guatemala signed a border agreement/);
  // Unbalanced quotes in an HTML fragment, and an attribute quote never closed: the text before it is kept.
  assert.match(String(byId.get('unbalanced')?.text), /Officials in Cairo said "the deal" is 'off on Monday\./);
  // Nested and unbalanced quotes in plain text: coded; every quote span lies inside the text.
  const quotes = byId.get('quotes') as { text: string; quotes: Array<{ start: number; end: number }> };
  assert.ok(quotes, 'quotes.txt coded');
  for (const q of quotes.quotes) assert.ok(q.start >= 0 && q.start < q.end && q.end <= quotes.text.length, `quote span ${q.start}-${q.end} inside the text`);
  // "February 30": one warning line naming the file, and no date coded for it.
  assert.deepEqual(linesAbout(r.stderr, 'date.txt').length, 1, r.stderr);
  assert.match(linesAbout(r.stderr, 'date.txt')[0], /"February 30" is not a date.*\[DATE_IMPOSSIBLE\]/);
  const dates = (byId.get('date') as { dates: Array<{ value?: string }> }).dates;
  assert.ok(!dates.some((d) => String(d.value).startsWith('2024-02-30')), 'no February 30 in the dates layer');
  // A JSONL record published on 2024-02-30: the record is coded, its impossible date ignored with a warning.
  assert.match(linesAbout(r.stderr, 'records.jsonl:1').join('\n'), /publication date "2024-02-30" is not ISO 8601.*\[PUBLISHED_INVALID\]/);
  assert.equal(byId.get('impossible-published')?.published, null);
  // Absurd numbers ("1e309 migrants", "99999999999999999999 dead"): no Infinity, no NaN, no null quantity.
  assert.doesNotMatch(r.stdout, /Infinity|NaN/);
  for (const d of out) for (const n of numbersIn(d)) assert.ok(Number.isFinite(n), `${String(d.id)}: a non-finite number ${n}`);
  for (const id of ['numbers', 'huge-number']) {
    const q = (byId.get(id) as { quantities: Array<{ value: unknown }> }).quantities;
    for (const quantity of q) assert.ok(typeof quantity.value === 'number' && Number.isFinite(quantity.value), `${id}: quantity value ${String(quantity.value)}`);
  }
  // RSS cut off in the middle, with one broken item: the complete items are coded, one line says what was lost.
  const feed = linesAbout(r.stderr, 'broken.rss');
  assert.equal(feed.length, 1, r.stderr);
  assert.match(feed[0], /not a well-formed RSS\/Atom file .*2 complete item\(s\) kept, 1 broken item\(s\).*\[FEED_MALFORMED\]/);
  assert.ok(out.some((d) => d.title === 'Mexico closes border') && out.some((d) => d.title === 'Guatemala'), 'both complete feed items coded');
  // Nothing else complained about.
  const bad = r.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(bad.length, 3, r.stderr);
  assert.equal(out.length, 9);
});

test('a file of NUL bytes is refused as binary (one line), the other input still coded', () => {
  const nul = join(dir, 'zeros.txt');
  writeFileSync(nul, Buffer.alloc(64 * 1024));
  const r = run(['code', nul, join(fixtures, 'quotes.txt'), '--format', 'jsonl']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(linesAbout(r.stderr, 'zeros.txt'), [`herodotus: skipped ${nul}: binary content (NUL or control bytes), not text [INPUT_BINARY]`]);
  assert.deepEqual(docs(r.stdout).map((d) => d.id), ['quotes']);
  const only = run(['code', nul]);
  assert.equal(only.code, 1, 'nothing processed: exit 1');
  assert.match(only.stderr, /no document could be coded \(1 skipped\)/);
});

test('a 100 MB text file (as a file and on standard input) is skipped with one line; memory stays bounded', () => {
  const big = join(dir, 'big.txt');
  writeBig(big, 100_000_000, 'Mexico closed the border on Friday, officials said. ');
  const file = run(['code', big, join(fixtures, 'quotes.txt'), '--format', 'jsonl']);
  assert.equal(file.code, 0, file.stderr);
  assert.deepEqual(linesAbout(file.stderr, 'big.txt'), [`herodotus: skipped ${big}: 100000000 bytes exceeds --max-doc-bytes (5000000); skipped [INPUT_TOO_LARGE]`]);
  assert.deepEqual(docs(file.stdout).map((d) => d.id), ['quotes']);
  // Standard input cannot be sized first: it is streamed, counted, and dropped past the limit.
  const piped = run(['code', '-', '--input', 'text', '--format', 'jsonl'], { stdinFile: big });
  assert.equal(piped.code, 1, 'the only input was skipped');
  assert.match(piped.stderr, /skipped -: standard input of 100000000 bytes exceeds --max-doc-bytes \(5000000\); skipped \[INPUT_TOO_LARGE\]/);
  for (const [name, r] of [['file', file], ['stdin', piped]] as const) {
    const extra = r.peakMb - baseline.peakMb;
    assert.ok(extra < 50, `${name}: peak RSS ${r.peakMb.toFixed(0)} MB, ${extra.toFixed(0)} MB over a one-sentence run (${baseline.peakMb.toFixed(0)} MB): the 100 MB were held in memory`);
  }
});

test('a JSONL file with a 50 MB line: that line is skipped with its line number, the lines around it are coded; memory stays bounded', () => {
  const path = join(dir, 'feed.jsonl');
  writeFileSync(path, '{"id":"before","text":"Guatemala welcomed the agreement on Monday."}\n');
  // Line 2: a JSON record whose text is 50 MB long; line 3 follows it.
  const tmp = join(dir, 'line2.part');
  writeBig(tmp, 50_000_000, 'Panama closed the route. ', '{"id":"huge","text":"', '"}\n');
  writeFileSync(path, readFileSync(tmp), { flag: 'a' });
  rmSync(tmp);
  writeFileSync(path, '{"id":"after","text":"Colombia and Brazil signed a trade agreement on Tuesday."}\n', { flag: 'a' });
  // One thread: with more, each worker loads its own models, which is not what is measured here.
  const r = run(['ingest', path, '--db', join(dir, 'feed.db'), '--published', '2024-03-04', '--threads', '1']);
  assert.equal(r.code, 0, r.stderr);
  const about = linesAbout(r.stderr, 'feed.jsonl:');
  assert.equal(about.length, 1, r.stderr);
  assert.match(about[0], /feed\.jsonl:2: line of 50000023 bytes exceeds --max-doc-bytes \(5000000\) \[INPUT_TOO_LARGE\]/);
  assert.match(r.stderr, /2 stored \(\d+ events\), 0 already stored, 1 skipped/);
  const events = run(['code', path, '--format', 'jsonl']);
  assert.deepEqual(docs(events.stdout).map((d) => d.id), ['before', 'after']);
  const extra = r.peakMb - baseline.peakMb;
  assert.ok(extra < 50, `peak RSS ${r.peakMb.toFixed(0)} MB, ${extra.toFixed(0)} MB over a one-sentence run: the 50 MB line was held in memory`);
});

test('ingest of the whole corpus: exit 0, every processed item stored once, the bad ones reported', () => {
  const copy = join(dir, 'corpus');
  cpSync(fixtures, copy, { recursive: true });
  writeFileSync(join(copy, 'zeros.txt'), Buffer.alloc(4096));
  const db = join(dir, 'corpus.db');
  const r = run(['ingest', copy, '--db', db, '--published', '2024-03-04']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /9 stored \(\d+ events\), 0 already stored, 2 skipped/);
  const again = run(['ingest', copy, '--db', db, '--published', '2024-03-04', '-q']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /0 stored \(0 events\), 9 already stored, 2 skipped/);
});
