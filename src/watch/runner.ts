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

export const WATCH_DEFAULTS: Omit<WatchOptions, 'feeds' | 'dirs' | 'once'> = {
  everyMs: 15 * 60_000,
  scanMs: 5_000,
  delayMs: 1_000,
  timeoutMs: 30_000,
  maxPageBytes: 5_000_000,
  maxRedirects: 5,
  retries: 2,
  backoffMs: 2_000,
  maxAttempts: 3,
  settleMs: 2_000,
};

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
  let nextFeeds = 0;
  let nextScan = 0;
  let cycle = 0;
  while (!ctx.signal.aborted) {
    const started = Date.now();
    const before = { ...full.counts };
    const work: Array<Promise<void>> = [];
    if (options.feeds.length > 0 && started >= nextFeeds) {
      nextFeeds = started + options.everyMs;
      for (const feed of options.feeds) work.push(guard(full, { feed }, () => pollFeed(full, fetcher, feed, { maxAttempts: options.maxAttempts })));
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
    const next = Math.min(options.feeds.length > 0 ? nextFeeds : Infinity, options.dirs.length > 0 ? nextScan : Infinity);
    await sleep(Math.max(0, next - Date.now()), ctx.signal);
  }
  ctx.log('stop', { reason: ctx.signal.aborted ? 'signal' : 'once', requests: fetcher.requests, ...full.counts });
  return full.counts;
}

/** A feed or folder that throws unexpectedly is reported and does not stop the others. */
async function guard(ctx: WatchContext, where: Record<string, string>, task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    ctx.log('error', { ...where, kind: 'internal', message: (error as Error).message });
  }
}
