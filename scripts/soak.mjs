#!/usr/bin/env node
// Soak test of the HTTP API (`npm run soak`, not part of `npm test`): a real `herodotus serve` under a steady
// mixed load for a bounded time (default 5 minutes) — reads on GET /events (10 connections) and writes on
// POST /documents (2 connections, each a new story) at once — with the server's resident memory sampled every
// few seconds. Memory is stable when, after the first minute's warm-up, it grows by less than the tolerance
// between the first and the last third of the run. Prints a Markdown summary for BENCHMARKS.md.
// Options: --duration SECONDS (300), --articles N (100), --sample SECONDS (5), --tolerance PERCENT (15).
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { KEY, numberArg, startServer } from './load-server.mjs';

const DURATION = numberArg('duration', 300);
const ARTICLES = numberArg('articles', 100);
const SAMPLE = numberArg('sample', 5);
const TOLERANCE = numberArg('tolerance', 15);

/** Resident and peak memory of a process in MB, from /proc. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const { url, server, newStory, stop } = await startServer(ARTICLES, 'soak');
const samples = [];
const started = Date.now();
const timer = setInterval(() => {
  const m = memory(server.pid);
  samples.push({ s: Math.round((Date.now() - started) / 1000), ...m });
  process.stderr.write(`soak: ${samples.at(-1).s} s rss ${m.rss.toFixed(0)} MB\n`);
}, SAMPLE * 1000);

let reads;
let writes;
let final;
try {
  [reads, writes] = await Promise.all([
    autocannon({ url: url + '/events?limit=100', connections: 10, duration: DURATION, timeout: 30 }),
    autocannon({
      url,
      connections: 2,
      duration: DURATION,
      timeout: 60,
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      requests: [{ method: 'POST', path: '/documents', setupRequest: (req) => ({ ...req, body: newStory() }) }],
    }),
  ]);
} finally {
  clearInterval(timer);
  final = memory(server.pid);
  await stop();
}

const warm = samples.filter((x) => x.s >= Math.min(60, DURATION / 3));
const third = Math.max(1, Math.floor(warm.length / 3));
const mean = (xs) => xs.reduce((a, x) => a + x.rss, 0) / xs.length;
const early = mean(warm.slice(0, third));
const late = mean(warm.slice(-third));
const growth = ((late - early) / early) * 100;
const stable = growth < TOLERANCE;
const line = (name, r) =>
  `| ${name} | ${r.requests.total} | ${r.requests.average.toFixed(1)} | ${r.latency.p50} | ${r.latency.p99} | ${r['2xx']} | ${r.non2xx} | ${r.errors} | ${r.timeouts} |`;
console.log(`Soak: ${DURATION} s, ${ARTICLES} stored articles at the start, memory sampled every ${SAMPLE} s.\n`);
console.log('| load | requests | req/s | p50 ms | p99 ms | 2xx | non-2xx | errors | timeouts |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
console.log(line('GET /events?limit=100, 10 connections', reads));
console.log(line('POST /documents (new story), 2 connections', writes));
console.log(
  `\nServer RSS: ${samples[0]?.rss.toFixed(0)} MB at ${samples[0]?.s} s, mean ${early.toFixed(0)} MB in the first third after warm-up, ` +
    `${late.toFixed(0)} MB in the last third (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %), ${final.rss.toFixed(0)} MB at the end, ` +
    `peak ${final.peak.toFixed(0)} MB — ${stable ? 'stable' : `NOT stable (tolerance ${TOLERANCE} %)`}.`,
);
console.log(`Samples (s:MB): ${samples.map((x) => `${x.s}:${x.rss.toFixed(0)}`).join(' ')}`);
if (!stable || reads.errors + writes.errors > 0) process.exitCode = 1;
