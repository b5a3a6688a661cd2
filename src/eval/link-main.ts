#!/usr/bin/env node
/**
 * `npm run eval:link [-- --corpora DIR] [--context X]`: cross-document event linking on ECB+ dev (gold event
 * mentions, linked within each topic) — MUC, B³, CEAF-e and CoNLL F1 of the linker's rule next to the
 * same-lemma baseline. Reads ../shared/corpora/events/ecbplus-dev (the shipped package never does).
 */
import { join } from 'node:path';
import { Tagger } from '../models/tagger/tagger.js';
import { corporaDir, modelsDir } from '../models/paths.js';
import { DEFAULT_SETTINGS, evaluateLinking, readEcbCorpus } from './link.js';
import type { CorefScores } from './coref.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
const row = (name: string, s: CorefScores): string =>
  `${name.padEnd(22)} ${pct(s.muc.recall)} ${pct(s.muc.precision)} ${pct(s.muc.f1)}   ${pct(s.bcubed.recall)} ${pct(s.bcubed.precision)} ${pct(s.bcubed.f1)}   ${pct(s.ceafe.recall)} ${pct(s.ceafe.precision)} ${pct(s.ceafe.f1)}   ${pct(s.conll)}`;

try {
  const dir = join(corporaDir(arg('--corpora')), 'events', 'ecbplus-dev');
  const tagger = Tagger.load(modelsDir());
  const started = Date.now();
  const topics = readEcbCorpus(dir, (words) => tagger.tag(words).lemma);
  const settings = { ...DEFAULT_SETTINGS, ...(arg('--context') ? { context: Number(arg('--context')) } : {}), ...(args.includes('--participants') ? { participants: true } : {}) };
  const r = evaluateLinking(topics, settings);
  process.stdout.write(
    `ECB+ dev (${dir}): ${r.topics} topics, ${r.documents} documents, ${r.mentions} gold event mentions in ${r.goldClusters} gold clusters; linked within each topic (${((Date.now() - started) / 1000).toFixed(1)} s)\n\n` +
      `${''.padEnd(22)} ${'MUC'.padStart(17)}   ${'B³'.padStart(17)}   ${'CEAF-e'.padStart(17)}   CoNLL\n` +
      `${''.padEnd(22)} ${'R'.padStart(5)} ${'P'.padStart(5)} ${'F1'.padStart(5)}   ${'R'.padStart(5)} ${'P'.padStart(5)} ${'F1'.padStart(5)}   ${'R'.padStart(5)} ${'P'.padStart(5)} ${'F1'.padStart(5)}   ${'F1'.padStart(5)}\n` +
      row('same-lemma baseline', r.baseline) + '\n' +
      row(`linker (context ≥ ${settings.context})`, r.linker) + '\n',
  );
} catch (error) {
  process.stderr.write(`eval:link: ${(error as Error).message}\n`);
  process.exit(1);
}
