import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExportLookups } from '../export/lookups.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createApiServer } from './server.js';

test('GET /feeds: each watched feed with its last poll, items by outcome and errors; no validators exposed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-feeds-'));
  const store = openSqliteStore(join(dir, 'feeds.db'));
  const good = 'http://news.example/rss.xml';
  const bad = 'http://down.example/feed';
  await store.recordFeedPoll(good, { at: '2026-11-29T08:00:00Z', status: '200', ok: true, etag: '"v1"' });
  await store.recordFeedItem(good, 'a', { at: '2026-11-29T08:00:01Z', url: 'http://news.example/a', status: 'stored', attempt: true, documentId: 'doc-a' });
  await store.recordFeedItem(good, 'b', { at: '2026-11-29T08:00:02Z', url: 'http://news.example/b', status: 'duplicate', attempt: true });
  await store.recordFeedPoll(good, { at: '2026-11-29T08:15:00Z', status: '304', ok: true });
  await store.recordFeedPoll(bad, { at: '2026-11-29T08:00:00Z', status: 'timeout', ok: false, error: 'no complete answer within 30000 ms' });
  await store.recordFeedPoll(bad, { at: '2026-11-29T08:15:00Z', status: '500', ok: false, error: 'HTTP 500' });
  const app = await createApiServer({ store, pipeline: () => { throw new Error('not used'); }, lookups: () => loadExportLookups(), log: false });
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const r = await fetch(`${base}/feeds`);
    assert.equal(r.status, 200);
    const body = (await r.json()) as { count: number; feeds: Array<Record<string, unknown>> };
    assert.equal(body.count, 2);
    const byUrl = new Map(body.feeds.map((f) => [f.url, f]));
    const g = byUrl.get(good)!;
    assert.equal(g.lastStatus, '304');
    assert.equal(g.lastPoll, '2026-11-29T08:15:00Z');
    assert.equal(g.itemsSeen, 2);
    assert.equal(g.itemsStored, 1);
    assert.deepEqual(g.items, { stored: 1, duplicate: 1 });
    assert.equal(g.healthy, true);
    assert.equal(g.errors, 0);
    assert.equal('etag' in g, false, 'validators stay internal');
    const b = byUrl.get(bad)!;
    assert.equal(b.errors, 2);
    assert.equal(b.consecutiveErrors, 2);
    assert.equal(b.lastError, 'HTTP 500');
    assert.equal(b.lastOk, null);
    assert.equal(b.healthy, false);
    const spec = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    assert.ok(spec.paths['/feeds'], 'GET /feeds is in the OpenAPI document');
  } finally {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
