#!/usr/bin/env node
// How well this machine runs two jobs at once: one job alone, then two on worker threads, for a pure integer
// loop (cpu) and for random reads and writes over a 64 MB table (mem, like hashed model weights). Prints the speed-up.
// Usage: node scripts/parallel-probe.mjs  (BENCHMARKS.md, threads)
import { Worker, isMainThread, workerData, parentPort } from 'node:worker_threads';
const work = (mode) => { let x = 0; if (mode === 'cpu') { for (let i = 0; i < 4e8; i++) x = (x * 31 + i) | 0; } else { const a = new Int32Array(16 * 1024 * 1024); for (let r = 0; r < 40000000; r++) { const j = (Math.imul(r, 2654435761) >>> 8) & (a.length - 1); x += a[j]++; } } return x; };
if (isMainThread) {
  for (const mode of ['cpu', 'mem']) {
    let t = Date.now(); work(mode); const one = Date.now() - t;
    t = Date.now();
    await Promise.all([0, 1].map(() => new Promise((res) => { const w = new Worker(new URL(import.meta.url), { workerData: mode }); w.on('message', res); })));
    const two = Date.now() - t;
    console.log(mode, 'one job', one, 'ms; two jobs in parallel', two, 'ms; speed-up', (2 * one / two).toFixed(2));
  }
} else { parentPort.postMessage(work(workerData)); }
