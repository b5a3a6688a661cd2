/**
 * One poll of one feed: a conditional GET (If-None-Match / If-Modified-Since from the last 200), then for
 * each item not handled before, its article page is fetched, the article text extracted, coded and stored.
 * Items already stored (same URL or content hash) are not fetched again; an item whose page could not be
 * fetched is tried again on later polls, at most `maxAttempts` times.
 */
import { decodeBytes, looksBinary } from '../stages/ingest/decode.js';
import { readFeed } from '../stages/ingest/feed.js';
import { extractArticle } from '../stages/ingest/html.js';
import type { RawDocument } from '../stages/ingest/types.js';
import { contentHash } from '../pipeline/pipeline.js';
import { codeAndStore, outcomeStatus } from './coding.js';
import { FetchError, type Fetcher } from './fetcher.js';
import { now, type WatchContext } from './state.js';

/** Item outcomes that are final: the item is not fetched again. */
const FINAL = new Set(['stored', 'queued', 'duplicate', 'disallowed', 'too-large', 'empty', 'bad-url', 'failed']);

export interface FeedOptions {
  maxAttempts: number;
}

export async function pollFeed(ctx: WatchContext, fetcher: Fetcher, feedUrl: string, options: FeedOptions): Promise<void> {
  const state = await ctx.store.feedState(feedUrl);
  const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5' };
  if (state?.etag) headers['if-none-match'] = state.etag;
  if (state?.lastModified) headers['if-modified-since'] = state.lastModified;
  let page;
  try {
    page = await fetcher.get(feedUrl, headers);
  } catch (error) {
    const failure = error as FetchError;
    if (failure.kind === 'aborted') return;
    ctx.counts.feedErrors++;
    await ctx.store.recordFeedPoll(feedUrl, { at: now(), status: failure.kind, ok: false, error: failure.message });
    ctx.log('error', { feed: feedUrl, kind: failure.kind, ...(failure.status ? { status: failure.status } : {}), message: failure.message, consecutive: (state?.consecutiveErrors ?? 0) + 1 });
    return;
  }
  if (page.status === 304) {
    ctx.counts.notModified++;
    await ctx.store.recordFeedPoll(feedUrl, { at: now(), status: '304', ok: true });
    ctx.log('poll', { feed: feedUrl, status: 304 });
    return;
  }
  ctx.counts.polls++;
  const decoded = decodePage(page.body, page.headers.get('content-type'));
  const items = decoded.ok ? readFeed(decoded.text, feedUrl) : [];
  const malformed = !decoded.ok ? decoded.message : items.length === 1 && items[0].kind === 'skipped' && items[0].code === 'FEED_MALFORMED' ? items[0].message : undefined;
  if (malformed) {
    ctx.counts.feedErrors++;
    await ctx.store.recordFeedPoll(feedUrl, { at: now(), status: 'malformed', ok: false, error: malformed });
    ctx.log('error', { feed: feedUrl, kind: 'malformed', message: malformed });
    return;
  }
  const documents = items.filter((i): i is RawDocument => i.kind === 'document');
  const fresh: RawDocument[] = [];
  for (const item of documents) {
    const key = itemKey(item);
    const seen = await ctx.store.feedItem(feedUrl, key);
    if (seen && (FINAL.has(seen.status) || seen.attempts >= options.maxAttempts)) continue;
    fresh.push(item);
  }
  ctx.log('poll', { feed: feedUrl, status: page.status, items: documents.length, new: fresh.length });
  // Feeds list the newest first; oldest first keeps publication order for the actor memory.
  for (const item of fresh.reverse()) {
    if (ctx.signal.aborted) break;
    await handleItem(ctx, fetcher, feedUrl, item, options);
  }
  // Validators are saved last: a poll interrupted by shutdown is repeated in full next time.
  if (!ctx.signal.aborted) {
    await ctx.store.recordFeedPoll(feedUrl, { at: now(), status: String(page.status), ok: true, etag: page.headers.get('etag'), lastModified: page.headers.get('last-modified') });
  }
}

/**
 * A fetched body as text: the charset of the Content-Type header when it names one other than UTF-8
 * (e.g. ISO-8859-1, windows-1252); otherwise UTF-8 with invalid bytes repaired and reported.
 */
function decodePage(body: Buffer, contentType: string | null): ReturnType<typeof decodeBytes> {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && !looksBinary(body)) {
    try {
      const text = new TextDecoder(charset).decode(body);
      if (text.trim() !== '') return { ok: true, text, diagnostics: [] };
    } catch {
      // an unknown charset: fall back to UTF-8
    }
  }
  return decodeBytes(body);
}

function itemKey(item: RawDocument): string {
  return item.meta.id ?? item.meta.url ?? `sha256:${contentHash(item.text)}`;
}

async function handleItem(ctx: WatchContext, fetcher: Fetcher, feedUrl: string, item: RawDocument, options: FeedOptions): Promise<void> {
  const key = itemKey(item);
  const link = item.meta.url ?? null;
  const record = (status: string, extra: { attempt?: boolean; documentId?: string; detail?: string } = {}): Promise<void> =>
    ctx.store.recordFeedItem(feedUrl, key, { at: now(), url: link, status, attempt: extra.attempt ?? false, ...(extra.documentId ? { documentId: extra.documentId } : {}), ...(extra.detail ? { detail: extra.detail } : {}) });
  if (link === null) {
    // No page to fetch: the feed's own text is the document.
    const outcome = await codeAndStore(ctx, { text: item.text, meta: item.meta, origin: `${feedUrl}#${key}` });
    if (outcome.id !== '') await record(outcomeStatus(outcome), { documentId: outcome.id });
    return;
  }
  const already = await ctx.store.findDocument('', link);
  if (already !== null) {
    ctx.counts.duplicates++;
    ctx.log('duplicate', { feed: feedUrl, url: link, id: already, reason: 'same URL; not fetched' });
    await record('duplicate', { documentId: already });
    return;
  }
  ctx.log('item', { feed: feedUrl, url: link, ...(item.meta.title ? { title: item.meta.title } : {}) });
  let page;
  try {
    page = await fetcher.get(link, { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5' });
  } catch (error) {
    const failure = error as FetchError;
    if (failure.kind === 'aborted') return;
    const final = ['disallowed', 'too-large', 'bad-url', 'too-many-redirects'].includes(failure.kind) || (failure.kind === 'http' && !failure.retryable);
    const previous = (await ctx.store.feedItem(feedUrl, key))?.attempts ?? 0;
    const status = final ? (failure.kind === 'too-many-redirects' || failure.kind === 'http' ? 'failed' : failure.kind) : previous + 1 >= options.maxAttempts ? 'failed' : 'error';
    if (failure.kind === 'disallowed' || failure.kind === 'too-large' || failure.kind === 'bad-url') ctx.counts.skipped++;
    else ctx.counts.pageErrors++;
    await record(status, { attempt: true, detail: failure.message });
    ctx.log(failure.kind === 'disallowed' ? 'skipped' : 'error', {
      feed: feedUrl,
      url: link,
      kind: failure.kind,
      ...(failure.status ? { status: failure.status } : {}),
      message: failure.message,
      ...(status === 'error' ? { willRetry: true, attempts: previous + 1 } : {}),
    });
    return;
  }
  ctx.counts.fetched++;
  const decoded = decodePage(page.body, page.headers.get('content-type'));
  const article = decoded.ok ? extractArticle(decoded.text) : { ok: false as const, message: decoded.message };
  let text: string;
  let meta = { ...item.meta };
  if (article.ok) {
    text = article.text;
    // The feed's title, date and source come first; the page adds what the feed lacks.
    meta = { ...article.meta, ...item.meta };
    if (!meta.title && article.meta.title) meta.title = article.meta.title;
  } else if (item.text.trim() !== '' && item.text.trim() !== (item.meta.title ?? '').trim()) {
    text = item.text;
    ctx.log('fallback', { feed: feedUrl, url: link, message: `${article.message}; the feed's summary is coded instead` });
  } else {
    ctx.counts.skipped++;
    await record('empty', { attempt: true, detail: article.message });
    ctx.log('skipped', { feed: feedUrl, url: link, kind: 'empty', message: article.message });
    return;
  }
  meta.url = link;
  const outcome = await codeAndStore(ctx, { text, meta, origin: link, ...(decoded.ok ? { diagnostics: decoded.diagnostics } : {}) });
  if (outcome.id === '') return; // shutting down before coding
  await record(outcomeStatus(outcome), { attempt: true, documentId: outcome.id });
}
