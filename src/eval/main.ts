#!/usr/bin/env node
/**
 * `npm run eval [-- --corpora DIR]`: accuracy of the NLP core on the development sets — UPOS/XPOS accuracy,
 * UAS and LAS on UD English EWT and GUM dev, NER precision/recall/F1 per type on UNER dev and GUM news dev.
 */
import { corporaDir, modelsDir } from '../models/paths.js';
import { evaluateNer, formatNerReport } from './ner.js';
import { evaluateSyntax, formatSyntaxReport } from './syntax.js';

const args = process.argv.slice(2);
const i = args.indexOf('--corpora');
try {
  const corpora = corporaDir(i >= 0 ? args[i + 1] : undefined);
  const models = modelsDir();
  process.stdout.write(formatSyntaxReport(evaluateSyntax(corpora, models)) + '\n\n');
  process.stdout.write(formatNerReport(evaluateNer(corpora, models)) + '\n');
} catch (error) {
  process.stderr.write(`eval: ${(error as Error).message}\n`);
  process.exit(1);
}
