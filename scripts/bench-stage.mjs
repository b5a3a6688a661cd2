#!/usr/bin/env node
// `npm run bench:stage -- NAME [--articles N --words N --rounds N]`: one pipeline stage's own steady-state cost per
// article (e.g. `events`, whose target in the events issue is ≤ 4 ms per 600-word article).
//
// Codes a generated corpus (N articles of ~--words words) with the whole pipeline once, then runs only the named
// stage over the annotated documents --rounds times (a stage returns its layers and leaves the document as it was,
// so every round does the same work) and prints ms per article for each round. Unlike `npm run bench`, whose
// per-stage times are taken inside the whole pipeline, the other stages do not run in between: their weight tables
// do not push this stage's data out of the CPU caches, and the garbage they leave is not collected on its time.
// Pin it (`taskset -c 0`) and read the later rounds (the first ones include JIT warm-up).
import { join } from 'node:path';
import { arg, generatedDocuments, root } from './bench-common.mjs';

const name = process.argv[2];
const ARTICLES = arg('articles', 150);
const WORDS = arg('words', 600);
const ROUNDS = arg('rounds', 10);

const { createPipeline, standardPipelineParts } = await import(join(root, 'dist/pipeline/pipeline.js'));
const parts = standardPipelineParts();
const stage = parts.stages.find((s) => s.name === name);
if (!name || name.startsWith('--') || stage === undefined) {
  process.stderr.write(`usage: npm run bench:stage -- NAME [--articles N --words N --rounds N]; stages: ${parts.stages.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}
const pipeline = createPipeline({ stages: parts.stages, resources: parts.resources });
const corpus = await generatedDocuments(ARTICLES, WORDS);
const docs = corpus.map((d) => pipeline.annotate(d.text, d.options));
const words = corpus.reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0);

const perRound = [];
for (let r = 0; r < ROUNDS; r++) {
  const start = process.hrtime.bigint();
  for (const doc of docs) stage.run(doc, parts.resources);
  perRound.push(Number(process.hrtime.bigint() - start) / 1e6 / docs.length);
}
const later = perRound.slice(Math.floor(ROUNDS / 2)).sort((a, b) => a - b);
const median = later[Math.floor(later.length / 2)];
console.log(`stage ${name} alone, ${docs.length} generated articles of ${Math.round(words / docs.length)} words on average`);
console.log(`ms per article, round by round: ${perRound.map((x) => x.toFixed(2)).join(' ')}`);
console.log(`median of the later half: ${median.toFixed(2)} ms per article (${((1000 * median) / (words / docs.length)).toFixed(2)} µs per word)`);
