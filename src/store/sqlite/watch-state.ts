/** The watch state tables (schema v5): feeds, feed_items, watched_files. Synchronous; the store wraps it. */
import type Database from 'better-sqlite3';
import { feedOf, type FeedRow } from '../rows.js';
import type { FeedItemState, FeedState, FeedStatus, WatchedFile } from '../store.js';

export class WatchTables {
  private readonly db: Database.Database;
  constructor(db: Database.Database) {
    this.db = db;
  }

  feedStatus(): FeedStatus[] {
    // A database made before schema v5, opened read-only, has no watch tables: nothing was watched.
    if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feeds'").get()) return [];
    const feeds = (this.db.prepare('SELECT * FROM feeds ORDER BY url').all() as FeedRow[]).map(feedOf);
    const counts = this.db.prepare('SELECT feed_url, status, COUNT(*) AS n FROM feed_items GROUP BY feed_url, status').all() as Array<{ feed_url: string; status: string; n: number }>;
    return feeds.map((f) => ({ ...f, items: Object.fromEntries(counts.filter((c) => c.feed_url === f.url).map((c) => [c.status, c.n])) }));
  }

  feedState(url: string): FeedState | null {
    const row = this.db.prepare('SELECT * FROM feeds WHERE url = ?').get(url) as FeedRow | undefined;
    return row ? feedOf(row) : null;
  }

  recordFeedPoll(url: string, poll: { at: string; status: string; ok: boolean; etag?: string | null; lastModified?: string | null; error?: string }): void {
    this.db.prepare('INSERT OR IGNORE INTO feeds (url) VALUES (?)').run(url);
    if (poll.ok) {
      this.db
        .prepare(
          `UPDATE feeds SET last_poll = ?, last_status = ?, last_ok = ?, consecutive_errors = 0,
             etag = CASE WHEN ? THEN ? ELSE etag END, last_modified = CASE WHEN ? THEN ? ELSE last_modified END WHERE url = ?`,
        )
        .run(poll.at, poll.status, poll.at, poll.etag !== undefined ? 1 : 0, poll.etag ?? null, poll.lastModified !== undefined ? 1 : 0, poll.lastModified ?? null, url);
    } else {
      this.db
        .prepare('UPDATE feeds SET last_poll = ?, last_status = ?, errors = errors + 1, consecutive_errors = consecutive_errors + 1, last_error = ? WHERE url = ?')
        .run(poll.at, poll.status, poll.error ?? poll.status, url);
    }
  }

  feedItem(feedUrl: string, key: string): FeedItemState | null {
    const row = this.db.prepare('SELECT url, status, attempts, document_id FROM feed_items WHERE feed_url = ? AND item_key = ?').get(feedUrl, key) as
      | { url: string | null; status: string; attempts: number; document_id: string | null }
      | undefined;
    return row ? { url: row.url, status: row.status, attempts: row.attempts, documentId: row.document_id } : null;
  }

  recordFeedItem(feedUrl: string, key: string, item: { at: string; url: string | null; status: string; attempt: boolean; documentId?: string; detail?: string }): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO feeds (url) VALUES (?)').run(feedUrl);
      const before = this.feedItem(feedUrl, key);
      if (!before) {
        this.db
          .prepare('INSERT INTO feed_items (feed_url, item_key, url, status, attempts, document_id, detail, first_seen, last_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(feedUrl, key, item.url, item.status, item.attempt ? 1 : 0, item.documentId ?? null, item.detail ?? null, item.at, item.at);
        this.db.prepare('UPDATE feeds SET items_seen = items_seen + 1 WHERE url = ?').run(feedUrl);
      } else {
        this.db
          .prepare('UPDATE feed_items SET url = ?, status = ?, attempts = attempts + ?, document_id = COALESCE(?, document_id), detail = ?, last_attempt = ? WHERE feed_url = ? AND item_key = ?')
          .run(item.url, item.status, item.attempt ? 1 : 0, item.documentId ?? null, item.detail ?? null, item.at, feedUrl, key);
      }
      if (item.status === 'stored' && before?.status !== 'stored') this.db.prepare('UPDATE feeds SET items_stored = items_stored + 1 WHERE url = ?').run(feedUrl);
    })();
  }

  watchedFile(path: string): WatchedFile | null {
    const row = this.db.prepare('SELECT path, mtime_ms, size, outcome, document_ids FROM watched_files WHERE path = ?').get(path) as
      | { path: string; mtime_ms: number; size: number; outcome: string; document_ids: string }
      | undefined;
    return row ? { path: row.path, mtimeMs: row.mtime_ms, size: row.size, outcome: row.outcome, documentIds: row.document_ids === '' ? [] : row.document_ids.split('\n') } : null;
  }

  recordWatchedFile(file: WatchedFile & { at: string }): void {
    this.db
      .prepare(
        `INSERT INTO watched_files (path, mtime_ms, size, seen_at, outcome, document_ids) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(path) DO UPDATE SET mtime_ms = excluded.mtime_ms, size = excluded.size, seen_at = excluded.seen_at, outcome = excluded.outcome, document_ids = excluded.document_ids`,
      )
      .run(file.path, file.mtimeMs, file.size, file.at, file.outcome, file.documentIds.join('\n'));
  }
}
