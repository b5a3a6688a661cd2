import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blendTrees, eisner, EisnerScratch, greedyHeads, reversed, reversedHeads } from './blend.js';
import { isProjective } from './projectivize.js';

/** Every projective tree with one root dependent over n words, by brute force (n ≤ 6). */
function allTrees(n: number): number[][] {
  const out: number[][] = [];
  const h = new Array<number>(n).fill(0);
  const isTree = (): boolean => {
    if (h.filter((x) => x === 0).length !== 1) return false;
    for (let i = 0; i < n; i++) {
      let a = i + 1;
      for (let k = 0; a !== 0; k++) {
        if (k > n) return false;
        a = h[a - 1];
      }
    }
    return true;
  };
  const rec = (i: number): void => {
    if (i === n) {
      if (isTree() && isProjective(h)) out.push(h.slice());
      return;
    }
    for (let x = 0; x <= n; x++) {
      if (x === i + 1) continue;
      h[i] = x;
      rec(i + 1);
    }
  };
  rec(0);
  return out;
}

test('eisner finds the best projective single-root tree (brute force, n ≤ 6)', () => {
  let seed = 7;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const scratch = new EisnerScratch();
  for (let n = 1; n <= 6; n++) {
    const trees = allTrees(n);
    for (let trial = 0; trial < 30; trial++) {
      const N = n + 1;
      const score = new Float64Array(N * N);
      for (let i = 0; i < score.length; i++) score[i] = Math.floor(rand() * 10);
      const total = (h: ArrayLike<number>): number => {
        let s = 0;
        for (let d = 0; d < n; d++) s += score[h[d] * N + d + 1];
        return s;
      };
      const best = Math.max(...trees.map(total));
      const head = new Int32Array(n);
      eisner(n, score, head, scratch);
      assert.equal(total(head), best, `n=${n} trial ${trial}`);
      assert.ok(trees.some((t) => t.every((x, i) => x === head[i])), 'a projective tree with one root dependent');
    }
  }
});

test('reversing heads twice gives the original heads', () => {
  const heads = [2, 0, 2, 5, 3, 2];
  const r = reversedHeads(heads);
  // "a b c d e f" → "f e d c b a": f (head b) becomes word 1 with head 5 (b's new position), and so on.
  assert.deepEqual(Array.from(r), [5, 4, 2, 5, 0, 5]);
  assert.deepEqual(Array.from(reversedHeads(r)), heads);
  assert.equal(r.filter((h) => h === 0).length, 1);
  assert.equal(r[reversed(heads).indexOf(0)], 0);
  assert.deepEqual(reversed(['a', 'b', 'c']), ['c', 'b', 'a']);
});

test('blendTrees: agreeing trees pass through; margins decide between two', () => {
  const a = { head: [2, 0, 2], margin: [1, 1, 1] };
  const same = new Int32Array(3);
  assert.equal(blendTrees([a, { head: [2, 0, 2], margin: [0, 0, 0] }], { alpha: 1, scale: [1, 1], cap: 2 }, same), false);
  assert.deepEqual(Array.from(same), [2, 0, 2]);
  // Word 4 attached to 3 (first tree, small margin) or to 2 (second tree, large margin).
  const first = { head: [2, 0, 2, 3], margin: [1, 1, 1, 0.1] };
  const second = { head: [2, 0, 2, 2], margin: [1, 1, 1, 2] };
  const out = new Int32Array(4);
  assert.equal(blendTrees([first, second], { alpha: 1, scale: [1, 1], cap: 2 }, out), true);
  assert.deepEqual(Array.from(out), [2, 0, 2, 2]);
  // Plain votes: a tie, which the first tree wins.
  assert.equal(blendTrees([first, second], { alpha: 0, scale: [1, 1], cap: 2 }, out), true);
  assert.deepEqual(Array.from(out), [2, 0, 2, 3]);
  // Margins are divided by each parser's typical margin (scale) before they are weighed.
  assert.equal(blendTrees([first, { ...second, margin: [1, 1, 1, 100] }], { alpha: 1, scale: [1, 100], cap: 2 }, out), true);
  assert.deepEqual(Array.from(out), [2, 0, 2, 2]);
});

test('greedyHeads: each word takes its heavier head; true only for a projective tree', () => {
  const w = { alpha: 1, scale: [1, 1], cap: 2 };
  const out = new Int32Array(8);
  // Word 4 moves from 3 to 2 (the second tree is surer): still a projective tree.
  assert.equal(greedyHeads([{ head: [2, 0, 2, 3], margin: [1, 1, 1, 0.1] }, { head: [2, 0, 2, 2], margin: [1, 1, 1, 2] }], w, out), true);
  assert.deepEqual(Array.from(out.subarray(0, 4)), [2, 0, 2, 2]);
  // Words 1 and 2 would head each other: a cycle and no root.
  assert.equal(greedyHeads([{ head: [0, 1], margin: [0, 0.1] }, { head: [2, 0], margin: [2, 0] }], w, out), false);
  assert.deepEqual(Array.from(out.subarray(0, 2)), [2, 1]);
  // Two root dependents.
  assert.equal(greedyHeads([{ head: [0, 1, 2], margin: [1, 0, 1] }, { head: [2, 0, 2], margin: [0, 2, 0] }], w, out), false);
  // Crossing arcs: 1 → 3 over word 2, whose head 4 lies outside the span.
  assert.equal(greedyHeads([{ head: [4, 4, 1, 0], margin: [2, 2, 2, 0] }, { head: [4, 4, 4, 0], margin: [0, 0, 0, 0] }], w, out), false);
  assert.deepEqual(Array.from(out.subarray(0, 4)), [4, 4, 1, 0]);
});

test('blendTrees with greedy gives the same trees as with Eisner alone (random parses)', () => {
  let seed = 11;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const trees = [allTrees(4), allTrees(5), allTrees(6)];
  const a = new Int32Array(6);
  const b = new Int32Array(6);
  let viaGreedy = 0;
  for (let trial = 0; trial < 600; trial++) {
    const pool = trees[trial % 3];
    const n = pool[0].length;
    const pick = (): { head: number[]; margin: number[] } => ({ head: pool[Math.floor(rand() * pool.length)], margin: Array.from({ length: n }, () => rand() * 3) });
    const parses = [pick(), pick()];
    const w = { alpha: 0.5, scale: [1, 1.3], cap: 2 };
    blendTrees(parses, w, a, undefined, undefined, false);
    blendTrees(parses, w, b, undefined, undefined, true);
    assert.deepEqual(Array.from(b.subarray(0, n)), Array.from(a.subarray(0, n)), `trial ${trial}`);
    if (greedyHeads(parses, w, new Int32Array(n))) viaGreedy++;
  }
  assert.ok(viaGreedy > 100 && viaGreedy < 600, `both paths taken (${viaGreedy} greedy)`);
});
