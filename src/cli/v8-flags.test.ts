/**
 * The CLI's V8 settings: with them, an array built by Array.prototype.map has the same shape (hidden class) whether
 * the function that builds it runs unoptimised or optimised, so the functions that receive it are not deoptimised when
 * their caller is optimised. Checked in a child process with V8's test intrinsics, with and without the settings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { V8_FLAGS } from './v8-flags.js';

const flagsModule = fileURLToPath(new URL('./v8-flags.js', import.meta.url));

// Builds the words of a "sentence" with .map before and after optimising the builder; prints whether both arrays share a map.
const probe = (withFlags: boolean): string => `
  ${withFlags ? `await import(${JSON.stringify(flagsModule)});` : ''}
  const tokens = Array.from({ length: 20 }, (_, i) => ({ norm: 'w' + i }));
  function words(a, b) { return tokens.slice(a, b).map((t) => t.norm); }
  const before = words(0, 10);
  %PrepareFunctionForOptimization(words);
  words(0, 5); words(2, 9);
  %OptimizeFunctionOnNextCall(words);
  const after = words(0, 10);
  // V8's status bit 16: the function runs optimised code.
  const optimised = (%GetOptimizationStatus(words) & 16) !== 0;
  console.log(JSON.stringify({ optimised, sameShape: %HaveSameMap(before, after), words: after.join(' ') }));
`;

function run(withFlags: boolean): { optimised: boolean; sameShape: boolean; words: string } {
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', probe(withFlags)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('the CLI turns off the inlining of array builtins', () => {
  assert.deepEqual([...V8_FLAGS], ['--no-turbo-inline-array-builtins']);
});

test('with the CLI settings, .map results keep one shape across optimisation', () => {
  const got = run(true);
  assert.equal(got.optimised, true, 'the probe function was optimised');
  assert.equal(got.sameShape, true);
  assert.equal(got.words, 'w0 w1 w2 w3 w4 w5 w6 w7 w8 w9');
});

test('without them, V8 changes the shape once the builder is optimised (the deoptimisations the settings avoid)', () => {
  const got = run(false);
  assert.equal(got.optimised, true, 'the probe function was optimised');
  assert.equal(got.sameShape, false);
});
