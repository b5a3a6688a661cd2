/** What a watch run shares between feeds and folders: the log, the counters, the coding context. */
import type { ActorMemory } from '../knowledge/actors/memory.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { CoderVersion, Store } from '../store/store.js';
import type { DocumentQueue } from '../queue/enqueue.js';

/** One structured event: written as one JSON line (`{"time":…,"event":…,…}`). */
export type Log = (event: string, fields: Record<string, unknown>) => void;

export function jsonLog(write: (line: string) => void): Log {
  return (event, fields) => write(JSON.stringify({ time: new Date().toISOString(), event, ...fields }) + '\n');
}

export interface WatchCounts {
  /** Feed polls answered 200, answered 304, failed. */
  polls: number;
  notModified: number;
  feedErrors: number;
  /** Article pages fetched (with a body). */
  fetched: number;
  /** Documents coded and stored. */
  coded: number;
  /** Documents put on the work queue instead (`--queue`), for workers to code and store. */
  queued: number;
  stored: number;
  events: number;
  /** Already stored (same URL or content hash): not fetched, or coded but not stored twice. */
  duplicates: number;
  /** Items or files left out: disallowed by robots.txt, too large, no text, unreadable. */
  skipped: number;
  /** Page fetches that failed (after retries) and will be tried again on a later poll (bounded). */
  pageErrors: number;
  /** Files read by the folder watcher, and files passed over as unchanged. */
  filesRead: number;
  filesUnchanged: number;
  /** Stored stories coded again with roles learned in this run. */
  recoded: number;
}

export function emptyCounts(): WatchCounts {
  return { polls: 0, notModified: 0, feedErrors: 0, fetched: 0, coded: 0, queued: 0, stored: 0, events: 0, duplicates: 0, skipped: 0, pageErrors: 0, filesRead: 0, filesUnchanged: 0, recoded: 0 };
}

export interface WatchContext {
  store: Store;
  pipeline: () => Pipeline;
  memory: ActorMemory;
  coder?: CoderVersion;
  /** With `--queue`: new documents are put on this queue instead of being coded here. */
  queue?: DocumentQueue;
  log: Log;
  counts: WatchCounts;
  /** Aborted on SIGTERM/SIGINT: the current document is finished, nothing new is started. */
  signal: AbortSignal;
  /** Roles learned from documents stored in this run (for the re-coding pass). */
  learned: Array<{ name: string; published: string; documentId: string }>;
  maxDocBytes: number;
}

/** `YYYY-MM-DDTHH:MM:SSZ` now. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
