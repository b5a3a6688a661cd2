/**
 * NER accuracy on the development sets: exact-span precision / recall / F1 per type and micro-averaged, on
 * UNER English-EWT dev and on the GUM dev news documents (GUM entity annotations converted to PER/ORG/LOC the
 * same way as for training, see src/models/ner/data.ts). Backs `npm run eval`.
 */

import { EntityTagger } from '../models/ner/ner.js';
import { formatScores, type SpanScores } from '../models/ner/score.js';
import { loadNerDevSets, scoreTagger } from '../models/ner/train.js';

export interface NerReport {
  /** UNER English-EWT dev. */
  uner: SpanScores;
  /** GUM dev documents whose id starts with GUM_news. */
  gumNews: SpanScores;
  /** Tagging speed on UNER dev, tokens per second (one core). */
  tokensPerSecond: number;
}

export function evaluateNer(corporaDir: string, modelsDir: string): NerReport {
  const tagger = EntityTagger.load(modelsDir);
  const dev = loadNerDevSets(corporaDir);
  const t0 = process.hrtime.bigint();
  const uner = scoreTagger(tagger, dev.uner);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const gumNews = scoreTagger(tagger, dev.gumNews);
  return { uner, gumNews, tokensPerSecond: Math.round(uner.tokens / seconds) };
}

export function formatNerReport(r: NerReport): string {
  return [
    'NER (exact-span, micro-averaged)',
    formatScores('UNER English-EWT dev', r.uner),
    formatScores('GUM dev news documents', r.gumNews),
    `speed (with scoring): ${r.tokensPerSecond.toLocaleString('en-US')} tokens/s`,
  ].join('\n');
}
