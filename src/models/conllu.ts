/**
 * CoNLL-U reading (https://universaldependencies.org/format.html). Keeps each sentence's raw lines so
 * that a writer can reproduce the file with only some columns replaced. Multiword-token lines (`1-2`)
 * and empty nodes (`1.1`) are kept in `lines` but are not syntactic words, so they are not in `words`.
 */

export interface ConlluWord {
  /** 1-based word index within the sentence. */
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** 0 for the root. */
  head: number;
  deprel: string;
  deps: string;
  misc: string;
  /** Index of this word's line in `ConlluSentence.lines`. */
  line: number;
}

export interface ConlluSentence {
  comments: string[];
  words: ConlluWord[];
  /** Every line of the sentence block, comments included, without the trailing blank line. */
  lines: string[];
  /** 1-based line number of the block's first line in the file. */
  startLine: number;
}

/** Splits CoNLL-U text into sentences. Throws on a word line with fewer than 10 columns. */
export function* readConllu(text: string): Generator<ConlluSentence> {
  const all = text.split(/\r?\n/);
  let block: ConlluSentence = { comments: [], words: [], lines: [], startLine: 1 };
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    if (line.trim() === '') {
      if (block.lines.length > 0) yield block;
      block = { comments: [], words: [], lines: [], startLine: i + 2 };
      continue;
    }
    const index = block.lines.length;
    block.lines.push(line);
    if (line.startsWith('#')) {
      block.comments.push(line);
      continue;
    }
    const cols = line.split('\t');
    if (cols.length < 10) throw new Error(`CoNLL-U line ${i + 1}: expected 10 tab-separated columns, found ${cols.length}`);
    if (cols[0].includes('-') || cols[0].includes('.')) continue;
    block.words.push({
      id: Number(cols[0]),
      form: cols[1],
      lemma: cols[2],
      upos: cols[3],
      xpos: cols[4],
      feats: cols[5],
      head: cols[6] === '_' ? -1 : Number(cols[6]),
      deprel: cols[7],
      deps: cols[8],
      misc: cols[9],
      line: index,
    });
  }
  if (block.lines.length > 0) yield block;
}
