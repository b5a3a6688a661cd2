/**
 * The watch loop: every `everyMs` the feeds are polled (all at once; the fetcher keeps one request at a
 * time per host), every `scanMs` the folders are scanned; after each cycle the stories whose coding may
 * change with roles learned in the cycle are coded again. `once` runs one cycle. Aborting the signal
 * (SIGTERM/SIGINT) lets the current document finish and ends the loop.
 */
import { recodeLaterStories } from '../cli/commands/ingest.js';
import { pollFeed } from './feeds.js';
import { Fetcher, userAgent } from './fetcher.js';
import { scanFolder } from './folder.js';
import { sleep } from './duration.js';
import { emptyCounts, type WatchContext, type WatchCounts } from './state.js';

export interface WatchOptions {
  feeds: readonly string[];
  dirs: readonly string[];
  everyMs: number;
  scanMs: number;
  once: boolean;
  delayMs: number;
  timeoutMs: number;
  maxPageBytes: number;
  maxRedirects: number;
  retries: number;
  backoffMs: number;
  /** Page fetches tried per item across polls before it is given up. */
  maxAttempts: number;
  settleMs: number;
  contact?: string;
}

export { WATCH_DEFAULTS } from './defaults.js';

export async function runWatch(ctx: Omit<WatchContext, 'counts' | 'learned'>, options: WatchOptions): Promise<WatchCounts> {
  const full: WatchContext = { ...ctx, counts: emptyCounts(), learned: [] };
  const fetcher = new Fetcher({
    userAgent: userAgent(options.contact),
    delayMs: options.delayMs,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxPageBytes,
    maxRedirects: options.maxRedirects,
    retries: options.retries,
    backoffMs: options.backoffMs,
    signal: ctx.signal,
    log: ctx.log,
  });
  ctx.log('start', { feeds: options.feeds.length, dirs: options.dirs.length, once: options.once, ...(options.once ? {} : { everyMs: options.everyMs }), userAgent: userAgent(options.contact) });
  /** When each feed is due again: every `everyMs`, further apart while it keeps failing. */
  const due = new Map<string, number>();
  let nextScan = 0;
  let cycle = 0;
  while (!ctx.signal.aborted) {
    const started = Date.now();
    const before = { ...full.counts };
    const work: Array<Promise<void>> = [];
    for (const feed of options.feeds) {
      if ((due.get(feed) ?? 0) > started) continue;
      work.push(
        guard(full, { feed }, async () => {
          await pollFeed(full, fetcher, feed, { maxAttempts: options.maxAttempts });
          if (!options.once) due.set(feed, started + (await pollInterval(full, feed, options.everyMs)));
        }),
      );
    }
    if (options.dirs.length > 0 && started >= nextScan) {
      nextScan = started + options.scanMs;
      work.push(
        (async () => {
          for (const dir of options.dirs) await guard(full, { dir }, () => scanFolder(full, dir, { settleMs: options.settleMs }));
        })(),
      );
    }
    await Promise.all(work);
    if (full.learned.length > 0 && !ctx.signal.aborted) {
      const learned = full.learned.splice(0);
      full.counts.recoded += await recodeLaterStories(ctx.pipeline(), ctx.store, learned, (line) => ctx.log('recoded', { message: line }), ctx.coder);
    }
    cycle++;
    const delta = Object.fromEntries(Object.entries(full.counts).map(([k, v]) => [k, v - before[k as keyof WatchCounts]]).filter(([, v]) => v !== 0));
    if (work.length > 0) ctx.log('cycle', { cycle, ms: Date.now() - started, ...delta });
    if (options.once) break;
    const next = Math.min(...options.feeds.map((f) => due.get(f) ?? 0), options.dirs.length > 0 ? nextScan : Infinity);
    await sleep(Math.max(0, next - Date.now()), ctx.signal);
  }
  ctx.log('stop', { reason: ctx.signal.aborted ? 'signal' : 'once', requests: fetcher.requests, ...full.counts });
  return full.counts;
}

/** Longest wait between polls of a failing feed. */
const MAX_FEED_BACKOFF_MS = 6 * 3_600_000;

/**
 * The wait before a feed's next poll: `everyMs`, doubled for each failed poll in a row (at most 64× and
 * at most six hours, unless `everyMs` itself is longer). Within one poll the fetcher already retries.
 */
async function pollInterval(ctx: WatchContext, feed: string, everyMs: number): Promise<number> {
  const failures = (await ctx.store.feedState(feed))?.consecutiveErrors ?? 0;
  if (failures === 0) return everyMs;
  const wait = Math.max(everyMs, Math.min(everyMs * 2 ** Math.min(failures, 6), MAX_FEED_BACKOFF_MS));
  ctx.log('backoff', { feed, failures, nextPollInMs: wait });
  return wait;
}

/** A feed or folder that throws unexpectedly is reported and does not stop the others. */
async function guard(ctx: WatchContext, where: Record<string, string>, task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    ctx.log('error', { ...where, kind: 'internal', message: (error as Error).message });
  }
}
