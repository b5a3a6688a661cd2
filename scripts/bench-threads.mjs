#!/usr/bin/env node
// `npm run bench:threads [-- --articles N --words N --runs N]`: what `code --threads 2` gains over one thread on
// this machine, and what the machine itself allows. Codes one corpus of ~600-word articles (generated, default
// 1,200) with --threads 1 and --threads 2, and then the same corpus split in two halves
// coded by two independent one-thread processes at once: no shared pool, no main thread between them — the
// ceiling of any in-process pool on this hardware. Checks that both thread counts give byte-identical output.
// Prints a Markdown table (medians of --runs) for BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { arg, bin, makeCorpusDir } from './bench-common.mjs';

const ARTICLES = arg('articles', 1200);
const WORDS = arg('words', 600);
const RUNS = arg('runs', 1);

const { dir, corpus } = makeCorpusDir('herodotus-threads-', ARTICLES, WORDS, 'all');
const stems = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort().map((f) => f.slice(0, -4));
const halves = [join(dir, 'a'), join(dir, 'b')];
for (const h of halves) mkdirSync(h);
stems.forEach((stem, i) => {
  for (const ext of ['.txt', '.meta.json']) copyFileSync(join(corpus, stem + ext), join(halves[i % 2], stem + ext));
});

/** Runs `code` on a folder; resolves with wall seconds, peak RSS (MB) and the md5 of its output. */
function code(input, threads) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, bin, '-q', 'code', input, '--format', 'jsonl', '--threads', String(threads)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const hash = createHash('md5');
    let stderr = '';
    child.stdout.on('data', (c) => hash.update(c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`code exited with ${status}: ${stderr}`));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, rssMB: Number(stderr.trim().split('\n').pop()) / 1024, md5: hash.digest('hex') });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = { one: [], two: [], pair: [] };
let identical = true;
for (let run = 0; run < RUNS; run++) {
  const one = await code(corpus, 1);
  const two = await code(corpus, 2);
  identical &&= one.md5 === two.md5;
  const pairStart = process.hrtime.bigint();
  const pair = await Promise.all(halves.map((h) => code(h, 1)));
  rows.one.push(one);
  rows.two.push(two);
  rows.pair.push({ seconds: Number(process.hrtime.bigint() - pairStart) / 1e9, rssMB: Math.max(...pair.map((p) => p.rssMB)) });
  process.stderr.write(`bench:threads: run ${run + 1}: 1 thread ${one.seconds.toFixed(1)} s, 2 threads ${two.seconds.toFixed(1)} s, two processes ${rows.pair.at(-1).seconds.toFixed(1)} s\n`);
}
rmSync(dir, { recursive: true, force: true });

const base = median(rows.one.map((r) => r.seconds));
const line = (name, rs) => {
  const s = median(rs.map((r) => r.seconds));
  return `| ${name} | ${s.toFixed(1)} | ${(stems.length / s).toFixed(1)} | ${(base / s).toFixed(2)}× | ${median(rs.map((r) => r.rssMB)).toFixed(0)} |`;
};
console.log(`${stems.length} documents of about ${WORDS} words, median of ${RUNS} run(s), start-up included; output of 1 and 2 threads ${identical ? 'byte-identical' : 'DIFFERENT'}.\n`);
console.log('| run | wall s | articles/s | speed-up | peak RSS MB (per process) |');
console.log('|---|---:|---:|---:|---:|');
console.log(line('`code --threads 1`', rows.one));
console.log(line('`code --threads 2`', rows.two));
console.log(line('two independent `--threads 1` processes, one half each', rows.pair));
if (!identical) process.exitCode = 1;
