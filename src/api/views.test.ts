import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadExportLookups } from '../export/lookups.js';
import { SEED_DIR, storiesIn } from '../link/fixture-corpus.js';
import { contentHash, createPipeline } from '../pipeline/pipeline.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import { createApiServer } from './server.js';
import { UI_CSP } from './web.js';

let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let base: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-views-'));
  store = openSqliteStore(join(dir, 'views.db'));
  const pipeline = createPipeline();
  const [seed] = storiesIn(SEED_DIR);
  await store.saveDocuments([{ coded: pipeline.code(seed.text, seed.meta), provenance: { contentHash: contentHash(seed.text) } }]);
  // A stand-in for the built UI (npm run build writes the real one into dist/web).
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Herodotus</title><script type="module" src="/assets/app-1a2b.js"></script>');
  writeFileSync(join(web, 'assets', 'app-1a2b.js'), 'console.log("ui")');
  app = await createApiServer({ store, pipeline: () => pipeline, lookups: () => loadExportLookups(), log: false, webDir: web });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

after(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const r = await fetch(base + path);
  return { status: r.status, body: (await r.json()) as T };
};

test('GET / serves the UI page with a CSP allowing same-origin scripts only; its assets too; API answers keep the strict CSP', async () => {
  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(page.headers.get('content-security-policy'), UI_CSP);
  assert.match(UI_CSP, /script-src 'self'/);
  assert.doesNotMatch(UI_CSP, /unsafe|\*|http/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  const asset = await fetch(`${base}/assets/app-1a2b.js`);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  assert.equal((await fetch(`${base}/assets/../../package.json`)).status, 404);
  assert.equal((await fetch(`${base}/assets/missing.js`)).status, 404);
  const api = await fetch(`${base}/info`);
  assert.match(api.headers.get('content-security-policy') ?? '', /script-src 'none'/);
});

test('GET / without a built UI says how to build it (503)', async () => {
  const bare = await createApiServer({ store, pipeline: () => createPipeline(), lookups: () => loadExportLookups(), log: false, webDir: join(dir, 'no-such-dir') });
  const address = await bare.listen({ port: 0, host: '127.0.0.1' });
  try {
    const r = await fetch(`${address}/`);
    assert.equal(r.status, 503);
    assert.match(await r.text(), /npm run build/);
  } finally {
    await bare.close();
  }
});

test('GET /info, /documents (paged), /cameo', async () => {
  const info = await json<{ writes: boolean; documents: number; events: number; corrections: number }>('/info');
  assert.deepEqual([info.status, info.body.writes, info.body.documents, info.body.corrections], [200, false, 1, 0]);
  assert.ok(info.body.events > 5);
  const docs = await json<{ count: number; next: number | null; documents: Array<{ id: string; source: string; published: string; events: number }> }>('/documents?limit=1');
  assert.equal(docs.body.count, 1);
  assert.equal(docs.body.next, null);
  assert.deepEqual([docs.body.documents[0].id, docs.body.documents[0].source, docs.body.documents[0].published], ['efe-2024-01-13-us-mexico-migration', 'EFE', '2024-01-13']);
  assert.equal((await json('/documents?limit=0')).status, 400);
  const cameo = await json<{ codes: Array<{ code: string; name: string; quadClass: number; goldstein: number; plover: string }> }>('/cameo');
  const host = cameo.body.codes.find((c) => c.code === '043');
  assert.deepEqual([host?.quadClass, host?.plover], [1, 'CONSULT']);
  assert.ok(cameo.body.codes.length > 200);
});

test('GET /events?ids=…, /network and /places read the same filters', async () => {
  const all = await json<{ events: Array<{ id: string }> }>('/events');
  const two = all.body.events.slice(0, 2).map((e) => e.id);
  const some = await json<{ count: number; events: Array<{ id: string }> }>(`/events?ids=${two.join(',')}`);
  assert.deepEqual(some.body.events.map((e) => e.id).sort(), [...two].sort());
  assert.equal((await json('/events?ids=a,,b')).status, 400);
  const net = await json<{ nodes: Array<{ id: string }>; edges: Array<{ a: string; b: string; events: number; goldsteinMean: number; ids: string[] }> }>('/network');
  assert.ok(net.body.nodes.some((n) => n.id === 'USAGOV'));
  const dyad = net.body.edges.find((e) => e.a === 'MEXGOV' && e.b === 'USAGOV');
  assert.ok(dyad && dyad.events >= 2 && dyad.goldsteinMean > 0, 'US–Mexico government meetings: cooperation');
  const mexOnly = await json<{ nodes: Array<{ id: string }> }>('/network?country=GTM');
  assert.ok(mexOnly.body.nodes.some((n) => n.id.startsWith('GTM')));
  const places = await json<{ places: Array<{ name: string; country: string; events: number; lat: number }> }>('/places');
  const washington = places.body.places.find((p) => p.name.startsWith('Washington'));
  assert.equal(washington?.country, 'USA');
  assert.ok(Math.abs((washington?.lat ?? 0) - 38.9) < 0.1);
  assert.equal((await json('/places?search=%22unterminated')).status, 400);
});

test('GET /events/{id} gives each mention the spans of its trigger, source, target, date and place in the document', async () => {
  const all = await json<{ events: Array<{ id: string; cameo: { code: string } }> }>('/events');
  const praise = all.body.events.find((e) => e.cameo.code === '051');
  assert.ok(praise);
  const detail = await json<{ mentions: Array<{ evidence: string; sentenceStart: number; spans: Array<{ role: string; start: number; end: number; text: string }> }>; corrections: unknown[] }>(`/events/${praise.id}`);
  const [m] = detail.body.mentions;
  const roles = Object.fromEntries(m.spans.map((s) => [s.role, s.text]));
  assert.equal(roles.trigger, 'congratulated');
  assert.equal(roles.source, 'Antony Blinken');
  assert.equal(roles.target, 'Alicia Bárcena');
  for (const s of m.spans) assert.equal(m.evidence.slice(s.start - m.sentenceStart, s.end - m.sentenceStart), s.text, 'spans are document offsets inside the sentence');
  assert.deepEqual(detail.body.corrections, []);
});

test('the OpenAPI document describes the new endpoints; writing a correction needs the key', async () => {
  const doc = await json<{ paths: Record<string, Record<string, { security?: unknown }>> }>('/openapi.json');
  for (const p of ['/info', '/documents', '/network', '/places', '/cameo', '/corrections', '/events/{id}/corrections']) assert.ok(doc.body.paths[p], p);
  assert.deepEqual(doc.body.paths['/events/{id}/corrections'].post.security, [{ apiKey: [] }]);
  assert.equal(doc.body.paths['/'], undefined, 'the UI page is not part of the API');
  const all = await json<{ events: Array<{ id: string }> }>('/events');
  const r = await fetch(`${base}/events/${all.body.events[0].id}/corrections`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'wrong', author: 'x' }) });
  assert.equal(r.status, 401, 'this server has no key: writes are off');
});
