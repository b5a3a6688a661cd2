/**
 * Syntax evaluation on the UD dev sets (EWT and GUM permissive): tagger UPOS/XPOS accuracy, and parser
 * UAS/LAS on predicted tags (the figure that counts) and on gold tags (for reference). Gold
 * tokenisation; punctuation included; LAS compares full relation names (with subtypes).
 * Backs `npm run eval`.
 */

import { join } from 'node:path';
import { AttachmentScore, loadTreebank } from '../models/parser/data.js';
import { Parser } from '../models/parser/parser.js';
import { Tagger } from '../models/tagger/tagger.js';

export interface SyntaxSetReport {
  name: string;
  file: string;
  sentences: number;
  tokens: number;
  upos: number;
  xpos: number;
  /** Parser on the tagger's tags. */
  uas: number;
  las: number;
  /** Parser on gold tags. */
  goldTagsUas: number;
  goldTagsLas: number;
  /** Tokens per second of parsing alone, one cold pass over the set with predicted tags (no warm-up). */
  parseTokensPerSecond: number;
}

export interface SyntaxReport {
  sets: SyntaxSetReport[];
  notes: string;
}

export const SYNTAX_DEV_SETS: ReadonlyArray<{ name: string; path: string }> = [
  { name: 'ewt-dev', path: join('ud-english-ewt', 'en_ewt-ud-dev.conllu') },
  { name: 'gum-dev', path: join('ud-english-gum', 'en_gum-ud-dev.permissive.conllu') },
];

export function evaluateSyntax(corporaDir: string, modelsDir: string): SyntaxReport {
  const tagger = Tagger.load(modelsDir);
  const parser = Parser.load(modelsDir);
  const sets: SyntaxSetReport[] = [];
  for (const set of SYNTAX_DEV_SETS) {
    const file = join(corporaDir, set.path);
    const sents = loadTreebank(file);
    let tokens = 0;
    let upos = 0;
    let xpos = 0;
    const predicted = new AttachmentScore();
    const gold = new AttachmentScore();
    let parseMs = 0;
    for (const s of sents) {
      const tags = tagger.tag(s.forms);
      for (let i = 0; i < s.forms.length; i++) {
        tokens++;
        if (tags.upos[i] === s.upos[i]) upos++;
        if (tags.xpos[i] === s.xpos[i]) xpos++;
      }
      const t0 = performance.now();
      const p = parser.parse(s.forms, tags.upos, tags.xpos);
      parseMs += performance.now() - t0;
      predicted.add(s.heads, s.deprels, p.head, p.deprel);
      const g = parser.parse(s.forms, s.upos, s.xpos);
      gold.add(s.heads, s.deprels, g.head, g.deprel);
    }
    sets.push({
      name: set.name,
      file: set.path,
      sentences: sents.length,
      tokens,
      upos: tokens ? upos / tokens : 0,
      xpos: tokens ? xpos / tokens : 0,
      uas: predicted.uas,
      las: predicted.las,
      goldTagsUas: gold.uas,
      goldTagsLas: gold.las,
      parseTokensPerSecond: parseMs > 0 ? Math.round(tokens / (parseMs / 1000)) : 0,
    });
  }
  return {
    sets,
    notes: 'gold tokenisation; UAS/LAS include punctuation; LAS compares full relation names (with subtypes)',
  };
}

export function formatSyntaxReport(r: SyntaxReport): string {
  const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
  const lines = [
    'Syntax (UD dev sets): tagger accuracy, parser on predicted tags, parser on gold tags',
    'set       sentences  tokens    UPOS    XPOS     UAS     LAS  | gold-tag UAS     LAS  | parse tok/s (1 cold pass)',
  ];
  for (const s of r.sets) {
    lines.push(
      `${s.name.padEnd(9)} ${String(s.sentences).padStart(9)} ${String(s.tokens).padStart(7)} ${pct(s.upos)}  ${pct(s.xpos)}  ${pct(s.uas)}  ${pct(s.las)}  |       ${pct(s.goldTagsUas)}  ${pct(s.goldTagsLas)}  | ${String(s.parseTokensPerSecond).padStart(10)}`,
    );
  }
  lines.push(`(${r.notes})`);
  return lines.join('\n');
}
