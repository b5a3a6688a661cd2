#!/usr/bin/env node
/**
 * Writes the benchmark corpus to disk: `node dist/bench/make-corpus.js DIR [COUNT] [--jsonl]`.
 * As a directory of .txt files with .meta.json sidecars (default), or as one JSONL file.
 */
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { makeCorpus } from './corpus.js';

const [dir, countArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const jsonl = process.argv.includes('--jsonl');
if (!dir) {
  process.stderr.write('usage: make-corpus DIR [COUNT] [--jsonl]\n');
  process.exit(2);
}
const count = Number(countArg ?? 1000);
mkdirSync(dir, { recursive: true });
const corpus = makeCorpus(count);
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
