import type { Stage } from '../../pipeline/stage.js';
import { segment } from './sentences.js';

export const segmentStage: Stage = {
  name: 'segment',
  version: '1.0.0',
  reads: ['dateline'],
  writes: ['sentences', 'tokens'],
  run(doc, resources) {
    const dateline = doc.get('dateline');
    const { sentences, tokens } = segment(doc.text, dateline ? dateline.end : 0, resources.segment);
    const prov = { stage: 'segment', rule: 'ud-english-rules', version: '1.0.0' };
    return { layers: { sentences: sentences.map((s) => ({ ...s, prov })), tokens } };
  },
};
