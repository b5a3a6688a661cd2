import { diagnostic } from '../../core/diagnostics.js';
import type { Stage } from '../../pipeline/stage.js';
import { findDateline } from './find.js';

export const datelineStage: Stage = {
  name: 'dateline',
  version: '1.0.0',
  reads: [],
  writes: ['dateline'],
  run(doc) {
    const found = findDateline(doc.text);
    if (!found) return { layers: { dateline: null } };
    return {
      layers: {
        dateline: {
          text: found.text,
          start: found.start,
          end: found.end,
          ...(found.agency ? { agency: found.agency } : {}),
          prov: { stage: 'dateline', rule: found.agency ? 'place-agency-dash' : 'caps-place-dash', version: '1.0.0', confidence: 0.9 },
        },
      },
      diagnostics: [diagnostic('DATELINE_FOUND', 'dateline', `dateline "${found.text}" (place ${found.place}${found.agency ? `, agency ${found.agency}` : ''})`, found)],
    };
  },
};
