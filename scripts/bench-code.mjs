#!/usr/bin/env node
// `npm run bench:code [-- --articles N --words N --runs N --threads N]`: the throughput target of the events issue —
// the whole `herodotus code` process, start-up included, on ~600-word news (a generated corpus of N articles that
// average --words words), one core by default. Prints the median of --runs fresh processes: wall time, articles/s,
// words/s, CPU time (and, through the preloaded bench-code-probe.mjs, the main thread's and V8's other threads'
// shares), peak RSS, and the time until the first 100 articles were out against the pace after them (start-up and
// JIT warm-up), with the load average and the host's memory latency (bench-host-memory.mjs) so that a run on a busy
// or cache-starved machine shows as one.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { arg, bin, makeCorpusDir } from './bench-common.mjs';
import { hostMemory } from './bench-host-memory.mjs';

const ARTICLES = arg('articles', 1200);
const WORDS = arg('words', 600);
const RUNS = arg('runs', 3);
const THREADS = arg('threads', 1);

const { dir } = makeCorpusDir('herodotus-code-bench-', ARTICLES, WORDS);
const texts = readdirSync(dir).filter((f) => f.endsWith('.txt'));
const words = texts.reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').split(/\s+/).filter(Boolean).length, 0);

/**
 * From the probe's output bursts: when the batch that brought the 100th article out began (start-up and warm-up
 * included), how many articles were out by then, and the pace after it (ms per article up to the last batch).
 */
function warmUp(bursts) {
  const i = bursts.findIndex(([, lines]) => lines >= 100);
  const last = bursts.at(-1);
  if (i < 0 || last === bursts[i]) return { firstSeconds: null };
  return { firstSeconds: bursts[i][0] / 1000, firstArticles: bursts[i][1], laterMs: (last[0] - bursts[i][0]) / (last[1] - bursts[i][1]) };
}

const probe = pathToFileURL(new URL('./bench-code-probe.mjs', import.meta.url).pathname).href;
const probeOut = join(tmpdir(), `herodotus-code-bench-probe-${process.pid}.json`);

/**
 * One `code` process over the corpus, output discarded as it comes: wall s, CPU s (and the kernel's part), peak RSS
 * MB, page faults, and from the probe the time to the first 100 articles and the main thread's and other threads' CPU.
 */
function run() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    rmSync(probeOut, { force: true });
    const child = spawn('/usr/bin/time', ['-f', '%M %U %S %R', process.execPath, '--import', probe, bin, '-q', 'code', dir, '--format', 'jsonl', '--threads', String(THREADS)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HERODOTUS_BENCH_PROBE: probeOut },
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`code exited with ${status}: ${stderr}`));
      const [rssKb, user, sys, faults] = stderr.trim().split('\n').pop().split(' ').map(Number);
      const p = existsSync(probeOut) ? JSON.parse(readFileSync(probeOut, 'utf8')) : {};
      resolve({
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        cpu: user + sys,
        sys,
        rssMB: rssKb / 1024,
        faults,
        ...warmUp(p.bursts ?? []),
        mainCpu: p.threads?.main ?? null,
        otherCpu: p.threads?.others ?? null,
      });
    });
  });
}

const loadBefore = loadavg()[0];
const memoryBefore = hostMemory();
const runs = [];
for (let r = 0; r < RUNS; r++) {
  runs.push(await run());
  const last = runs.at(-1);
  process.stderr.write(`bench:code: run ${r + 1}/${RUNS}: ${last.seconds.toFixed(1)} s, ${(texts.length / last.seconds).toFixed(1)} articles/s\n`);
}
rmSync(dir, { recursive: true, force: true });
rmSync(probeOut, { force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = median(runs.map((r) => r.seconds));
console.log(`herodotus code --threads ${THREADS}: ${texts.length} articles of ${Math.round(words / texts.length)} words on average (${words} words), median of ${RUNS} fresh process(es), start-up included`);
console.log(`machine: ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after`);
console.log(`host memory, one random read in a 1 MB / 16 MB table: ${memoryBefore} before the runs, ${hostMemory()} after`);
console.log(`wall ${seconds.toFixed(1)} s (runs: ${runs.map((r) => r.seconds.toFixed(1)).join(', ')})`);
console.log(`throughput ${(texts.length / seconds).toFixed(1)} articles/s, ${Math.round(words / seconds)} words/s (best run ${(texts.length / Math.min(...runs.map((r) => r.seconds))).toFixed(1)} articles/s)`);
console.log(`CPU ${median(runs.map((r) => r.cpu)).toFixed(1)} s (kernel ${median(runs.map((r) => r.sys)).toFixed(1)} s), peak RSS ${median(runs.map((r) => r.rssMB)).toFixed(0)} MB, ${Math.round(median(runs.map((r) => r.faults)) / 1000)}k page faults`);
if (runs.every((r) => r.mainCpu !== null)) {
  console.log(`CPU by thread: main ${median(runs.map((r) => r.mainCpu)).toFixed(1)} s, V8's other threads (optimising compiler, GC helpers) ${median(runs.map((r) => r.otherCpu)).toFixed(1)} s`);
}
if (runs.every((r) => r.firstSeconds !== null)) {
  console.log(
    `warm-up: the first ${median(runs.map((r) => r.firstArticles))} articles out after ${median(runs.map((r) => r.firstSeconds)).toFixed(1)} s (start-up included), ` +
      `then ${median(runs.map((r) => r.laterMs)).toFixed(1)} ms per article`,
  );
}
