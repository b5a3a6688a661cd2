#!/usr/bin/env node
// Load test of the HTTP API (`npm run load`, not part of `npm test`): a real `herodotus serve` over a
// database of generated articles, hit with autocannon at 10, 50 and 200 connections on
//   GET /events?limit=100   (a read: event clusters with their counts)
//   POST /documents         (a write: every body a new story, so each request codes and stores one)
// Prints a Markdown table for BENCHMARKS.md. Options: --duration SECONDS (default 10), --articles N (100).
import autocannon from 'autocannon';
import { cpus } from 'node:os';
import { KEY, numberArg, startServer } from './load-server.mjs';

const DURATION = numberArg('duration', 10);
const ARTICLES = numberArg('articles', 100);
const CONNECTIONS = [10, 50, 200];

const { url, newStory, stop } = await startServer(ARTICLES, 'load');

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
  await stop();
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`Node ${process.version}, ${cpus().length} cores (${cpu}); ${ARTICLES} stored articles; ${DURATION} s per run.\n`);
console.log('| endpoint | connections | req/s | p50 ms | p97.5 ms | p99 ms | 2xx | non-2xx | errors | timeouts |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.endpoint} | ${r.connections} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.ok} | ${r.non2xx} | ${r.errors} | ${r.timeouts} |`);
}
