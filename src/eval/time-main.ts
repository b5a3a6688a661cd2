#!/usr/bin/env node
/**
 * `npm run eval:time [-- --corpora DIR] [--errors N]`: runs the pipeline (with the time stage) on
 * TempEval-3 dev (TimeBank + AQUAINT, TimeML) with each document's creation time as its publication
 * date and prints TempEval-3-style TIMEX3 figures per corpus and overall.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { corporaDir, packageRoot } from '../models/paths.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { standardPipelineParts } from '../pipeline/pipeline.js';

const { stages: STAGES, resources: RESOURCES } = standardPipelineParts();
import type { Stage } from '../pipeline/stage.js';
import { createTimeStage } from '../stages/time/stage.js';
import { emptyCounts, figures, findTimeML, readTimeML, scoreDocument, type Counts, type Mismatch } from './time.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const corpora = corporaDir(option('--corpora'));
const root = join(corpora, 'tempeval3-dev');
const showErrors = Number(option('--errors') ?? 0);
if (!existsSync(root)) {
  console.error(`eval:time: no TempEval-3 dev folder at ${root} (use --corpora DIR)`);
  process.exit(2);
}

const dataDir = join(packageRoot(), 'dist', 'data');
const stages: Stage[] = STAGES.some((s) => s.name === 'time') ? [...STAGES] : [...STAGES, createTimeStage({ dataDir })];
const pipeline = createPipeline({ resources: RESOURCES, stages });

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
function line(name: string, c: Counts, docs: number): string {
  const f = figures(c);
  return `${name.padEnd(10)} ${String(docs).padStart(4)} ${String(c.gold).padStart(5)} ${String(c.system).padStart(5)}  ` +
    `${pct(f.strict.p)} ${pct(f.strict.r)} ${pct(f.strict.f1)}  ${pct(f.relaxed.p)} ${pct(f.relaxed.r)} ${pct(f.relaxed.f1)}  ` +
    `${pct(f.typeAccuracy)} ${pct(f.valueAccuracy)}  ${pct(f.value.p)} ${pct(f.value.r)} ${pct(f.value.f1)}`;
}

const overall = emptyCounts();
const rows: string[] = [];
const errors: Mismatch[] = [];
let totalDocs = 0;
const started = performance.now();
for (const [group, files] of findTimeML(root)) {
  const counts = emptyCounts();
  for (const file of files) {
    const gold = readTimeML(file);
    const doc = pipeline.annotate(gold.text, { ...(gold.dct ? { published: gold.dct } : {}), id: gold.id });
    const system = doc.getOr('dates', []);
    scoreDocument(gold.timexes, system, gold.text, counts, showErrors ? errors : undefined);
  }
  for (const k of Object.keys(counts) as Array<keyof Counts>) overall[k] += counts[k];
  totalDocs += files.length;
  rows.push(line(group, counts, files.length));
}
rows.push(line('overall', overall, totalDocs));
console.log('TempEval-3 dev, TIMEX3 (TempEval-3 scoring: relaxed = overlap; type/value accuracy over relaxed matches; value F1 = correct values over system and gold)');
console.log(`${'corpus'.padEnd(10)} docs  gold   sys  strict P     R    F1  relax P     R    F1   type value  valueP     R    F1`);
for (const r of rows) console.log(r);
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s for ${totalDocs} documents)`);
if (showErrors) {
  for (const e of errors.slice(0, showErrors)) {
    console.log(`${e.kind.padEnd(8)} gold=${e.gold ? `${JSON.stringify(e.gold.text)} ${e.gold.type} ${e.gold.value}` : '-'}  sys=${e.system ? `${JSON.stringify(e.system.text)} ${e.system.type} ${e.system.value}` : '-'}`);
  }
}
