import { readFileSync } from 'node:fs';
import { annotateConllu } from '../../models/conllu-annotate.js';
import { annotateIob } from '../../models/ner/iob.js';
import { EntityTagger } from '../../models/ner/ner.js';
import { Parser } from '../../models/parser/parser.js';
import { Tagger } from '../../models/tagger/tagger.js';

/**
 * `herodotus annotate --from conllu|iob FILE`: the user's own gold file with our predictions, for their
 * own evaluation. CoNLL-U keeps every line and token and replaces UPOS, XPOS, HEAD and DEPREL; IOB adds one
 * last column with the predicted tag.
 */
export function runAnnotate(from: 'conllu' | 'iob', file: string, modelsDir: string): string {
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  if (from === 'conllu') return annotateConllu(text, Tagger.load(modelsDir), Parser.load(modelsDir));
  return annotateIob(text, EntityTagger.load(modelsDir));
}
