/** `herodotus worker`: the help text; the work itself is src/queue/worker.ts. */

export const WORKER_HELP = `
Each job is one document (put there by \`herodotus enqueue\` or \`herodotus watch --queue\`). A batch of jobs
is coded, stored in one transaction, and only then acknowledged: a worker that dies (even by SIGKILL) leaves
its jobs locked, and once the lock expires (--lock) another worker puts them back in the queue. A failed
attempt is retried with exponential backoff; after the last attempt the job is kept in the failed list with
its error (\`herodotus queue status --failed\`, \`herodotus queue retry-failed\`). A document already in the
store (same content hash or URL) is reported as a duplicate and not stored again, so a retried, recovered
or duplicated job never duplicates data.

Logs: one JSON line per event on standard output (start, stored, duplicate, failed, stalled, error,
stopping, stop — with counts and peak RSS). SIGTERM or SIGINT: jobs in hand are finished and acknowledged,
the store closed, exit 0.

Workers code with the actor roles the store held when they started, and with those their own stories
teach; run \`herodotus recode --db …\` once the queue is empty so that every story is coded with every
role learned before its date (as a single \`ingest\` run codes them), then \`herodotus relink --db …\`.

Examples:
  herodotus enqueue corpus/ --queue redis://127.0.0.1:6379/0
  herodotus worker --queue redis://127.0.0.1:6379/0 --db news.db --concurrency 2
  herodotus queue status --queue redis://127.0.0.1:6379/0 --failed`;
