#!/usr/bin/env node
// In-process A/B timing of two builds of Herodotus, for changes too small for whole-process timings on a noisy host:
//
//   node scripts/ab-inprocess.mjs parser   DIST_A DIST_B [--rounds N]              (EWT dev, gold tags; one parser.bin)
//   node scripts/ab-inprocess.mjs pipeline DIST_A DIST_B [--rounds N] [--articles N] (generated ~600-word news)
//
// DIST_A and DIST_B are the `dist` folders of two checkouts (each beside its own node_modules, data and models, e.g.
// a `git worktree` built with `npx tsc -p tsconfig.json && node scripts/build-data.mjs`). Both builds run in this
// process on the same input in alternating chunks (50 sentences, or batches of 16 documents; the order flips every
// chunk and round), their times summed apart, so that the host's slow and fast moments fall on both. Before timing,
// one pass checks that both builds give the same output. Prints B's time over A's (< 1: B is faster), per round.
// Pin it (`taskset -c 0`), run an A/A comparison to see the harness's own spread, and run both orders (A B, then B A):
// the pipeline mode has favoured whichever build it loads second by up to ~8 % in a round.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { arg, makeCorpusDir, root } from './bench-common.mjs';

const [mode, dirA, dirB] = process.argv.slice(2);
if (!['parser', 'pipeline'].includes(mode) || !dirA || !dirB) {
  process.stderr.write('usage: node scripts/ab-inprocess.mjs parser|pipeline DIST_A DIST_B [--rounds N] [--articles N]\n');
  process.exit(2);
}
const rounds = arg('rounds', 6);
const load = (dir, path) => import(join(resolve(dir), path));

/** Times `run(variant, chunk)` over the chunks, alternating A and B; returns B/A per round and overall. */
function alternate(chunks, run) {
  let a = 0;
  let b = 0;
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    const t = [0, 0];
    chunks.forEach((chunk, k) => {
      const order = (k + r) % 2 === 0 ? [0, 1] : [1, 0];
      for (const v of order) {
        const start = process.hrtime.bigint();
        run(v, chunk);
        t[v] += Number(process.hrtime.bigint() - start);
      }
    });
    a += t[0];
    b += t[1];
    perRound.push(t[1] / t[0]);
  }
  return { ratio: b / a, perRound, seconds: [a / 1e9, b / 1e9] };
}

function report(unit, count, { ratio, perRound, seconds }, same) {
  const rate = (s) => Math.round((count * rounds) / s);
  console.log(
    `same output: ${same}; A ${rate(seconds[0])} ${unit}/s, B ${rate(seconds[1])} ${unit}/s; B/A time ${ratio.toFixed(3)} ` +
      `(rounds: ${perRound.map((x) => x.toFixed(3)).join(' ')})`,
  );
}

if (mode === 'parser') {
  const [A, B, data, paths] = await Promise.all([
    load(dirA, 'models/parser/parser.js'),
    load(dirB, 'models/parser/parser.js'),
    load(dirA, 'models/parser/data.js'),
    load(join(root, 'dist'), 'models/paths.js'),
  ]);
  // One model file (this checkout's) for both, so that both read the same weights from the same memory.
  const bytes = readFileSync(join(paths.modelsDir(), 'parser.bin'));
  const parsers = [A.Parser.fromBytes(bytes), B.Parser.fromBytes(bytes)];
  const dev = data.loadTreebank(join(paths.corporaDir(), 'ud-english-ewt', 'en_ewt-ud-dev.conllu'));
  let same = true;
  for (const s of dev) {
    const x = JSON.stringify(parsers[0].parse(s.forms, s.upos, s.xpos));
    if (x !== JSON.stringify(parsers[1].parse(s.forms, s.upos, s.xpos))) same = false;
  }
  const chunks = [];
  for (let i = 0; i < dev.length; i += 50) chunks.push(dev.slice(i, i + 50));
  const tokens = dev.reduce((n, s) => n + s.forms.length, 0);
  report('tokens', tokens, alternate(chunks, (v, chunk) => chunk.forEach((s) => parsers[v].parse(s.forms, s.upos, s.xpos))), same);
} else {
  const articles = arg('articles', 300);
  const [A, B] = await Promise.all([load(dirA, 'index.js'), load(dirB, 'index.js')]);
  const pipelines = [A.createPipeline({}), B.createPipeline({})];
  const { dir } = makeCorpusDir('herodotus-ab-', articles, 600);
  const names = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const docs = names.map((f) => ({
    text: readFileSync(join(dir, f), 'utf8'),
    options: { published: JSON.parse(readFileSync(join(dir, f.replace(/\.txt$/, '.meta.json')), 'utf8')).published, id: f },
  }));
  const chunks = [];
  for (let i = 0; i < docs.length; i += 16) chunks.push(docs.slice(i, i + 16));
  const same = chunks.every((c) => JSON.stringify(pipelines[0].codeBatch(c)) === JSON.stringify(pipelines[1].codeBatch(c)));
  report('articles', docs.length, alternate(chunks, (v, chunk) => pipelines[v].codeBatch(chunk)), same);
  rmSync(dir, { recursive: true, force: true });
}
