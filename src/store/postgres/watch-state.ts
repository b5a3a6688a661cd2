/** The watch state tables (schema v5) in PostgreSQL: feeds, feed_items, watched_files — the SQLite store's semantics, safe under concurrent watchers. */
import { feedOf, type FeedRow } from '../rows.js';
import type { FeedItemState, FeedState, FeedStatus, WatchedFile } from '../store.js';
import type { Queryable } from './sql.js';

export async function feedStatus(db: Queryable): Promise<FeedStatus[]> {
  const feeds = (await db.query<FeedRow>('SELECT * FROM feeds ORDER BY url')).rows.map(feedOf);
  const { rows: counts } = await db.query<{ feed_url: string; status: string; n: number }>('SELECT feed_url, status, COUNT(*) AS n FROM feed_items GROUP BY feed_url, status ORDER BY feed_url, status');
  return feeds.map((f) => ({ ...f, items: Object.fromEntries(counts.filter((c) => c.feed_url === f.url).map((c) => [c.status, c.n])) }));
}

export async function feedState(db: Queryable, url: string): Promise<FeedState | null> {
  const { rows } = await db.query<FeedRow>('SELECT * FROM feeds WHERE url = $1', [url]);
  return rows.length ? feedOf(rows[0]) : null;
}

export async function recordFeedPoll(db: Queryable, url: string, poll: { at: string; status: string; ok: boolean; etag?: string | null; lastModified?: string | null; error?: string }): Promise<void> {
  // One statement each way, so two watchers recording polls of one feed count both.
  if (poll.ok) {
    await db.query(
      `INSERT INTO feeds AS f (url, last_poll, last_status, last_ok, etag, last_modified) VALUES ($1, $2, $3, $2, $5, $7)
        ON CONFLICT (url) DO UPDATE SET last_poll = $2, last_status = $3, last_ok = $2, consecutive_errors = 0,
          etag = CASE WHEN $4 THEN $5 ELSE f.etag END, last_modified = CASE WHEN $6 THEN $7 ELSE f.last_modified END`,
      [url, poll.at, poll.status, poll.etag !== undefined, poll.etag ?? null, poll.lastModified !== undefined, poll.lastModified ?? null],
    );
  } else {
    await db.query(
      `INSERT INTO feeds AS f (url, last_poll, last_status, errors, consecutive_errors, last_error) VALUES ($1, $2, $3, 1, 1, $4)
        ON CONFLICT (url) DO UPDATE SET last_poll = $2, last_status = $3, errors = f.errors + 1, consecutive_errors = f.consecutive_errors + 1, last_error = $4`,
      [url, poll.at, poll.status, poll.error ?? poll.status],
    );
  }
}

export async function feedItem(db: Queryable, feedUrl: string, key: string): Promise<FeedItemState | null> {
  const { rows } = await db.query<{ url: string | null; status: string; attempts: number; document_id: string | null }>('SELECT url, status, attempts, document_id FROM feed_items WHERE feed_url = $1 AND item_key = $2', [feedUrl, key]);
  return rows.length ? { url: rows[0].url, status: rows[0].status, attempts: rows[0].attempts, documentId: rows[0].document_id } : null;
}

/** Records an item's outcome; `tx` is a client in a transaction (the item row is locked while its counts change). */
export async function recordFeedItem(tx: Queryable, feedUrl: string, key: string, item: { at: string; url: string | null; status: string; attempt: boolean; documentId?: string; detail?: string }): Promise<void> {
  await tx.query('INSERT INTO feeds (url) VALUES ($1) ON CONFLICT DO NOTHING', [feedUrl]);
  // Lock the feed row: the item and the feed's counts change together, one watcher at a time.
  await tx.query('SELECT 1 FROM feeds WHERE url = $1 FOR UPDATE', [feedUrl]);
  const before = await feedItem(tx, feedUrl, key);
  if (!before) {
    await tx.query('INSERT INTO feed_items (feed_url, item_key, url, status, attempts, document_id, detail, first_seen, last_attempt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)', [
      feedUrl, key, item.url, item.status, item.attempt ? 1 : 0, item.documentId ?? null, item.detail ?? null, item.at,
    ]);
    await tx.query('UPDATE feeds SET items_seen = items_seen + 1 WHERE url = $1', [feedUrl]);
  } else {
    await tx.query('UPDATE feed_items SET url = $3, status = $4, attempts = attempts + $5, document_id = COALESCE($6, document_id), detail = $7, last_attempt = $8 WHERE feed_url = $1 AND item_key = $2', [
      feedUrl, key, item.url, item.status, item.attempt ? 1 : 0, item.documentId ?? null, item.detail ?? null, item.at,
    ]);
  }
  if (item.status === 'stored' && before?.status !== 'stored') await tx.query('UPDATE feeds SET items_stored = items_stored + 1 WHERE url = $1', [feedUrl]);
}

export async function watchedFile(db: Queryable, path: string): Promise<WatchedFile | null> {
  const { rows } = await db.query<{ path: string; mtime_ms: number; size: number; outcome: string; document_ids: string }>('SELECT path, mtime_ms, size, outcome, document_ids FROM watched_files WHERE path = $1', [path]);
  const row = rows[0];
  return row ? { path: row.path, mtimeMs: row.mtime_ms, size: row.size, outcome: row.outcome, documentIds: row.document_ids === '' ? [] : row.document_ids.split('\n') } : null;
}

export async function recordWatchedFile(db: Queryable, file: WatchedFile & { at: string }): Promise<void> {
  await db.query(
    `INSERT INTO watched_files (path, mtime_ms, size, seen_at, outcome, document_ids) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (path) DO UPDATE SET mtime_ms = excluded.mtime_ms, size = excluded.size, seen_at = excluded.seen_at, outcome = excluded.outcome, document_ids = excluded.document_ids`,
    [file.path, file.mtimeMs, file.size, file.at, file.outcome, file.documentIds.join('\n')],
  );
}
