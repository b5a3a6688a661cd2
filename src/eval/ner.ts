/**
 * NER accuracy on the development sets: exact-span precision / recall / F1 per type and micro-averaged, on
 * UNER English-EWT dev and on the GUM dev news documents (GUM entity annotations converted to PER/ORG/LOC the
 * same way as for training, see src/models/ner/data.ts). A model trained with UPOS features is given the tags
 * predicted by the trained POS tagger (models/tagger.bin), as at run time; gold tags are never used.
 * Backs `npm run eval`.
 */

import { EntityTagger } from '../models/ner/ner.js';
import { formatScores, type SpanScores } from '../models/ner/score.js';
import { groupDocuments, loadNerDevSets, scoreTagger, scoreTaggerDocuments } from '../models/ner/train.js';
import { Tagger } from '../models/tagger/tagger.js';

export interface NerReport {
  /** UNER English-EWT dev, document by document (EntityTagger.tagDocument, as the pipeline tags). */
  uner: SpanScores;
  /** UNER English-EWT dev, sentence by sentence (EntityTagger.tag, no document context). */
  unerSentences: SpanScores;
  /** GUM dev documents whose id starts with GUM_news. */
  gumNews: SpanScores;
  /** UNER dev without POS tags (the fallback when a caller gives none); null for a model without POS features. */
  unerNoPos: SpanScores | null;
  /** Tagging speed of the entity tagger alone on UNER dev, tokens per second (one core, best of 3), tag(). */
  tokensPerSecond: number;
  /** The same with tagDocument over each document. */
  documentTokensPerSecond: number;
  /** Milliseconds to load the entity tagger (weights and gazetteer). */
  loadMilliseconds: number;
}

export function evaluateNer(corporaDir: string, modelsDir: string): NerReport {
  const t0 = process.hrtime.bigint();
  const tagger = EntityTagger.load(modelsDir);
  const loadMilliseconds = Math.round(Number(process.hrtime.bigint() - t0) / 1e6);
  const posTagger = tagger.usesPos ? Tagger.load(modelsDir) : undefined;
  const dev = loadNerDevSets(corporaDir, undefined, posTagger);
  const uner = scoreTaggerDocuments(tagger, dev.uner);
  const unerSentences = scoreTagger(tagger, dev.uner);
  const gumNews = scoreTaggerDocuments(tagger, dev.gumNews);
  const unerNoPos = posTagger ? scoreTaggerDocuments(tagger, dev.uner.map((s) => ({ ...s, upos: undefined }))) : null;
  const docs = groupDocuments(dev.uner);
  const speed = (run: () => void): number => {
    let tokens = 0;
    for (const s of dev.uner) tokens += s.words.length;
    let best = 0;
    for (let r = 0; r < 3; r++) {
      const t1 = process.hrtime.bigint();
      run();
      best = Math.max(best, Math.round(tokens / (Number(process.hrtime.bigint() - t1) / 1e9)));
    }
    return best;
  };
  const tokensPerSecond = speed(() => {
    for (const s of dev.uner) tagger.tag(s.words, s.upos);
  });
  const documentTokensPerSecond = speed(() => {
    for (const d of docs) tagger.tagDocument(d);
  });
  return { uner, unerSentences, gumNews, unerNoPos, tokensPerSecond, documentTokensPerSecond, loadMilliseconds };
}

export function formatNerReport(r: NerReport): string {
  return [
    'NER (exact-span, micro-averaged)',
    formatScores('UNER English-EWT dev (by document)', r.uner),
    `UNER English-EWT dev sentence by sentence: F1 ${(100 * r.unerSentences.micro.f1).toFixed(1)}`,
    formatScores('GUM dev news documents', r.gumNews),
    ...(r.unerNoPos ? [`UNER dev without POS tags: F1 ${(100 * r.unerNoPos.micro.f1).toFixed(1)}`] : []),
    `speed: ${r.tokensPerSecond.toLocaleString('en-US')} tokens/s by sentence, ${r.documentTokensPerSecond.toLocaleString('en-US')} by document (entity tagger alone); load ${r.loadMilliseconds} ms`,
  ].join('\n');
}
