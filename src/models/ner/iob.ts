/**
 * Annotates a CoNLL-style IOB file (one token per line, first column the token, last column the gold tag,
 * blank lines between sentences) with the tagger's prediction as one extra tab-separated last column.
 * `-DOCSTART-` lines and `#` comment lines are passed through unchanged (and end the current sentence).
 * Backs `herodotus annotate --from iob FILE`.
 */

import type { EntityTagger } from './ner.js';

export function annotateIob(text: string, tagger: EntityTagger): string {
  const lines = text.split(/\r?\n/);
  const out = new Array<string>(lines.length);
  let pending: number[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const words = pending.map((li) => lines[li].split(/[\t ]+/)[0]);
    const { tags } = tagger.tag(words);
    pending.forEach((li, j) => {
      out[li] = lines[li] + '\t' + tags[j];
    });
    pending = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.startsWith('-DOCSTART-') || line.startsWith('#')) {
      flush();
      out[i] = line;
      continue;
    }
    pending.push(i);
  }
  flush();
  return out.join('\n');
}
