#!/usr/bin/env node
/**
 * `npm run bench [-- --runs N --articles N --words N]`: runs bench/worker.js N times in fresh processes on the fixed
 * corpus (of ~216-word articles, or ~N-word ones made by joining them) and prints medians — tokens/s per stage, articles/s for the whole pipeline, ingest docs/s,
 * model load time and peak RSS — plus the machine it ran on.
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CODE_BATCH_DOCUMENTS } from '../pipeline/batch.js';
import type { WorkerResult } from './worker.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) || fallback : fallback;
}

const runs = arg('--runs', 5);
const articles = arg('--articles', 300);
const words = arg('--words', 0);
const worker = fileURLToPath(new URL('./worker.js', import.meta.url));

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const results: WorkerResult[] = [];
for (let r = 0; r < runs; r++) {
  const out = spawnSync(process.execPath, [worker, '--articles', String(articles), ...(words > 0 ? ['--words', String(words)] : [])], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (out.status !== 0) {
    process.stderr.write(`bench run ${r + 1} failed:\n${out.stderr}\n`);
    process.exit(1);
  }
  results.push(JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as WorkerResult);
  process.stderr.write(`run ${r + 1}/${runs} done\n`);
}

const first = results[0];
const lines: string[] = [];
lines.push(`Herodotus benchmark — ${articles} articles (${first.tokens} tokens, ${Math.round(first.words / articles)} words/article), median of ${runs} fresh processes`);
lines.push(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
lines.push('');
lines.push(`                 one document at a time     batches of ${CODE_BATCH_DOCUMENTS} (as the CLI codes)`);
lines.push('stage            tokens/s   ms/article      tokens/s   ms/article');
for (const stage of Object.keys(first.stageMs)) {
  const ms = median(results.map((r) => r.stageMs[stage]));
  const bms = median(results.map((r) => r.batchStageMs[stage]));
  const rate = (t: number): string => String(Math.round(first.tokens / (t / 1000))).padStart(10);
  lines.push(`${stage.padEnd(14)} ${rate(ms)}   ${(ms / articles).toFixed(3).padStart(10)}    ${rate(bms)}   ${(bms / articles).toFixed(3).padStart(10)}`);
}
// The NLP-core target: tagging, parsing and entity tagging together, per run then the median of the runs.
const core = ['tag', 'parse', 'entities'];
const coreMs = (stages: Record<string, number>): number => core.reduce((sum, name) => sum + (stages[name] ?? 0), 0);
const coreRate = (ms: number): string => `${Math.round(first.tokens / (ms / 1000))} tokens/s`;
lines.push('');
lines.push(`tag + parse + entities: ${coreRate(median(results.map((r) => coreMs(r.stageMs))))} one at a time, ${coreRate(median(results.map((r) => coreMs(r.batchStageMs))))} in batches of ${CODE_BATCH_DOCUMENTS}`);
const pipelineMs = median(results.map((r) => r.pipelineMs));
const batchMs = median(results.map((r) => r.batchMs));
lines.push('');
lines.push(`whole pipeline, one at a time: ${(articles / (pipelineMs / 1000)).toFixed(1)} articles/s, ${Math.round(first.tokens / (pipelineMs / 1000))} tokens/s`);
lines.push(`whole pipeline, batches of ${CODE_BATCH_DOCUMENTS}: ${(articles / (batchMs / 1000)).toFixed(1)} articles/s, ${Math.round(first.tokens / (batchMs / 1000))} tokens/s`);
lines.push(`ingest into SQLite (code + store): ${(articles / (median(results.map((r) => r.ingestMs)) / 1000)).toFixed(1)} documents/s`);
lines.push(`model + lexicon load: ${median(results.map((r) => r.loadMs)).toFixed(0)} ms`);
lines.push(`peak RSS: ${median(results.map((r) => r.peakRssMb)).toFixed(0)} MB`);
process.stdout.write(lines.join('\n') + '\n');
