import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stage } from '../../pipeline/stage.js';
import { findQuotes } from './find.js';

/**
 * Quotations with their speakers (`speakerText` and its span; `speaker`, an actor id, comes with actor coding).
 * `dataDir` holds the compiled speech-verb list (dist/data/quotes/speech-verbs.json).
 */
export function createQuotesStage(options: { dataDir: string }): Stage {
  const path = join(options.dataDir, 'quotes', 'speech-verbs.json');
  if (!existsSync(path)) throw new Error(`missing compiled lexicon ${path} — run \`npm run build\``);
  const speechVerbs = new Set((JSON.parse(readFileSync(path, 'utf8')) as string[][]).map((row) => row[0]));
  return {
    name: 'quotes',
    version: '1.0.0',
    reads: ['sentences', 'tokens', 'pos', 'deps', 'entities'],
    writes: ['quotes'],
    run(doc) {
      const quotes = findQuotes(
        { text: doc.text, tokens: doc.get('tokens'), pos: doc.get('pos').items, deps: doc.get('deps').items, entities: doc.get('entities'), speechVerbs },
        (n) => `q${n}`,
      );
      return { layers: { quotes } };
    },
  };
}
