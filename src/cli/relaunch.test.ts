/**
 * The `herodotus` executable on one CPU: the batch commands run in a child Node process with concurrent
 * recompilation off, with the same output and exit code as in one process; everything else runs in place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ONE_CPU_FLAGS, relaunchFlags } from './relaunch.js';

const bin = fileURLToPath(new URL('./bin.js', import.meta.url));
const main = fileURLToPath(new URL('./main.js', import.meta.url));

test('one CPU and a batch command: relaunch with concurrent recompilation off', () => {
  assert.deepEqual([...ONE_CPU_FLAGS], ['--no-concurrent-recompilation']);
  for (const args of [['code', 'a.txt'], ['-q', 'code', 'dir/'], ['ingest', 'x', '--db', 'h.db'], ['recode'], ['annotate', 'f.conllu']]) {
    assert.deepEqual(relaunchFlags(args, 1, [], {}), ['--no-concurrent-recompilation'], args.join(' '));
  }
});

test('no relaunch with several CPUs, for other commands, when the flag is there or when turned off', () => {
  assert.equal(relaunchFlags(['code', 'a.txt'], 2, [], {}), null);
  assert.equal(relaunchFlags(['code', 'a.txt'], 8, [], {}), null);
  for (const args of [['events', '--db', 'h.db'], ['serve'], ['watch', '--dir', 'd'], ['worker'], ['--help'], ['--version'], []]) {
    assert.equal(relaunchFlags(args, 1, [], {}), null, args.join(' '));
  }
  assert.equal(relaunchFlags(['code', 'a.txt'], 1, ['--no-concurrent-recompilation'], {}), null);
  assert.equal(relaunchFlags(['code', 'a.txt'], 1, [], { HERODOTUS_NO_RELAUNCH: '1' }), null);
});

const taskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

test('pinned to one CPU, `code` runs in a child with the flag, prints what main.js prints and keeps the exit code', { skip: !taskset && 'no taskset' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-relaunch-'));
  const story = join(dir, 'story.txt');
  writeFileSync(story, 'Mexican Foreign Minister Alicia Bárcena met US Secretary of State Antony Blinken in Mexico City on Wednesday.\n');
  // A preload that reports each process's Node flags on stderr; the child inherits it with the parent's own options.
  const report = join(dir, 'report.mjs');
  writeFileSync(report, "process.stderr.write('flags: ' + JSON.stringify(process.execArgv.filter((a) => a.startsWith('--no-'))) + '\\n');\n");
  const preload = ['--import', pathToFileURL(report).href];
  const env = { ...process.env };
  delete env.HERODOTUS_NO_RELAUNCH;
  const pinned = spawnSync('taskset', ['-c', '0', process.execPath, ...preload, bin, '-q', 'code', story, '--format', 'jsonl'], { encoding: 'utf8', env });
  assert.equal(pinned.status, 0, pinned.stderr);
  const flags = pinned.stderr.split('\n').filter((l) => l.startsWith('flags: '));
  assert.deepEqual(flags, ['flags: []', 'flags: ["--no-concurrent-recompilation"]'], 'the launcher, then its child with the flag');
  const direct = spawnSync(process.execPath, [main, '-q', 'code', story, '--format', 'jsonl'], { encoding: 'utf8' });
  assert.equal(direct.status, 0, direct.stderr);
  assert.equal(pinned.stdout, direct.stdout);
  assert.match(pinned.stdout, /"events":\[\{"id":"ev1","sentence":0,"trigger":\{"text":"met"/, 'the meeting was coded');
  // Nothing to code: the child's exit code 1 and its message come through.
  const missing = spawnSync('taskset', ['-c', '0', process.execPath, bin, '-q', 'code', join(dir, 'missing.txt')], { encoding: 'utf8', env });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no such file or directory/);
});
