import type { Stage } from '../../pipeline/stage.js';
import type { PosTag } from '../../core/layers.js';
import { normsOf } from '../../pipeline/columns.js';

/** Part of speech (UPOS, PTB XPOS) and lemma for every token, sentence by sentence. */
export const tagStage: Stage = {
  name: 'tag',
  version: '1.0.0',
  reads: ['sentences', 'tokens'],
  writes: ['pos'],
  run(doc, resources) {
    const tokens = doc.get('tokens');
    const items: PosTag[] = new Array(tokens.length);
    for (const sentence of doc.get('sentences')) {
      const words = normsOf(tokens, sentence.tokenStart, sentence.tokenEnd);
      const tagged = resources.models.tagger.tag(words);
      for (let i = 0; i < words.length; i++) {
        items[sentence.tokenStart + i] = { upos: tagged.upos[i], xpos: tagged.xpos[i], lemma: tagged.lemma[i] };
      }
    }
    return { layers: { pos: { items, prov: { stage: 'tag', model: 'tagger', version: resources.models.versions.tagger } } } };
  },
};
