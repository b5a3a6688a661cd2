/**
 * The actor store and imported dictionaries through the command line, with real database files: a later
 * story that names only "Blinken" and "Bárcena" is coded from what the seed story taught, whatever the
 * order of ingest; `actors` lists and exports the store; PETRARCH dictionaries take precedence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const bin = fileURLToPath(new URL('./main.js', import.meta.url));
const seed = fileURLToPath(new URL('../../examples/', import.meta.url));
const followup = fileURLToPath(new URL('../../src/knowledge/actors/fixtures/', import.meta.url));
const fixtures = fileURLToPath(new URL('../../src/knowledge/petrarch/fixtures/', import.meta.url));

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '-q', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function followupActors(db: string): Array<{ name: string; code: string; basis: string }> {
  const handle = new Database(db, { readonly: true });
  try {
    return handle
      .prepare("SELECT a.name, a.code, a.basis FROM actors a JOIN documents d ON d.key = a.document_key WHERE d.id = 'followup-2024-02-02' ORDER BY a.name")
      .all() as Array<{ name: string; code: string; basis: string }>;
  } finally {
    handle.close();
  }
}

test('a later story naming only "Blinken" and "Bárcena" is coded from the actor store, in either ingest order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-actors-'));
  const inOrder = join(dir, 'in-order.db');
  assert.equal(run(['ingest', seed, '--db', inOrder]).code, 0);
  assert.equal(run(['ingest', followup, '--db', inOrder]).code, 0);
  const a = followupActors(inOrder);
  assert.deepEqual(
    a.filter((x) => x.name === 'Blinken' || x.name === 'Bárcena').map((x) => [x.name, x.code, x.basis]),
    [
      ['Blinken', 'USAGOV', 'store'],
      ['Bárcena', 'MEXGOV', 'store'],
    ],
  );
  // The other order: the follow-up is stored first, then coded again when the seed teaches the roles.
  const reversed = join(dir, 'reversed.db');
  assert.equal(run(['ingest', followup, '--db', reversed]).code, 0);
  const before = followupActors(reversed).find((x) => x.name === 'Bárcena');
  assert.notEqual(before?.code, 'MEXGOV', 'nothing is known before the seed is stored');
  const second = run(['ingest', seed, '--db', reversed]);
  assert.equal(second.code, 0);
  assert.deepEqual(followupActors(reversed), a);
});

test('`code` without --db learns nothing across documents; with --db it reads the store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-actors-'));
  const db = join(dir, 'h.db');
  assert.equal(run(['ingest', seed, '--db', db]).code, 0);
  const alone = JSON.parse(run(['code', seed, followup, '--format', 'json']).stdout) as Array<{ id: string; actors: Array<{ name: string; code: string }> }>;
  const later = alone.find((d) => d.id === 'followup-2024-02-02');
  assert.ok(later);
  assert.ok(!later.actors.some((x) => x.name === 'Bárcena' && x.code === 'MEXGOV'));
  const withStore = JSON.parse(run(['code', followup, '--db', db, '--format', 'json']).stdout) as { actors: Array<{ name: string; code: string }> };
  assert.equal(withStore.actors.find((x) => x.name === 'Bárcena')?.code, 'MEXGOV');
});

test('`actors` lists roles with first/last seen and evidence, and exports a PETRARCH dictionary that loads back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-actors-'));
  const db = join(dir, 'h.db');
  assert.equal(run(['ingest', seed, followup, '--db', db]).code, 0);
  const rows = run(['actors', '--db', db, '--name', 'Blinken', '--format', 'jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].country, 'USA');
  assert.equal(rows[0].firstSeen, '2024-01-13');
  assert.match(String(rows[0].evidence), /congratulated/);
  const file = join(dir, 'store.actors.txt');
  assert.equal(run(['actors', '--db', db, '--export', file]).code, 0);
  const exported = readFileSync(file, 'utf8');
  assert.match(exported, /^ANTONY_BLINKEN_ {2}# Antony Blinken$/m);
  assert.match(exported, /^\t\[USAGOV >20240113\]/m);
  // Edited: Bárcena re-coded by hand; the dictionary wins over the store.
  writeFileSync(file, exported.replace(/(ALICIA_BARCENA_.*\n(?:\+.*\n)?\t\[)MEXGOV/, '$1MEXELI'));
  const edited = JSON.parse(run(['code', followup, '--db', db, '--actors', file, '--format', 'json']).stdout) as { actors: Array<{ name: string; code: string; basis: string }> };
  const barcena = edited.actors.find((x) => x.name === 'Bárcena');
  assert.deepEqual([barcena?.code, barcena?.basis], ['MEXELI', 'dictionary']);
});

test('PETRARCH actor, agent, discard and issue dictionaries: dated codes, composed agents, discards, issues, malformed lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-dict-'));
  const story = join(dir, 'story.txt');
  writeFileSync(story, 'Freedonian ambassadors met Sylvanian police in the capital on Monday.\nRufus T. Firefly signed the peace treaty with Sylvania.\nThe Grand Freedonia Cup was played on Sunday.\n');
  const dicts = ['--actors', `${fixtures}fictional.actors.txt`, '--agents', `${fixtures}fictional.agents.txt`, '--discards', `${fixtures}fictional.discards.txt`, '--issues', `${fixtures}fictional.issues.txt`];
  const code = (published: string) => {
    const r = run(['code', story, '--published', published, ...dicts, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    return { doc: JSON.parse(r.stdout) as { actors: Array<{ name: string; code: string }>; issues: Array<{ code: string }>; discarded: { sentences: number[] } }, stderr: r.stderr };
  };
  const after = code('1933-12-01');
  const codeOf = (name: string, d = after.doc) => d.actors.find((a) => a.name === name)?.code;
  assert.equal(codeOf('Freedonian ambassadors'), 'FRDGOV', 'country + ~GOV agent');
  assert.equal(codeOf('Sylvanian police'), 'SYLCOP', 'stem SYLVANIA + ~COP agent');
  assert.equal(codeOf('Rufus T. Firefly'), 'FRDGOV', 'from 1933-11-17');
  assert.equal(codeOf('Rufus T. Firefly', code('1933-06-01').doc), 'FRDELI', 'before 1933-11-17');
  assert.deepEqual(after.doc.issues.map((i) => i.code), ['PEACE_TREATY']);
  assert.deepEqual(after.doc.discarded.sentences, [2]);
  // Malformed lines: one stderr line each, with file and line, and the rest still loads.
  assert.match(after.stderr, /fictional\.actors\.txt:28: date "3301017" has 7 digits/);
  assert.match(after.stderr, /fictional\.agents\.txt:16: /);
  const missing = run(['code', story, '--actors', join(dir, 'nope.txt')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nope\.txt/);
});
