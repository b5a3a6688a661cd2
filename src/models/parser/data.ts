/** Treebank loading and attachment scoring shared by the parser's trainer, tests and evaluation. */

import { readFileSync } from 'node:fs';
import { readConllu } from '../conllu.js';

export interface TreebankSentence {
  forms: string[];
  lemmas: string[];
  upos: string[];
  xpos: string[];
  /** 1-based, 0 = root. */
  heads: number[];
  deprels: string[];
}

/** Reads the syntactic words of every sentence (multiword and empty-node lines are skipped). */
export function loadTreebank(path: string): TreebankSentence[] {
  const out: TreebankSentence[] = [];
  for (const sent of readConllu(readFileSync(path, 'utf8'))) {
    if (sent.words.length === 0) continue;
    out.push({
      forms: sent.words.map((w) => w.form),
      lemmas: sent.words.map((w) => w.lemma),
      upos: sent.words.map((w) => w.upos),
      xpos: sent.words.map((w) => w.xpos),
      heads: sent.words.map((w) => w.head),
      deprels: sent.words.map((w) => w.deprel),
    });
  }
  return out;
}

/** Running counts for UAS / LAS. Punctuation is included; LAS compares full labels (with subtypes). */
export class AttachmentScore {
  tokens = 0;
  heads = 0;
  labelled = 0;
  /** Head correct and label correct up to the subtype (e.g. nsubj:pass ~ nsubj). */
  labelledUniversal = 0;

  add(goldHeads: readonly number[], goldRels: readonly string[], head: readonly number[], rel: readonly string[]): void {
    for (let i = 0; i < goldHeads.length; i++) {
      this.tokens++;
      if (goldHeads[i] !== head[i]) continue;
      this.heads++;
      if (goldRels[i] === rel[i]) this.labelled++;
      if (goldRels[i].split(':')[0] === rel[i].split(':')[0]) this.labelledUniversal++;
    }
  }

  get uas(): number {
    return this.tokens ? this.heads / this.tokens : 0;
  }
  get las(): number {
    return this.tokens ? this.labelled / this.tokens : 0;
  }
  get lasUniversal(): number {
    return this.tokens ? this.labelledUniversal / this.tokens : 0;
  }
}
