/** Conformance: the watch state — polled feeds with validators and errors, feed items and their outcomes, watched files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withStore, type StoreFactory } from './suite.js';

const FEED = 'https://news.example/rss.xml';

export function watchTests(factory: StoreFactory): void {
  test('recordFeedPoll keeps validators (unless a poll omits them), counts errors in all and in a row, and a success clears the row', () =>
    withStore(factory, async (store) => {
      assert.equal(await store.feedState(FEED), null);
      await store.recordFeedPoll(FEED, { at: '2024-01-13T10:00:00Z', status: '200', ok: true, etag: '"v1"', lastModified: 'Sat, 13 Jan 2024 09:00:00 GMT' });
      await store.recordFeedPoll(FEED, { at: '2024-01-13T10:15:00Z', status: '304', ok: true });
      assert.deepEqual(await store.feedState(FEED), {
        url: FEED, etag: '"v1"', lastModified: 'Sat, 13 Jan 2024 09:00:00 GMT', lastPoll: '2024-01-13T10:15:00Z', lastStatus: '304', lastOk: '2024-01-13T10:15:00Z',
        itemsSeen: 0, itemsStored: 0, errors: 0, consecutiveErrors: 0, lastError: null,
      });
      await store.recordFeedPoll(FEED, { at: '2024-01-13T10:30:00Z', status: 'timeout', ok: false, error: 'no answer in 30 s' });
      await store.recordFeedPoll(FEED, { at: '2024-01-13T10:45:00Z', status: '503', ok: false });
      let state = await store.feedState(FEED);
      assert.deepEqual([state?.errors, state?.consecutiveErrors, state?.lastError, state?.lastStatus, state?.lastOk], [2, 2, '503', '503', '2024-01-13T10:15:00Z']);
      await store.recordFeedPoll(FEED, { at: '2024-01-13T11:00:00Z', status: '200', ok: true, etag: null });
      state = await store.feedState(FEED);
      assert.deepEqual([state?.errors, state?.consecutiveErrors, state?.etag, state?.lastModified], [2, 0, null, 'Sat, 13 Jan 2024 09:00:00 GMT']);
      // A first poll that fails creates the feed.
      await store.recordFeedPoll('https://other.example/feed', { at: '2024-01-13T10:00:00Z', status: 'dns', ok: false, error: 'ENOTFOUND' });
      assert.deepEqual((await store.feedState('https://other.example/feed'))?.errors, 1);
    }));

  test('recordFeedItem counts items seen once and stored once, attempts per page fetch, and keeps the document id; feedStatus sums items by outcome', () =>
    withStore(factory, async (store) => {
      assert.equal(await store.feedItem(FEED, 'guid-1'), null);
      await store.recordFeedItem(FEED, 'guid-1', { at: '2024-01-13T10:00:00Z', url: 'https://news.example/1', status: 'error', attempt: true, detail: 'HTTP 500' });
      await store.recordFeedItem(FEED, 'guid-1', { at: '2024-01-13T10:15:00Z', url: 'https://news.example/1', status: 'stored', attempt: true, documentId: 'news-1' });
      await store.recordFeedItem(FEED, 'guid-1', { at: '2024-01-13T10:30:00Z', url: 'https://news.example/1', status: 'stored', attempt: false });
      await store.recordFeedItem(FEED, 'guid-2', { at: '2024-01-13T10:00:00Z', url: 'https://news.example/2', status: 'duplicate', attempt: true, documentId: 'news-0' });
      await store.recordFeedItem(FEED, 'guid-3', { at: '2024-01-13T10:00:00Z', url: null, status: 'disallowed', attempt: false });
      assert.deepEqual(await store.feedItem(FEED, 'guid-1'), { url: 'https://news.example/1', status: 'stored', attempts: 2, documentId: 'news-1' });
      assert.deepEqual(await store.feedItem(FEED, 'guid-3'), { url: null, status: 'disallowed', attempts: 0, documentId: null });
      await store.recordFeedPoll('https://a.example/feed', { at: '2024-01-13T10:00:00Z', status: '200', ok: true });
      const status = await store.feedStatus();
      assert.deepEqual(status.map((f) => [f.url, f.itemsSeen, f.itemsStored, f.items]), [
        ['https://a.example/feed', 0, 0, {}],
        [FEED, 3, 1, { disallowed: 1, duplicate: 1, stored: 1 }],
      ]);
    }));

  test('watchedFile gives back what recordWatchedFile stored; a second record replaces the first', () =>
    withStore(factory, async (store) => {
      const path = '/data/inbox/efe-2024-01-13.txt';
      assert.equal(await store.watchedFile(path), null);
      await store.recordWatchedFile({ path, mtimeMs: 1705140000123.5, size: 2417, outcome: 'stored', documentIds: ['efe-1', 'efe-2'], at: '2024-01-13T10:00:00Z' });
      assert.deepEqual(await store.watchedFile(path), { path, mtimeMs: 1705140000123.5, size: 2417, outcome: 'stored', documentIds: ['efe-1', 'efe-2'] });
      await store.recordWatchedFile({ path, mtimeMs: 1705143600000, size: 0, outcome: 'empty', documentIds: [], at: '2024-01-13T11:00:00Z' });
      assert.deepEqual(await store.watchedFile(path), { path, mtimeMs: 1705143600000, size: 0, outcome: 'empty', documentIds: [] });
    }));
}
