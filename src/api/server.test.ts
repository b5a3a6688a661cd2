import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { loadExportLookups } from '../export/lookups.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { createApiServer } from './server.js';

const KEY = 'test-key-4f9a';
const example = readFileSync(fileURLToPath(new URL('../../examples/efe-2024-01-13-us-mexico-migration.txt', import.meta.url)), 'utf8');
const EXAMPLE_ID = 'efe-2024-01-13-us-mexico-migration';

let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let base: string;
const logLines: string[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-api-'));
  store = openSqliteStore(join(dir, 'api.db'));
  const pipeline = createPipeline();
  const log = new PassThrough();
  let pending = '';
  log.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    logLines.push(...lines.filter(Boolean));
  });
  app = await createApiServer({ store, pipeline: () => pipeline, lookups: () => loadExportLookups(), apiKey: KEY, bodyLimit: 20_000, log });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

after(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
  text: string;
}

async function call(method: string, path: string, options: { body?: string; type?: string; key?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.type) headers['content-type'] = options.type;
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const r = await fetch(base + path, { method, headers, ...(options.body !== undefined ? { body: options.body } : {}) });
  const text = await r.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON (an export)
  }
  return { status: r.status, headers: r.headers, json, text };
}

const post = (body: unknown, options: { key?: string; headers?: Record<string, string> } = { key: KEY }): Promise<Answer> =>
  call('POST', '/documents', { body: JSON.stringify(body), type: 'application/json', ...options });

function assertError(a: Answer, status: number, error: string, field?: string): void {
  assert.equal(a.status, status, a.text);
  assert.equal(a.json.error, error, a.text);
  assert.equal(typeof a.json.message, 'string');
  if (field !== undefined) assert.equal(a.json.field, field, a.text);
  assert.doesNotMatch(a.text, /\n\s+at /, 'no stack trace');
}

test('POST /documents: 401 without the key or with a wrong one, before reading the body', async () => {
  assertError(await post({ text: 'Mexico signed an agreement.' }, {}), 401, 'unauthorized');
  const wrong = await post({ text: 'Mexico signed an agreement.' }, { key: 'nope' });
  assertError(wrong, 401, 'unauthorized');
  assert.equal(wrong.headers.get('www-authenticate'), 'Bearer');
  assertError(await call('POST', '/documents', { body: 'x'.repeat(50_000), type: 'application/json' }), 401, 'unauthorized');
});

test('POST /documents: 415 for a body that is not JSON, 413 for one over the limit, 400 for broken JSON', async () => {
  assertError(await call('POST', '/documents', { body: 'Mexico signed an agreement.', type: 'text/plain', key: KEY }), 415, 'unsupported-media-type');
  assertError(await call('POST', '/documents', { body: 'text=Mexico', type: 'application/x-www-form-urlencoded', key: KEY }), 415, 'unsupported-media-type');
  assertError(await post({ text: 'x'.repeat(30_000) }), 413, 'payload-too-large');
  assertError(await call('POST', '/documents', { body: '{"text": "Mexico', type: 'application/json', key: KEY }), 400, 'invalid-json', 'body');
});

test('POST /documents: validation errors name the field', async () => {
  assertError(await post({ published: '2024-01-13' }), 400, 'validation', 'text');
  assertError(await post({ text: '' }), 400, 'validation', 'text');
  assertError(await post({ text: 42 }), 400, 'validation', 'text');
  assertError(await post({ text: 'Mexico signed.', published: 'yesterday' }), 400, 'validation', 'published');
  assertError(await post({ text: 'Mexico signed.', published: '2024-02-30' }), 400, 'validation', 'published');
  assertError(await post({ text: 'Mexico signed.', colour: 'red' }), 400, 'validation', 'colour');
  assertError(await post({ text: 'Mexico signed.' }, { key: KEY, headers: { 'idempotency-key': 'bad key with spaces' } }), 400, 'validation', 'idempotency-key');
});

test('POST /documents codes and stores; a second POST of the same story is not stored again', async () => {
  const first = await post({ text: example, id: EXAMPLE_ID, published: '2024-01-13', source: 'EFE' });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.id, EXAMPLE_ID);
  assert.equal(first.json.stored, true);
  assert.ok((first.json.events as number) >= 5, first.text);
  assert.equal((first.json.eventIds as string[])[0], `${EXAMPLE_ID}:ev1`);
  const again = await post({ text: example, id: 'another-id', published: '2024-01-13' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.stored, false);
  assert.equal(again.json.id, EXAMPLE_ID);
  const stats = await store.stats();
  assert.equal(stats.documents, 1);
});

test('POST /documents with an Idempotency-Key: the retry gets the first answer; the key with another body is a 422', async () => {
  const body = { text: 'Guatemala and Mexico signed a border agreement on Monday.', id: 'gt-mx', published: '2024-01-15', url: 'https://news.example/gt-mx' };
  const headers = { 'idempotency-key': 'req-0001' };
  const first = await post(body, { key: KEY, headers });
  assert.equal(first.status, 201, first.text);
  const retry = await post(body, { key: KEY, headers });
  assert.equal(retry.status, 201);
  assert.equal(retry.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(retry.json, first.json);
  assertError(await post({ ...body, text: 'Something else entirely.' }, { key: KEY, headers }), 422, 'idempotency-key-reused', 'Idempotency-Key');
  // Same URL, other text, no key: idempotent by URL.
  const sameUrl = await post({ ...body, text: 'Guatemala and Mexico signed a border pact.' });
  assert.equal(sameUrl.status, 200);
  assert.equal(sameUrl.json.id, 'gt-mx');
});

test('GET /documents/:id returns the document with its layers; 404 for an unknown id', async () => {
  const a = await call('GET', `/documents/${EXAMPLE_ID}`);
  assert.equal(a.status, 200);
  assert.equal(a.json.id, EXAMPLE_ID);
  assert.equal(a.json.text, example);
  assert.equal((a.json.sentences as unknown[]).length, 14);
  for (const layer of ['entities', 'actors', 'dates', 'places', 'quantities', 'quotes', 'events', 'diagnostics']) assert.ok(Array.isArray(a.json[layer]), layer);
  assertError(await call('GET', '/documents/no-such-story'), 404, 'not-found');
});

test('GET /events lists event clusters with filters; GET /events/:id has the mentions with their evidence sentences', async () => {
  const all = await call('GET', '/events');
  assert.equal(all.status, 200, all.text);
  const events = all.json.events as Array<{ id: string; cameo: { code: string }; numMentions: number; representative: { documentId: string; evidence: string } }>;
  assert.equal(all.json.count, events.length);
  assert.ok(events.length >= 4, all.text);
  const consult = await call('GET', '/events?cameo=04&country=mex&limit=50');
  assert.equal(consult.status, 200);
  assert.ok((consult.json.events as typeof events).length >= 1);
  assert.ok((consult.json.events as typeof events).every((e) => e.cameo.code.startsWith('04')));
  assert.equal((await call('GET', '/events?limit=1')).json.count, 1);
  assert.equal((await call('GET', '/events?asOf=2000-01-01')).json.count, 0, 'nothing was stored in 2000');
  assert.equal((await call('GET', '/events?search=Blinken')).status, 200);
  assertError(await call('GET', '/events?limit=ten'), 400, 'validation', 'limit');
  assertError(await call('GET', '/events?country=US'), 400, 'validation', 'country');
  assertError(await call('GET', '/events?from=13/01/2024'), 400, 'validation', 'from');
  assertError(await call('GET', '/events?quadClass=5'), 400, 'validation', 'quadClass');
  assertError(await call('GET', '/events?colour=red'), 400, 'validation', 'colour');

  const one = events.find((e) => e.representative.documentId === EXAMPLE_ID) ?? events[0];
  const detail = await call('GET', `/events/${encodeURIComponent(one.id)}`);
  assert.equal(detail.status, 200, detail.text);
  assert.equal(detail.json.id, one.id);
  const mentions = detail.json.mentions as Array<{ documentId: string; evidence: string; sentence: number }>;
  assert.equal(mentions.length, one.numMentions);
  assert.ok(mentions.every((m) => m.evidence.length > 0));
  assert.ok(example.includes(mentions[0].evidence) || mentions[0].documentId !== EXAMPLE_ID, 'the evidence is a sentence of the story');
  assertError(await call('GET', '/events/ev-nothing'), 404, 'not-found');
});

test('GET /actors lists the roles learned from the stories', async () => {
  const a = await call('GET', '/actors?name=Blinken');
  assert.equal(a.status, 200);
  const actors = a.json.actors as Array<{ name: string; country: string; sectors: string[]; documentId: string }>;
  assert.equal(a.json.count, actors.length);
  assert.ok(actors.some((r) => r.name === 'Antony Blinken' && r.country === 'USA' && r.documentId === EXAMPLE_ID), a.text);
  assert.equal((await call('GET', '/actors?name=Nobody%20Known')).json.count, 0);
});

test('GET /stats/series counts events per period (and group); 400 for an unknown interval', async () => {
  const all = (await call('GET', '/events?limit=10000')).json.events as Array<{ date: { value: string } }>;
  const days = await call('GET', '/stats/series?interval=day');
  assert.equal(days.status, 200, days.text);
  const series = days.json.series as Array<{ period: string; events: number; goldsteinMean: number }>;
  assert.deepEqual(series.map((s) => s.period), [...new Set(all.filter((e) => e.date.value.length === 10).map((e) => e.date.value))].sort());
  assert.equal(series.reduce((n, s) => n + s.events, 0) + (days.json.coarser as number), all.length);
  const months = await call('GET', '/stats/series?group=quadclass');
  assert.equal(months.json.interval, 'month');
  assert.equal(months.json.group, 'quadclass');
  assert.ok((months.json.series as Array<{ period: string }>).some((s) => s.period === '2024-01'));
  assertError(await call('GET', '/stats/series?interval=fortnight'), 400, 'validation', 'interval');
  assertError(await call('GET', '/stats/series?group=colour'), 400, 'validation', 'group');
});

test('GET /export streams every format, one row per event cluster, each read back by a reader of that format', async () => {
  // A second report of the seed story's Friday meeting (another outlet): the meeting becomes one event with two articles.
  const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../src/link/fixtures/${name}`, import.meta.url)), 'utf8');
  const ledger = JSON.parse(fixture('ledger-2024-01-13-blinken-barcena.meta.json')) as { id: string; published: string; source: string; url: string; title: string };
  const stored = await post({ text: fixture('ledger-2024-01-13-blinken-barcena.txt'), ...ledger });
  assert.equal(stored.status, 201, stored.text);

  const gdelt = await call('GET', '/export?format=gdelt');
  assert.equal(gdelt.status, 200);
  assert.match(gdelt.headers.get('content-type') ?? '', /text\/tab-separated-values/);
  const rows = parse(gdelt.text, { delimiter: '\t', quote: false }) as string[][];
  assert.ok(rows.length >= 5);
  assert.ok(rows.every((r) => r.length === 61));
  assert.equal(new Set(rows.map((r) => r[0])).size, rows.length, 'one row per event');
  const mentions = parse((await call('GET', '/export?format=gdelt-mentions')).text, { delimiter: '\t', quote: false }) as string[][];
  assert.ok(mentions.every((r) => r.length === 16));
  assert.deepEqual([...new Set(mentions.map((r) => r[0]))].sort(), rows.map((r) => r[0]).sort(), 'every mention joins an event row');
  for (const r of rows) assert.equal(mentions.filter((m) => m[0] === r[0]).length, Number(r[31]), 'NumMentions rows in the mentions table');
  const meeting = rows.find((r) => r[33] === '2' && mentions.some((m) => m[0] === r[0] && m[5] === ledger.url) && mentions.some((m) => m[0] === r[0] && m[5] === EXAMPLE_ID));
  assert.ok(meeting, 'the meeting: NumArticles 2, reported by the seed story and the Ledger');
  assert.equal(meeting[32], '2', 'two outlets');
  assert.ok(mentions.filter((m) => m[0] === meeting[0]).length >= 2);

  const icews = parse((await call('GET', '/export?format=icews')).text, { delimiter: '\t', quote: false }) as string[][];
  assert.equal(icews[0][0], 'Event ID');
  assert.ok(icews.every((r) => r.length === 20));
  const plover = (await call('GET', '/export?format=plover')).text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; event: string[]; actor: unknown[] });
  assert.ok(plover.length >= 4);
  assert.ok(plover.every((r) => r.event.length === 1 && Array.isArray(r.actor) && r.id.startsWith('ev-')));
  const csv = parse((await call('GET', '/export?format=csv')).text, { columns: true }) as Array<Record<string, string>>;
  assert.ok(csv.some((r) => r.document_id === EXAMPLE_ID));
  assert.equal(csv.find((r) => Number(r.global_id) === Number(meeting[0]))?.num_articles, '2');
  const perMention = parse((await call('GET', '/export?format=csv&per=mention')).text, { columns: true }) as Array<Record<string, string>>;
  assert.equal(perMention.length, csv.reduce((n, r) => n + Number(r.num_mentions), 0));
  assert.ok(perMention.some((r) => r.document_id === ledger.id && Number(r.global_id) === Number(meeting[0])));
  const filtered = parse((await call('GET', '/export?format=csv&cameo=04&country=MEX')).text, { columns: true }) as Array<Record<string, string>>;
  assert.ok(filtered.length >= 1 && filtered.length < csv.length);
  assert.ok(filtered.every((r) => r.cameo_code.startsWith('04')));
  const pq = await fetch(`${base}/export?format=parquet`);
  assert.equal(pq.headers.get('content-type'), 'application/vnd.apache.parquet');
  assert.match(pq.headers.get('content-disposition') ?? '', /attachment; filename="herodotus-events\.parquet"/);
  const parquetRows = (await parquetReadObjects({ file: await pq.arrayBuffer() })) as Array<Record<string, unknown>>;
  assert.equal(parquetRows.length, csv.length);
  const asOf = await call('GET', '/export?format=csv&asOf=2000-01-01');
  assert.equal(asOf.text.split('\r\n').filter(Boolean).length, 1, 'nothing was stored in 2000: header only');
  const asOfNow = parse((await call('GET', `/export?format=gdelt&asOf=${encodeURIComponent(new Date().toISOString())}`)).text, { delimiter: '\t', quote: false }) as string[][];
  assert.deepEqual(asOfNow.map((r) => [r[0], r[31], r[33]]), rows.map((r) => [r[0], r[31], r[33]]), 'as of now: the same events and counts');
  assertError(await call('GET', '/export?format=xml'), 400, 'validation', 'format');
  assertError(await call('GET', '/export'), 400, 'validation', 'format');
  assertError(await call('GET', '/export?format=csv&asOf=soon'), 400, 'validation', 'asOf');
  assertError(await call('GET', '/export?format=gdelt&per=mention'), 400, 'validation', 'per');
  assertError(await call('GET', '/export?format=csv&search=%22unclosed'), 400, 'validation', 'search');
});

test('GET /openapi.json describes every endpoint; unknown routes are JSON 404s', async () => {
  const a = await call('GET', '/openapi.json');
  assert.equal(a.status, 200);
  assert.equal(a.json.openapi, '3.0.3');
  const paths = a.json.paths as Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
  for (const p of ['/documents', '/documents/{id}', '/events', '/events/{id}', '/actors', '/stats/series', '/export']) assert.ok(paths[p], p);
  assert.deepEqual(paths['/documents'].post.security, [{ apiKey: [] }]);
  for (const code of ['201', '400', '401', '413', '415']) assert.ok(paths['/documents'].post.responses[code], code);
  assertError(await call('GET', '/no/such/route'), 404, 'not-found');
});

test('every request is logged as one JSON line', async () => {
  const start = logLines.length;
  await call('GET', '/actors?name=Bárcena');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const lines = logLines.slice(start).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
  assert.equal(lines.length, 1);
  assert.equal(lines[0].method, 'GET');
  assert.equal(lines[0].path, '/actors?name=B%C3%A1rcena');
  assert.equal(lines[0].status, 200);
  assert.equal(typeof lines[0].ms, 'number');
  assert.equal(typeof lines[0].reqId, 'string');
  assert.ok(logLines.every((l) => JSON.parse(l) as unknown), 'all lines are JSON');
});

test('a server error is a 500 without details for the client, with the stack in the log line', async () => {
  const lines: string[] = [];
  const log = new PassThrough();
  log.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const failing = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'clusters') return () => Promise.reject(new Error('disk on fire at /secret/path'));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  }) as Store;
  const broken = await createApiServer({ store: failing, pipeline: () => createPipeline(), lookups: () => loadExportLookups(), log });
  const address = await broken.listen({ port: 0, host: '127.0.0.1' });
  try {
    const r = await fetch(`${address}/events`);
    const text = await r.text();
    assert.equal(r.status, 500);
    const body = JSON.parse(text) as { error: string; message: string; requestId: string };
    assert.equal(body.error, 'internal');
    assert.equal(body.message, 'internal server error');
    assert.doesNotMatch(text, /secret|fire|stack|\bat\b/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; status: number; reqId: string; err?: { message: string; stack: string } }).filter((l) => l.msg === 'request');
    assert.equal(logged.length, 1);
    assert.equal(logged[0].status, 500);
    assert.equal(logged[0].reqId, body.requestId);
    assert.match(logged[0].err?.stack ?? '', /disk on fire/);
    // Without --api-key, writes are refused.
    const write = await fetch(`${address}/documents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer anything' }, body: '{"text":"x"}' });
    assert.equal(write.status, 401);
    assert.match(((await write.json()) as { message: string }).message, /without --api-key/);
  } finally {
    await broken.close();
  }
});
