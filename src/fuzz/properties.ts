/**
 * Properties of the whole `code` path and of every stage's layer, checked on generated text:
 *   - coding never throws;
 *   - every span is in bounds and equals its text slice (stage layers via `annotate`, contract via `code`);
 *   - tokens are ordered, disjoint and inside their sentences;
 *   - coding is deterministic, and coding in a batch gives what coding alone gives.
 */
import fc from 'fast-check';
import type { Doc } from '../core/document.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { spanProblems } from '../pipeline/spans.js';
import { anyText, publishedDate } from './arbitraries.js';

/** Span problems of the internal layers, stage by stage (tokens, sentences, mentions, dateline). */
export function layerProblems(doc: Doc): string[] {
  const problems: string[] = [];
  const n = doc.text.length;
  const inBounds = (where: string, start: number, end: number, text?: string): void => {
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= n)) problems.push(`${where}: bad span [${start}, ${end})`);
    else if (text !== undefined && doc.text.slice(start, end) !== text) problems.push(`${where}: text differs from its slice`);
  };
  const tokens = doc.getOr('tokens', []);
  let previousEnd = 0;
  tokens.forEach((t, i) => {
    inBounds(`token ${i}`, t.start, t.end, t.text);
    if (t.start < previousEnd) problems.push(`token ${i}: overlaps the token before`);
    if (t.end === t.start) problems.push(`token ${i}: empty`);
    previousEnd = t.end;
  });
  doc.getOr('sentences', []).forEach((s, i) => {
    inBounds(`sentence ${i}`, s.start, s.end);
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const t = tokens[k];
      if (!t || t.sentence !== i || t.start < s.start || t.end > s.end) problems.push(`sentence ${i}: token ${k} is not inside it`);
    }
  });
  const pos = doc.getOr('pos', { items: [], prov: { stage: '', version: '' } }).items;
  const deps = doc.getOr('deps', { items: [], prov: { stage: '', version: '' } }).items;
  if (doc.has('pos') && pos.length !== tokens.length) problems.push('pos layer is not parallel to tokens');
  if (doc.has('deps') && deps.length !== tokens.length) problems.push('deps layer is not parallel to tokens');
  deps.forEach((d, i) => {
    if (d.head >= tokens.length || d.head < -1 || (d.head >= 0 && tokens[d.head].sentence !== tokens[i].sentence)) problems.push(`token ${i}: head ${d.head} outside its sentence`);
  });
  for (const m of doc.getOr('mentions', [])) inBounds(`mention ${m.id}`, m.start, m.end, m.text);
  const dateline = doc.getOr('dateline', null);
  if (dateline) inBounds('dateline', dateline.start, dateline.end, dateline.text);
  return problems;
}

export interface FuzzCounts {
  cases: number;
}

/** Runs every property `runs` times; throws (with fast-check's shrunk counterexample) on the first failure. */
export function checkProperties(pipeline: Pipeline, runs: number, seed?: number, counts: FuzzCounts = { cases: 0 }): FuzzCounts {
  const params = { numRuns: runs, ...(seed !== undefined ? { seed } : {}) };
  fc.assert(
    fc.property(anyText, publishedDate, (text, published) => {
      counts.cases++;
      const doc = pipeline.annotate(text, published ? { published } : {});
      const problems = layerProblems(doc);
      if (problems.length > 0) throw new Error(problems.slice(0, 5).join('; '));
    }),
    params,
  );
  fc.assert(
    fc.property(anyText, publishedDate, (text, published) => {
      counts.cases++;
      const a = pipeline.code(text, published ? { published, id: 'x' } : { id: 'x' });
      const problems = spanProblems(a);
      if (problems.length > 0) throw new Error(problems.slice(0, 5).join('; '));
      const b = pipeline.code(text, published ? { published, id: 'x' } : { id: 'x' });
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('coding the same text twice gave different results');
    }),
    params,
  );
  fc.assert(
    fc.property(fc.array(fc.tuple(anyText, publishedDate), { minLength: 1, maxLength: 6 }), (items) => {
      counts.cases += items.length;
      const opts = items.map(([, published], i) => (published ? { published, id: `d${i}` } : { id: `d${i}` }));
      const batch = pipeline.codeBatch(items.map(([text], i) => ({ text, options: opts[i] })));
      items.forEach(([text], i) => {
        if (JSON.stringify(batch[i]) !== JSON.stringify(pipeline.code(text, opts[i]))) throw new Error(`document ${i}: batch coding differs from coding alone`);
      });
    }),
    { ...params, numRuns: Math.max(1, Math.round(runs / 4)) },
  );
  return counts;
}
