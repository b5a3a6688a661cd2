#!/usr/bin/env node
/**
 * Writes the benchmark corpus to disk: `node dist/bench/make-corpus.js DIR [COUNT] [--jsonl] [--words N]`.
 * As a directory of .txt files with .meta.json sidecars (default), or as one JSONL file. `--words N` joins
 * consecutive bench articles (their bodies, under the first one's headline) into documents of about N words on
 * average — e.g. `--words 600` for the "~600-word news" of the throughput target.
 */
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { makeCorpus, makeLongCorpus } from './corpus.js';

const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && all[i - 1] !== "--words");
const [dir, countArg] = positional;
const jsonl = process.argv.includes('--jsonl');
if (!dir) {
  process.stderr.write('usage: make-corpus DIR [COUNT] [--jsonl]\n');
  process.exit(2);
}
const count = Number(countArg ?? 1000);
const wordsAt = process.argv.indexOf('--words');
const minWords = wordsAt >= 0 ? Number(process.argv[wordsAt + 1]) : 0;
mkdirSync(dir, { recursive: true });
const corpus = minWords > 0 ? makeLongCorpus(count, minWords, undefined, 'nearest') : makeCorpus(count);
if (jsonl) {
  const out = createWriteStream(join(dir, 'corpus.jsonl'));
  for (const a of corpus) out.write(JSON.stringify(a) + '\n');
  out.end();
} else {
  for (const a of corpus) {
    writeFileSync(join(dir, `${a.id}.txt`), a.text);
    writeFileSync(join(dir, `${a.id}.meta.json`), JSON.stringify({ published: a.published, title: a.title, source: 'EFE' }));
  }
}
process.stderr.write(`wrote ${corpus.length} articles to ${dir}\n`);
