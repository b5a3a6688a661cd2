/** `herodotus watch`: the help text (read at start-up; the command itself is ./watch.ts). */

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
