/**
 * `herodotus watch --queue`: new feed items and dropped files go on the work queue instead of being coded in
 * the watcher, are recorded so a restart neither fetches nor queues them again, and a worker stores them.
 * Against a feed server on 127.0.0.1 and a Redis server (HERODOTUS_TEST_REDIS; skipped without).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.js';
import { runCli, SKIP_WITHOUT_REDIS, testQueue } from '../queue/testing.js';

const STORIES: Record<string, string> = {
  q1: 'Colombia and Ecuador signed a security agreement in Quito on Monday, officials said. The accord covers joint patrols along the border and the exchange of intelligence on armed groups.',
  q2: 'Police in Lima arrested twelve protesters on Tuesday after clashes outside the Congress building. The interior minister said officers had been attacked with stones.',
};

const dir = mkdtempSync(join(tmpdir(), 'herodotus-watch-queue-'));
const hits = new Map<string, number>();
const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  hits.set(path, (hits.get(path) ?? 0) + 1);
  if (path === '/rss.xml') {
    const items = Object.keys(STORIES)
      .map((k, i) => `<item><title>Story ${k}</title><link>${base}/${k}</link><guid>${base}/${k}</guid><pubDate>Mon, 1${i} Mar 2024 10:00:00 GMT</pubDate></item>`)
      .join('');
    return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Queue News</title>${items}</channel></rss>`);
  }
  const story = STORIES[path.slice(1)];
  if (story) return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><head><title>${path}</title></head><body><article><h1>Story ${path.slice(1)}</h1><p>${story}</p><p>${story}</p></article></body></html>`);
  res.writeHead(404).end('not found');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(() => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('watch --queue: feed items and dropped files are queued, not coded; a restart queues nothing again; a worker stores them', { skip: SKIP_WITHOUT_REDIS }, async () => {
  const { target, queue, cleanup } = testQueue('watch');
  const db = join(dir, 'watch.db');
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox);
  writeFileSync(join(inbox, 'dropped.txt'), 'Kenya and Ethiopia signed a water-sharing agreement in Nairobi on Thursday, the two governments said.');
  writeFileSync(join(inbox, 'dropped.meta.json'), JSON.stringify({ published: '2024-03-14', source: 'EFE' }));
  const old = Date.now() / 1000 - 60;
  utimesSync(join(inbox, 'dropped.txt'), old, old);
  const watchArgs = ['watch', '--db', db, '--feed', `${base}/rss.xml`, '--dir', inbox, '--once', '--delay', '0s', '--queue', target.shown, '--queue-name', target.name];
  try {
    const first = runCli(watchArgs);
    const exit = await first.done;
    assert.equal(exit.code, 0, exit.stderr);
    const queued = first.lines.filter((l) => l.event === 'queued');
    assert.deepEqual(queued.map((l) => l.url ?? l.origin).sort(), [`${base}/q1`, `${base}/q2`, join(inbox, 'dropped.txt')].sort());
    assert.ok(!first.lines.some((l) => l.event === 'stored'), 'nothing coded in the watcher');
    const stop = first.lines[first.lines.length - 1];
    assert.equal(stop.queued, 3);
    assert.equal(stop.coded, 0);

    assert.equal((await queue.getJobCounts('waiting')).waiting, 3);
    const jobs = await queue.getWaiting();
    const q1 = jobs.find((j) => j.data.meta.url === `${base}/q1`);
    assert.ok(q1, 'the feed item is a job with its URL');
    assert.equal(q1.data.meta.title, 'Story q1');
    assert.equal(q1.data.meta.published, '2024-03-10T10:00:00Z');
    assert.ok(q1.data.text.includes('Colombia and Ecuador signed a security agreement'));
    let store = await openStore(db, { readonly: true });
    try {
      assert.equal(await store.countDocuments(), 0);
      const [feed] = await store.feedStatus();
      assert.deepEqual(feed.items, { queued: 2 });
      assert.equal((await store.watchedFile(join(inbox, 'dropped.txt')))?.outcome, 'queued');
    } finally {
      await store.close();
    }

    // A restart: the feed is read again, but its items are not fetched or queued again; the file is unchanged.
    const second = runCli(watchArgs);
    assert.equal((await second.done).code, 0);
    assert.ok(!second.lines.some((l) => l.event === 'queued' || l.event === 'item'));
    assert.equal(hits.get('/q1'), 1);
    assert.equal((await queue.getJobCounts('waiting')).waiting, 3);

    const worker = runCli(['worker', '--queue', target.shown, '--queue-name', target.name, '--db', db, '--until-empty']);
    const done = await worker.done;
    assert.equal(done.code, 0, done.stderr);
    assert.equal(worker.lines.filter((l) => l.event === 'stored').length, 3);
    store = await openStore(db, { readonly: true });
    try {
      assert.equal(await store.countDocuments(), 3);
      const ids = await store.documentIds();
      const urls = await Promise.all(ids.map(async (id) => (await store.getDocument(id))?.url));
      assert.deepEqual(urls.filter(Boolean).sort(), [`${base}/q1`, `${base}/q2`]);
    } finally {
      await store.close();
    }
  } finally {
    await cleanup();
  }
});
