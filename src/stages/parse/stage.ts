import type { Stage } from '../../pipeline/stage.js';
import type { Dependency } from '../../core/layers.js';

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
      const words = tokens.slice(from, sentence.tokenEnd).map((t) => t.norm);
      const tags = pos.slice(from, sentence.tokenEnd);
      const tree = resources.models.parser.parse(words, tags.map((t) => t.upos), tags.map((t) => t.xpos));
      for (let i = 0; i < words.length; i++) {
        items[from + i] = { head: tree.head[i] === 0 ? -1 : from + tree.head[i] - 1, deprel: tree.deprel[i] };
      }
    }
    return { layers: { deps: { items, prov: { stage: 'parse', model: 'parser', version: resources.models.versions.parser } } } };
  },
};
