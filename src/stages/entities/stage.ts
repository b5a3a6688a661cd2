import type { Stage } from '../../pipeline/stage.js';
import type { Entity, EntityType } from '../../core/layers.js';
import { spansFromTags } from '../../models/ner/ner.js';
import { normsOf, uposOf } from '../../pipeline/columns.js';

/** Model labels → output-contract entity types. */
const TYPES: Record<string, EntityType> = { PER: 'PERSON', PERSON: 'PERSON', ORG: 'ORG', LOC: 'LOC', GPE: 'GPE', NORP: 'NORP' };

/**
 * Named entities from the trained tagger, run over the whole document at once (its features remember
 * how a name was tagged earlier in the story); spans are the character offsets of their tokens.
 */
export const entitiesStage: Stage = {
  name: 'entities',
  version: '1.0.0',
  reads: ['sentences', 'tokens', 'pos'],
  writes: ['entities'],
  run(doc, resources) {
    const tokens = doc.get('tokens');
    const pos = doc.get('pos').items;
    const sentences = doc.get('sentences');
    const input: Array<{ words: string[]; upos: string[] }> = [];
    for (const s of sentences) input.push({ words: normsOf(tokens, s.tokenStart, s.tokenEnd), upos: uposOf(pos, s.tokenStart, s.tokenEnd) });
    const results = resources.models.ner.tagDocument(input);
    const entities: Entity[] = [];
    const version = resources.models.versions.ner;
    for (let si = 0; si < sentences.length; si++) {
      const sentence = sentences[si];
      const from = sentence.tokenStart;
      const result = results[si];
      for (const span of spansFromTags(result.tags)) {
        const first = tokens[from + span.start];
        const last = tokens[from + span.end - 1];
        let confidence = 1;
        for (let i = span.start; i < span.end; i++) confidence = Math.min(confidence, result.confidence[i]);
        entities.push({
          id: `e${entities.length + 1}`,
          type: TYPES[span.type] ?? 'OTHER',
          text: doc.text.slice(first.start, last.end),
          start: first.start,
          end: last.end,
          prov: { stage: 'entities', model: 'ner', version, confidence: Math.round(confidence * 1000) / 1000 },
        });
      }
    }
    return { layers: { entities } };
  },
};
