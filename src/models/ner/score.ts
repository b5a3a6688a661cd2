/** Exact-span precision / recall / F1 for IOB2 entity tagging (CoNLL-style micro average). */

import { spansFromTags } from './ner.js';

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SpanScores {
  micro: PRF;
  byType: Record<string, PRF>;
  sentences: number;
  tokens: number;
}

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Accumulates span matches over sentences. */
export class SpanScorer {
  private readonly counts = new Map<string, { tp: number; fp: number; fn: number }>();
  private sentences = 0;
  private tokens = 0;

  add(gold: readonly string[], pred: readonly string[]): void {
    this.sentences++;
    this.tokens += gold.length;
    const key = (s: { type: string; start: number; end: number }): string => `${s.type}:${s.start}:${s.end}`;
    const g = new Set(spansFromTags(gold).map(key));
    const p = new Set(spansFromTags(pred).map(key));
    const c = (type: string): { tp: number; fp: number; fn: number } => {
      let v = this.counts.get(type);
      if (!v) this.counts.set(type, (v = { tp: 0, fp: 0, fn: 0 }));
      return v;
    };
    for (const s of p) {
      const type = s.split(':')[0];
      if (g.has(s)) c(type).tp++;
      else c(type).fp++;
    }
    for (const s of g) if (!p.has(s)) c(s.split(':')[0]).fn++;
  }

  result(): SpanScores {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const byType: Record<string, PRF> = {};
    for (const type of [...this.counts.keys()].sort()) {
      const v = this.counts.get(type)!;
      byType[type] = prf(v.tp, v.fp, v.fn);
      tp += v.tp;
      fp += v.fp;
      fn += v.fn;
    }
    return { micro: prf(tp, fp, fn), byType, sentences: this.sentences, tokens: this.tokens };
  }
}

export function formatScores(name: string, s: SpanScores): string {
  const row = (label: string, v: PRF): string =>
    `  ${label.padEnd(6)} P ${(100 * v.precision).toFixed(1).padStart(5)}  R ${(100 * v.recall).toFixed(1).padStart(5)}  F1 ${(100 * v.f1).toFixed(1).padStart(5)}  (tp ${v.tp}, fp ${v.fp}, fn ${v.fn})`;
  const lines = [`${name}: ${s.sentences} sentences, ${s.tokens} tokens`];
  for (const [t, v] of Object.entries(s.byType)) lines.push(row(t, v));
  lines.push(row('micro', s.micro));
  return lines.join('\n');
}
