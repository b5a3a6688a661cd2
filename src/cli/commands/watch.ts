/** `herodotus watch`: live feeds and a drop folder, coded and stored as they come (see src/watch/). */
import { readFileSync } from 'node:fs';
import type { ActorMemory } from '../../knowledge/actors/memory.js';
import type { Pipeline } from '../../pipeline/pipeline.js';
import type { CoderVersion, Store } from '../../store/store.js';
import type { DocumentQueue } from '../../queue/enqueue.js';
import { runWatch, type WatchOptions } from '../../watch/runner.js';
import { jsonLog, type Log, type WatchCounts } from '../../watch/state.js';

export const WATCH_HELP = `
Logs: one JSON line per event on standard output (start, poll, item, stored, queued, duplicate, skipped,
retry, error, cycle, stop). Feed state (ETag, Last-Modified, last poll, items seen, errors) and the
files read are kept in the database, so a restart resumes without fetching or storing anything twice.
SIGTERM or SIGINT: the current document is finished, the database closed, exit 0.

With --queue redis://…, new documents are put on the work queue (one job per content hash) instead of being
coded here, and \`herodotus worker\` processes code and store them; --db still keeps the feed state, and
should be the store the workers write to, so that stored URLs are not fetched again.

Politeness: a User-Agent naming Herodotus (--contact adds your URL or e-mail), robots.txt honoured,
one request at a time per host with --delay between them (or the host's robots.txt Crawl-delay when longer,
at most 60 s), bounded retries with backoff.

Examples:
  herodotus watch --db news.db --feed https://example.org/rss.xml --every 15m
  herodotus watch --db news.db --feeds feeds.txt --once          # one cycle, e.g. from cron
  herodotus watch --db news.db --dir inbox/                      # code files dropped into inbox/
  herodotus watch --db news.db --feeds feeds.txt --queue redis://127.0.0.1:6379/0   # workers code`;

/** Feed URLs from a file: one per line; blank lines and # comments ignored. */
export function readFeedList(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

/**
 * The run's log and stop signal. Installed before the models load, so a SIGTERM or SIGINT that arrives
 * then still ends the run cleanly (after loading, before any fetch).
 */
export function watchControl(write: (line: string) => void): { log: Log; signal: AbortSignal; dispose: () => void } {
  const stop = new AbortController();
  const log = jsonLog(write);
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) return;
    log('stopping', { signal });
    stop.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    log,
    signal: stop.signal,
    dispose: () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}

export async function runWatchCommand(
  coding: { store: Store; pipeline: () => Pipeline; memory: ActorMemory; coder?: CoderVersion; queue?: DocumentQueue; maxDocBytes: number },
  options: WatchOptions,
  control: { log: Log; signal: AbortSignal },
): Promise<WatchCounts> {
  return runWatch({ ...coding, log: control.log, signal: control.signal }, options);
}
