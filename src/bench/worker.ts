/**
 * One benchmark run in a fresh process (so load time and peak RSS are whole-process figures):
 * loads the pipeline, codes the fixed corpus (`--articles N`, and `--words N` for longer articles) timing every stage, then ingests it into a temporary
 * SQLite database. Prints one JSON object on stdout. Run by bench/main.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPipeline, contentHash, standardPipelineParts } from '../pipeline/pipeline.js';
import { CODE_BATCH_DOCUMENTS } from '../pipeline/batch.js';
import type { Stage } from '../pipeline/stage.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { makeCorpus, makeLongCorpus } from './corpus.js';
import type { CodedDocument } from '../core/contract.js';

export interface WorkerResult {
  articles: number;
  tokens: number;
  words: number;
  loadMs: number;
  stageMs: Record<string, number>;
  pipelineMs: number;
  batchMs: number;
  batchStageMs: Record<string, number>;
  ingestMs: number;
  peakRssMb: number;
}

const numberArg = (name: string): number => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) || 0 : 0);
const articles = numberArg('--articles') || 300;
// --words N: articles of about N words (consecutive bench articles joined), e.g. 600 for the events issue's targets.
const wordsPerArticle = numberArg('--words');
const startRss = process.memoryUsage().rss;
void startRss;

const stageMs: Record<string, number> = {};
const t0 = performance.now();
const parts = standardPipelineParts();
const loadMs = performance.now() - t0;
const timed: Stage[] = parts.stages.map((stage) => ({
  ...stage,
  run(doc, resources) {
    const t0 = performance.now();
    const out = stage.run(doc, resources);
    stageMs[stage.name] = (stageMs[stage.name] ?? 0) + performance.now() - t0;
    return out;
  },
}));

const pipeline = createPipeline({ stages: timed, resources: parts.resources });

const corpus = wordsPerArticle > 0 ? makeLongCorpus(articles, wordsPerArticle, undefined, 'nearest') : makeCorpus(articles);
// Warm-up on a few articles (JIT), not counted.
for (const a of corpus.slice(0, 20)) pipeline.code(a.text, { published: a.published });
for (const key of Object.keys(stageMs)) stageMs[key] = 0;

let tokens = 0;
let words = 0;
const t1 = performance.now();
const coded = corpus.map((a) => {
  const doc = pipeline.annotate(a.text, { published: a.published, id: a.id });
  tokens += doc.getOr('tokens', []).length;
  words += a.text.split(/\s+/).length;
  return { a, doc };
});
const pipelineMs = performance.now() - t1;
void coded;
const pipelineStageMs = { ...stageMs }; // the phases below run the same timed stages again

// Batch mode, as the CLI codes: CODE_BATCH_DOCUMENTS documents at a time, stage by stage.
for (const key of Object.keys(stageMs)) stageMs[key] = 0;
const tb = performance.now();
for (let i = 0; i < corpus.length; i += CODE_BATCH_DOCUMENTS) {
  pipeline.codeBatch(corpus.slice(i, i + CODE_BATCH_DOCUMENTS).map((a) => ({ text: a.text, options: { published: a.published, id: a.id } })));
}
const batchMs = performance.now() - tb;
const batchStageMs = { ...stageMs };

const dir = mkdtempSync(join(tmpdir(), 'herodotus-bench-'));
const store = openSqliteStore(join(dir, 'bench.db'));
const t2 = performance.now();
const batch: Array<{ coded: CodedDocument; provenance: { contentHash: string } }> = [];
for (let i = 0; i < corpus.length; i += CODE_BATCH_DOCUMENTS) {
  const slice = corpus.slice(i, i + CODE_BATCH_DOCUMENTS);
  const coded = pipeline.codeBatch(slice.map((a) => ({ text: a.text, options: { published: a.published, id: a.id } })));
  coded.forEach((c, k) => batch.push({ coded: c, provenance: { contentHash: contentHash(slice[k].text) } }));
  if (batch.length >= 100) await store.saveDocuments(batch.splice(0));
}
await store.saveDocuments(batch);
const ingestMs = performance.now() - t2;
await store.close();
rmSync(dir, { recursive: true, force: true });

const result: WorkerResult = {
  articles,
  tokens,
  words,
  loadMs,
  stageMs: pipelineStageMs,
  pipelineMs,
  batchMs,
  batchStageMs,
  ingestMs,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
};
process.stdout.write(JSON.stringify(result) + '\n');
