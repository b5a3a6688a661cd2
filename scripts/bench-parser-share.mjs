#!/usr/bin/env node
// `npm run bench:parser-share [-- --articles N --rounds N]`: how much of the pipeline's steady-state time per ~600-word
// article is dependency parsing, and what the rest costs without it — the bound on what any parser, however fast,
// could give the throughput target of the events issue.
//
// In one process (pin it: `taskset -c 0`), over a generated corpus: a first pass codes every batch and keeps each
// sentence's tree; then batches of 16 articles are coded alternately with the parser running and with its trees
// replayed from that pass (the same trees, so the same output: checked before timing), the order flipping every
// batch and round so that the host's slow and fast moments fall on both. Start-up and JIT warm-up are not included.
import { join } from 'node:path';
import { arg, generatedDocuments, root } from './bench-common.mjs';
import { hostMemory } from './bench-host-memory.mjs';

const ARTICLES = arg('articles', 300);
const ROUNDS = arg('rounds', 3);

const { Parser } = await import(join(root, 'dist/models/parser/parser.js'));
const { createPipeline } = await import(join(root, 'dist/index.js'));

// Parser.parse, wrapped: records every tree, and in replay mode answers from the record.
const parse = Parser.prototype.parse;
const trees = new Map();
let replay = false;
const copy = (t) => ({ head: t.head.slice(), deprel: t.deprel.slice() });
Parser.prototype.parse = function (words, upos, xpos) {
  const key = `${words.join('\u0001')}\u0002${upos.join(' ')}\u0002${xpos.join(' ')}`;
  const kept = replay ? trees.get(key) : undefined;
  if (kept !== undefined) return copy(kept);
  const tree = parse.call(this, words, upos, xpos);
  trees.set(key, copy(tree));
  return tree;
};

const pipeline = createPipeline({});
const docs = await generatedDocuments(ARTICLES, 600);
const batches = [];
for (let i = 0; i < docs.length; i += 16) batches.push(docs.slice(i, i + 16));

const code = (batch, replaying) => {
  replay = replaying;
  return pipeline.codeBatch(batch);
};
for (const batch of batches) code(batch, false);
const same = batches.every((b) => JSON.stringify(code(b, false)) === JSON.stringify(code(b, true)));
if (!same) throw new Error('bench:parser-share: replayed trees changed the output');

const memory = hostMemory();
const ns = [0, 0];
for (let r = 0; r < ROUNDS; r++) {
  batches.forEach((batch, k) => {
    for (const replaying of (k + r) % 2 === 0 ? [false, true] : [true, false]) {
      const start = process.hrtime.bigint();
      code(batch, replaying);
      ns[Number(replaying)] += Number(process.hrtime.bigint() - start);
    }
  });
}
const perArticle = ns.map((t) => t / 1e6 / (ROUNDS * docs.length));
console.log(`pipeline, steady state, ${docs.length} generated articles of ~600 words × ${ROUNDS} rounds (same output both ways)`);
console.log(`host memory, one random read in a 1 MB / 16 MB table: ${memory}`);
console.log(`with the parser:          ${perArticle[0].toFixed(2)} ms per article (${(1000 / perArticle[0]).toFixed(1)} articles/s)`);
console.log(`trees replayed (no parse): ${perArticle[1].toFixed(2)} ms per article (${(1000 / perArticle[1]).toFixed(1)} articles/s)`);
console.log(`parsing: ${(perArticle[0] - perArticle[1]).toFixed(2)} ms per article, ${((100 * (perArticle[0] - perArticle[1])) / perArticle[0]).toFixed(1)} % of the steady state`);
