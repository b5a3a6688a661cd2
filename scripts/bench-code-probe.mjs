// Preloaded by bench-code.mjs (`node --import`) into the `code` process it measures. Counts the articles written to
// stdout (one JSON line each) and, at exit, writes to the file named by HERODOTUS_BENCH_PROBE: when each burst of
// output (one batch of documents) began and how many articles were out by its end — start-up and warm-up show in
// the first bursts — and the CPU time of the main thread and of the process's other threads (V8's workers, mostly
// concurrent optimising compilation), read from /proc where there is one.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const out = process.env.HERODOTUS_BENCH_PROBE;

/** CPU seconds of the main thread and of all other threads together, or null where /proc/self/task is missing. */
function threadCpu() {
  try {
    let main = 0;
    let others = 0;
    const tick = 100; // USER_HZ on Linux
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / tick;
      if (Number(tid) === process.pid) main = seconds;
      else others += seconds;
    }
    return { main, others };
  } catch {
    return null;
  }
}

if (out) {
  // Output comes in bursts (a batch of documents at a time): [ms at the burst's first write, lines written by its end].
  const bursts = [];
  let lines = 0;
  let last = -Infinity;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const now = performance.now();
    if (now - last > 20) bursts.push([now, lines]);
    else bursts[bursts.length - 1][1] = lines;
    last = now;
    return write(chunk, ...rest);
  };
  process.on('exit', () => {
    writeFileSync(out, JSON.stringify({ bursts, threads: threadCpu() }));
  });
}
