#!/usr/bin/env node
/**
 * `npm run bench:queue [-- --articles N --runs N --workers 1,2 --batch-size N --redis URL --db-url LOCATION]`: articles/s of
 * distributed ingest (enqueue + N `herodotus worker` processes) against in-process `herodotus ingest` with as
 * many coding threads, on the ~600-word bench corpus (`make-corpus --words 600`), and the peak RSS of each
 * process (VmHWM from /proc). Needs a Redis server (--redis, else HERODOTUS_TEST_REDIS). The store is a fresh
 * SQLite file per run; --db-url names another store (e.g. an empty PostgreSQL database) for a single run.
 *
 * Three figures per configuration, from the same runs:
 * - warm: documents / time from the start of `enqueue` to the last document stored, the workers already
 *   running (their models loaded), against `ingest`'s own coding time (models loaded, to the last commit);
 * - cold: from starting the workers to the last document stored, against the whole `ingest` process;
 * - CPU: user + system seconds of every process of the run (ingest; or enqueue, workers and Redis), which a
 *   busy machine disturbs far less than wall time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeLongCorpus } from './corpus.js';
import { testQueue } from '../queue/testing.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const articles = Number(arg('--articles') ?? 300);
const runs = Number(arg('--runs') ?? 1);
const workerCounts = (arg('--workers') ?? '1,2').split(',').map(Number);
const redis = arg('--redis') ?? process.env.HERODOTUS_TEST_REDIS;
const dbUrl = arg('--db-url');
if (!redis) {
  process.stderr.write('bench:queue needs a Redis server: --redis redis://127.0.0.1:6379/0 (or HERODOTUS_TEST_REDIS)\n');
  process.exit(2);
}
process.env.HERODOTUS_TEST_REDIS = redis;
const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const batchSize = arg('--batch-size');
/** USER_HZ: Linux reports process CPU times in hundredths of a second. */
const CLOCK_TICKS = 100;

interface Measured {
  code: number | null;
  ms: number;
  peakRssMB: number;
  /** User + system CPU seconds (from /proc, sampled every 100 ms: at most 0.1 s short). */
  cpuSeconds: number;
  stdout: string;
  stderr: string;
  /** When it was started (Date.now()). */
  started: number;
}

/** Runs `herodotus ARGS`, sampling its peak RSS (VmHWM) every 100 ms. */
function measure(args: readonly string[], onStart?: (child: ChildProcess) => void, onLine?: (line: Record<string, unknown>) => void): Promise<Measured> {
  const started = Date.now();
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  onStart?.(child);
  let stdout = '';
  let stderr = '';
  let pending = '';
  let peakKB = 0;
  let ticks = 0;
  const sample = (): void => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peakKB = Math.max(peakKB, kb);
      // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime, stime in clock ticks.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks = Math.max(ticks, Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited
    }
  };
  const timer = setInterval(sample, 100);
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    pending += chunk.toString('utf8');
    let i;
    while ((i = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, i);
      pending = pending.slice(i + 1);
      if (text.startsWith('{')) onLine?.(JSON.parse(text) as Record<string, unknown>);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    sample();
  });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, ms: Date.now() - started, peakRssMB: Math.round(peakKB / 1024), cpuSeconds: ticks / CLOCK_TICKS, stdout, stderr, started });
    }),
  );
}

function must(m: Measured, what: string): Measured {
  if (m.code !== 0) throw new Error(`${what} failed (${m.code}): ${m.stderr.slice(-2000)}`);
  return m;
}

interface Result {
  mode: string;
  processes: number;
  warmSeconds: number;
  coldSeconds: number;
  peakRssMB: number[];
  /** CPU seconds of every process of the run (ingest; or enqueue, the workers and Redis). */
  cpuSeconds: number;
  /** Self-reported by the workers (process.resourceUsage()). */
  reportedRssMB?: number[];
  reportedCpuSeconds?: number;
  recodeSeconds?: number;
}

async function inProcess(dir: string, corpus: string, threads: number, run: number): Promise<Result> {
  const db = join(dir, `ingest-${threads}-${run}.db`);
  const m = must(await measure(['ingest', corpus, '--db', db, '--threads', String(threads), '-q']), 'ingest');
  const coded = Number(/coded in ([\d.]+) s/.exec(m.stderr)?.[1]);
  return { mode: `ingest --threads ${threads}`, processes: 1, warmSeconds: coded, coldSeconds: m.ms / 1000, peakRssMB: [m.peakRssMB], cpuSeconds: m.cpuSeconds };
}

async function distributed(dir: string, corpus: string, workers: number, run: number, location?: string): Promise<Result> {
  const db = location ?? join(dir, `queue-${workers}-${run}.db`);
  const { target, queue, cleanup } = testQueue(`bench${workers}`);
  try {
    const queueArgs = ['--queue', target.shown, '--queue-name', target.name];
    let lastStored = 0;
    let ready = 0;
    let readyAll: () => void = () => undefined;
    const allReady = new Promise<void>((resolve) => (readyAll = resolve));
    const reported: number[] = [];
    let reportedCpu = 0;
    const redisCpuBefore = redisCpuSeconds();
    const coldStart = Date.now();
    const children: ChildProcess[] = [];
    const running = Array.from({ length: workers }, () =>
      measure(['worker', ...queueArgs, '--db', db, ...(batchSize ? ['--batch-size', batchSize] : [])], (child) => children.push(child), (line) => {
        if (line.event === 'start' && ++ready === workers) readyAll();
        if (line.event === 'stored') lastStored = Math.max(lastStored, Date.parse(String(line.time)));
        if (line.event === 'stop') {
          reported.push(Number(line.peakRssMB));
          reportedCpu += Number(line.cpuSeconds);
        }
      }),
    );
    await allReady;
    const warmStart = Date.now();
    const enqueue = must(await measure(['enqueue', corpus, ...queueArgs, '-q']), 'enqueue');
    // Workers started before the jobs were there: stopped with SIGTERM once every job is done.
    while ((await queue.getJobCounts('completed')).completed < articles) await new Promise((r) => setTimeout(r, 50));
    for (const child of children) child.kill('SIGTERM');
    const done = await Promise.all(running);
    done.forEach((m, i) => must(m, `worker ${i + 1}`));
    const stored = done.reduce((n, m) => n + m.stdout.split('\n').filter((l) => l.includes('"event":"stored"')).length, 0);
    if (stored !== articles) throw new Error(`${stored} documents stored by the workers, not ${articles}`);
    const redisCpu = redisCpuSeconds() - redisCpuBefore;
    const recode = must(await measure(['recode', '--db', db, '-q']), 'recode');
    return {
      mode: `enqueue + ${workers} worker${workers > 1 ? 's' : ''}${location ? ` → ${location.replace(/\/\/[^@]*@/, '//')}` : ''}`,
      processes: workers,
      warmSeconds: (lastStored - warmStart) / 1000,
      coldSeconds: (lastStored - coldStart) / 1000,
      peakRssMB: done.map((m) => m.peakRssMB),
      cpuSeconds: enqueue.cpuSeconds + done.reduce((n, m) => n + m.cpuSeconds, 0) + redisCpu,
      reportedRssMB: reported,
      reportedCpuSeconds: reportedCpu,
      recodeSeconds: recode.ms / 1000,
    };
  } finally {
    await cleanup();
  }
}

/** CPU seconds Redis has used so far (INFO cpu through redis-cli; 0 where redis-cli is missing). */
function redisCpuSeconds(): number {
  const r = spawnSync('redis-cli', ['-u', redis!, 'info', 'cpu'], { encoding: 'utf8' });
  if (r.status !== 0) return 0;
  const field = (name: string): number => Number(new RegExp(`${name}:([\\d.]+)`).exec(r.stdout)?.[1] ?? 0);
  return field('used_cpu_sys') + field('used_cpu_user');
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'herodotus-bench-queue-'));
try {
  const corpus = join(dir, 'corpus');
  const docs = makeLongCorpus(articles, 600);
  mkdirSync(corpus);
  for (const a of docs) {
    writeFileSync(join(corpus, `${a.id}.txt`), a.text);
    writeFileSync(join(corpus, `${a.id}.meta.json`), JSON.stringify({ published: a.published, title: a.title, source: 'EFE' }));
  }
  const words = Math.round(docs.reduce((n, a) => n + a.text.split(/\s+/).length, 0) / docs.length);
  const byMode = new Map<string, Result[]>();
  const add = (r: Result): void => void byMode.set(r.mode, [...(byMode.get(r.mode) ?? []), r]);
  for (let run = 0; run < runs; run++) {
    for (const n of workerCounts) {
      add(await inProcess(dir, corpus, n, run));
      process.stderr.write(`run ${run + 1}: ingest --threads ${n} done\n`);
      add(await distributed(dir, corpus, n, run));
      process.stderr.write(`run ${run + 1}: ${n} worker(s) done\n`);
    }
  }
  if (dbUrl) add(await distributed(dir, corpus, Math.max(...workerCounts), 0, dbUrl));

  const lines = [
    `Distributed ingest — ${articles} articles of ${words} words on average, median of ${runs} run(s); ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at the end`,
    '',
    '| configuration | warm s | warm articles/s | overhead (warm) | cold s | cold articles/s | overhead (cold) | CPU s | overhead (CPU) | peak RSS per process (MB) | recode after (s) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const summary: Record<string, unknown>[] = [];
  for (const n of workerCounts) {
    const base = byMode.get(`ingest --threads ${n}`) ?? [];
    const baseWarm = median(base.map((r) => r.warmSeconds));
    const baseCold = median(base.map((r) => r.coldSeconds));
    const baseCpu = median(base.map((r) => r.cpuSeconds));
    const rows = [...byMode].filter(([mode, results]) => mode === `ingest --threads ${n}` || (!mode.startsWith('ingest') && results[0].processes === n));
    for (const [mode, results] of rows) {
      const isBase = mode.startsWith('ingest');
      const warm = median(results.map((r) => r.warmSeconds));
      const cold = median(results.map((r) => r.coldSeconds));
      const cpu = median(results.map((r) => r.cpuSeconds));
      const rss = results[results.length - 1].peakRssMB.join(', ');
      const over = (x: number, b: number): string => (isBase ? '—' : `${x / b - 1 >= 0 ? '+' : ''}${((x / b - 1) * 100).toFixed(1)} %`);
      const recode = results[0].recodeSeconds !== undefined ? median(results.map((r) => r.recodeSeconds ?? 0)).toFixed(1) : '—';
      lines.push(`| ${mode} | ${warm.toFixed(1)} | ${(articles / warm).toFixed(1)} | ${over(warm, baseWarm)} | ${cold.toFixed(1)} | ${(articles / cold).toFixed(1)} | ${over(cold, baseCold)} | ${cpu.toFixed(1)} | ${over(cpu, baseCpu)} | ${rss} | ${recode} |`);
      summary.push({ mode, warmSeconds: warm, coldSeconds: cold, cpuSeconds: cpu, warmRate: articles / warm, coldRate: articles / cold, peakRssMB: results.map((r) => r.peakRssMB), reportedRssMB: results.map((r) => r.reportedRssMB), reportedCpuSeconds: results.map((r) => r.reportedCpuSeconds) });
    }
  }
  process.stdout.write(lines.join('\n') + '\n\n' + JSON.stringify({ articles, words, runs, results: summary }) + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
