/**
 * Named-entity tagger (PER, ORG, LOC) for news: an averaged-perceptron sequence model over word, shape,
 * affix, context and gazetteer features, decoded under the IOB2 constraint. Weights are models/ner.bin and
 * the compiled gazetteer models/ner-gazetteer.json.gz, both produced by train.ts; nothing else is read.
 *
 *   const ner = EntityTagger.load(modelsDir);
 *   const { tags, confidence } = ner.tag(['President', 'Joe', 'Biden', 'spoke', '.']);
 *   spansFromTags(tags) // [{ type: 'PER', start: 1, end: 3 }]
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFeatures, FEATURE_VERSION } from './features.js';
import { Gazetteer } from './gazetteer.js';
import { NerDecoder, readNerModel, toIob2, type NerHeader } from './model.js';

export const NER_MODEL_FILE = 'ner.bin';

export interface NerResult {
  /** One IOB2 tag per word (B-PER, I-ORG, O, …), always well formed. */
  tags: string[];
  /** Confidence of each tag, in [0, 1]. */
  confidence: number[];
}

export interface EntitySpan {
  type: string;
  /** Token index of the first word. */
  start: number;
  /** Token index after the last word (exclusive). */
  end: number;
}

export class EntityTagger {
  private readonly decoder: NerDecoder;

  constructor(
    readonly header: NerHeader,
    decoder: NerDecoder,
    readonly gazetteer: Gazetteer,
  ) {
    this.decoder = decoder;
  }

  /** Loads models/ner.bin and its gazetteer from `modelsDir`. */
  static load(modelsDir: string): EntityTagger {
    const { header, model } = readNerModel(readFileSync(join(modelsDir, NER_MODEL_FILE)));
    if (header.featureVersion !== FEATURE_VERSION) {
      throw new Error(`ner.bin was trained with feature version ${header.featureVersion}, this code expects ${FEATURE_VERSION}: retrain`);
    }
    const gazetteer = Gazetteer.fromGzip(readFileSync(join(modelsDir, header.gazetteerFile)));
    return new EntityTagger(header, new NerDecoder(model, header.tags), gazetteer);
  }

  /**
   * Tags one sentence of words. `upos` (UD part-of-speech tags, one per word) is optional; it is used only by
   * a model trained with it (header.usesPos) and ignored otherwise.
   */
  tag(words: readonly string[], upos?: readonly string[]): NerResult {
    const n = words.length;
    if (n === 0) return { tags: [], confidence: [] };
    const feats = extractFeatures(words, this.gazetteer, this.header.usesPos ? upos : undefined);
    const em = this.decoder.emissions(feats.ids, feats.offsets, n);
    const pen = this.header.oPenalty ?? 0;
    if (pen !== 0) for (let i = 0; i < n; i++) em[i * this.decoder.k] -= pen;
    const path = this.decoder.decode(em, n, this.header.decoder);
    const confidence = this.decoder.confidences(em, path, n, this.header.temperature);
    const tags = repairIob(Array.from(path, (c) => toIob2(this.header.tags[c])));
    return { tags, confidence };
  }
}

/** Makes a tag sequence well formed: an I-X not preceded by B-X or I-X becomes B-X. */
export function repairIob(tags: string[]): string[] {
  let prev = 'O';
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t.startsWith('I-') && (prev === 'O' || prev.slice(2) !== t.slice(2))) tags[i] = 'B-' + t.slice(2);
    prev = tags[i];
  }
  return tags;
}

/** Entity spans of an IOB2 (or IOB1-ish) tag sequence; an I-X after a different type starts a new span. */
export function spansFromTags(tags: readonly string[]): EntitySpan[] {
  const spans: EntitySpan[] = [];
  let cur: EntitySpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t === 'O' || t === '' || !(t.startsWith('B-') || t.startsWith('I-'))) {
      if (cur) spans.push(cur);
      cur = null;
      continue;
    }
    const type = t.slice(2);
    if (t.startsWith('B-') || !cur || cur.type !== type) {
      if (cur) spans.push(cur);
      cur = { type, start: i, end: i + 1 };
    } else {
      cur.end = i + 1;
    }
  }
  if (cur) spans.push(cur);
  return spans;
}
