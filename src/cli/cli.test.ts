import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('./main.js', import.meta.url));
const example = fileURLToPath(new URL('../../examples/', import.meta.url));

function run(args: string[], input?: string | Buffer): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'herodotus-cli-'));
}

test('the built CLI is executable, so `npx herodotus` runs it directly (as the README\'s first command does)', () => {
  assert.doesNotThrow(() => accessSync(bin, constants.X_OK));
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\d+\.\d+\.\d+/);
});

test('code prints the output contract for the example, with metadata from its sidecar', () => {
  const r = run(['code', example, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { id: string; published: string; source: string; dateline: { text: string }; sentences: unknown[] };
  assert.equal(doc.id, 'efe-2024-01-13-us-mexico-migration');
  assert.equal(doc.published, '2024-01-13');
  assert.equal(doc.source, 'EFE');
  assert.equal(doc.dateline.text, 'Washington, (EFE).-');
  assert.equal(doc.sentences.length, 14);
});

test('code: one JSON object for one document, an array for several; jsonl one line each', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), 'Mexico and Guatemala signed a border agreement on Monday.');
  writeFileSync(join(dir, 'b.txt'), 'Panama closed the Darién route to migrants last week.');
  const many = run(['code', dir, '--format', 'json', '--published', '2024-01-13']);
  assert.equal(many.code, 0, many.stderr);
  const parsed = JSON.parse(many.stdout) as Array<{ id: string; published: string }>;
  assert.deepEqual(parsed.map((d) => d.id), ['a', 'b']);
  assert.ok(parsed.every((d) => d.published === '2024-01-13'));
  const lines = run(['code', dir, '--format', 'jsonl']).stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.equal((JSON.parse(lines[1]) as { id: string }).id, 'b');
  const piped = run(['code', join(dir, 'a.txt')]);
  assert.equal(piped.stdout.trim().split('\n').length, 1, 'jsonl is the default when piped');
});

test('code reads standard input, plain or JSONL', () => {
  const plain = run(['code', '-', '--format', 'jsonl', '--published', '2024-01-13'], 'Blinken met Bárcena in Washington on Friday.');
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal((JSON.parse(plain.stdout) as { text: string }).text, 'Blinken met Bárcena in Washington on Friday.');
  const jsonl = run(['code', '-', '--input', 'jsonl', '--format', 'jsonl'], '{"id":"x1","text":"Talks resumed.","published":"2024-01-12"}\n{"id":"x2","text":"Talks ended."}\n');
  assert.deepEqual(jsonl.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id), ['x1', 'x2']);
});

test('bad input: one stderr line per bad item, good items still processed, exit 0; all bad gives exit 1', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'good.txt'), 'Mexico increased deportations of migrants on Friday, officials said.');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 talks in Bogot\xe1 ended on Friday with an agreement.', 'latin1'));
  writeFileSync(join(dir, 'feed.jsonl'), '{"id":"ok","text":"Guatemala welcomed the agreement."}\n{broken json\n{"id":"no-text"}\n');
  writeFileSync(join(dir, 'huge.txt'), 'x'.repeat(10_000_000));
  const r = run(['code', dir, join(dir, 'nope.txt'), '--format', 'jsonl', '--published', '2024-01-13']);
  assert.equal(r.code, 0, r.stderr);
  const ids = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
  assert.deepEqual(ids, ['ok', 'good', 'latin1']);
  const lines = r.stderr.trim().split('\n');
  const expect = [
    /binary\.bin: binary content/,
    /empty\.txt: empty file/,
    /feed\.jsonl:2: not valid JSON/,
    /feed\.jsonl:3: missing or non-string "text"/,
    /huge\.txt: 10000000 bytes exceeds --max-doc-bytes/,
    /latin1\.txt: repaired: 2 invalid UTF-8 byte sequence/,
    /nope\.txt: no such file or directory/,
  ];
  for (const pattern of expect) assert.ok(lines.some((l) => pattern.test(l)), `no stderr line matches ${pattern}:\n${r.stderr}`);
  assert.ok(!/\n\s+at /.test(r.stderr), 'no stack traces');

  const none = run(['code', join(dir, 'empty.txt'), join(dir, 'nope.txt')]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no document could be coded/);
});

test('ingest stores once, re-ingest changes nothing, events lists from the database', () => {
  const dir = tempDir();
  const db = join(dir, 'events.db');
  const first = run(['ingest', example, '--db', db]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /1 stored \(\d+ events\), 0 already stored, 0 skipped/);
  const second = run(['ingest', example, '--db', db]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /already stored as "efe-2024-01-13-us-mexico-migration" \(same content hash or URL\); unchanged/);
  assert.match(second.stderr, /0 stored \(0 events\), 1 already stored/);
  const events = run(['events', '--db', db, '--format', 'csv']);
  assert.equal(events.code, 0, events.stderr);
  // One line per event (cluster): the mention-level columns first, cluster columns added after them.
  assert.ok(events.stdout.split('\n')[0].startsWith('document,date,source,cameo,plover,target,place,goldstein,quad_class,trigger,rule,cluster,'));
  const mentions = run(['events', '--db', db, '--mentions', '--format', 'csv']);
  assert.equal(mentions.stdout.split('\n')[0], 'document,date,source,cameo,plover,target,place,goldstein,quad_class,trigger,rule');
});

test('ingest refuses a database that is not ours and leaves it untouched', () => {
  const dir = tempDir();
  const notes = join(dir, 'notes.db');
  writeFileSync(notes, 'my notes, not a database');
  const r = run(['ingest', example, '--db', notes]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /is not a SQLite database \(left untouched\)/);
  assert.equal(readFileSync(notes, 'utf8'), 'my notes, not a database');
});

test('usage errors exit 2 with a one-line hint', () => {
  const r = run(['code', example, '--format', 'xml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--format/);
  const missing = run(['events', '--db', join(tempDir(), 'absent.db')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /does not exist/);
});

test('a story without a publication date is coded and stored (its events are never linked by date)', () => {
  const dir = tempDir();
  const file = join(dir, 'undated.txt');
  writeFileSync(file, 'US Secretary of State Antony Blinken met Mexican Foreign Minister Alicia Bárcena in Washington on Friday.\n');
  const r = run(['-q', 'ingest', file, '--db', join(dir, 'h.db')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /1 stored/);
});
