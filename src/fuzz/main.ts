#!/usr/bin/env node
/**
 * `npm run fuzz [-- --runs N --seed S]`: the pipeline's properties on generated text (N runs per property;
 * default 35,000 → about 100,000 generated documents in all) and the full-size large inputs (1 MB line,
 * 10,000-sentence paragraph …). Prints cases run, time, and the first counterexample if any.
 */
import { createPipeline } from '../pipeline/pipeline.js';
import { spanProblems } from '../pipeline/spans.js';
import { largeCases } from './arbitraries.js';
import { checkProperties, layerProblems } from './properties.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg('--runs') ?? 35_000);
const seed = arg('--seed') !== undefined ? Number(arg('--seed')) : Date.now() % 2 ** 31;
const pipeline = createPipeline();
const started = Date.now();
console.log(`fuzz: ${runs} runs per property, seed ${seed}`);
const counts = { cases: 0 };
let failed = false;
try {
  checkProperties(pipeline, runs, seed, counts);
} catch (error) {
  failed = true;
  console.log(`FAILED after ${counts.cases} generated documents:\n${(error as Error).message}`);
}
for (const { name, text } of largeCases(1)) {
  const t0 = Date.now();
  const problems = [...layerProblems(pipeline.annotate(text, { published: '2024-01-13' })), ...spanProblems(pipeline.code(text, { published: '2024-01-13' }))];
  counts.cases++;
  console.log(`large: ${name}: ${problems.length === 0 ? 'ok' : `FAILED: ${problems.slice(0, 3).join('; ')}`} (${Date.now() - t0} ms)`);
  if (problems.length > 0) failed = true;
}
console.log(`fuzz: ${counts.cases} documents coded in ${((Date.now() - started) / 1000).toFixed(0)} s; ${failed ? 'FAILURES above' : 'no failure'}`);
process.exit(failed ? 1 : 0);
