/**
 * Feeds: what `herodotus watch` has done with each feed it polls (GET /feeds) — health, the last poll and its
 * status, the last success, items seen and stored, items by outcome, errors and the last error. Reloaded every
 * 30 s while the view is open (and the page visible), and on Refresh. Everything is rendered as text: feed URLs
 * and error messages come from the outside world.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { useJson } from '../hooks';
import type { FeedStatus } from '../types';

/** How often the open view asks again. */
export const FEEDS_REFRESH_MS = 30_000;

/** Outcomes in the order a reader expects them; any other outcome follows, by name. */
const OUTCOME_ORDER = ['stored', 'duplicate', 'queued', 'disallowed', 'too-large', 'empty', 'error', 'failed'];
const GOOD_OUTCOMES = new Set(['stored']);
const NEUTRAL_OUTCOMES = new Set(['duplicate', 'queued', 'disallowed', 'empty']);

/** `2026-11-29T08:15:00.123Z` → `2026-11-29 08:15:00` (UTC). */
function utc(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '').slice(0, 19);
}

/** How long ago `iso` was, roughly: `just now`, `5 min ago`, `3 h ago`, `2 days ago`. */
export function age(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const s = Math.round((now - then) / 1000);
  if (s < 45) return 'just now';
  if (s < 90 * 60) return `${Math.max(1, Math.round(s / 60))} min ago`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

/** What the watcher's failure kinds mean (src/watch/fetcher.ts, feeds.ts); any other kind is shown as it is. */
const FAILURES: Record<string, string> = {
  http: 'HTTP error',
  timeout: 'timed out',
  network: 'network error',
  malformed: 'not a feed',
  disallowed: 'disallowed by robots.txt',
  'too-large': 'too large',
  'too-many-redirects': 'too many redirects',
  'bad-url': 'bad URL',
};

/** A poll's status as a reader understands it: `HTTP 200`, `HTTP 304 (not modified)`, or `failed: ` and why. */
function describeStatus(status: string | null): string {
  if (status === null) return '';
  if (status === '304') return 'HTTP 304 (not modified)';
  if (/^\d{3}$/.test(status)) return `HTTP ${status}`;
  return `failed: ${FAILURES[status] ?? status}`;
}

function outcomes(items: Record<string, number>): Array<[string, number]> {
  const rank = (o: string): number => {
    const i = OUTCOME_ORDER.indexOf(o);
    return i < 0 ? OUTCOME_ORDER.length : i;
  };
  return Object.entries(items)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

function When({ iso, now }: { iso: string | null; now: number }): JSX.Element {
  if (iso === null) return <span class="muted">never</span>;
  return (
    <>
      <span class="nowrap" title={iso}>
        {utc(iso)}
      </span>
      <div class="muted">{age(iso, now)}</div>
    </>
  );
}

function Health({ feed }: { feed: FeedStatus }): JSX.Element {
  if (feed.lastPoll === null) return <span class="badge badge-revert">not polled yet</span>;
  if (feed.healthy) return <span class="badge badge-correct">ok</span>;
  return (
    <>
      <span class="badge badge-wrong">failing</span>
      <div class="error nowrap">
        {feed.consecutiveErrors} {feed.consecutiveErrors === 1 ? 'error' : 'errors'} in a row
      </div>
    </>
  );
}

function FeedRow({ feed, now }: { feed: FeedStatus; now: number }): JSX.Element {
  const failing = feed.lastPoll !== null && !feed.healthy;
  const shown = outcomes(feed.items);
  return (
    <tr class={failing ? 'feed-failing' : undefined} data-feed={feed.url} data-health={feed.lastPoll === null ? 'new' : feed.healthy ? 'ok' : 'failing'}>
      <td class="url">{feed.url}</td>
      <td data-cell="health">
        <Health feed={feed} />
      </td>
      <td data-cell="last-poll">
        <When iso={feed.lastPoll} now={now} />
        {feed.lastStatus !== null && <div class={failing ? 'error' : 'muted'}>{describeStatus(feed.lastStatus)}</div>}
      </td>
      <td data-cell="last-ok">
        <When iso={feed.lastOk} now={now} />
      </td>
      <td class="num" data-cell="seen">
        {feed.itemsSeen}
      </td>
      <td class="num" data-cell="stored">
        {feed.itemsStored}
      </td>
      <td data-cell="outcomes">
        {shown.length === 0 ? (
          <span class="muted">none</span>
        ) : (
          <ul class="feed-outcomes">
            {shown.map(([outcome, n]) => (
              <li key={outcome} data-outcome={outcome} class={GOOD_OUTCOMES.has(outcome) ? 'outcome-good' : NEUTRAL_OUTCOMES.has(outcome) ? 'outcome-neutral' : 'outcome-bad'}>
                {outcome} <strong>{n}</strong>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td class="num" data-cell="errors">
        {feed.errors}
      </td>
      <td data-cell="last-error">
        {feed.lastError === null ? (
          <span class="muted">none</span>
        ) : failing ? (
          <span class="error feed-error">{feed.lastError}</span>
        ) : (
          <span class="muted feed-error">{feed.lastError} (before the last success)</span>
        )}
      </td>
    </tr>
  );
}

function EmptyState(): JSX.Element {
  return (
    <div class="notice" data-testid="feeds-empty">
      <p>
        <strong>No feeds watched yet.</strong> <code>herodotus watch</code> polls RSS and Atom feeds, fetches each new article, codes it and stores it
        in a database; run it on the database this server reads, and its feeds show up here:
      </p>
      <pre class="command">herodotus watch --db news.db --feed https://example.org/world/rss.xml --every 15m</pre>
      <p class="muted">
        Give <code>--feed</code> once per feed, or <code>--feeds FILE</code> with one URL a line; <code>--once</code> polls once and exits. This page asks
        again every {FEEDS_REFRESH_MS / 1000} s.
      </p>
    </div>
  );
}

export function FeedsView(): JSX.Element {
  const [tick, setTick] = useState(0);
  const { data, error, loading } = useJson<{ count: number; feeds: FeedStatus[] }>('/feeds', tick);
  const [answeredAt, setAnsweredAt] = useState<number | null>(null);

  // Ask again every 30 s while this view is open; skip while the page is hidden, catch up when it shows again.
  useEffect(() => {
    let missed = false;
    const timer = setInterval(() => {
      if (document.hidden) missed = true;
      else setTick((n) => n + 1);
    }, FEEDS_REFRESH_MS);
    const onVisible = (): void => {
      if (!document.hidden && missed) {
        missed = false;
        setTick((n) => n + 1);
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  useEffect(() => {
    if (!loading) setAnsweredAt(Date.now());
  }, [loading, data, error]);

  const now = answeredAt ?? Date.now();
  const feeds = data?.feeds ?? [];
  const failing = feeds.filter((f) => f.lastPoll !== null && !f.healthy).length;
  return (
    <section class="view feeds-view" aria-labelledby="feeds-title" data-testid="feeds-view" aria-busy={loading ? 'true' : 'false'}>
      <h2 id="feeds-title">Feeds {data && <span class="count">{data.count}</span>}</h2>
      <p class="hint">
        What <code>herodotus watch</code> has done with each feed it polls: when it last asked and what came back, the items it has seen and what became of
        them, and the errors. Times are UTC.
      </p>
      <div class="controls">
        <button type="button" class="secondary" data-testid="feeds-refresh" onClick={() => setTick((n) => n + 1)} disabled={loading}>
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
        <span class="muted" data-testid="feeds-summary">
          {data && data.count > 0 ? `${data.count} ${data.count === 1 ? 'feed' : 'feeds'} · ${failing === 0 ? 'all ok' : `${failing} failing`} · ` : ''}
          {answeredAt !== null && !loading ? `checked ${utc(new Date(answeredAt).toISOString())} UTC, again every ${FEEDS_REFRESH_MS / 1000} s` : ''}
        </span>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data && data.count === 0 && <EmptyState />}
      {feeds.length > 0 && (
        <table class="feeds" data-testid="feeds-table">
          <thead>
            <tr>
              <th>Feed</th>
              <th>Health</th>
              <th>Last poll</th>
              <th>Last success</th>
              <th class="num">Items seen</th>
              <th class="num">Stored</th>
              <th>Items by outcome</th>
              <th class="num">Errors</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {feeds.map((f) => (
              <FeedRow key={f.url} feed={f} now={now} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
