// Shared by the whole-process benchmarks (bench-code.mjs, bench-threads.mjs): the built CLI, `--name N` arguments
// and the generated corpus of ~N-word articles.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../', import.meta.url).pathname;
export const bin = join(root, 'dist/cli/main.js');

/** The number after `--name` on the command line, or `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A new temporary folder holding `articles` generated articles of about `words` words (make-corpus), and its path. */
export function makeCorpusDir(prefix, articles, words, subfolder = '') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const corpus = join(dir, subfolder);
  const gen = spawnSync(process.execPath, [join(root, 'dist/bench/make-corpus.js'), corpus, String(articles), '--words', String(words)], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(gen.stderr);
  return { dir, corpus };
}

/**
 * `count` generated articles of about `words` words (make-corpus's articles, made in this process), as the
 * documents that pipeline.codeBatch takes: { text, options: { published, id } }.
 */
export async function generatedDocuments(count, words) {
  const { makeLongCorpus } = await import(join(root, 'dist/bench/corpus.js'));
  return makeLongCorpus(count, words, undefined, 'nearest').map((a) => ({ text: a.text, options: { published: a.published, id: a.id } }));
}
