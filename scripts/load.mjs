#!/usr/bin/env node
// Load test of the HTTP API (`npm run load`, not part of `npm test`): a real `herodotus serve` over a
// database of generated articles, hit with autocannon at 10, 50 and 200 connections on
//   GET /events?limit=100   (a read: event clusters with their counts)
//   POST /documents         (a write: every body a new story, so each request codes and stores one)
// Prints a Markdown table for BENCHMARKS.md. Options: --duration SECONDS (default 10), --articles N (100).
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const bin = join(root, 'dist/cli/main.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DURATION = arg('duration', 10);
const ARTICLES = arg('articles', 100);
const CONNECTIONS = [10, 50, 200];
const KEY = 'load-test-key';

const { makeCorpus } = await import(join(root, 'dist/bench/corpus.js'));
const dir = mkdtempSync(join(tmpdir(), 'herodotus-load-'));
const db = join(dir, 'load.db');
const corpus = makeCorpus(ARTICLES);
writeFileSync(join(dir, 'corpus.jsonl'), corpus.map((a) => JSON.stringify(a)).join('\n') + '\n');
const ingest = spawnSync(process.execPath, [bin, 'ingest', join(dir, 'corpus.jsonl'), '--db', db, '-q'], { encoding: 'utf8' });
if (ingest.status !== 0) throw new Error(ingest.stderr);
process.stderr.write(`load: ${ingest.stderr.trim()}\n`);

const server = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0', '--api-key', KEY], { stdio: ['ignore', 'ignore', 'pipe'] });
const url = await new Promise((resolve, reject) => {
  let stderr = '';
  server.stderr.on('data', (c) => {
    stderr += c;
    const m = /serving on (http:\/\/[\d.]+:\d+)/.exec(stderr);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
});

// New stories for the writes: corpus texts with a serial number, so none is a duplicate.
const stories = makeCorpus(200, 777);
let serial = 0;
const newStory = () => {
  const a = stories[serial % stories.length];
  serial++;
  return JSON.stringify({ text: `${a.text}\nReport ${serial} of the load test.`, published: a.published, title: a.title });
};

const targets = [
  { name: 'GET /events?limit=100', options: { method: 'GET', path: '/events?limit=100' } },
  {
    name: 'POST /documents (new story)',
    options: {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      requests: [{ method: 'POST', path: '/documents', setupRequest: (req) => ({ ...req, body: newStory() }) }],
    },
  },
];

const rows = [];
try {
  for (const target of targets) {
    for (const connections of CONNECTIONS) {
      const { path = '', ...options } = target.options;
      const result = await autocannon({ url: url + path, connections, duration: DURATION, timeout: 30, ...options });
      const row = {
        endpoint: target.name,
        connections,
        rps: result.requests.average,
        p50: result.latency.p50,
        p97_5: result.latency.p97_5,
        p99: result.latency.p99,
        ok: result['2xx'],
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count])),
      };
      rows.push(row);
      process.stderr.write(`load: ${JSON.stringify(row)}\n`);
    }
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`Node ${process.version}, ${cpus().length} cores (${cpu}); ${ARTICLES} stored articles; ${DURATION} s per run.\n`);
console.log('| endpoint | connections | req/s | p50 ms | p97.5 ms | p99 ms | 2xx | non-2xx | errors | timeouts |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.endpoint} | ${r.connections} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.ok} | ${r.non2xx} | ${r.errors} | ${r.timeouts} |`);
}
