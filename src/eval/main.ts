#!/usr/bin/env node
/**
 * `npm run eval [-- --corpora DIR] [--models DIR] [--syntax-only]`: accuracy of the NLP core on the development sets — UPOS/XPOS accuracy,
 * UAS and LAS on UD English EWT and GUM dev, NER precision/recall/F1 per type on UNER dev and GUM news dev.
 */
import { corporaDir, modelsDir } from '../models/paths.js';
import { evaluateNer, formatNerReport } from './ner.js';
import { evaluateSyntax, formatSyntaxReport } from './syntax.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
try {
  const corpora = corporaDir(flag('--corpora'));
  const models = modelsDir(flag('--models'));
  process.stdout.write(formatSyntaxReport(evaluateSyntax(corpora, models)) + '\n\n');
  if (!args.includes('--syntax-only')) process.stdout.write(formatNerReport(evaluateNer(corpora, models)) + '\n');
} catch (error) {
  process.stderr.write(`eval: ${(error as Error).message}\n`);
  process.exit(1);
}
