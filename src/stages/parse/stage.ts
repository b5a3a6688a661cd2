import type { Stage } from '../../pipeline/stage.js';
import type { Dependency } from '../../core/layers.js';
import { normsOf, uposOf, xposOf } from '../../pipeline/columns.js';

/** Labelled dependency tree per sentence; heads are token indices into the document's tokens layer. */
export const parseStage: Stage = {
  name: 'parse',
  version: '1.0.0',
  reads: ['sentences', 'tokens', 'pos'],
  writes: ['deps'],
  run(doc, resources) {
    const tokens = doc.get('tokens');
    const pos = doc.get('pos').items;
    const items: Dependency[] = new Array(tokens.length);
    for (const sentence of doc.get('sentences')) {
      const from = sentence.tokenStart;
      const words = normsOf(tokens, from, sentence.tokenEnd);
      const tree = resources.models.parser.parse(words, uposOf(pos, from, sentence.tokenEnd), xposOf(pos, from, sentence.tokenEnd));
      for (let i = 0; i < words.length; i++) {
        items[from + i] = { head: tree.head[i] === 0 ? -1 : from + tree.head[i] - 1, deprel: tree.deprel[i] };
      }
    }
    return { layers: { deps: { items, prov: { stage: 'parse', model: 'parser', version: resources.models.versions.parser } } } };
  },
};
