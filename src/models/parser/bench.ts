#!/usr/bin/env node
/**
 * Parsing throughput on EWT dev with gold tags, parsing alone (no tagging), after one warm-up pass:
 *   node dist/models/parser/bench.js [--corpora DIR] [--models DIR] [--rounds N]
 * Reports load time and tokens/s (wall clock and process CPU time).
 */

import { resolve } from 'node:path';
import { corporaDir as findCorpora, modelsDir as findModels } from '../paths.js';
import { loadTreebank } from './data.js';
import { Parser } from './parser.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const corporaDir = findCorpora(arg('--corpora'));
const modelsDir = findModels(arg('--models'));
const rounds = Number(arg('--rounds') ?? 5);

const t0 = performance.now();
const parser = Parser.load(modelsDir);
const loadMs = performance.now() - t0;
const dev = loadTreebank(resolve(corporaDir, 'ud-english-ewt', 'en_ewt-ud-dev.conllu'));
for (const s of dev) parser.parse(s.forms, s.upos, s.xpos);
let tokens = 0;
const cpu0 = process.cpuUsage();
const w0 = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const s of dev) {
    parser.parse(s.forms, s.upos, s.xpos);
    tokens += s.forms.length;
  }
}
const wall = (performance.now() - w0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSec = (cpu.user + cpu.system) / 1e6;
console.log(`parser: load ${loadMs.toFixed(0)} ms; ${tokens} tokens in ${wall.toFixed(2)} s: ${Math.round(tokens / wall)} tokens/s wall, ${Math.round(tokens / cpuSec)} tokens/s CPU`);
