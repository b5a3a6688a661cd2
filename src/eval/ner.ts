/**
 * NER accuracy on the development sets: exact-span precision / recall / F1 per type and micro-averaged, on
 * UNER English-EWT dev and on the GUM dev news documents (GUM entity annotations converted to PER/ORG/LOC the
 * same way as for training, see src/models/ner/data.ts). A model trained with UPOS features is given the tags
 * predicted by the trained POS tagger (models/tagger.bin), as at run time; gold tags are never used.
 * Backs `npm run eval`.
 */

import { EntityTagger } from '../models/ner/ner.js';
import { formatScores, type SpanScores } from '../models/ner/score.js';
import { loadNerDevSets, scoreTagger } from '../models/ner/train.js';
import { Tagger } from '../models/tagger/tagger.js';

export interface NerReport {
  /** UNER English-EWT dev. */
  uner: SpanScores;
  /** GUM dev documents whose id starts with GUM_news. */
  gumNews: SpanScores;
  /** UNER dev without POS tags (the fallback when a caller gives none); null for a model without POS features. */
  unerNoPos: SpanScores | null;
  /** Tagging speed of the entity tagger alone on UNER dev, tokens per second (one core, best of 3). */
  tokensPerSecond: number;
  /** Milliseconds to load the entity tagger (weights and gazetteer). */
  loadMilliseconds: number;
}

export function evaluateNer(corporaDir: string, modelsDir: string): NerReport {
  const t0 = process.hrtime.bigint();
  const tagger = EntityTagger.load(modelsDir);
  const loadMilliseconds = Math.round(Number(process.hrtime.bigint() - t0) / 1e6);
  const posTagger = tagger.usesPos ? Tagger.load(modelsDir) : undefined;
  const dev = loadNerDevSets(corporaDir, undefined, posTagger);
  const uner = scoreTagger(tagger, dev.uner);
  const gumNews = scoreTagger(tagger, dev.gumNews);
  const unerNoPos = posTagger ? scoreTagger(tagger, dev.uner.map((s) => ({ ...s, upos: undefined }))) : null;
  let tokensPerSecond = 0;
  for (let run = 0; run < 3; run++) {
    const t1 = process.hrtime.bigint();
    let tokens = 0;
    for (const s of dev.uner) {
      tagger.tag(s.words, s.upos);
      tokens += s.words.length;
    }
    const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
    tokensPerSecond = Math.max(tokensPerSecond, Math.round(tokens / seconds));
  }
  return { uner, gumNews, unerNoPos, tokensPerSecond, loadMilliseconds };
}

export function formatNerReport(r: NerReport): string {
  return [
    'NER (exact-span, micro-averaged)',
    formatScores('UNER English-EWT dev', r.uner),
    formatScores('GUM dev news documents', r.gumNews),
    ...(r.unerNoPos ? [`UNER dev without POS tags: F1 ${(100 * r.unerNoPos.micro.f1).toFixed(1)}`] : []),
    `speed: ${r.tokensPerSecond.toLocaleString('en-US')} tokens/s (entity tagger alone, POS tags given); load ${r.loadMilliseconds} ms`,
  ].join('\n');
}
