#!/usr/bin/env node
/**
 * `npm run bench:store [-- --events N --queries N --articles N --dir DIR --pg URL --only sqlite|postgres --skip-ingest]`:
 * the two stores side by side.
 *
 *  1. Ingest: the fixed bench corpus (src/bench/corpus.ts) is coded once, then saved into a new store of each
 *     kind in batches of 50 — documents/s and events/s of the store alone; PostgreSQL also with three writers at once.
 *  2. GET /events at scale: a synthetic store of N event clusters of each kind (gen-events.ts; made once and kept:
 *     DIR/events-N.db, database herodotus_bench_events_N), then the same list of queries — an actor (a code, a
 *     country, or a person's surname, drawn from the stored clusters) and a date range from a week to all six
 *     years, limit 100 — timed on the store query behind GET /events and through the HTTP server: p50, p99, max
 *     (after 200 other such queries to warm the caches).
 *
 * PostgreSQL: the server of --pg, else HERODOTUS_BENCH_PG, else HERODOTUS_TEST_PG (a URL whose database is a
 * maintenance one such as postgres; the benchmark makes its own databases there).
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createApiServer } from '../api/server.js';
import type { CodedDocument } from '../core/contract.js';
import { seededRandom } from '../core/random.js';
import { loadExportLookups } from '../export/lookups.js';
import { contentHash, createPipeline } from '../pipeline/pipeline.js';
import { openStore } from '../store/open.js';
import { redactLocation, withDatabase } from '../store/postgres/location.js';
import { ScratchDatabases } from '../store/postgres/test-database.js';
import type { ClusterQuery, Store } from '../store/store.js';
import { makeCorpus } from './corpus.js';
import { generateEvents } from './gen-events.js';
import { FIRST_DAY, SYNTHETIC_YEARS } from './synthetic-events.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const events = Number(arg('--events') ?? 1_000_000);
const queries = Number(arg('--queries') ?? 1000);
const articles = Number(arg('--articles') ?? 300);
const dir = arg('--dir') ?? join(tmpdir(), 'herodotus-bench-store');
const server = arg('--pg') ?? process.env.HERODOTUS_BENCH_PG ?? process.env.HERODOTUS_TEST_PG;
const only = arg('--only');
const say = (line: string): void => void process.stderr.write(`bench:store: ${line}\n`);

const useSqlite = only !== 'postgres';
const usePostgres = only !== 'sqlite' && server !== undefined;
if (only === 'postgres' && server === undefined) {
  say('no PostgreSQL server: give --pg URL or set HERODOTUS_BENCH_PG');
  process.exit(2);
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (x: number): string => `${x.toFixed(1)} ms`;

interface Latency {
  p50: number;
  p99: number;
  max: number;
  rows: number;
}

function summarize(samples: number[], rows: number): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1], rows };
}

// — 1. Ingest —

interface IngestRate {
  label: string;
  documents: number;
  events: number;
  seconds: number;
}

function codedCorpus(): Array<{ coded: CodedDocument; provenance: { contentHash: string } }> {
  const pipeline = createPipeline();
  const corpus = makeCorpus(articles);
  const out: Array<{ coded: CodedDocument; provenance: { contentHash: string } }> = [];
  for (let i = 0; i < corpus.length; i += 64) {
    const slice = corpus.slice(i, i + 64);
    pipeline.codeBatch(slice.map((a) => ({ text: a.text, options: { published: a.published, id: a.id } }))).forEach((coded, k) => out.push({ coded, provenance: { contentHash: contentHash(slice[k].text) } }));
  }
  return out;
}

async function ingestInto(label: string, stores: Store[], docs: ReturnType<typeof codedCorpus>): Promise<IngestRate> {
  const started = performance.now();
  // Writer w saves documents w, w + writers, …, 50 at a time.
  await Promise.all(
    stores.map(async (store, w) => {
      const mine = docs.filter((_, i) => i % stores.length === w);
      for (let i = 0; i < mine.length; i += 50) await store.saveDocuments(mine.slice(i, i + 50));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { label, documents: docs.length, events: docs.reduce((n, d) => n + d.coded.events.length, 0), seconds };
}

async function ingestRates(): Promise<IngestRate[]> {
  say(`coding ${articles} bench articles once`);
  const docs = codedCorpus();
  const rates: IngestRate[] = [];
  if (useSqlite) {
    const path = join(dir, `ingest-${process.pid}.db`);
    const store = await openStore(path);
    rates.push(await ingestInto('SQLite, 1 writer', [store], docs));
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
  if (usePostgres) {
    const scratch = new ScratchDatabases(server as string);
    try {
      for (const writers of [1, 3]) {
        const url = scratch.missing();
        const stores = [await openStore(`${url}?pool=2`)];
        for (let w = 1; w < writers; w++) stores.push(await openStore(`${url}?pool=2`));
        rates.push(await ingestInto(`PostgreSQL, ${writers} writer${writers > 1 ? 's' : ''}`, stores, docs));
        await Promise.all(stores.map((s) => s.close()));
      }
    } finally {
      await scratch.dropAll();
    }
  }
  return rates;
}

// — 2. GET /events at scale —

/** The benchmark's queries, drawn from the stored clusters: 40 % an actor code, 20 % a country, 40 % a person's surname. */
async function workload(store: Store, n: number, seed: number): Promise<ClusterQuery[]> {
  const random = seededRandom(seed);
  const day = (i: number): string => new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
  const days = SYNTHETIC_YEARS * 365;
  const out: ClusterQuery[] = [];
  while (out.length < n) {
    const [sample] = await store.clusters({ from: day(Math.floor(random() * days)), limit: 1 });
    if (!sample) continue;
    const side = random() < 0.5 ? sample.source : sample.target;
    if (!side) continue;
    const kind = random();
    let actor: string;
    if (kind < 0.4) actor = side.code;
    else if (kind < 0.6) actor = side.code.slice(0, 3);
    else if (side.name) actor = side.name.split(' ').pop() as string;
    else continue;
    const span = [7, 30, 90, 365, days][[0.3, 0.6, 0.8, 0.95, 1].findIndex((p) => random() < p)];
    const start = Math.floor(random() * Math.max(1, days - span));
    out.push({ actor, from: day(start), to: day(start + span), limit: 100 });
  }
  return out;
}

const queryString = (q: ClusterQuery): string => new URLSearchParams({ actor: q.actor ?? '', from: q.from ?? '', to: q.to ?? '', limit: String(q.limit ?? 100) }).toString();

async function latencies(label: string, location: string, list: readonly ClusterQuery[], warm: readonly ClusterQuery[]): Promise<{ store: Latency; http: Latency }> {
  const store = await openStore(location);
  try {
    for (const q of warm) await store.clusters(q);
    let rows = 0;
    const direct: number[] = [];
    for (const q of list) {
      const t = performance.now();
      rows += (await store.clusters(q)).length;
      direct.push(performance.now() - t);
    }
    const app = await createApiServer({ store, pipeline: () => Promise.reject(new Error('the benchmark codes nothing')), lookups: loadExportLookups, log: false });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const http: number[] = [];
    let httpRows = 0;
    try {
      for (const q of warm) await (await fetch(`${address}/events?${queryString(q)}`)).json();
      for (const q of list) {
        const t = performance.now();
        const response = await fetch(`${address}/events?${queryString(q)}`);
        const body = (await response.json()) as { count: number };
        http.push(performance.now() - t);
        if (response.status !== 200) throw new Error(`GET /events answered ${response.status}`);
        httpRows += body.count;
      }
    } finally {
      await app.close();
    }
    say(`${label}: store p50 ${ms(summarize(direct, rows).p50)}, p99 ${ms(summarize(direct, rows).p99)}; HTTP p50 ${ms(summarize(http, httpRows).p50)}, p99 ${ms(summarize(http, httpRows).p99)}`);
    return { store: summarize(direct, rows), http: summarize(http, httpRows) };
  } finally {
    await store.close();
  }
}

async function postgresSize(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size')).rows[0].size);
  } finally {
    await client.end();
  }
}

/** The store of `events` synthetic clusters at `location`, made unless it is there already. */
async function scaleStore(location: string): Promise<void> {
  try {
    const existing = await openStore(location, { readonly: true });
    const count = await existing.countClusters();
    await existing.close();
    if (count === events) return say(`reusing ${redactLocation(location)} (${count} event clusters)`);
    throw new Error(`${redactLocation(location)} holds ${count} event clusters, not ${events}: remove it first`);
  } catch (error) {
    if ((error as Error).message.includes('remove it first')) throw error;
  }
  say(`generating ${events} event clusters into ${redactLocation(location)}`);
  const seconds = await generateEvents(location, events, say);
  say(`generated in ${seconds.toFixed(0)} s`);
}

mkdirSync(dir, { recursive: true });
const lines: string[] = [`Herodotus store benchmark — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`];
if (!process.argv.includes('--skip-ingest')) {
  lines.push('', `Ingest of ${articles} coded bench articles (saveDocuments, batches of 50; coding not counted):`);
  for (const r of await ingestRates()) {
    lines.push(`  ${r.label.padEnd(24)} ${(r.documents / r.seconds).toFixed(1).padStart(7)} documents/s  ${(r.events / r.seconds).toFixed(0).padStart(6)} events/s  (${r.documents} documents, ${r.events} events in ${r.seconds.toFixed(1)} s)`);
  }
}
const locations: Array<[string, string]> = [];
if (useSqlite) locations.push(['SQLite', join(dir, `events-${events}.db`)]);
if (usePostgres) locations.push(['PostgreSQL', withDatabase(server as string, `herodotus_bench_events_${events}`)]);
for (const [, location] of locations) await scaleStore(location);
const [list, warm] = await (async () => {
  const store = await openStore(locations[0][1], { readonly: true });
  try {
    // Timed queries, and others like them (another seed) to warm each store's caches first.
    return [await workload(store, queries, 7), await workload(store, 200, 8)];
  } finally {
    await store.close();
  }
})();
lines.push('', `GET /events?actor=…&from=…&to=…&limit=100 at ${events.toLocaleString('en')} event clusters, ${queries} queries one at a time (after 200 others to warm up):`);
for (const [label, location] of locations) {
  const size = label === 'SQLite' ? statSync(location).size : await postgresSize(location);
  const { store, http } = await latencies(label, location, list, warm);
  lines.push(`  ${label.padEnd(11)} store query p50 ${ms(store.p50)}, p99 ${ms(store.p99)}, max ${ms(store.max)} | HTTP p50 ${ms(http.p50)}, p99 ${ms(http.p99)}, max ${ms(http.max)} | ${(store.rows / list.length).toFixed(0)} events per answer, database ${(size / 2 ** 30).toFixed(2)} GiB`);
}
process.stdout.write(lines.join('\n') + '\n');
