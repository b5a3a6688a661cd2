#!/usr/bin/env node
// `npm run bench:scale [-- OPTIONS]`: the scale-out benchmark of issue #9 in one command — first bench:threads
// (`code` with 1 and 2 threads on ~2,400 articles of 600 words, against two independent processes), then bench:queue
// (articles/s of in-process `ingest` with 1 and 2 threads against enqueue + 1 and 2 queue workers, peak RSS per
// process; needs Redis: --redis URL or HERODOTUS_TEST_REDIS), then bench:store (SQLite against PostgreSQL: ingest
// rate, GET /events p50/p99 at one million events; needs PostgreSQL: --pg URL or HERODOTUS_TEST_PG). Options are
// passed to all three (each reads its own: --articles --words --runs; --articles --runs --workers --redis; --events
// --queries --pg --only).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
let failed = false;
for (const bench of ['scripts/bench-threads.mjs', 'dist/bench/scale-queue.js', 'dist/bench/store-bench.js']) {
  process.stderr.write(`bench:scale: ${bench}\n`);
  const r = spawnSync(process.execPath, [join(root, bench), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`bench:scale: ${bench} exited with ${r.status}\n`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
