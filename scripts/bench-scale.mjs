#!/usr/bin/env node
// `npm run bench:scale [-- OPTIONS]`: the scale-out benchmark of issue #9 in one command — first bench:queue
// (articles/s of in-process `ingest` with 1 and 2 threads against enqueue + 1 and 2 queue workers, peak RSS per
// process; needs Redis: --redis URL or HERODOTUS_TEST_REDIS), then bench:store (SQLite against PostgreSQL: ingest
// rate, GET /events p50/p99 at one million events; needs PostgreSQL: --pg URL or HERODOTUS_TEST_PG). Options are
// passed to both (each reads its own: --articles --runs --workers --redis; --events --queries --pg --only).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const dist = new URL('../dist/bench/', import.meta.url).pathname;
let failed = false;
for (const bench of ['scale-queue.js', 'store-bench.js']) {
  process.stderr.write(`bench:scale: ${bench}\n`);
  const r = spawnSync(process.execPath, [join(dist, bench), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`bench:scale: ${bench} exited with ${r.status}\n`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
