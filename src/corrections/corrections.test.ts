import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { createApiServer } from '../api/server.js';
import { runRecode } from '../cli/commands/recode.js';
import { loadExportLookups } from '../export/lookups.js';
import { ingestWithCli, LINK_FIXTURES_DIR, SEED_DIR } from '../link/fixture-corpus.js';
import { ActorMemory } from '../knowledge/actors/memory.js';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';

const KEY = 'corrections-key';
let dir: string;
let store: SqliteStore;
let pipeline: Pipeline;
let app: FastifyInstance;
let base: string;

interface Cluster {
  id: string;
  cameo: { code: string; quadClass: number; goldstein: number };
  plover: { type: string };
  source: { code: string } | null;
  target: { code: string } | null;
  date: { value: string; precision: string };
  numArticles: number;
  correction?: { kind: string; author: string; at: string; fields: string[]; coded: { cameo: { code: string } } };
  corrections?: Array<{ id: number; kind: string; current: { clusterId: string } | null }>;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-corrections-'));
  ingestWithCli([SEED_DIR, LINK_FIXTURES_DIR], join(dir, 'news.db'), dir);
  store = openSqliteStore(join(dir, 'news.db'));
  pipeline = createPipeline({ actorMemory: new ActorMemory(await store.actorRoles()) });
  app = await createApiServer({ store, pipeline: () => pipeline, lookups: () => loadExportLookups(), apiKey: KEY, log: false, webDir: false });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

after(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get<T>(path: string): Promise<T> {
  const r = await fetch(base + path);
  assert.equal(r.status, 200, `${path}: ${await r.clone().text()}`);
  return (await r.json()) as T;
}

async function correct(id: string, body: unknown, key: string | null = KEY): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${base}/events/${id}/corrections`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

const events = async (query = ''): Promise<Cluster[]> => (await get<{ events: Cluster[] }>(`/events?limit=500${query}`)).events;
/** The Friday meeting of the US and Mexican delegations: five articles. */
const meeting = async (): Promise<Cluster> => {
  const found = (await events('&from=2024-01-12&to=2024-01-12')).filter((c) => c.numArticles === 5);
  assert.equal(found.length, 1, 'one five-article event on 2024-01-12');
  return found[0];
};

test('a correction is stored with who and when, shown on the event, and filters see the corrected values', async () => {
  const m = await meeting();
  assert.match(m.cameo.code, /^04/);
  const bad = await correct(m.id, { kind: 'correct', author: 'Ana', cameo: '999' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.field, 'cameo');
  assert.equal((await correct(m.id, { kind: 'correct', author: 'Ana', date: '2024-02-30' })).json.field, 'date');
  assert.equal((await correct(m.id, { kind: 'correct', author: 'Ana' })).status, 400, 'a correction sets something');
  assert.equal((await correct(m.id, { kind: 'wrong', author: 'Ana' }, null)).status, 401, 'the API key is needed');
  assert.equal((await correct('ev-0000000000000000', { kind: 'wrong', author: 'Ana' })).status, 404);

  const ok = await correct(m.id, { kind: 'correct', author: 'Ana Analyst', note: 'Bárcena visited: Blinken hosted', cameo: '043', date: '2024-01-12' });
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  const shown = ok.json.event as Cluster;
  assert.equal(shown.cameo.code, '043');
  assert.equal(shown.cameo.quadClass, 1);
  assert.equal(shown.plover.type, 'CONSULT');
  assert.equal(shown.correction?.author, 'Ana Analyst');
  assert.equal(shown.correction?.coded.cameo.code, m.cameo.code, 'the coded value stays visible');
  assert.deepEqual(shown.correction?.fields.sort(), ['cameo', 'date', 'plover']);
  assert.match(shown.correction?.at ?? '', /^\d{4}-\d{2}-\d{2}T/);

  const detail = await get<Cluster>(`/events/${m.id}`);
  assert.equal(detail.cameo.code, '043');
  assert.equal(detail.corrections?.length, 1);
  assert.ok((await events('&cameo=043')).some((c) => c.id === m.id), 'found by the corrected code');
  assert.ok(!(await events(`&cameo=${m.cameo.code}`)).some((c) => c.id === m.id), 'not by the coded one');
  assert.ok((await events('&cameo=043&search=hosted')).some((c) => c.id === m.id), 'full-text search still reads the evidence');
  const layer = await get<{ count: number; corrections: Array<{ author: string; current: { clusterId: string } | null }> }>('/corrections');
  assert.equal(layer.count, 1);
  assert.equal(layer.corrections[0].current?.clusterId, m.id);
});

test('exports carry the corrected values with a flag; an event marked wrong is flagged, or left out where no column can say so', async () => {
  const m = await meeting();
  const tokyo = (await events('&actor=JPN')).find((c) => c.source?.code.startsWith('JPN'));
  assert.ok(tokyo, 'the Japan–Australia talks');
  assert.equal((await correct(tokyo.id, { kind: 'wrong', author: 'Ben', note: 'not an event of this feed' })).status, 201);

  const csv = parse(await (await fetch(`${base}/export?format=csv`)).text(), { columns: true }) as Array<Record<string, string>>;
  const row = csv.find((r) => r.id === m.id);
  assert.equal(row?.cameo_code, '043');
  assert.equal(row?.corrected, 'true');
  assert.equal(row?.marked_wrong, 'false');
  assert.equal(row?.corrected_by, 'Ana Analyst');
  const wrongRow = csv.find((r) => r.id === tokyo.id);
  assert.equal(wrongRow?.marked_wrong, 'true');
  assert.ok(csv.filter((r) => r.id !== m.id && r.id !== tokyo.id).every((r) => r.corrected === 'false'));

  const plover = (await (await fetch(`${base}/export?format=plover`)).text()).trim().split('\n').map((l) => JSON.parse(l) as { id: string; event: string[]; herodotus: { corrected: boolean; correction?: { by: string } } });
  const p = plover.find((r) => r.id === m.id);
  assert.equal(p?.herodotus.corrected, true);
  assert.equal(p?.herodotus.correction?.by, 'Ana Analyst');

  const gdelt = (await (await fetch(`${base}/export?format=gdelt`)).text()).trim().split('\n').map((l) => l.split('\t'));
  assert.ok(gdelt.every((r) => r.length === 61), 'GDELT keeps its 61 columns');
  assert.ok(gdelt.some((r) => r[26] === '043'), 'the corrected code in EventCode');
  assert.equal(gdelt.length, csv.filter((r) => r.negated === 'false' && r.hypothetical === 'false' && r.marked_wrong === 'false').length, 'the event marked wrong has no GDELT row');

  const net = await get<{ edges: Array<{ ids: string[] }> }>('/network');
  assert.ok(net.edges.some((e) => e.ids.includes(m.id)), 'the corrected event is an edge of the network');
  assert.ok(!net.edges.some((e) => e.ids.includes(tokyo.id)), 'an event marked wrong is left out of the network');
  const places = await get<{ countries: Array<{ country: string }> }>('/places');
  assert.ok(places.countries.length > 0);
});

test('corrections survive recode, even when recoding renumbers the events and rebuilds the clusters', async () => {
  const before = await meeting();
  const counts = await runRecode(pipeline, store, { coder: { fingerprint: 'recode-test', descriptor: { test: true } }, force: true }, () => undefined);
  assert.ok(counts.recoded > 0);
  // Renumber every event of the meeting's representative report (as a changed coder might).
  const layer = await get<{ corrections: Array<{ anchor: { documentId: string } }> }>('/corrections');
  const docId = layer.corrections[0].anchor.documentId;
  const doc = await store.getDocument(docId);
  assert.ok(doc);
  await store.replaceCoding(docId, { ...doc, events: [...doc.events].reverse().map((e, i) => ({ ...e, id: `renumbered${i + 1}` })) });
  const after = await meeting();
  assert.equal(after.cameo.code, '043', 'still corrected');
  assert.equal(after.correction?.author, 'Ana Analyst');
  const [first] = (await get<{ corrections: Array<{ current: { eventId: string; clusterId: string } | null }> }>('/corrections')).corrections;
  assert.match(first.current?.eventId ?? '', /^renumbered/);
  assert.equal(first.current?.clusterId, after.id);
  assert.equal(before.numArticles, after.numArticles);
});

test('revert withdraws a correction: the event shows its coded values again, the history stays', async () => {
  const m = await meeting();
  assert.equal((await correct(m.id, { kind: 'revert', author: 'Ana Analyst' })).status, 201);
  const again = await meeting();
  assert.equal(again.correction, undefined);
  assert.match(again.cameo.code, /^04/);
  assert.notEqual(again.cameo.code, '043');
  const detail = await get<Cluster>(`/events/${again.id}`);
  assert.equal(detail.corrections?.length, 2, 'the correction and its revert stay on record');
});
