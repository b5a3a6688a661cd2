/**
 * Re-annotates a CoNLL-U file with the project's own tagger and parser. Every line of the input is kept
 * in place (comments, multiword-token lines `1-2`, empty nodes `1.1`, blank lines between sentences);
 * on word lines only UPOS (column 4), XPOS (5), HEAD (7) and DEPREL (8) are replaced. FORM (column 2)
 * and every other column stay as they were. Backs `herodotus annotate --from conllu FILE`.
 */

import { readConllu } from './conllu.js';
import type { Parser } from './parser/parser.js';

/** What annotateConllu needs from the POS tagger (satisfied by tagger/tagger.ts's Tagger). */
export interface PosTagger {
  tag(words: readonly string[]): { upos: string[]; xpos: string[] };
}

export function annotateConllu(text: string, tagger: PosTagger, parser: Parser): string {
  const out: string[] = [];
  for (const sent of readConllu(text)) {
    if (out.length > 0) out.push('');
    const lines = sent.lines.slice();
    if (sent.words.length > 0) {
      const forms = sent.words.map((w) => w.form);
      const tags = tagger.tag(forms);
      const tree = parser.parse(forms, tags.upos, tags.xpos);
      sent.words.forEach((w, i) => {
        const cols = lines[w.line].split('\t');
        cols[3] = tags.upos[i];
        cols[4] = tags.xpos[i];
        cols[6] = String(tree.head[i]);
        cols[7] = tree.deprel[i];
        lines[w.line] = cols.join('\t');
      });
    }
    out.push(...lines);
  }
  // CoNLL-U ends every sentence (the last one included) with a blank line.
  return out.length > 0 ? out.join('\n') + '\n\n' : '';
}
