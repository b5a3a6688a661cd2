// How long one dependent random read takes on this host, in a table that fits the CPU's caches and in one that does
// not (`node scripts/bench-host-memory.mjs`, or imported by bench-code.mjs, which prints it before and after its runs).
//
// Why: the models look up hashed feature weights at random in ~35 MB of tables, so a `code` run's speed follows the
// host's memory latency and how much last-level cache this machine actually gets. On the project's VM the cliff sits
// between 2 and 3 MB (≈ 20 ns below, 150–230 ns above) although the CPU reports a 32 MB L3: the cache is shared with
// other tenants. A throughput figure is only comparable with another taken at a similar latency.
//
// The probe walks a random cycle through the table's cache lines (each read's address comes from the previous read,
// so reads cannot overlap) and reports nanoseconds per read.

const LINE_INTS = 16; // 64-byte lines of 4-byte ints

/** An Int32Array of `bytes` whose lines form one random cycle: a[line·16] holds the next line's index·16. */
function cycle(bytes) {
  const lines = Math.max(2, Math.floor(bytes / 64));
  const order = new Int32Array(lines);
  for (let i = 0; i < lines; i++) order[i] = i;
  // A random permutation (Fisher–Yates with a fixed-seed LCG, so every run walks the same cycle).
  let seed = 12345;
  for (let i = lines - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const table = new Int32Array(lines * LINE_INTS);
  for (let i = 0; i < lines; i++) table[order[i] * LINE_INTS] = order[(i + 1) % lines] * LINE_INTS;
  return table;
}

function walk(table, steps) {
  let p = 0;
  for (let i = 0; i < steps; i++) p = table[p];
  return p;
}

/** Nanoseconds per dependent random read in a table of `megabytes` (median of `rounds` walks of `steps` reads). */
export function readLatencyNs(megabytes, steps = 2_000_000, rounds = 3) {
  const table = cycle(megabytes * 1024 * 1024);
  walk(table, steps >> 2);
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    walk(table, steps);
    times.push(Number(process.hrtime.bigint() - start) / steps);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)];
}

/** For a benchmark's output: "a / b ns", the read latency in a 1 MB and in a 16 MB table. */
export function hostMemory() {
  return `${readLatencyNs(1).toFixed(0)} / ${readLatencyNs(16).toFixed(0)} ns`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const mb of [0.5, 1, 2, 3, 4, 8, 16, 64]) console.log(`${String(mb).padStart(4)} MB: ${readLatencyNs(mb).toFixed(1)} ns per read`);
}
